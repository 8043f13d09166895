// The CLI (dist/cli.js, as users run it) on inputs it cannot or must not read: permission errors,
// special files, broken symbolic links, link loops, folders without YAML, a 50 MB file, NUL
// bytes, invalid UTF-8; and on a BOM and CRLF, whose positions and bytes it must keep. Each
// problem gets a clear message on standard error and exit status 2, and the other files are
// still linted.
//
// Permission errors: chmod 000 does not stop root. When the tests run as root, the CLI is run as
// user "nobody" (uid 65534) for those tests, so the permission check is real.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from './corpus';
import { PRIVILEGED_POD } from './hostile-inputs';
import { tempFolders } from '../helpers/temp-folder';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const IS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function kubeward(args: string[], cwd: string, opts: { asNobody?: boolean; input?: string | Buffer } = {}): Run {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run npm run build first`);
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    input: opts.input ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 60_000,
    ...(opts.asNobody ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const folder = tempFolders('kubeward-robust-');

/** `file:line:col severity rule` of each finding in the text output. */
const findingsOf = (out: string) => out.split('\n').filter((l) => /^\S+:\d+:\d+ (error|warning|info) /.test(l)).map((l) => l.split(' ').slice(0, 3).join(' '));
const BASELINE = ['--preset', 'pss-baseline'];

describe('CLI: inputs it cannot read', () => {
  it(`a file without read permission: "permission denied", exit 2, the others linted${IS_ROOT ? ' (run as nobody: root reads anything)' : ''}`, () => {
    if (IS_ROOT) console.log('cli: running as root, where chmod 000 does not block reads: the permission tests run the CLI as uid 65534 (nobody)');
    const d = folder({ 'ok.yaml': PRIVILEGED_POD, 'secret.yaml': PRIVILEGED_POD });
    fs.chmodSync(path.join(d, 'secret.yaml'), 0o000);
    const r = kubeward(['lint', '.', ...BASELINE], d, { asNobody: IS_ROOT });
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr, 'kubeward: secret.yaml: permission denied\n');
    assert.deepEqual(findingsOf(r.stdout), ['ok.yaml:10:19 error pss-privileged']);
  });

  it('a folder without read permission: "permission denied" for the folder, exit 2, the others linted', () => {
    const d = folder({ 'ok.yaml': PRIVILEGED_POD, 'locked/inner.yaml': PRIVILEGED_POD });
    fs.chmodSync(path.join(d, 'locked'), 0o000);
    const r = kubeward(['lint', '.', ...BASELINE], d, { asNobody: IS_ROOT });
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr, 'kubeward: locked: permission denied\n');
    assert.deepEqual(findingsOf(r.stdout), ['ok.yaml:10:19 error pss-privileged']);
  });

  it('a FIFO named like YAML: never opened (reading it would block forever); named on the command line it is "not a regular file", exit 2', () => {
    const d = folder({ 'ok.yaml': PRIVILEGED_POD });
    const fifo = path.join(d, 'pipe.yaml');
    const made = spawnSync('mkfifo', [fifo]);
    assert.equal(made.status, 0, 'mkfifo is needed for this test');
    const walked = kubeward(['lint', '.', ...BASELINE], d);
    assert.deepEqual(findingsOf(walked.stdout), ['ok.yaml:10:19 error pss-privileged'], 'the walk does not hang on the FIFO');
    const named = kubeward(['lint', 'pipe.yaml', 'ok.yaml', ...BASELINE], d);
    assert.equal(named.code, 2);
    assert.equal(named.stderr, 'kubeward: pipe.yaml: not a regular file or directory\n');
    assert.deepEqual(findingsOf(named.stdout), ['ok.yaml:10:19 error pss-privileged']);
  });

  it('a folder named like YAML (x.yaml/) is walked, not read as a file', () => {
    const d = folder({ 'odd.yaml/pod.yaml': PRIVILEGED_POD });
    const r = kubeward(['lint', 'odd.yaml', ...BASELINE], d);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(findingsOf(r.stdout), [`${path.join('odd.yaml', 'pod.yaml')}:10:19 error pss-privileged`]);
  });

  it('broken symbolic links, in a folder and on the command line: "broken symbolic link" with its target, exit 2, the others linted', () => {
    const d = folder({ 'ok.yaml': PRIVILEGED_POD });
    fs.symlinkSync(path.join(d, 'gone.yaml'), path.join(d, 'dangling.yaml'));
    const walked = kubeward(['lint', '.', ...BASELINE], d);
    assert.equal(walked.code, 2);
    assert.equal(walked.stderr, `kubeward: dangling.yaml: broken symbolic link (its target ${path.join(d, 'gone.yaml')} does not exist)\n`);
    assert.deepEqual(findingsOf(walked.stdout), ['ok.yaml:10:19 error pss-privileged']);
    const named = kubeward(['lint', 'dangling.yaml', 'ok.yaml', ...BASELINE], d);
    assert.equal(named.code, 2);
    assert.match(named.stderr, /^kubeward: dangling\.yaml: broken symbolic link/);
  });

  it('symbolic link loops (a file linking to itself, two links to each other, a folder linking to its parent): a clear message, exit 2, no hang, no file twice', () => {
    const d = folder({ 'ok.yaml': PRIVILEGED_POD, 'sub/inner.yaml': PRIVILEGED_POD.replace('name: web', 'name: inner') });
    fs.symlinkSync('self.yaml', path.join(d, 'self.yaml'));
    fs.symlinkSync('b.yaml', path.join(d, 'a.yaml'));
    fs.symlinkSync('a.yaml', path.join(d, 'b.yaml'));
    fs.symlinkSync('..', path.join(d, 'sub', 'up'));
    const r = kubeward(['lint', '.', ...BASELINE], d);
    assert.equal(r.code, 2);
    const loop = 'too many levels of symbolic links (a link loop)';
    assert.equal(r.stderr, ['a.yaml', 'b.yaml', 'self.yaml'].map((f) => `kubeward: ${f}: ${loop}\n`).join(''));
    assert.deepEqual(findingsOf(r.stdout), ['ok.yaml:10:19 error pss-privileged', `${path.join('sub', 'inner.yaml')}:10:19 error pss-privileged`]);
  });

  it('a folder without YAML: a clear message and exit 2; with other inputs, those are linted', () => {
    const d = folder({ 'empty/notes.txt': 'hello', 'ok.yaml': PRIVILEGED_POD });
    const alone = kubeward(['lint', 'empty'], d);
    assert.equal(alone.stderr, 'kubeward: empty: directory contains no *.yaml or *.yml files\n');
    assert.equal(alone.code, 2);
    const both = kubeward(['lint', 'empty', 'ok.yaml', 'missing.yaml', ...BASELINE], d);
    assert.equal(both.code, 2);
    assert.equal(both.stderr, 'kubeward: empty: directory contains no *.yaml or *.yml files\nkubeward: missing.yaml: no such file or directory\n');
    assert.deepEqual(findingsOf(both.stdout), ['ok.yaml:10:19 error pss-privileged']);
  });
});

describe('CLI: hostile content', () => {
  it('a 50 MB file: refused before it is read, with the size, the limit and how to raise it; exit 2; the others linted', () => {
    const d = folder({ 'ok.yaml': PRIVILEGED_POD });
    const fd = fs.openSync(path.join(d, 'huge.yaml'), 'w');
    const chunk = Buffer.from(`${PRIVILEGED_POD}---\n`.repeat(4096));
    for (let written = 0; written < 50 * 1024 * 1024; written += chunk.length) fs.writeSync(fd, chunk);
    fs.ftruncateSync(fd, 50 * 1024 * 1024);
    fs.closeSync(fd);
    const r = kubeward(['lint', '.', ...BASELINE], d);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'kubeward: huge.yaml: too large to lint: 50 MB, over the limit of 10 MB (raise it with --max-file-size)\n');
    assert.deepEqual(findingsOf(r.stdout), ['ok.yaml:10:19 error pss-privileged']);
  });

  it('a file just over the default limit is linted with --max-file-size raised, to its last line', () => {
    const big = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  blob: ${'x'.repeat(10 * 1024 * 1024)}\n---\n`;
    const d = folder({ 'big.yaml': big + PRIVILEGED_POD });
    const r = kubeward(['lint', 'big.yaml', '--max-file-size', '12MB', ...BASELINE], d);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(findingsOf(r.stdout), ['big.yaml:16:19 error pss-privileged']);
  });

  it('NUL bytes and invalid UTF-8 are refused with the offset and line (guessing would let --fix write back changed bytes); exit 2; the others linted', () => {
    const d = folder({
      'ok.yaml': PRIVILEGED_POD,
      'nul.yaml': Buffer.concat([Buffer.from('apiVersion: v1\nkind: Pod\n'), Buffer.from([0]), Buffer.from('\n')]),
      'latin1.yaml': Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\ndata:\n  city: M'), Buffer.from([0xfc]), Buffer.from('nchen\n')]),
    });
    const r = kubeward(['lint', '.', ...BASELINE], d);
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      'kubeward: latin1.yaml: not valid UTF-8 (invalid byte 0xfc at offset 46, line 4)\n' + 'kubeward: nul.yaml: not a text file (NUL byte at offset 25); binary input is not linted\n',
    );
    assert.deepEqual(findingsOf(r.stdout), ['ok.yaml:10:19 error pss-privileged']);
  });

  it('a BOM: the same lines and columns as without it, and --fix keeps it', () => {
    const d = folder({ 'bom.yaml': `\ufeff${PRIVILEGED_POD}`, 'plain.yaml': PRIVILEGED_POD });
    const r = kubeward(['lint', '.', ...BASELINE], d);
    assert.deepEqual(findingsOf(r.stdout), ['bom.yaml:10:19 error pss-privileged', 'plain.yaml:10:19 error pss-privileged']);
    kubeward(['lint', 'bom.yaml', '--fix-suggestions', ...BASELINE], d);
    const bytes = fs.readFileSync(path.join(d, 'bom.yaml'));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the BOM is still there');
    assert.notEqual(bytes.toString('utf8'), `\ufeff${PRIVILEGED_POD}`, 'and the fix was written');
  });

  it('CRLF: the same lines and columns as LF, and --fix writes CRLF only', () => {
    const d = folder({ 'crlf.yaml': PRIVILEGED_POD.replace(/\n/g, '\r\n') });
    const r = kubeward(['lint', 'crlf.yaml', ...BASELINE], d);
    assert.deepEqual(findingsOf(r.stdout), ['crlf.yaml:10:19 error pss-privileged']);
    kubeward(['lint', 'crlf.yaml', '--fix-suggestions'], d);
    const fixed = fs.readFileSync(path.join(d, 'crlf.yaml'), 'utf8');
    assert.notEqual(fixed, PRIVILEGED_POD.replace(/\n/g, '\r\n'));
    assert.doesNotMatch(fixed, /[^\r]\n/, 'no bare LF');
  });

  it('a Helm chart and a Kustomize overlay: one info note per template or patch with the command to lint the rendered output, no false YAML errors', () => {
    const hostile = path.join(ROOT, 'test', 'fixtures', 'hostile');
    const r = kubeward(['lint', 'helm', 'kustomize/overlay'], hostile);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.stderr, '');
    assert.doesNotMatch(r.stdout, /yaml-syntax/);
    const notes = r.stdout.split('\n').filter((l) => / info (helm-template|kustomize-patch) /.test(l));
    assert.deepEqual(notes.map((l) => l.split(' ').slice(0, 3).join(' ')), [
      `${path.join('helm', 'web', 'templates', 'deployment.yaml')}:4:9 info helm-template`,
      `${path.join('helm', 'web', 'templates', 'service.yaml')}:1:1 info helm-template`,
      `${path.join('kustomize', 'overlay', 'delete-sidecar.yaml')}:10:11 info kustomize-patch`,
      `${path.join('kustomize', 'overlay', 'replicas-patch.yaml')}:3:1 info kustomize-patch`,
    ]);
    assert.match(notes[0], /helm template <chart-dir> \| kubeward lint -$/);
    assert.match(notes[3], /kustomize build <dir> \| kubeward lint -$/);
  });
});
