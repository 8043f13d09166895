// --fix (safe fixes) and --fix-suggestions (hardening too), in place and on standard input.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { json, kubeward, PRIVILEGED_POD, RESTRICTED_POD, tempDir, y } from './helpers';

/** A CronJob on a removed API version (a safe fix) with a privileged container (a suggestion). */
const CRONJOB = y(
  '# Nightly report: keep this comment',
  'apiVersion: batch/v1beta1   # old API',
  'kind: CronJob',
  'metadata:',
  '  name: report',
  '  namespace: jobs',
  'spec:',
  '  schedule: "0 2 * * *"',
  '  jobTemplate:',
  '    spec:',
  '      template:',
  '        spec:',
  '          restartPolicy: OnFailure',
  '          containers:',
  '          - name: report',
  '            image: "registry.example.com/report:1.4.2"  # pinned',
  '            securityContext:',
  '              privileged: true   # why?',
);

function read(dir: string, name: string): string {
  return fs.readFileSync(path.join(dir, name), 'utf8');
}

describe('cli: --fix', () => {
  it('applies safe fixes only, in place, prints them, and reports what remains', () => {
    const dir = tempDir({ 'cron.yaml': CRONJOB });
    const r = kubeward(['lint', '--fix', 'cron.yaml'], { cwd: dir });
    assert.equal(r.code, 1, 'the privileged container is still an error');
    assert.match(r.stdout, /^Fixed \(1 change\):\n {2}cron\.yaml:2 deprecated-api-version Change apiVersion to batch\/v1\n/);
    assert.match(r.stdout, /cron\.yaml:18:27 error pss-privileged /);
    assert.doesNotMatch(r.stdout, /\d+:\d+ \w+ deprecated-api-version/, 'the fixed finding is gone');
    // Only the apiVersion changed: every other byte, comments included, is as it was.
    assert.equal(read(dir, 'cron.yaml'), CRONJOB.replace('batch/v1beta1', 'batch/v1'));
  });

  it('leaves a file without safe fixes byte-identical', () => {
    const dir = tempDir({ 'pod.yaml': PRIVILEGED_POD });
    const r = kubeward(['lint', '--fix', 'pod.yaml', '--preset', 'pss-baseline'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^Nothing to fix\.\n/);
    assert.equal(read(dir, 'pod.yaml'), PRIVILEGED_POD);
  });

  it('lists the changes in JSON under "fixed" and on standard error', () => {
    const dir = tempDir({ 'cron.yaml': CRONJOB });
    const r = kubeward(['lint', '--fix', 'cron.yaml', '--format', 'json'], { cwd: dir });
    const out = json(r);
    assert.deepEqual(out.fixed, [{ file: 'cron.yaml', line: 2, ruleId: 'deprecated-api-version', title: 'Change apiVersion to batch/v1' }]);
    assert.equal(r.stderr, 'fixed cron.yaml:2 deprecated-api-version Change apiVersion to batch/v1\n');
  });
});

describe('cli: --fix-suggestions', () => {
  it('hardens the workload: the result parses, keeps its comments and passes restricted', () => {
    const dir = tempDir({ 'cron.yaml': CRONJOB, 'pod.yaml': PRIVILEGED_POD, 'ok.yaml': RESTRICTED_POD });
    const r = kubeward(['lint', '--fix-suggestions', '.', '--preset', 'pss-restricted'], { cwd: dir });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    // Each change is listed at its line in the fixed file.
    assert.match(r.stdout, /\n {2}cron\.yaml:18 pss-allow-privilege-escalation Set allowPrivilegeEscalation: false and privileged: false\n/);
    assert.match(r.stdout, /pod\.yaml:6 pss-host-namespaces /);
    assert.match(r.stdout, /No findings in 3 files after fixing\.\n$/);
    const cron = read(dir, 'cron.yaml');
    assert.match(cron, /^# Nightly report: keep this comment\n/);
    assert.match(cron, /privileged: false {3}# why\?\n/);
    assert.match(cron.split('\n')[17], /privileged: false/);
    const listed = [...r.stdout.matchAll(/^ {2}cron\.yaml:(\d+) pss-seccomp-restricted /gm)].map((m) => Number(m[1]));
    assert.equal(listed.length, 1);
    assert.match(cron.split('\n')[listed[0] - 1], /seccompProfile:/);
    assert.match(cron, /image: "registry\.example\.com\/report:1\.4\.2" {2}# pinned\n/);
    assert.equal(read(dir, 'ok.yaml'), RESTRICTED_POD, 'a clean file is not rewritten');
    // Re-linted from scratch: valid YAML, and the restricted profile is clean.
    const again = json(kubeward(['lint', '.', '--preset', 'pss-restricted', '--format', 'json'], { cwd: dir }));
    assert.deepEqual(again, { findings: [], errors: [] });
    const syntax = json(kubeward(['lint', '.', '--format', 'json'], { cwd: dir })).findings.filter((f) => f.ruleId === 'yaml-syntax');
    assert.deepEqual(syntax, []);
  });

  it('keeps a UTF-8 byte-order mark and CRLF line ends', () => {
    const crlf = '\ufeff' + PRIVILEGED_POD.replace(/\n/g, '\r\n');
    const dir = tempDir({ 'win.yaml': crlf });
    const r = kubeward(['lint', '--fix-suggestions', 'win.yaml', '--preset', 'pss-restricted'], { cwd: dir });
    assert.equal(r.code, 0, r.stdout);
    const bytes = fs.readFileSync(path.join(dir, 'win.yaml'));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    assert.ok(!/[^\r]\n/.test(text), 'every line ends with CRLF');
    assert.match(text, /privileged: false\r\n/);
  });

  it('fixes the documents that parse and keeps a YAML error elsewhere as it was', () => {
    const broken = y('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: "unclosed', 'data: {}');
    const dir = tempDir({ 'mixed.yaml': PRIVILEGED_POD + '---\n' + broken });
    const r = kubeward(['lint', '--fix-suggestions', 'mixed.yaml', '--preset', 'pss-restricted', '--format', 'json'], { cwd: dir });
    const out = json(r);
    assert.deepEqual(out.findings.map((f) => f.ruleId), ['yaml-syntax']);
    const text = read(dir, 'mixed.yaml');
    assert.ok(text.endsWith('---\n' + broken), 'the broken document is untouched');
    assert.match(text, /privileged: false\n/);
  });

  it('writes the fixed standard input to standard output and the report to standard error', () => {
    const r = kubeward(['lint', '--fix-suggestions', '-', '--preset', 'pss-restricted'], { input: PRIVILEGED_POD });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^apiVersion: v1\nkind: Pod\n/);
    assert.match(r.stdout, /hostPID: false\n/);
    assert.match(r.stdout, /privileged: false\n/);
    assert.match(r.stderr, /^Fixed \(\d+ changes\):\n {2}<stdin>:6 pss-host-namespaces Set hostPID: false\n/);
    assert.match(r.stderr, /No findings in 1 file after fixing\./);
    // The output is itself clean.
    assert.equal(kubeward(['lint', '-', '--preset', 'pss-restricted'], { input: r.stdout }).code, 0);
  });

  it('writes standard input unchanged when there is nothing to fix', () => {
    const r = kubeward(['lint', '--fix', '-', '--preset', 'pss-baseline'], { input: RESTRICTED_POD });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, RESTRICTED_POD);
  });
});
