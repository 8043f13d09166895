// What the CLI reads: standard input, directory walks, unreadable and odd inputs, large files.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { json, kubeward, PRIVILEGED_POD, spans, tempDir } from './helpers';

const baseline = ['--preset', 'pss-baseline', '--format', 'json'];

describe('cli: standard input', () => {
  it('reads - and names it <stdin>', () => {
    const r = kubeward(['lint', '-', ...baseline], { input: PRIVILEGED_POD });
    assert.equal(r.code, 1);
    const out = json(r);
    assert.deepEqual(out.findings.map((f) => f.file), ['<stdin>', '<stdin>']);
    assert.deepEqual(spans(out, 'pss-privileged'), [[11, 19, 11, 23]]);
  });

  it('uses --stdin-filename as its name', () => {
    const r = kubeward(['lint', '-', '--stdin-filename', 'chart/templates/pod.yaml', ...baseline], { input: PRIVILEGED_POD });
    assert.deepEqual([...new Set(json(r).findings.map((f) => f.file))], ['chart/templates/pod.yaml']);
  });

  it('lints standard input alongside files', () => {
    const dir = tempDir({ 'a.yaml': PRIVILEGED_POD });
    const out = json(kubeward(['lint', 'a.yaml', '-', ...baseline], { cwd: dir, input: PRIVILEGED_POD }));
    assert.deepEqual([...new Set(out.findings.map((f) => f.file))].sort(), ['<stdin>', 'a.yaml']);
  });
});

describe('cli: directories', () => {
  const dir = tempDir({
    'apps/web.yaml': PRIVILEGED_POD,
    'apps/nested/deep/db.yml': PRIVILEGED_POD,
    'apps/UPPER.YAML': PRIVILEGED_POD,
    'apps/readme.md': '# not yaml',
    'apps/values.json': '{}',
    '.git/config.yaml': PRIVILEGED_POD,
    'node_modules/pkg/pod.yaml': PRIVILEGED_POD,
    'apps/node_modules/x/pod.yaml': PRIVILEGED_POD,
    '.github/workflows/ci.yaml': 'on: push\njobs: {}\n',
  });
  fs.symlinkSync('..', path.join(dir, 'apps', 'nested', 'loop'));
  fs.symlinkSync(path.join(dir, 'apps', 'web.yaml'), path.join(dir, 'apps', 'link-to-web.yaml'));

  it('walks for *.yaml and *.yml, skipping .git and node_modules, without following link loops', () => {
    const r = kubeward(['lint', '.', ...baseline], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    const files = [...new Set(json(r).findings.map((f) => f.file))];
    // link-to-web.yaml is the same file as web.yaml and is linted once.
    assert.deepEqual(files, ['apps/UPPER.YAML', 'apps/nested/deep/db.yml', 'apps/web.yaml']);
    assert.equal(r.stderr, '');
  });

  it('counts the files it linted (non-Kubernetes YAML included, quietly)', () => {
    const r = kubeward(['lint', '.', '--preset', 'pss-baseline'], { cwd: dir });
    assert.match(r.stdout, /in 3 of 4 files\./);
  });

  it('a directory that holds no YAML file is an input error (exit 2)', () => {
    const d = tempDir({ 'notes.txt': 'hello' });
    const r = kubeward(['lint', '.'], { cwd: d });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'kubeward: .: directory contains no *.yaml or *.yml files\n');
  });

  it('reports a broken symbolic link as an input error and lints the rest', () => {
    const d = tempDir({ 'ok.yaml': PRIVILEGED_POD });
    fs.symlinkSync(path.join(d, 'gone.yaml'), path.join(d, 'dangling.yaml'));
    fs.symlinkSync(path.join(d, 'gone.txt'), path.join(d, 'dangling.txt'));
    const r = kubeward(['lint', '.', ...baseline], { cwd: d });
    assert.equal(r.code, 2);
    const out = json(r);
    assert.deepEqual(out.errors.map((e) => [e.file, e.code]), [['dangling.yaml', 'broken-symlink']]);
    assert.match(out.errors[0].message, /broken symbolic link \(its target .*gone\.yaml does not exist\)/);
    assert.equal(out.findings.length, 2);
    assert.match(r.stderr, /^kubeward: dangling\.yaml: broken symbolic link/);
  });

  it('reports a broken symbolic link given as an argument', () => {
    const d = tempDir();
    fs.symlinkSync('missing-target.yaml', path.join(d, 'x.yaml'));
    const r = kubeward(['lint', 'x.yaml'], { cwd: d });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'kubeward: x.yaml: broken symbolic link (its target missing-target.yaml does not exist)\n');
  });
});

