// Where the cursor is in a YAML document, for completion: the path of keys and sequence indexes from
// the document's root, whether a key or a value is being written, and the keys already present
// around it. Completion runs on half-typed text that often does not parse (a key without its
// value, a dangling `- `), so this reads the structure from indentation, line by line, the way a
// person does: a line belongs to the nearest line above it that is indented less. Block mappings
// and sequences (also "compact" sequences at their key's indentation), quoted keys, comments,
// document markers and block scalars are understood; flow collections are treated as values.
// Pure: no parser, no LSP.

export type PathSegment = string | number;

/** A `key:` line of the document. */
export interface KeyEntry {
  /** Path of the mapping that holds the key. */
  parent: PathSegment[];
  key: string;
  /** The scalar written after the colon (quotes and trailing comment removed); '' when none. */
  value: string;
  /** 0-based line in the whole text. */
  line: number;
}

export interface DocumentOutline {
  /** Offsets of the document's text in the whole text (separator lines excluded). */
  start: number;
  end: number;
  /** 0-based lines [startLine, endLine). */
  startLine: number;
  endLine: number;
  /** Every `key:` line of the document except the cursor's. */
  entries: KeyEntry[];
  /** Lines with YAML content (not blank, not comments) before and after the cursor's line. */
  contentBefore: boolean;
  contentAfter: boolean;
  kind?: string;
  apiVersion?: string;
  namespace?: string;
}

export interface CursorContext {
  /** 'key': a key of the mapping at `path` is being written; 'value': the value of `key`, held by the mapping at `path`. */
  position: 'key' | 'value';
  path: PathSegment[];
  key?: string;
  /** What is typed between the start of the key or value and the cursor. */
  prefix: string;
  /** The range a completion replaces: the typed word, and the rest of it after the cursor. */
  replaceStart: number;
  replaceEnd: number;
  /** Column of the key being written (key position) or of the key whose value is written. */
  column: number;
  /** Text after the replaced range on the cursor's line. */
  tail: string;
  /** Sequence dashes typed on the cursor's line before the key (`- ` starts a new item). */
  dashes: number;
  document: DocumentOutline;
}

interface Line {
  text: string;
  start: number;
}

interface Frame {
  col: number;
  seg: PathSegment;
  type: 'key' | 'item';
  /** A key with nothing after the colon: its block value may be a sequence at the same column. */
  open: boolean;
}

type Element = { type: 'dash'; col: number } | { type: 'key'; col: number; key: string; value: string; rawValue: string } | { type: 'scalar'; col: number; text: string };

