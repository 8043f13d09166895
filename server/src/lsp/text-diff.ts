// Minimal edits between two versions of a text, for code actions that are computed as a whole new
// text (fix-all, harden). Replacing the whole document would move the user's cursor, fold state
// and markers and defeat undo granularity, so the result is a list of small edits: a line diff
// (Myers) of the part that differs, each hunk then trimmed to the characters that changed.
import type { Edit } from '../engine';

/** Above this many differing lines the diff is not worth it: one trimmed edit is returned. */
const MAX_DIFF_LINES = 20_000;
const MAX_EDIT_DISTANCE = 2_000;

export function diffEdits(before: string, after: string): Edit[] {
  if (before === after) return [];
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const aMid = a.slice(head, a.length - tail);
  const bMid = b.slice(head, b.length - tail);
  const aOffsets = lineOffsets(a);
  const bOffsets = lineOffsets(b);

  let hunks: Hunk[] | undefined;
  if (aMid.length + bMid.length <= MAX_DIFF_LINES) hunks = myers(aMid, bMid, MAX_EDIT_DISTANCE);
  if (!hunks) hunks = [{ aStart: 0, aEnd: aMid.length, bStart: 0, bEnd: bMid.length }];

  const edits: Edit[] = [];
  for (const h of hunks) {
    const start = aOffsets[head + h.aStart];
    const end = aOffsets[head + h.aEnd];
    const text = after.slice(bOffsets[head + h.bStart], bOffsets[head + h.bEnd]);
    for (const e of refineHunk(before, start, end, text)) {
      const t = trimEdit(before, e);
      if (t) edits.push(t);
    }
  }
  return edits;
}

/** Above this size a changed region is replaced as a whole. */
const MAX_REFINE_CHARS = 20_000;
const TOKEN = /[\p{L}\p{N}_]+|[^\S\n]+|[^]/gu;

/**
 * Splits a changed region into word-level edits, so that a line that changed next to inserted
 * lines (a value fixed and a block added below it) does not rewrite the comment at its end.
 * Tokens never split a surrogate pair.
 */
function refineHunk(before: string, start: number, end: number, text: string): Edit[] {
  const old = before.slice(start, end);
  if (old.length === 0 || text.length === 0 || old.length + text.length > MAX_REFINE_CHARS) return [{ start, end, text }];
  const a = old.match(TOKEN) ?? [];
  const b = text.match(TOKEN) ?? [];
  const hunks = myers(a, b, MAX_EDIT_DISTANCE);
  if (!hunks) return [{ start, end, text }];
  const aOff = lineOffsets(a);
  const bOff = lineOffsets(b);
  return hunks.map((h) => ({ start: start + aOff[h.aStart], end: start + aOff[h.aEnd], text: text.slice(bOff[h.bStart], bOff[h.bEnd]) }));
}

/**
 * Shrinks an edit to the characters it really changes (an engine fix may replace a whole scalar to
 * change one character). Never splits a UTF-16 surrogate pair. Undefined when the edit is a no-op.
 */
export function trimEdit(text: string, edit: Edit): Edit | undefined {
  const old = text.slice(edit.start, edit.end);
  if (old === edit.text) return undefined;
  const max = Math.min(old.length, edit.text.length);
  let p = 0;
  while (p < max && old.charCodeAt(p) === edit.text.charCodeAt(p)) p++;
  if (p > 0 && isHighSurrogate(old.charCodeAt(p - 1))) p--;
  let s = 0;
  while (s < max - p && old.charCodeAt(old.length - 1 - s) === edit.text.charCodeAt(edit.text.length - 1 - s)) s++;
  if (s > 0 && isLowSurrogate(old.charCodeAt(old.length - s))) s--;
  return { start: edit.start + p, end: edit.end - s, text: edit.text.slice(p, edit.text.length - s) };
}

interface Hunk {
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

/** Lines with their line ending kept, so that joining them gives the text back. */
function splitLines(text: string): string[] {
  const out: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const end = nl === -1 ? text.length : nl + 1;
    out.push(text.slice(pos, end));
    pos = end;
  }
  return out;
}

/** Start offsets of each piece (and the end), for lines or tokens. */
function lineOffsets(lines: string[]): number[] {
  const out = new Array<number>(lines.length + 1);
  out[0] = 0;
  for (let i = 0; i < lines.length; i++) out[i + 1] = out[i] + lines[i].length;
  return out;
}

/**
 * Myers' O((N+M)D) diff on lines; returns the changed regions, or undefined when the edit distance
 * exceeds `maxD`. Keeps one snapshot of the frontier per step to walk back (O(D^2) memory).
 */
function myers(a: string[], b: string[], maxD: number): Hunk[] | undefined {
  const n = a.length;
  const m = b.length;
  const limit = Math.min(n + m, maxD);
  const off = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= limit && found < 0; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[off + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return undefined;

  // Walk back from (n, m), collecting the non-diagonal moves as hunks (built in reverse).
  const hunks: Hunk[] = [];
  let x = n;
  let y = m;
  let open: Hunk | undefined;
  for (let d = found; d > 0; d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[off + k - 1] < vd[off + k + 1]) ? k + 1 : k - 1;
    const prevX = vd[off + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      if (open) {
        hunks.push(open);
        open = undefined;
      }
      x--;
      y--;
    }
    if (!open) open = { aStart: x, aEnd: x, bStart: y, bEnd: y };
    // One insertion (x unchanged) or one deletion (y unchanged) from (prevX, prevY) to (x, y).
    open.aStart = prevX;
    open.bStart = prevY;
    x = prevX;
    y = prevY;
  }
  if (open) hunks.push(open);
  return hunks.reverse();
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
