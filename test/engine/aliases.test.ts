// Kubernetes expands YAML aliases and merge keys before it reads a manifest, so rules must read
// through them too: an insecure setting shared through an anchor is not a blind spot.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixes, LineIndex, lint } from '../../server/src/engine';

const POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata: {name: p}',
  'x-shared: &insecure',
  '  privileged: true',
  'spec:',
  '  containers:',
  '  - name: a',
  '    image: a:1.0',
  '    securityContext: *insecure',
  '  - name: b',
  '    image: b:1.0',
  '    securityContext:',
  '      <<: *insecure',
  '      runAsNonRoot: true',
  '  - name: c',
  '    image: c:1.0',
  '',
].join('\n');

test('a value reached through an alias or a merge key is checked, at the anchored node', () => {
  const { findings } = lint(POD, { only: ['pss-privileged'] });
  const at = findings.map((f) => {
    const p = new LineIndex(POD).positionAt(f.start);
    return `${p.line + 1}:${p.character + 1} ${f.message.match(/container "(\w)"/)?.[1]}`;
  });
  assert.deepEqual(at, ['5:15 a', '5:15 b']);
});

test('the fix edits the anchor, which fixes every user of it, and the YAML stays valid', () => {
  const fixed = applyFixes(POD, { only: ['pss-privileged'] }, { safety: 'suggestion' }).text;
  assert.equal(fixed, POD.replace('  privileged: true', '  privileged: false'));
  const after = lint(fixed, { only: ['pss-privileged'] });
  assert.deepEqual(after.findings, []);
  assert.deepEqual(after.parseErrors, []);
});

test('a merged key is overridden by the map\'s own key, as YAML merge keys define', () => {
  const text = POD.replace('      runAsNonRoot: true', '      privileged: false');
  const { findings } = lint(text, { only: ['pss-privileged'] });
  assert.deepEqual(findings.map((f) => f.message.match(/container "(\w)"/)?.[1]), ['a']);
});
