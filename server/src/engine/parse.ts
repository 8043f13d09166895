// The only module that imports `yaml`. It splits a file into YAML documents, parses each one on
// its own (so that an edit re-parses only the document it touched) and offers read-only helpers
// over the node tree. Every node keeps its source range; nothing is decoded into plain objects.
import {
  Alias,
  Composer,
  Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Pair,
  Scalar,
  stringify,
  visit,
  YAMLMap,
  YAMLParseError,
  YAMLSeq,
} from 'yaml';
import { Parser as CstParser } from './yaml-cst';

export type YNode = Scalar | YAMLMap | YAMLSeq | Alias;
export type ParsedDoc = Document.Parsed;
export type { Pair, Scalar, YAMLMap, YAMLSeq };
export { isAlias, isMap, isPair, isScalar, isSeq };

export interface DocChunk {
  /** Offset of the chunk in the whole text. */
  offset: number;
  text: string;
}

export interface ChunkError {
  message: string;
  start: number;
  end: number;
  code: string;
  warning: boolean;
}

export interface ParsedChunk {
  text: string;
  doc: Document.Parsed;
  errors: ChunkError[];
}

/**
 * Splits a multi-document file at its document markers. A line that starts with `---` or `...`
 * (followed by white space or the end of the line) is a document marker wherever it stands: the
 * YAML spec forbids such lines inside any scalar, so no parse is needed to find them.
 * A chunk starts at its `---` line (or after a `...` line) and runs to the next marker.
 */
export function splitDocuments(text: string): DocChunk[] {
  const chunks: DocChunk[] = [];
  scanDocuments(text, 0, chunks, undefined);
  return chunks;
}

/**
 * splitDocuments(text) after an edit of `prev.text`, reusing the chunks the edit did not touch (the
 * same objects before the edit; copies with the offset moved after it, holding the same strings, so
 * a cache keyed by chunk text finds them without hashing their text again). The scan restarts at
 * the chunk before the first one that changed and stops as soon as its state matches the old scan's
 * again, so a keystroke in a 50,000-line file scans a few lines instead of all of them.
 */
export function splitDocumentsAfterEdit(prev: { text: string; chunks: readonly DocChunk[] } | undefined, text: string): DocChunk[] {
  if (!prev || prev.chunks.length < 2) return splitDocuments(text);
  if (prev.text === text) return [...prev.chunks];
  const old = prev.chunks;
  const delta = text.length - prev.text.length;
  // The first chunk whose lines are not where they were (a chunk that does not end with a line
  // break is unchanged only if the text ends with it too); the scan restarts at the chunk before
  // it, because a changed first line of chunk i can move the end of chunk i - 1.
  let i = 0;
  while (i < old.length && sameLines(text, old[i])) i++;
  if (i === old.length && delta === 0) return [...old];
  const restart = Math.max(0, i - 1);
  // The chunks at the end whose text is unchanged, shifted by delta: the scan may sync with one of them.
  let j = old.length;
  while (j > restart + 1 && old[j - 1].offset + delta >= old[restart].offset && textAt(text, old[j - 1].text, old[j - 1].offset + delta)) j--;
  const chunks: DocChunk[] = old.slice(0, restart);
  const syncFrom = j < old.length ? old[j].offset + delta : Infinity;
  scanDocuments(text, old[restart].offset, chunks, (next) => {
    if (next < syncFrom) return false;
    const k = chunkAt(old, next - delta, j);
    if (k < 0) return false;
    for (let m = k; m < old.length; m++) chunks.push(delta === 0 ? old[m] : { offset: old[m].offset + delta, text: old[m].text });
    return true;
  });
  return chunks;
}

/** Whether `part` stands in `text` at `offset` (string equality compares memory; startsWith is ~15x slower here). */
function textAt(text: string, part: string, offset: number): boolean {
  return text.slice(offset, offset + part.length) === part;
}

function sameLines(text: string, c: DocChunk): boolean {
  if (!textAt(text, c.text, c.offset)) return false;
  return c.text.length === 0 || c.text.charCodeAt(c.text.length - 1) === 10 || c.offset + c.text.length === text.length;
}

