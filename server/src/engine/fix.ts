// Fix primitives: minimal text edits computed from node ranges. Each edit touches only the bytes
// it must; comments, quoting, order and indentation elsewhere stay as they were. New keys follow the
// parent's indentation and style (block or flow) and the file's line ending.
import type { Edit } from './types';
import {
  formatScalar,
  getPair,
  isFlow,
  isMap,
  isScalar,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
  type YNode,
} from './parse';

export type YValue = string | number | boolean | null | YValue[] | { [key: string]: YValue };

export interface TextStyle {
  /** Spaces per indentation level. */
  indent: number;
  /** True when block sequences sit at their parent key's column (`key:\n- a`). */
  indentlessSeq: boolean;
  newline: '\n' | '\r\n';
}

/** Reads the indentation unit, sequence style and line ending a text already uses. */
export function detectStyle(text: string): TextStyle {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  let indent = 0;
  let indentless: boolean | undefined;
  let prevIndent = -1;
  let prevEndsWithColon = false;
  let lines = 0;
  let pos = 0;
  while (pos < text.length && lines < 400) {
    let eol = text.indexOf('\n', pos);
    if (eol === -1) eol = text.length;
    let i = pos;
    while (i < eol && text.charCodeAt(i) === 32) i++;
    const first = text[i];
    if (i < eol && first !== '#' && first !== '\r') {
      const ind = i - pos;
      if (prevEndsWithColon && ind > prevIndent && (indent === 0 || ind - prevIndent < indent) && first !== '-') indent = ind - prevIndent;
      if (prevEndsWithColon && first === '-' && indentless === undefined) indentless = ind === prevIndent;
      const line = text.slice(i, eol).replace(/\s+#.*$/, '').trimEnd();
      prevEndsWithColon = line.endsWith(':');
      prevIndent = ind;
      lines++;
    }
    pos = eol + 1;
  }
  return { indent: indent > 0 && indent <= 8 ? indent : 2, indentlessSeq: indentless ?? false, newline };
}

function lineStartOf(text: string, offset: number): number {
  const i = text.lastIndexOf('\n', offset - 1);
  return i + 1;
}

/** End of the line that holds `offset` (before its CR/LF). */
function lineEndOf(text: string, offset: number): number {
  let p = offset;
  while (p < text.length && text[p] !== '\n' && text[p] !== '\r') p++;
  return p;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStartOf(text, offset);
}

/** End of the last character of a node's content (block scalars end after their newline). */
function contentEnd(text: string, node: YNode): number {
  let end = node.range ? node.range[1] : 0;
  while (end > 0 && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return end;
}

/** Renders `key: value` in block style; `indent` is the key's column. No leading newline. */
export function renderBlockPair(key: string, value: YValue, indent: number, style: TextStyle): string {
  const pad = ' '.repeat(indent);
  const k = formatKey(key);
  if (Array.isArray(value)) {
    if (value.length === 0) return `${pad}${k}: []`;
    const dashIndent = style.indentlessSeq ? indent : indent + style.indent;
    return `${pad}${k}:${style.newline}${renderBlockSeqItems(value, dashIndent, style)}`;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) return `${pad}${k}: {}`;
    return `${pad}${k}:${style.newline}${keys.map((ck) => renderBlockPair(ck, value[ck], indent + style.indent, style)).join(style.newline)}`;
  }
  return `${pad}${k}: ${formatScalar(value)}`;
}

function renderBlockSeqItems(items: YValue[], dashIndent: number, style: TextStyle): string {
  const pad = ' '.repeat(dashIndent);
  return items
    .map((item) => {
      if (item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length > 0) {
        // `- a: 1` then the other keys aligned under `a`.
        const keys = Object.keys(item);
        const body = keys.map((ck, i) => {
          const line = renderBlockPair(ck, item[ck], dashIndent + 2, style);
          return i === 0 ? `${pad}- ${line.slice(dashIndent + 2)}` : line;
        });
        return body.join(style.newline);
      }
      return `${pad}- ${renderFlow(item)}`;
    })
    .join(style.newline);
}

export function renderFlow(value: YValue): string {
  if (Array.isArray(value)) return `[${value.map(renderFlow).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).map((k) => `${formatKey(k)}: ${renderFlow(value[k])}`).join(', ')}}`;
  }
  return formatScalar(value);
}

function formatKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.\-/]*$/.test(key) ? key : formatScalar(key);
}

/** A document to append, with the file's newlines and no trailing ones (the same few per file, on every keystroke). */
const appendBodies = new Map<string, string>();
function appendBody(docText: string, nl: string): string {
  const key = nl + docText;
  let body = appendBodies.get(key);
  if (body === undefined) {
    body = docText.replace(/\r?\n/g, nl).replace(/(\r?\n)+$/, '');
    if (appendBodies.size >= 256) appendBodies.clear();
    appendBodies.set(key, body);
  }
  return body;
}

/** Builds edits against one text. Offsets are those of the nodes, i.e. of that text. */
export class FixBuilder {
  private detected?: TextStyle;
  private appended?: Map<string, Edit>;

  constructor(readonly text: string) {}

  /** The text's style, read when a fix first needs it (most checks build no fix). */
  get style(): TextStyle {
    return (this.detected ??= detectStyle(this.text));
  }

  /** Replaces a node's source with `newText`. */
  replace(node: YNode, newText: string): Edit {
    const [start] = node.range!;
    return { start, end: contentEnd(this.text, node), text: newText };
  }

  /** Replaces a scalar (or any node) with a plain value, keeping the node's flow/block position. */
  replaceValue(node: YNode, value: YValue): Edit {
    return this.replace(node, isPlainValue(value) ? formatScalar(value as string) : renderFlow(value));
  }

  /**
   * Sets `path` (keys under `map`) to `value`: replaces the value when the key exists, otherwise
   * inserts the missing keys below the deepest map that exists, in its style.
   */
  setIn(map: YAMLMap, path: readonly string[], value: YValue): Edit {
    let cur: YAMLMap = map;
    for (let i = 0; i < path.length; i++) {
      const pair = getPair(cur, path[i]);
      if (!pair) return this.insertIntoMap(cur, nest(path.slice(i), value));
      const v = pair.value;
      if (i === path.length - 1) {
        if (v === null || (isScalar(v) && v.value === null)) return this.fillEmptyValue(cur, pair, value);
        return this.replaceValue(v, value);
      }
      if (isMap(v)) {
        cur = v;
        continue;
      }
      if (v === null || (isScalar(v) && v.value === null)) {
        return this.fillEmptyValue(cur, pair, nest(path.slice(i + 1), value));
      }
      // A scalar or a sequence where a map belongs: replace it with the map we need.
      return this.replaceValue(v, nest(path.slice(i + 1), value));
    }
    throw new Error('setIn: empty path');
  }

  /** Inserts `entries` (one or more keys) at the end of a map. */
  insertIntoMap(map: YAMLMap, entries: { [key: string]: YValue }): Edit {
    const text = this.text;
    const keys = Object.keys(entries);
    const [mapStart, mapEnd] = map.range!;
    if (isFlow(map)) {
      const closing = text.lastIndexOf('}', mapEnd - 1);
      const body = keys.map((k) => `${formatKey(k)}: ${renderFlow(entries[k])}`).join(', ');
      if (map.items.length === 0) return { start: closing, end: closing, text: body };
      const last = map.items[map.items.length - 1] as Pair<Scalar, YNode | null>;
      const lastEnd = last.value?.range ? contentEnd(text, last.value) : contentEnd(text, last.key as YNode);
      return { start: lastEnd, end: lastEnd, text: `, ${body}` };
    }
    if (map.items.length === 0) {
      // An empty block map has no keys to align with; replace it with a flow map of the entries.
      return { start: mapStart, end: mapEnd, text: renderFlow(entries) };
    }
    const firstKey = map.items[0].key as YNode;
    const col = columnOf(text, firstKey.range![0]);
    const last = map.items[map.items.length - 1] as Pair<Scalar, YNode | null>;
    const lastNode = (last.value && last.value.range ? last.value : last.key) as YNode;
    const at = lineEndOf(text, contentEnd(text, lastNode));
    const body = keys.map((k) => renderBlockPair(k, entries[k], col, this.style)).join(this.style.newline);
    return { start: at, end: at, text: this.style.newline + body };
  }

