// Limits on what one YAML document may cost, checked right after parsing and before any rule
// runs. A document past a limit gets one clear error at the place that crosses it, and no rule
// looks at it: rules and schema validation then never meet a tree that could overflow the stack
// or expand without end. Every walk here is iterative and linear in the written nodes. The YAML
// errors of a document are capped too, so one missing bracket cannot flood the editor.
import { isAlias, isMap, isPair, isScalar, isSeq, type ChunkError, type ParsedChunk } from './parse';

/** Collections nested deeper than this are refused. Real manifests (CRD schemas included) stay
 * well under a hundred levels; `yaml`'s recursive composer overflows the default stack near 1,000. */
export const MAX_NESTING = 500;
/** Nodes that aliases may add to a document when it is expanded (as `kubectl` decodes it). */
export const MAX_ALIAS_EXPANSION = 100_000;

/** YAML errors shown per document: one missing bracket deep down can make hundreds. */
export const MAX_ERRORS = 100;

export const NESTING_TOO_DEEP = 'nesting-too-deep';
export const TOO_MANY_ERRORS = 'too-many-errors';
export const TOO_MANY_ALIASES = 'too-many-aliases';

export interface GuardResult {
  /** Errors to report, in place of the parser's own "Maximum call stack size exceeded". */
  errors: ChunkError[];
  /** True when no rule may look at the document. */
  skip: boolean;
}

interface Ranged {
  range?: [number, number, number] | null;
}

/** Checks nesting depth and alias expansion; replaces stack-overflow errors in `parsed.errors`. */
export function guardChunk(parsed: ParsedChunk): GuardResult {
  const { text } = parsed;
  const overflow = parsed.errors.filter(isStackOverflow);
  const walk = walkTree(parsed.doc.contents);
  const errors: ChunkError[] = [];
  if (walk.tooDeep || overflow.length > 0) {
    // The parser gave up (or would have, with a little less stack): one error where it starts.
    const at = walk.tooDeep?.range?.[0] ?? Math.min(...overflow.map((e) => e.start));
    errors.push(errorAt(text, at, at + 1, NESTING_TOO_DEEP,
      `nesting too deep: collections are nested more than ${MAX_NESTING} levels deep here; Kubeward did not check this document (real manifests nest a few dozen levels)`));
  }
  if (walk.aliases > 0 && errors.length === 0) {
    const bomb = aliasExpansion(parsed.doc.contents, (a) => walk.targets.get(a));
    if (bomb) {
      const message = bomb.recursive
        ? 'too many aliases: this alias refers to a node that contains it, so the document expands without end; Kubernetes cannot decode it and Kubeward did not check it'
        : `too many aliases: through its aliases this document expands to more than ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')} extra nodes (an alias bomb such as "billion laughs"); Kubeward did not expand or check it`;
      errors.push(errorAt(text, bomb.at, bomb.end, TOO_MANY_ALIASES, message));
    }
  }
  if (overflow.length > 0) parsed.errors = parsed.errors.filter((e) => !isStackOverflow(e));
  // Past the point where the document is too deep, the parser's errors are echoes of that.
  const deep = errors.find((e) => e.code === NESTING_TOO_DEEP);
  if (deep) parsed.errors = parsed.errors.filter((e) => e.start < deep.start);
  parsed.errors.push(...errors);
  parsed.errors.sort((a, b) => a.start - b.start);
  if (parsed.errors.length > MAX_ERRORS) {
    const rest = parsed.errors.length - MAX_ERRORS;
    const next = parsed.errors[MAX_ERRORS];
    parsed.errors = parsed.errors.slice(0, MAX_ERRORS);
    parsed.errors.push({ ...errorAt(text, next.start, next.end, TOO_MANY_ERRORS, `${rest} more YAML errors in this document are not shown (only the first ${MAX_ERRORS}); fix the first ones and the rest often go`), warning: true });
  }
  return { errors, skip: errors.length > 0 };
}

function isStackOverflow(e: ChunkError): boolean {
  return e.code === 'RESOURCE_EXHAUSTION' || /Maximum call stack size exceeded/i.test(e.message);
}

/** An error on [at, end), kept inside the text and on one line. */
function errorAt(text: string, at: number, end: number, code: string, message: string): ChunkError {
  const start = Math.max(0, Math.min(at, text.length));
  let e = start;
  while (e < end && e < text.length && text[e] !== '\n' && text[e] !== '\r') e++;
  return { message, start, end: e, code, warning: false };
}

interface TreeWalk {
  /** The first node (in document order) deeper than MAX_NESTING. */
  tooDeep?: Ranged;
  aliases: number;
  /** Alias -> anchored node, resolved as `yaml` does: the last such anchor before the alias. */
  targets: Map<object, object | undefined>;
}

function walkTree(root: unknown): TreeWalk {
  const out: TreeWalk = { aliases: 0, targets: new Map() };
  const anchors = new Map<string, object>();
  const stack: { node: unknown; depth: number }[] = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (isAlias(node)) {
      out.aliases++;
      out.targets.set(node, anchors.get(node.source));
      continue;
    }
    if (isPair(node)) {
      stack.push({ node: node.value, depth }, { node: node.key, depth });
      continue;
    }
    if (!isScalar(node) && !isMap(node) && !isSeq(node)) continue;
    if (node.anchor) anchors.set(node.anchor, node);
    if (isScalar(node)) continue;
    if (depth > MAX_NESTING && !out.tooDeep) out.tooDeep = node;
    for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i], depth: depth + 1 });
  }
  return out;
}

interface Bomb {
  /** The alias at which the expansion crosses the limit. */
  at: number;
  end: number;
  recursive: boolean;
}

const CAP = 1e12;

/**
 * Counts the nodes the document would have with every alias replaced by a copy of its target
 * (memoised per anchored collection, so this costs one pass), and finds the alias at which the
 * nodes added by aliases first exceed MAX_ALIAS_EXPANSION, or an alias inside its own target.
 */
function aliasExpansion(root: unknown, targetOf: (alias: object) => object | undefined): Bomb | undefined {
  const size = new Map<object, number>();
  const open = new Set<object>();
  let added = 0;
  interface Frame {
    node: object;
    children: unknown[];
    i: number;
    sum: number;
  }
  const childrenOf = (n: { items: unknown[] }): unknown[] => n.items.flatMap((it) => (isPair(it) ? [it.key, it.value] : [it]));
  if (!isMap(root) && !isSeq(root)) return undefined;
  const frames: Frame[] = [{ node: root, children: childrenOf(root), i: 0, sum: 0 }];
  open.add(root);
  while (frames.length > 0) {
    const f = frames[frames.length - 1];
    if (f.i >= f.children.length) {
      const s = Math.min(CAP, 1 + f.sum);
      size.set(f.node, s);
      open.delete(f.node);
      frames.pop();
      if (frames.length > 0) frames[frames.length - 1].sum += s;
      continue;
    }
    const child = f.children[f.i++];
    if (isMap(child) || isSeq(child)) {
      open.add(child);
      frames.push({ node: child, children: childrenOf(child), i: 0, sum: 0 });
    } else if (isAlias(child)) {
      const target = targetOf(child);
      const [at, end] = (child as Ranged).range ?? [0, 0];
      if (target && open.has(target)) return { at, end, recursive: true };
      const s = target ? (size.get(target) ?? 1) : 1;
      f.sum += s;
      added = Math.min(CAP, added + s - 1);
      if (added > MAX_ALIAS_EXPANSION) return { at, end, recursive: false };
    } else if (child !== null && child !== undefined) {
      f.sum += 1;
    }
  }
  return undefined;
}