/** Index of the chunk (from `from` on) that starts at `offset`, or -1. */
function chunkAt(chunks: readonly DocChunk[], offset: number, from: number): number {
  let lo = from;
  let hi = chunks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const o = chunks[mid].offset;
    if (o === offset) return mid;
    if (o < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * The scan behind splitDocuments, from `start` (the start of a chunk, where the scan's state is
 * always "no content yet"). After each chunk boundary it asks `synced(nextChunkStart)`, which may
 * append the rest of the chunks itself and end the scan by returning true.
 */
function scanDocuments(text: string, start: number, chunks: DocChunk[], synced: ((next: number) => boolean) | undefined): void {
  let chunkStart = start;
  let sawContent = false;
  let pos = start;
  const len = text.length;
  while (pos <= len) {
    let eol = text.indexOf('\n', pos);
    if (eol === -1) eol = len;
    const c0 = text.charCodeAt(pos);
    // '-' (45) or '.' (46) followed by two more of the same and then space, tab, CR or end.
    if ((c0 === 45 || c0 === 46) && text.charCodeAt(pos + 1) === c0 && text.charCodeAt(pos + 2) === c0) {
      const c3 = text.charCodeAt(pos + 3);
      if (pos + 3 >= len || c3 === 32 || c3 === 9 || c3 === 10 || c3 === 13) {
        if (c0 === 45) {
          // '---' starts a new document; what came before is a chunk of its own when it has content.
          if (sawContent) {
            chunks.push({ offset: chunkStart, text: text.slice(chunkStart, pos) });
            chunkStart = pos;
            if (synced?.(pos)) return;
          }
          sawContent = true;
        } else {
          // '...' ends the document; the chunk includes the marker line.
          const next = eol < len ? eol + 1 : len;
          chunks.push({ offset: chunkStart, text: text.slice(chunkStart, next) });
          chunkStart = next;
          sawContent = false;
          if (next < len && synced?.(next)) return;
        }
        pos = eol + 1;
        continue;
      }
    }
    // Directives (`%YAML 1.1`, `%TAG ...`) belong to the document their `---` starts: like
    // comments, they do not make a chunk of their own.
    if (!sawContent && pos < eol && !isBlankOrComment(text, pos, eol) && c0 !== 37) sawContent = true;
    pos = eol + 1;
  }
  if (chunkStart < len || chunks.length === 0) chunks.push({ offset: chunkStart, text: text.slice(chunkStart) });
}

function isBlankOrComment(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13 || c === 0xfeff) continue;
    return c === 35; // '#'
  }
  return true;
}

/** Parses one chunk. YAML 1.1 booleans (`yes`, `on`) are read as Kubernetes reads them. */
export function parseChunk(text: string): ParsedChunk {
  const doc = parseDocument(text);
  const errors: ChunkError[] = [];
  for (const e of doc.errors) errors.push(toChunkError(e.message, e.code, unclosedQuotePos(doc, e.code, e.message, e.pos, text) ?? e.pos, text, false));
  for (const w of doc.warnings) {
    // Tag and directive warnings are noise for Kubernetes manifests; keep only real ones.
    if (w.code === 'TAG_RESOLVE_FAILED' || w.code === 'BAD_DIRECTIVE') continue;
    errors.push(toChunkError(w.message, w.code, w.pos, text, true));
  }
  // Rules read through aliases (`securityContext: *hardened`) and merge keys (`<<: *base`) like
  // Kubernetes does, so an insecure setting shared through an anchor is not a blind spot.
  if (text.includes('*')) for (const [alias, target] of resolveAliases(doc)) if (target) followedAliases.set(alias, target);
  return { text, doc, errors };
}

const DOCUMENT_OPTIONS = { version: '1.1', prettyErrors: false, uniqueKeys: true, keepSourceTokens: false, strict: false } as const;

/**
 * `yaml`'s parseDocument(text, DOCUMENT_OPTIONS), step for step, with the CST built by yaml-cst.ts
 * (the same tokens, made about three times faster) instead of `yaml`'s generator-based Parser.
 */
