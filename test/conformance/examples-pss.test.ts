// The PSS findings on the seed article's manifests in examples/ land on the exact node: the value
// for a bad value, the volume type key for a forbidden volume. Positions are looked up in the text,
// so the test survives edits to the files' headers.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lint, RULES } from '../../server/src/engine';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const PSS = RULES.filter((r) => r.meta.standards?.pss).map((r) => r.id);

/** [start, end) of the `nth` (0-based) match of `re`'s group 1 (or whole match) in text. */
function spans(text: string, re: RegExp): [number, number][] {
  const out: [number, number][] = [];
  for (const m of text.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`))) {
    const g = m[1] ?? m[0];
    const start = m.index! + m[0].indexOf(g);
    out.push([start, start + g.length]);
  }
  return out;
}

function at(file: string, level: 'baseline' | 'restricted' = 'restricted') {
  const p = path.join(ROOT, 'examples', file);
  const text = fs.readFileSync(p, 'utf8');
  const findings = lint(text, { only: PSS, pss: { level } }).findings;
  return { text, findings, of: (rule: string) => findings.filter((f) => f.ruleId === rule).map((f) => [f.start, f.end]) };
}

describe('PSS findings on examples/', () => {
  it('falco-daemonset.yaml: hostNetwork on its value, each hostPath volume on its key', () => {
    const { text, of } = at('falco-daemonset.yaml');
    assert.deepEqual(of('pss-host-namespaces'), spans(text, /hostNetwork: (true)/));
    assert.deepEqual(of('pss-restricted-volumes'), spans(text, /^\s+(hostPath):/m));
    assert.equal(of('pss-restricted-volumes').length, 4);
    const baseline = at('falco-daemonset.yaml', 'baseline');
    assert.deepEqual(baseline.of('pss-host-path-volumes'), spans(text, /^\s+(hostPath):/m));
  });

  it('kube-bench-job.yaml: hostPID and privileged on their values', () => {
    const { text, of } = at('kube-bench-job.yaml', 'baseline');
    assert.deepEqual(of('pss-host-namespaces'), spans(text, /hostPID: (true)/));
    assert.deepEqual(of('pss-privileged'), spans(text, /privileged: (true)/));
    assert.equal(of('pss-host-namespaces').length, 1);
    assert.equal(of('pss-privileged').length, 1);
  });

  it('every PSS finding on the examples names its level', () => {
    for (const file of fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml'))) {
      for (const f of at(file).findings) assert.match(f.message, /^(baseline|restricted): /, `${file}: ${f.message}`);
    }
  });
});
