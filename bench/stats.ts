// Small statistics and formatting helpers for the benchmark.
import { performance } from 'node:perf_hooks';

export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

/** Nearest-rank percentile. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length - 1, Math.max(0, rank - 1))];
}

/**
 * Runs `fn` `runs` times after `warmup` runs and returns each duration in ms. No forced GC
 * between runs: a full collection before each run kept V8 from keeping the code warm (a 1,000-line
 * parse stayed at ~100 ms instead of ~15 ms).
 */
export function timeRuns(runs: number, fn: () => unknown, warmup = 3): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

export function ms(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  return x >= 100 ? `${x.toFixed(0)} ms` : x >= 10 ? `${x.toFixed(1)} ms` : `${x.toFixed(2)} ms`;
}

export function mb(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / (1024 * 1024)).toFixed(0)} MB` : 'n/a';
}

export function ratio(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  return x >= 10 ? `${x.toFixed(0)}x` : `${x.toFixed(2)}x`;
}

/** A plain-text table with aligned columns (Markdown-compatible). */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

/**
 * Times several functions in turn, run after run (the order rotating), so that each sees the same
 * state of a shared machine: a slow stretch lands on all of them instead of on whichever ran then.
 * Returns each function's durations in ms, after `warmup` rounds.
 */
export function timeInterleaved(runs: number, fns: readonly (() => unknown)[], warmup = 2): number[][] {
  for (let i = 0; i < warmup; i++) for (const fn of fns) fn();
  const out: number[][] = fns.map(() => []);
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < fns.length; k++) {
      const i = (k + r) % fns.length;
      const t = performance.now();
      fns[i]();
      out[i].push(performance.now() - t);
    }
  }
  return out;
}
