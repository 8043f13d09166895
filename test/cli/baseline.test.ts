// --write-baseline / --baseline: adopt kubeward on an existing repository and fail only on new findings.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { json, kubeward, PRIVILEGED_POD, tempDir } from './helpers';

const args = ['--preset', 'pss-baseline'];

describe('cli: baseline', () => {
  it('a baseline written now makes the same findings pass, even after lines move', () => {
    const dir = tempDir({ 'pod.yaml': PRIVILEGED_POD });
    const first = kubeward(['lint', 'pod.yaml', ...args, '--write-baseline', 'kubeward-baseline.json'], { cwd: dir });
    assert.equal(first.code, 1, 'writing a baseline still reports');
    const written = JSON.parse(fs.readFileSync(path.join(dir, 'kubeward-baseline.json'), 'utf8'));
    assert.equal(written.findings.length, 2);
    assert.ok(written.findings.every((f: { fingerprint: string }) => /^[0-9a-f]{32}$/.test(f.fingerprint)));

    // Comments and blank lines above shift every line: the fingerprints do not change.
    fs.writeFileSync(path.join(dir, 'pod.yaml'), '# owned by the web team\n\n' + PRIVILEGED_POD);
    const again = kubeward(['lint', 'pod.yaml', ...args, '--baseline', 'kubeward-baseline.json'], { cwd: dir });
    assert.equal(again.code, 0, again.stdout);
    assert.equal(again.stdout, 'No findings in 1 file (2 in the baseline).\n');
  });

  it('only new findings are reported and fail', () => {
    const dir = tempDir({ 'pod.yaml': PRIVILEGED_POD });
    kubeward(['lint', 'pod.yaml', ...args, '--write-baseline', 'b.json'], { cwd: dir });
    fs.writeFileSync(path.join(dir, 'pod.yaml'), PRIVILEGED_POD.replace('  hostPID: true', '  hostPID: true\n  hostNetwork: true'));
    const r = kubeward(['lint', 'pod.yaml', ...args, '--baseline', 'b.json', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 1);
    const out = json(r);
    assert.deepEqual(out.findings.map((f) => [f.ruleId, f.line, f.column]), [['pss-host-namespaces', 7, 16]]);
    assert.deepEqual(out.baseline, { file: 'b.json', matched: 2 });
  });

  it('the JSON format is a baseline too', () => {
    const dir = tempDir({ 'pod.yaml': PRIVILEGED_POD });
    fs.writeFileSync(path.join(dir, 'report.json'), kubeward(['lint', 'pod.yaml', ...args, '--format', 'json'], { cwd: dir }).stdout);
    assert.equal(kubeward(['lint', 'pod.yaml', ...args, '--baseline', 'report.json'], { cwd: dir }).code, 0);
  });

  it('a missing or malformed baseline is an error (exit 2), not an empty baseline', () => {
    const dir = tempDir({ 'pod.yaml': PRIVILEGED_POD, 'bad.json': '{"findings": [{"ruleId": "x"}]}', 'text.json': 'not json' });
    const missing = kubeward(['lint', 'pod.yaml', '--baseline', 'nope.json'], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--baseline nope\.json: no such file \(write one with --write-baseline\)/);
    assert.match(kubeward(['lint', 'pod.yaml', '--baseline', 'bad.json'], { cwd: dir }).stderr, /have no "fingerprint"/);
    assert.match(kubeward(['lint', 'pod.yaml', '--baseline', 'text.json'], { cwd: dir }).stderr, /not JSON/);
  });
});
