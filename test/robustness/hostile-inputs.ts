// Hostile inputs, built at test time instead of committed: alias bombs, deep nesting, huge files.

/** A Pod with a privileged container: one `pss-privileged` finding at `privileged: true`. */
export const PRIVILEGED_POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: web',
  'spec:',
  '  containers:',
  '  - name: app',
  '    image: nginx:1.25',
  '    securityContext:',
  '      privileged: true',
  '',
].join('\n');

/**
 * "Billion laughs": `levels` anchors, each a list of `width` aliases of the one before, so the last
 * expands to width^levels scalars (9^9 = 387,420,489 for the classic one), from a few hundred bytes.
 * Keys are prefixed (`x-a`) so they can sit in a Kubernetes object without meaning anything.
 */
export function billionLaughs(levels = 9, width = 9, indent = ''): string {
  const names = Array.from({ length: levels }, (_, i) => `l${i}`);
  const lines = [`${indent}x-${names[0]}: &${names[0]} [${Array(width).fill('"lol"').join(', ')}]`];
  for (let i = 1; i < levels; i++) lines.push(`${indent}x-${names[i]}: &${names[i]} [${Array(width).fill(`*${names[i - 1]}`).join(', ')}]`);
  return lines.join('\n') + '\n';
}

/** The same bomb through merge keys (`<<: [*a, *a]`), which Kubernetes also expands. */
export function mergeKeyBomb(levels = 20): string {
  const lines = ['m0: &m0 {a: 1, b: 2}'];
  for (let i = 1; i < levels; i++) lines.push(`m${i}: &m${i} {l: [*m${i - 1}, *m${i - 1}], r: [*m${i - 1}, *m${i - 1}]}`);
  return lines.join('\n') + '\n';
}

/** Block maps nested `depth` levels deep, one space more per level (depth 10,000 is 50 MB). */
export function deepBlockMaps(depth: number): string {
  const parts: string[] = [];
  for (let i = 0; i < depth; i++) parts.push(`${' '.repeat(i)}k:\n`);
  parts.push(`${' '.repeat(depth)}leaf: x\n`);
  return parts.join('');
}

/** `[[[...]]]` */
export function deepFlowSeqs(depth: number): string {
  return `${'['.repeat(depth)}x${']'.repeat(depth)}\n`;
}

/** `{a: {a: ... x}}` */
export function deepFlowMaps(depth: number): string {
  return `${'{a: '.repeat(depth)}x${'}'.repeat(depth)}\n`;
}

/** `- - - - x`: compact nested block sequences, all on one line. */
export function deepBlockSeqs(depth: number): string {
  return `${'- '.repeat(depth)}x\n`;
}

/** Offset of the start of the n-th (0-based) occurrence of `needle`. */
export function nthIndexOf(text: string, needle: string, n: number): number {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) return -1;
  }
  return at;
}
