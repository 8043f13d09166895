// Suppressions through the CLI: counted in the text summary and JSON, listed in SARIF only when
// asked (--include-suppressed), and removed by --fix when unused.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { json, kubeward, PRIVILEGED_POD, tempDir } from '../cli/helpers';

const SUPPRESSED = PRIVILEGED_POD.replace('  hostPID: true', '  hostPID: true  # kubeward-disable-line pss-host-namespaces -- node agent').replace(
  '      privileged: true',
  '      # kubeward-disable-next-line pss-privileged, pss-host-process -- CNI\n      privileged: true',
);
const args = ['--preset', 'pss-baseline', '--rule', 'suppression-unused=info', '--no-config'];

describe('cli: suppressions', () => {
  it('text and JSON count the suppressed findings; the unused id is reported', () => {
    const dir = tempDir({ 'pod.yaml': SUPPRESSED });
    const text = kubeward(['lint', 'pod.yaml', ...args], { cwd: dir });
    assert.equal(text.code, 0);
    assert.equal(
      text.stdout,
      'pod.yaml:11:52 info suppression-unused the suppression of pss-host-process is unused: the next line has no pss-host-process finding\n\n1 finding (0 errors, 0 warnings, 1 info) in 1 of 1 file (2 suppressed). 1 fixable with --fix.\n',
    );
    const out = json(kubeward(['lint', 'pod.yaml', ...args, '--format', 'json'], { cwd: dir }));
    assert.equal(out.suppressed, 2);
  });

  it('SARIF lists suppressed results only with --include-suppressed', () => {
    const dir = tempDir({ 'pod.yaml': SUPPRESSED });
    const plain = JSON.parse(kubeward(['lint', 'pod.yaml', ...args, '--format', 'sarif'], { cwd: dir }).stdout).runs[0].results;
    assert.deepEqual(plain.map((r: { ruleId: string }) => r.ruleId), ['suppression-unused']);
    const all = JSON.parse(kubeward(['lint', 'pod.yaml', ...args, '--format', 'sarif', '--include-suppressed'], { cwd: dir }).stdout).runs[0].results;
    const suppressed = all.filter((r: { suppressions?: unknown[] }) => r.suppressions);
    assert.deepEqual(
      suppressed.map((r: { ruleId: string; suppressions: { kind: string; status: string; justification: string }[] }) => [r.ruleId, r.suppressions[0].kind, r.suppressions[0].status, r.suppressions[0].justification]),
      [
        ['pss-host-namespaces', 'inSource', 'accepted', 'node agent'],
        ['pss-privileged', 'inSource', 'accepted', 'CNI'],
      ],
    );
  });

  it('--fix removes the unused id and keeps the rest of the comment', () => {
    const dir = tempDir({ 'pod.yaml': SUPPRESSED });
    const r = kubeward(['lint', 'pod.yaml', ...args, '--fix'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.equal(fs.readFileSync(path.join(dir, 'pod.yaml'), 'utf8'), SUPPRESSED.replace('pss-privileged, pss-host-process', 'pss-privileged'));
  });
});
