// Exit status: 0 nothing at or above --fail-on, 1 something is, 2 a usage or input error.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { kubeward, PRIVILEGED_POD, RESTRICTED_POD, ROOT, tempDir } from './helpers';

const dir = tempDir({ 'bad.yaml': PRIVILEGED_POD, 'good.yaml': RESTRICTED_POD });
// Only the two baseline findings of bad.yaml, at a chosen severity.
const at = (sev: string) => ['--preset', 'pss-baseline', '--rule', `pss-privileged=${sev}`, '--rule', `pss-host-namespaces=${sev}`];

describe('cli: exit codes', () => {
  it('0 for a clean file, 1 for an error finding (default --fail-on error)', () => {
    assert.equal(kubeward(['lint', 'good.yaml', '--preset', 'pss-restricted'], { cwd: dir }).code, 0);
    assert.equal(kubeward(['lint', 'bad.yaml', '--preset', 'pss-baseline'], { cwd: dir }).code, 1);
  });

  const table: [string, string, number][] = [
    ['warning', 'error', 0],
    ['warning', 'warning', 1],
    ['warning', 'info', 1],
    ['info', 'warning', 0],
    ['info', 'info', 1],
    ['error', 'never', 0],
  ];
  for (const [severity, failOn, expected] of table) {
    it(`${expected} for ${severity} findings with --fail-on ${failOn}`, () => {
      const r = kubeward(['lint', 'bad.yaml', ...at(severity), '--fail-on', failOn, '--format', 'json'], { cwd: dir });
      assert.equal(r.code, expected, r.stderr);
      const out = JSON.parse(r.stdout);
      assert.deepEqual(out.findings.map((f: { severity: string }) => f.severity), [severity, severity]);
    });
  }

  it('2 for a missing file, still linting the others', () => {
    const r = kubeward(['lint', 'nope.yaml', 'bad.yaml', '--preset', 'pss-baseline', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'kubeward: nope.yaml: no such file or directory\n');
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.errors, [{ file: 'nope.yaml', message: 'no such file or directory', code: 'ENOENT' }]);
    assert.equal(out.findings.length, 2, 'bad.yaml is still linted');
  });

  const usage: [string, string[], RegExp][] = [
    ['an unknown option', ['lint', '--frobnicate', 'bad.yaml'], /unknown option '--frobnicate' for 'lint'/],
    ['an unknown format', ['lint', '--format', 'xml', 'bad.yaml'], /invalid value 'xml' for --format: expected text, json, sarif/],
    ['an unknown --fail-on', ['lint', '--fail-on', 'critical', 'bad.yaml'], /invalid value 'critical' for --fail-on/],
    ['a missing option value', ['lint', 'bad.yaml', '--format'], /option '--format' needs a value/],
    ['no input', ['lint'], /no input/],
    ['an unknown rule', ['lint', '--rule', 'no-such-rule=off', 'bad.yaml'], /unknown rule 'no-such-rule'/],
    ['a bad rule severity', ['lint', '--rule', 'pss-privileged=loud', 'bad.yaml'], /invalid value 'loud' for --rule pss-privileged/],
    ['a bad --pss-version', ['lint', '--pss-version', '2.0', 'bad.yaml'], /--pss-version: expected latest or v1\.N/],
    ['a bad --max-file-size', ['lint', '--max-file-size', 'huge', 'bad.yaml'], /invalid --max-file-size 'huge'/],
    ['an unknown command', ['check', 'bad.yaml'], /unknown command 'check'/],
    ['a path where the command goes', ['bad.yaml'], /did you mean 'kubeward lint bad\.yaml'/],
    ['an unknown preset', ['lint', '--preset', 'pss-strict', 'bad.yaml'], /expected pss-baseline, pss-restricted/],
    ['standard input twice', ['lint', '-', '-'], /standard input \('-'\) can be read only once/],
  ];
  for (const [name, args, message] of usage) {
    it(`2 with a usage message for ${name}`, () => {
      const r = kubeward(args, { cwd: dir });
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.match(r.stderr, /Usage: kubeward/);
      assert.equal(r.stdout, '');
    });
  }

  it('--help and --version exit 0', () => {
    const help = kubeward(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: kubeward <command>/);
    const lintHelp = kubeward(['lint', '--help']);
    assert.equal(lintHelp.code, 0);
    for (const opt of ['--format', '--fail-on', '--fix', '--fix-suggestions', '--preset', '--pss-level', '--pss-version', '--rule', '--max-file-size']) {
      assert.ok(lintHelp.stdout.includes(opt), `lint --help documents ${opt}`);
    }
    const version = kubeward(['--version']);
    assert.equal(version.code, 0);
    assert.equal(version.stdout, `${JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version}\n`);
  });

  it('no arguments prints the usage and exits 2', () => {
    const r = kubeward([]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^Usage: kubeward <command>/);
  });
});
