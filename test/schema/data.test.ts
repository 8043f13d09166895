// YAML to validator data and back: merge keys, aliases, null values, timestamps; JSON pointers to
// nodes; and the "did you mean" matcher.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseChunk, rootMap, type YAMLMap } from '../../server/src/engine/parse';
import { locate, toData, DataTooLarge } from '../../server/src/engine/schema/data';
import { closest, editDistance } from '../../server/src/engine/schema';

function parse(text: string): { doc: ReturnType<typeof parseChunk>['doc']; root: YAMLMap } {
  const { doc } = parseChunk(text);
  return { doc, root: rootMap(doc)! };
}

test('toData reads YAML as Kubernetes does', () => {
  const { doc, root } = parse(['base: &b {a: 1, b: 2}', 'm:', '  <<: *b', '  b: 3', 'nul: ~', 'o:', 'ts: 2024-01-02', 'oct: 0755', 'yes11: yes', 'alias: *b', ''].join('\n'));
  const d = toData(doc, root) as Record<string, unknown>;
  assert.deepEqual({ ...(d.m as object) }, { a: 1, b: 3 });
  assert.ok('nul' in d && d.nul === undefined && 'o' in d, 'a null value is an unset field, but its key stays');
  assert.equal(d.ts, '2024-01-02');
  assert.equal(d.oct, 493);
  assert.equal(d.yes11, true);
  assert.deepEqual({ ...(d.alias as object) }, { a: 1, b: 2 });
});

test('an alias bomb stops validation instead of expanding', () => {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
  const { doc, root } = parse(lines.join('\n') + '\n');
  assert.throws(() => toData(doc, root), DataTooLarge);
});

test('locate maps JSON pointers to nodes, through sequences, aliases and merge keys', () => {
  const text = ['spec:', '  containers:', '  - name: a', '    securityContext: {runAsUser: "1"}', 'defaults: &d {x/y: 1}', 'merged:', '  <<: *d', ''].join('\n');
  const { doc, root } = parse(text);
  const at = locate(doc, root, '/spec/containers/0/securityContext/runAsUser')!;
  assert.equal(text.slice(at.node!.range![0], at.node!.range![1]), '"1"');
  assert.deepEqual(at.path, ['spec', 'containers', 0, 'securityContext', 'runAsUser']);
  const merged = locate(doc, root, '/merged/x~1y')!;
  assert.equal(text.slice(merged.node!.range![0], merged.node!.range![1]), '1');
  assert.equal(locate(doc, root, '/spec/containers/5'), undefined);
});

test('closest: case, separators, typos and transpositions; ties and far words give nothing', () => {
  assert.deepEqual(closest('runAsNonroot', ['runAsNonRoot', 'runAsUser']), { value: 'runAsNonRoot', caseOnly: true });
  assert.deepEqual(closest('RuntimeDefualt', ['Localhost', 'RuntimeDefault', 'Unconfined']), { value: 'RuntimeDefault', caseOnly: false });
  assert.deepEqual(closest('STRCT', ['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT']), { value: 'STRICT', caseOnly: false });
  assert.equal(closest('hardened', ['runAsUser', 'privileged']), undefined);
  assert.equal(closest('ab', ['ac', 'ad']), undefined);
  assert.equal(closest('runAsUser', ['runAsUser']), undefined);
  assert.equal(editDistance('abcd', 'abdc'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
});