describe('cli: odd inputs', () => {
  const big = bigManifest();
  const dir = tempDir({
    'empty.yaml': '',
    'comments.yaml': '# only a comment\n   # and another\n\n',
    'scalar.yaml': 'just a string\n',
    'list.yaml': '- 1\n- 2\n',
    'unknown-kind.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {privileged: true}\n',
    'binary.yaml': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0xff, 0xfe]),
    'latin1.yaml': Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
    'utf16.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('kind: Pod\n', 'utf16le')]),
    'bom.yaml': '\ufeff' + PRIVILEGED_POD,
    'tabs.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n',
    'big.yaml': big,
  });

  it('gives no findings for an empty file, a comments-only file, a scalar, a list and an unknown kind', () => {
    const r = kubeward(['lint', 'empty.yaml', 'comments.yaml', 'scalar.yaml', 'list.yaml', 'unknown-kind.yaml', '--format', 'json'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(json(r), { findings: [], errors: [] });
  });

  it('refuses binary data, invalid UTF-8 and UTF-16 with a clear message, and lints the rest', () => {
    const r = kubeward(['lint', 'binary.yaml', 'latin1.yaml', 'utf16.yaml', 'bom.yaml', ...baseline], { cwd: dir });
    assert.equal(r.code, 2);
    const out = json(r);
    assert.deepEqual(out.errors, [
      { file: 'binary.yaml', code: 'binary', message: 'not a text file (NUL byte at offset 6); binary input is not linted' },
      { file: 'latin1.yaml', code: 'encoding', message: 'not valid UTF-8 (invalid byte 0xe9 at offset 52, line 4)' },
      { file: 'utf16.yaml', code: 'encoding', message: 'the file is UTF-16 encoded; Kubernetes manifests must be UTF-8 (convert it with iconv -f UTF-16 -t UTF-8)' },
    ]);
    // A UTF-8 byte-order mark is not a column: positions are the same as without it.
    assert.deepEqual(spans(out, 'pss-privileged', 'bom.yaml'), [[11, 19, 11, 23]]);
    assert.doesNotMatch(r.stderr, /at .*\.js:\d+/, 'no stack trace');
  });

  it('reports a tab used for indentation as a YAML syntax error at its line', () => {
    const out = json(kubeward(['lint', 'tabs.yaml', '--format', 'json'], { cwd: dir }));
    const syntax = out.findings.filter((f) => f.ruleId === 'yaml-syntax');
    assert.ok(syntax.length > 0);
    assert.equal(syntax[0].line, 4);
  });

  it('lints a 5 MB file and finds the privileged container at its end', () => {
    assert.ok(Buffer.byteLength(big) >= 5 * 1024 * 1024);
    const r = kubeward(['lint', 'big.yaml', ...baseline], { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    const lastLine = big.split('\n').length - 1;
    assert.deepEqual(spans(json(r), 'pss-privileged'), [[lastLine, 19, lastLine, 23]]);
  });

  it('refuses a file over --max-file-size before reading it', () => {
    const r = kubeward(['lint', 'big.yaml', 'bom.yaml', '--max-file-size', '1MB', ...baseline], { cwd: dir });
    assert.equal(r.code, 2);
    const out = json(r);
    assert.deepEqual(out.errors.map((e) => [e.file, e.code]), [['big.yaml', 'too-large']]);
    assert.match(out.errors[0].message, /^too large to lint: 5(\.\d)? MB, over the limit of 1 MB \(raise it with --max-file-size\)$/);
    assert.equal(out.findings.length, 2, 'bom.yaml is still linted');
  });

  it('refuses standard input over --max-file-size', () => {
    const r = kubeward(['lint', '-', '--max-file-size', '100'], { input: PRIVILEGED_POD });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `kubeward: <stdin>: too large to lint: ${Buffer.byteLength(PRIVILEGED_POD)} bytes, over the limit of 100 bytes (raise it with --max-file-size)\n`);
  });
});

/** About 5 MB: ConfigMaps with large data blocks, then a privileged Pod as the last document. */
function bigManifest(): string {
  const parts: string[] = [];
  let size = 0;
  let i = 0;
  while (size < 5 * 1024 * 1024) {
    const data = Array.from({ length: 400 }, (_, k) => `  key-${k}: "value ${i}-${k} ${'x'.repeat(40)}"`).join('\n');
    const doc = `---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-${i}\ndata:\n${data}\n`;
    parts.push(doc);
    size += doc.length;
    i++;
  }
  parts.push('---\n' + PRIVILEGED_POD);
  return parts.join('');
}
