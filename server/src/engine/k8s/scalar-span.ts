// Maps a span of a scalar's decoded value back to the bytes of the source, so a finding (and its
// fix) can cover only the secret inside `--client-secret=abc` or a line of a block scalar.
import { isScalar, type Scalar, type YNode } from '../parse';

/**
 * Source offsets of `value.slice(from, to)` for a scalar node, or undefined when they cannot be
 * found exactly (escapes, folding, or an ambiguous repeat). `context` is a longer decoded substring
 * that contains the span and starts at `contextFrom`; it is searched when the span itself is not
 * unique in the source (for example the `s3cret` of `--password=s3cret` inside a block scalar).
 */
export function scalarSpan(
  text: string,
  node: YNode | null | undefined,
  from: number,
  to: number,
  context?: { from: number; to: number },
): [number, number] | undefined {
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
  const value = node.value;
  const wanted = value.slice(from, to);
  if (wanted.length === 0) return undefined;
  const [start, end] = node.range;
  const source = text.slice(start, end);
  const direct = directOffset(node, source);
  if (direct !== undefined) {
    const s = start + direct + from;
    if (text.slice(s, s + wanted.length) === wanted) return [s, s + wanted.length];
  }
  // Block scalars, multi-line and escaped strings: look the text up in the source, once.
  const found = (needle: string): number | undefined => {
    const i = source.indexOf(needle);
    if (i === -1 || source.indexOf(needle, i + 1) !== -1) return undefined;
    return i;
  };
  if (context && context.from <= from && context.to >= to) {
    const i = found(value.slice(context.from, context.to));
    if (i !== undefined) {
      const s = start + i + (from - context.from);
      if (text.slice(s, s + wanted.length) === wanted) return [s, s + wanted.length];
    }
  }
  const i = found(wanted);
  return i === undefined ? undefined : [start + i, start + i + wanted.length];
}

/** Offset of decoded index 0 in the source, when decoded and source characters map one to one. */
function directOffset(node: Scalar, source: string): number | undefined {
  if (source.includes('\n')) return undefined;
  switch (node.type) {
    case 'PLAIN':
      return 0;
    case 'QUOTE_SINGLE':
      return source.slice(1, -1).includes("''") ? undefined : 1;
    case 'QUOTE_DOUBLE':
      return source.includes('\\') ? undefined : 1;
    default:
      return undefined;
  }
}
