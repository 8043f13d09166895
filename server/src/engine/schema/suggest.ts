// "Did you mean …?": the one candidate closest to a misspelt key or value. A candidate qualifies when
// it differs only in case or separators, or within a small edit distance (transpositions count as
// one edit). Two equally close candidates mean no suggestion: a guess could pick the wrong field.

export interface Suggestion {
  value: string;
  /** True when the two differ only in letter case or in `-`/`_` separators. */
  caseOnly: boolean;
}

export function closest(word: string, candidates: readonly string[]): Suggestion | undefined {
  if (candidates.includes(word)) return undefined;
  const norm = (s: string): string => s.toLowerCase().replace(/[-_]/g, '');
  const w = norm(word);
  const sameButCase = candidates.filter((c) => norm(c) === w);
  if (sameButCase.length === 1) return { value: sameButCase[0], caseOnly: true };
  if (sameButCase.length > 1) return undefined;
  const limit = word.length <= 2 ? 0 : word.length <= 5 ? 1 : word.length <= 10 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const c of candidates) {
    if (Math.abs(c.length - word.length) > limit) continue;
    const d = editDistance(w, norm(c), limit);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) {
      tie = true;
    }
  }
  if (best === undefined || bestDistance > limit || tie) return undefined;
  return { value: best, caseOnly: false };
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), capped at limit + 1. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > limit) return limit + 1;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = new Array<number>(m + 1);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[m];
}