function parseDocument(text: string): Document.Parsed {
  let doc: Document.Parsed | undefined;
  for (const next of new Composer(DOCUMENT_OPTIONS).compose(new CstParser().parse(text), true, text.length)) {
    if (!doc) doc = next;
    else {
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'));
      break;
    }
  }
  // compose(…, true) always ends with a document, as in `yaml`'s parseDocument.
  return doc!;
}

/**
 * `yaml` reports an unclosed quote where the input ends, which may be hundreds of lines below the
 * mistake; point at the opening quote (to the end of its line) instead.
 */
function unclosedQuotePos(doc: Document.Parsed, code: string, message: string, pos: [number, number], text: string): [number, number] | undefined {
  if (code !== 'MISSING_CHAR' || !message.includes('quote')) return undefined;
  let found: [number, number] | undefined;
  visit(doc, {
    Scalar(_key, node) {
      if ((node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && node.range && node.range[1] === pos[0]) {
        const nl = text.indexOf('\n', node.range[0]);
        let end = nl === -1 ? text.length : nl;
        if (end > node.range[0] + 1 && text[end - 1] === '\r') end--;
        found = [node.range[0], end];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function toChunkError(message: string, code: string, pos: [number, number], text: string, warning: boolean): ChunkError {
  let start = Math.max(0, Math.min(pos[0], text.length));
  let end = Math.max(start, Math.min(pos[1], text.length));
  if (end === start && end < text.length) end = start + 1;
  const firstLine = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return { message: firstLine, start, end, code, warning };
}

// ---------------------------------------------------------------------------------------------
// Read-only helpers over the node tree. Aliases are followed one level (never expanded), so a
// hostile file with nested aliases costs nothing extra.

export function deref(doc: Document.Parsed, node: unknown): YNode | null {
  if (isAlias(node)) {
    let targets = aliasTargets.get(doc);
    if (!targets) aliasTargets.set(doc, (targets = resolveAliases(doc)));
    const target = targets.has(node) ? targets.get(node) : node.resolve(doc);
    return (target as YNode | undefined) ?? null;
  }
  return (node as YNode) ?? null;
}

/**
 * Alias -> anchored node, for a whole document in one pass. `Alias.resolve(doc)` walks the whole
 * document on every call, which made a file with a few thousand aliases take minutes to lint.
 * Same rule as `yaml`: the last node with that anchor before the alias in document order.
 * Iterative, so a deeply nested document cannot overflow the stack here.
 */
const aliasTargets = new WeakMap<Document.Parsed, Map<Alias, YNode | undefined>>();

function resolveAliases(doc: Document.Parsed): Map<Alias, YNode | undefined> {
  const anchors = new Map<string, YNode>();
  const out = new Map<Alias, YNode | undefined>();
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const n = stack.pop();
    if (isAlias(n)) {
      out.set(n, anchors.get(n.source));
      continue;
    }
    if (isPair(n)) {
      stack.push(n.value, n.key);
      continue;
    }
    if (!isScalar(n) && !isMap(n) && !isSeq(n)) continue;
    if (n.anchor) anchors.set(n.anchor, n);
    if (isMap(n) || isSeq(n)) for (let i = n.items.length - 1; i >= 0; i--) stack.push(n.items[i]);
  }
  return out;
}

/** Alias -> anchored node for every document parsed by parseChunk (filled only when it has aliases). */
const followedAliases = new WeakMap<Alias, YNode>();

/** The node an alias stands for (one level), or the node itself. */
export function follow<T>(node: T): T | YNode {
  return isAlias(node) ? (followedAliases.get(node) ?? node) : node;
}

/**
 * The pair of a block or flow map whose key is the plain string `key`. A value that is an alias
 * comes back as the anchored node, and keys merged in with `<<: *anchor` are found too (their pair
 * is the anchored one, so a fix edits the anchor, which every user of it shares).
 */
export function getPair(map: unknown, key: string, depth = 0): Pair<Scalar, YNode | null> | undefined {
  const m = follow(map);
  if (!isMap(m)) return undefined;
  let merges: unknown[] | undefined;
  for (const item of m.items) {
    const k = item.key;
    if (isScalar(k)) {
      if (k.value === key) {
        const v = item.value;
        if (!isAlias(v)) return item as Pair<Scalar, YNode | null>;
        const target = followedAliases.get(v);
        return (target ? { key: k, value: target } : item) as Pair<Scalar, YNode | null>;
      }
      if (typeof k.value === 'symbol' && k.value.description === '<<') (merges ??= []).push(item.value);
    }
  }
  if (merges && depth < 4) {
    for (const src of merges) {
      for (const one of isSeq(src) ? src.items : [src]) {
        const p = getPair(follow(one), key, depth + 1);
        if (p) return p;
      }
    }
  }
  return undefined;
}

export function get(map: unknown, key: string): YNode | null | undefined {
  const p = getPair(map, key);
  return p ? (p.value as YNode | null) : undefined;
}

export function getMap(map: unknown, key: string): YAMLMap | undefined {
  const v = get(map, key);
  return isMap(v) ? v : undefined;
}

export function getSeq(map: unknown, key: string): YAMLSeq | undefined {
  const v = get(map, key);
  return isSeq(v) ? v : undefined;
}

export function getPath(node: unknown, path: readonly string[]): YNode | null | undefined {
  let cur: unknown = node;
  for (const k of path) {
    cur = get(cur, k);
    if (cur === undefined || cur === null) return cur as undefined | null;
  }
  return cur as YNode;
}

/** The scalar value of a node, or undefined when it is not a scalar. */
export function scalarValue(node: unknown): unknown {
  return isScalar(node) ? node.value : undefined;
}

export function getScalar(map: unknown, key: string): unknown {
  return scalarValue(get(map, key));
}

export function getString(map: unknown, key: string): string | undefined {
  const v = getScalar(map, key);
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
}

/** Items of a sequence (empty for anything else). */
export function seqItems(node: unknown): YNode[] {
  const n = follow(node);
  if (!isSeq(n)) return [];
  return n.items.some((i) => isAlias(i)) ? (n.items.map((i) => follow(i)) as YNode[]) : (n.items as YNode[]);
}

export function mapPairs(node: unknown): Pair<Scalar, YNode | null>[] {
  return isMap(node) ? (node.items as Pair<Scalar, YNode | null>[]) : [];
}

export function keyString(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

/** [start, end) of a node's value, without trailing comments or blank lines. */
export function nodeRange(node: { range?: [number, number, number] | null } | null | undefined): [number, number] | undefined {
  const r = node?.range;
  return r ? [r[0], r[1]] : undefined;
}

export function isFlow(node: unknown): boolean {
  return (isMap(node) || isSeq(node)) && !!(node as YAMLMap).flow;
}

/** The document's root map, or undefined when the document is empty, a scalar or a list. */
export function rootMap(doc: Document.Parsed): YAMLMap | undefined {
  return isMap(doc.contents) ? doc.contents : undefined;
}

/** Serialises a plain scalar for insertion, quoting only where YAML needs it. */
export function formatScalar(value: string | number | boolean | null): string {
  if (typeof value === 'string') {
    // The same names (namespaces, labels) come back in fix after fix: `stringify` builds a whole
    // document for each, which showed in the profile of a full lint. Long values are not kept.
    if (value.length > 256) return formatString(value);
    let out = formattedStrings.get(value);
    if (out === undefined) {
      if (formattedStrings.size >= 4096) formattedStrings.clear();
      formattedStrings.set(value, (out = formatString(value)));
    }
    return out;
  }
  return value === null ? 'null' : String(value);
}

const formattedStrings = new Map<string, string>();

function formatString(value: string): string {
  // YAML 1.1 readers (Kubernetes) treat yes/no/on/off as booleans, so quote those.
  if (/^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/.test(value)) return `"${value}"`;
  // Never a block scalar (`|`): its lines would need the indentation of the place the value
  // is inserted at, which the caller does not add. Multi-line strings become "a\nb".
  return stringify(value, { lineWidth: 0, blockQuote: false }).replace(/\n$/, '');
}