const SEPARATOR = /^(---|\.\.\.)(\s|$)/;
/** A mapping key at the start of the string: quoted, or plain up to the first `: ` (or final `:`). */
const KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\]},&*!|>%@`-][^#]*?|-[^\s#][^#]*?)[ \t]*:(?=\s|$)/;
const BLOCK_SCALAR = /^[|>][-+0-9]*\s*(#.*)?$/;

function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    out.push({ text: text.slice(start, end > start && text[end - 1] === '\r' ? end - 1 : end), start });
    if (nl < 0) return out;
    start = nl + 1;
  }
}

function indentOf(s: string): number {
  return /^[ \t]*/.exec(s)![0].length;
}

function isBlankOrComment(s: string): boolean {
  return /^\s*(#.*)?$/.test(s);
}

/** The structural elements of a line: leading dashes, then a key, or a scalar. */
function elementsOf(s: string): Element[] {
  const out: Element[] = [];
  let pos = indentOf(s);
  for (;;) {
    const rest = s.slice(pos);
    if (/^-(\s|$)/.test(rest)) {
      out.push({ type: 'dash', col: pos });
      pos += 1 + indentOf(rest.slice(1));
      if (pos >= s.length) return out;
      continue;
    }
    if (rest === '' || rest.startsWith('#')) return out;
    const m = KEY.exec(rest);
    if (m) {
      const rawValue = rest.slice(m[0].length);
      out.push({ type: 'key', col: pos, key: unquote(m[1].trim()), value: scalarText(rawValue), rawValue: rawValue.trim() });
    } else out.push({ type: 'scalar', col: pos, text: rest });
    return out;
  }
}

function unquote(s: string): string {
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) {
    try {
      return JSON.parse(s) as string;
    } catch {
      return s.slice(1, -1);
    }
  }
  if (s.length >= 2 && s.startsWith("'") && s.endsWith("'")) return s.slice(1, -1).replace(/''/g, "'");
  return s;
}

/** The scalar after a key's colon, without quotes or a trailing comment; '' for none or a block. */
function scalarText(raw: string): string {
  // Anchors and tags before a value (`&a value`, `!!str 1`) are not part of it.
  let v = raw.trim().replace(/^((&|!)\S*\s+)+/, '');
  if (v.startsWith('"') || v.startsWith("'")) {
    const q = v[0];
    const end = q === '"' ? /^"(?:[^"\\]|\\.)*"/.exec(v) : /^'(?:[^']|'')*'/.exec(v);
    return end ? unquote(end[0]) : v.slice(1);
  }
  v = v.replace(/(^|\s)#.*$/, '').trim();
  return BLOCK_SCALAR.test(v) ? '' : v;
}

/** Pops the frames that an element at `col` closes; returns the index of the item it follows in the same sequence. */
function popFor(stack: Frame[], el: { type: Element['type']; col: number }): number | undefined {
  let lastIndex: number | undefined;
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.col < el.col) break;
    if (top.col === el.col && top.type === 'key' && top.open && el.type === 'dash') break;
    stack.pop();
    if (top.type === 'item' && top.col === el.col && el.type === 'dash') {
      lastIndex = top.seg as number;
      break;
    }
  }
  return lastIndex;
}

function pushLine(stack: Frame[], els: Element[], lastIndex: number | undefined): KeyEntry | undefined {
  let entry: KeyEntry | undefined;
  els.forEach((el, i) => {
    if (el.type === 'dash') {
      stack.push({ col: el.col, seg: i === 0 && lastIndex !== undefined ? lastIndex + 1 : 0, type: 'item', open: false });
    } else if (el.type === 'key') {
      entry = { parent: stack.map((f) => f.seg), key: el.key, value: el.value, line: -1 };
      const open = el.rawValue === '' || el.rawValue.startsWith('#') || /^[&!]\S*(\s+#.*)?$/.test(el.rawValue);
      stack.push({ col: el.col, seg: el.key, type: 'key', open });
    }
  });
  return entry;
}

export function samePath(a: readonly PathSegment[], b: readonly PathSegment[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/**
 * The cursor context at `offset`, or undefined where nothing can be completed (a comment, a flow
 * collection, a document marker, a block scalar's text).
 */
export function cursorContext(text: string, offset: number): CursorContext | undefined {
  offset = Math.max(0, Math.min(offset, text.length));
  const lines = splitLines(text);
  let cursorLine = lines.length - 1;
  for (let i = 0; i < lines.length; i++) {
    const next = lines[i + 1];
    if (!next || next.start > offset) {
      cursorLine = i;
      break;
    }
  }
  const line = lines[cursorLine];
  const character = Math.min(offset - line.start, line.text.length);
  if (SEPARATOR.test(line.text)) return undefined;
  let startLine = 0;
  for (let i = cursorLine - 1; i >= 0; i--) {
    if (SEPARATOR.test(lines[i].text)) {
      startLine = i + 1;
      break;
    }
  }
  let endLine = lines.length;
  for (let i = cursorLine + 1; i < lines.length; i++) {
    if (SEPARATOR.test(lines[i].text)) {
      endLine = i;
      break;
    }
  }

  const before = line.text.slice(0, character);
  const after = line.text.slice(character);
  const wordAfter = /^[^\s:#]*/.exec(after)![0];

  // What the cursor's line holds before the cursor.
  const lead = /^([ \t]*)((?:-[ \t]+)*)/.exec(before)!;
  const dashCols: number[] = [];
  for (let i = 0; i < lead[2].length; i++) if (lead[2][i] === '-') dashCols.push(lead[1].length + i);
  const keyCol = lead[0].length;
  const rest = before.slice(keyCol);
  let position: 'key' | 'value';
  let key: string | undefined;
  let prefix: string;
  let replaceStart: number;
  const km = KEY.exec(rest);
  if (km) {
    position = 'value';
    key = unquote(km[1].trim());
    const valueText = rest.slice(km[0].length);
    const ws = indentOf(valueText);
    prefix = valueText.slice(ws);
    if (/[#{}[\]]/.test(prefix) || /\s/.test(prefix.trimEnd())) return undefined;
    replaceStart = line.start + keyCol + km[0].length + ws;
  } else if (/^[^\s:#{}[\],]*$/.test(rest)) {
    position = 'key';
    prefix = rest;
    replaceStart = line.start + keyCol;
  } else return undefined;
  const replaceEnd = line.start + character + wordAfter.length;
  const tail = after.slice(wordAfter.length);

  // Walk the document's lines, keeping the stack of open mappings and sequence items.
  const stack: Frame[] = [];
  const entries: KeyEntry[] = [];
  let blockCol: number | undefined;
  let contentBefore = false;
  let contentAfter = false;
  let cursorPath: PathSegment[] | undefined;
  for (let i = startLine; i < endLine; i++) {
    const t = lines[i].text;
    if (i === cursorLine) {
      // Inside a block scalar's text there is nothing to complete; a line dedented out of it ends it.
      if (blockCol !== undefined && keyCol > blockCol) return undefined;
      blockCol = undefined;
      const first: Element = dashCols.length ? { type: 'dash', col: dashCols[0] } : { type: 'key', col: keyCol, key: '', value: '', rawValue: '' };
      const lastIndex = popFor(stack, first);
      dashCols.forEach((col, j) => stack.push({ col, seg: j === 0 && lastIndex !== undefined ? lastIndex + 1 : 0, type: 'item', open: false }));
      cursorPath = stack.map((f) => f.seg);
      stack.push({ col: keyCol, seg: key ?? prefix, type: 'key', open: true });
      continue;
    }
    if (blockCol !== undefined) {
      if (isBlankOrComment(t) || indentOf(t) > blockCol) continue;
      blockCol = undefined;
    }
    if (isBlankOrComment(t)) continue;
    if (i < cursorLine) contentBefore = true;
    else contentAfter = true;
    const els = elementsOf(t);
    if (els.length === 0) continue;
    const lastIndex = popFor(stack, els[0]);
    const entry = pushLine(stack, els, lastIndex);
    if (entry) {
      entry.line = i;
      entries.push(entry);
    }
    const last = els[els.length - 1];
    if (last.type === 'key' && BLOCK_SCALAR.test(last.rawValue)) blockCol = last.col;
    else if (last.type === 'scalar' && BLOCK_SCALAR.test(last.text.trim())) blockCol = els.length > 1 ? els[els.length - 2].col : last.col;
  }

  const top = (k: string) => entries.find((e) => e.parent.length === 0 && e.key === k)?.value || undefined;
  const document: DocumentOutline = {
    start: lines[startLine].start,
    end: endLine < lines.length ? lines[endLine].start : text.length,
    startLine,
    endLine,
    entries,
    contentBefore,
    contentAfter,
    kind: top('kind'),
    apiVersion: top('apiVersion'),
    namespace: entries.find((e) => samePath(e.parent, ['metadata']) && e.key === 'namespace')?.value || undefined,
  };
  return { position, path: cursorPath ?? [], key, prefix, replaceStart, replaceEnd, column: keyCol, tail, dashes: dashCols.length, document };
}

/** The keys (and their scalar values) of the mapping at `path`, from the outline. */
export function mapAt(doc: DocumentOutline, path: readonly PathSegment[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of doc.entries) if (samePath(e.parent, path)) out.set(e.key, e.value);
  return out;
}