  /** Gives a key with no value (`key:` or `key: null`) the nested `value`. */
  private fillEmptyValue(parent: YAMLMap, pair: Pair<Scalar, YNode | null>, value: YValue): Edit {
    const text = this.text;
    const key = pair.key as YNode;
    const keyEnd = key.range![1];
    const v = pair.value;
    const hasExplicitNull = isScalar(v) && v.range && v.range[1] > v.range[0];
    if (isFlow(parent)) {
      if (hasExplicitNull) return this.replace(v as YNode, renderFlow(value));
      return { start: keyEnd, end: keyEnd, text: `: ${renderFlow(value)}` };
    }
    if (!isPlainObjectOrArray(value)) {
      if (hasExplicitNull) return this.replace(v as YNode, formatScalar(value as string));
      const colon = text.indexOf(':', keyEnd);
      return { start: colon + 1, end: colon + 1, text: ` ${formatScalar(value as string)}` };
    }
    const col = columnOf(text, key.range![0]);
    const rendered = renderBlockPair('x', value, col, this.style);
    const afterKey = rendered.slice(rendered.indexOf(':') + 1); // newline + children, or ' []'/' {}'
    if (hasExplicitNull) {
      const colon = text.indexOf(':', keyEnd);
      return { start: colon + 1, end: contentEnd(text, v as YNode), text: afterKey };
    }
    const at = lineEndOf(text, keyEnd);
    const lineText = text.slice(lineStartOf(text, keyEnd), at);
    if (/#/.test(lineText.slice(columnOf(text, keyEnd)))) {
      // A comment follows the key: keep it on the key's line, put the children below.
      return { start: at, end: at, text: afterKey };
    }
    const colon = text.indexOf(':', keyEnd);
    return { start: colon + 1, end: at, text: afterKey };
  }

  /** Appends an item to a sequence, in its style. */
  appendToSeq(seq: YAMLSeq, value: YValue): Edit {
    const text = this.text;
    const [seqStart, seqEnd] = seq.range!;
    if (isFlow(seq)) {
      const closing = text.lastIndexOf(']', seqEnd - 1);
      if (seq.items.length === 0) return { start: closing, end: closing, text: renderFlow(value) };
      const last = seq.items[seq.items.length - 1] as YNode;
      const lastEnd = contentEnd(text, last);
      return { start: lastEnd, end: lastEnd, text: `, ${renderFlow(value)}` };
    }
    const dashCol = columnOf(text, seqStart);
    const last = seq.items[seq.items.length - 1] as YNode | null;
    const at = lineEndOf(text, last && last.range ? contentEnd(text, last) : seqStart);
    return { start: at, end: at, text: this.style.newline + renderBlockSeqItems([value], dashCol, this.style) };
  }

  /** Removes one item of a sequence with its line (block) or its comma (flow). */
  removeSeqItem(seq: YAMLSeq, index: number): Edit {
    const text = this.text;
    const item = seq.items[index] as YNode;
    if (isFlow(seq)) {
      const [s] = item.range!;
      const e = contentEnd(text, item);
      if (seq.items.length === 1) return { start: s, end: e, text: '' };
      if (index < seq.items.length - 1) {
        const next = seq.items[index + 1] as YNode;
        return { start: s, end: next.range![0], text: '' };
      }
      const prev = seq.items[index - 1] as YNode;
      return { start: contentEnd(text, prev), end: e, text: '' };
    }
    // Search before the item: its own text may start with '-' (`- --flag`).
    const dash = text.lastIndexOf('-', item.range![0] - 1);
    const itemEnd = lineEndOf(text, contentEnd(text, item));
    if (seq.items.length === 1) {
      // The only item: leave an empty flow sequence so the key keeps its type.
      let p = seq.range![0] - 1;
      while (p >= 0 && /\s/.test(text[p])) p--;
      if (text[p] === ':') return { start: p + 1, end: itemEnd, text: ' []' };
    }
    const start = lineStartOf(text, dash);
    if (text.slice(start, dash).trim() !== '') {
      // Something precedes the dash on its line (`key: - x` cannot happen; `- - x` can): keep the line.
      return { start: dash, end: itemEnd, text: '' };
    }
    let end = itemEnd;
    if (text[end] === '\r') end++;
    if (text[end] === '\n') end++;
    return { start, end, text: '' };
  }

  /** Removes a key and its value. */
  removePair(map: YAMLMap, key: string): Edit | undefined {
    const text = this.text;
    const idx = map.items.findIndex((p) => isScalar(p.key) && p.key.value === key);
    if (idx === -1) return undefined;
    const pair = map.items[idx] as Pair<Scalar, YNode | null>;
    const keyStart = (pair.key as YNode).range![0];
    const valueNode = (pair.value && pair.value.range ? pair.value : pair.key) as YNode;
    if (isFlow(map)) {
      const e = contentEnd(text, valueNode);
      if (map.items.length === 1) return { start: keyStart, end: e, text: '' };
      if (idx < map.items.length - 1) return { start: keyStart, end: (map.items[idx + 1].key as YNode).range![0], text: '' };
      const prev = map.items[idx - 1] as Pair<Scalar, YNode | null>;
      const prevEnd = contentEnd(text, (prev.value && prev.value.range ? prev.value : prev.key) as YNode);
      return { start: prevEnd, end: e, text: '' };
    }
    const lineStart = lineStartOf(text, keyStart);
    const before = text.slice(lineStart, keyStart);
    const valueLineEnd = lineEndOf(text, contentEnd(text, valueNode));
    if (before.trim() === '') {
      if (map.items.length === 1) {
        // Removing the only key would change the map into null; leave an empty map instead, on
        // its parent key's line when it has one (`key: {}`).
        let p = lineStart - 1;
        while (p >= 0 && /\s/.test(text[p])) p--;
        if (text[p] === ':') return { start: p + 1, end: valueLineEnd, text: ' {}' };
        return { start: keyStart, end: valueLineEnd, text: '{}' };
      }
      let end = valueLineEnd;
      if (text[end] === '\r') end++;
      if (text[end] === '\n') end++;
      return { start: lineStart, end, text: '' };
    }
    // The key shares its line with a sequence dash (`- key: v`): pull the next key up instead.
    if (idx < map.items.length - 1) return { start: keyStart, end: (map.items[idx + 1].key as YNode).range![0], text: '' };
    return { start: keyStart, end: valueLineEnd, text: '{}' };
  }

  /** Appends a new YAML document at the end of the text. */
  appendDocument(docText: string): Edit {
    // Many findings of a file append the same document (one default-deny policy per namespace).
    let edit = this.appended?.get(docText);
    if (!edit) (this.appended ??= new Map()).set(docText, (edit = this.renderAppend(docText)));
    // A copy: callers tell fixes apart by their edit objects (graph-deps.ts).
    return { start: edit.start, end: edit.end, text: edit.text };
  }

  private renderAppend(docText: string): Edit {
    const text = this.text;
    // Only the newline matters here: the whole style reads the first 400 lines, and this runs for
    // the append fixes of the edited file on every keystroke.
    const nl = this.detected?.newline ?? (text.includes('\r\n') ? '\r\n' : '\n');
    const body = appendBody(docText, nl);
    let prefix = '';
    if (text.length > 0 && !text.endsWith('\n')) prefix = nl;
    // The text already ends with a `---` line (after trailing white space): no second marker.
    // Read from the end only: this runs for every append fix, on texts of any size.
    let end = text.length;
    while (end > 0 && /\s/.test(text[end - 1])) end--;
    const endsWithMarker = end >= 3 && text.startsWith('---', end - 3) && (end === 3 || text[end - 4] === '\n');
    const needsMarker = end > 0 && !endsWithMarker;
    return { start: text.length, end: text.length, text: `${prefix}${needsMarker ? `---${nl}` : ''}${body}${nl}` };
  }
}

function nest(path: readonly string[], value: YValue): { [key: string]: YValue } {
  let v: YValue = value;
  for (let i = path.length - 1; i >= 1; i--) v = { [path[i]]: v };
  return { [path[0]]: v };
}

function isPlainValue(v: YValue): boolean {
  return v === null || typeof v !== 'object';
}

function isPlainObjectOrArray(v: YValue): boolean {
  return v !== null && typeof v === 'object' && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0);
}

/** Applies edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let lastStart = Infinity;
  for (const e of sorted) {
    if (e.end > lastStart) throw new Error('overlapping edits');
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    lastStart = e.start;
  }
  return out;
}

/** True when two edit sets touch the same place (an insertion at the same offset counts). */
export function editsConflict(a: readonly Edit[], b: readonly Edit[]): boolean {
  for (const x of a) for (const y of b) if (x.start <= y.end && y.start <= x.end) return true;
  return false;
}

