// The server bundle runs with V8's code cache (server/src/boot/code-cache.ts), and so does the CLI
// bundle (below): the cache is written after the first diagnostics into the user's own folder, taken by the next start, made again when
// it is damaged, and never read from a folder others can write to. Each session must publish the
// same diagnostics whatever the cache holds.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { cachePath } from '../../server/src/boot/code-cache';
import { LspTestClient, ROOT } from './lsp-client';

const DOC = ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web', 'spec:', '  containers:', '    - name: app', '      image: nginx', '      securityContext:', '        privileged: true', ''].join('\n');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kw-code-cache-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A session in `dir`: the codes of the first diagnostics, once the server has had time to write its cache. */
async function session(dir: string): Promise<string[]> {
  const c = await LspTestClient.start({ env: { ...process.env, KUBEWARD_CODE_CACHE_DIR: dir } });
  try {
    const p = await c.open('file:///ws/pod.yaml', DOC);
    // The cache is written right after the first publish; a hover round trip comes after it.
    await c.conn.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///ws/pod.yaml' }, position: { line: 9, character: 10 } });
    return p.diagnostics.map((d) => String(d.code)).sort();
  } finally {
    await c.stop();
  }
}

function caches(dir: string): Map<string, { bytes: Buffer; mtimeMs: number; mode: number }> {
  const out = new Map<string, { bytes: Buffer; mtimeMs: number; mode: number }>();
  if (!fs.existsSync(dir)) return out;
  for (const f of fs.readdirSync(dir)) {
    const st = fs.statSync(path.join(dir, f));
    out.set(f, { bytes: fs.readFileSync(path.join(dir, f)), mtimeMs: st.mtimeMs, mode: st.mode & 0o777 });
  }
  return out;
}

describe('the code cache of the server bundle', () => {
  const dir = path.join(tmp, 'cache');
  let expected: string[] = [];

  it('is written after the first diagnostics: the bundle and the schema validators it loaded, readable by the user only', async () => {
    expected = await session(dir);
    assert.ok(expected.includes('pss-privileged'), 'the session lints');
    const files = caches(dir);
    const names = [...files.keys()];
    assert.ok(names.some((n) => n.includes('server-main.js@')), `the bundle's cache: ${names.join(', ')}`);
    assert.ok(names.some((n) => n.includes('validators_kubernetes-workloads.js@')), `a validator module's cache: ${names.join(', ')}`);
    assert.ok(names.every((n) => n.endsWith('.cache')), 'no temporary file left behind');
    for (const [n, f] of files) assert.equal(f.mode, 0o600, n);
    assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
  });

  it('is taken by the next start, which writes nothing (a rejected cache would be written again)', async () => {
    const before = caches(dir);
    assert.deepEqual(await session(dir), expected);
    const now = caches(dir);
    assert.deepEqual([...now.keys()].sort(), [...before.keys()].sort());
    for (const [n, f] of now) assert.equal(f.mtimeMs, before.get(n)!.mtimeMs, `${n} unchanged`);
  });

  it('a damaged cache is not used: the session lints the same and the cache is made again', async () => {
    const [name] = [...caches(dir).keys()].filter((n) => n.includes('server-main.js@'));
    const garbage = Buffer.alloc(4096, 7);
    fs.writeFileSync(path.join(dir, name), garbage);
    assert.deepEqual(await session(dir), expected);
    assert.notDeepEqual(caches(dir).get(name)!.bytes, garbage, 'written again');
  });

  it('is not read or written in a folder others can write to, nor when turned off', async () => {
    const open = path.join(tmp, 'world-writable');
    fs.mkdirSync(open, { mode: 0o777 });
    fs.chmodSync(open, 0o777);
    assert.deepEqual(await session(open), expected);
    assert.deepEqual([...caches(open).keys()], [], 'nothing written there');
    assert.equal(cachePath(path.join(ROOT, 'dist', 'server-main.js'), { KUBEWARD_CODE_CACHE_DIR: open }), undefined);
    const off = path.join(tmp, 'off');
    assert.deepEqual(await session('off'), expected);
    assert.equal(fs.existsSync(off), false);
    assert.equal(cachePath(path.join(ROOT, 'dist', 'server-main.js'), { KUBEWARD_CODE_CACHE_DIR: 'off' }), undefined);
  });

  it('a rebuilt bundle gets a cache of its own (V8 checks a cache only against the length of the source)', () => {
    const file = path.join(tmp, 'bundle.js');
    fs.writeFileSync(file, 'module.exports = 1;\n');
    const first = cachePath(file, { KUBEWARD_CODE_CACHE_DIR: dir });
    fs.writeFileSync(file, 'module.exports = 2;\n'); // same length
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    const second = cachePath(file, { KUBEWARD_CODE_CACHE_DIR: dir });
    assert.ok(first && second);
    assert.notEqual(first, second);
  });
});

// The CLI (dist/cli.js, a loader for dist/cli-main.js) uses the same cache: written after a lint
// that ran on the main thread, taken by the next run, never after a run whose workers linted.
describe('the code cache of the CLI bundle', () => {
  const dir = path.join(tmp, 'cli-cache');
  const work = fs.mkdtempSync(path.join(tmp, 'cli-files-'));
  fs.writeFileSync(path.join(work, 'pod.yaml'), DOC);
  const cli = (args: string[], cacheDir: string, env: NodeJS.ProcessEnv = {}) => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, KUBEWARD_JOBS: '1', ...env, KUBEWARD_CODE_CACHE_DIR: cacheDir } });
    assert.ok(r.status === 0 || r.status === 1, `${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
    return r.stdout;
  };
  const bundleCache = (d: string) => [...caches(d).keys()].filter((n) => n.includes('cli-main.js@'));
  let expected = '';

  it('is not written by --version or rules, which compile little of the bundle', () => {
    assert.match(cli(['--version'], dir), /\d+\.\d+\.\d+/);
    assert.match(cli(['rules'], dir), /pss-privileged/);
    assert.deepEqual(bundleCache(dir), []);
  });

  it('is written after a lint, the bundle and the validators it loaded, and gives the output of a run without it', () => {
    expected = cli(['lint', '.', '--format', 'json'], 'off');
    assert.match(expected, /pss-privileged/);
    assert.equal(cli(['lint', '.', '--format', 'json'], dir), expected);
    const names = [...caches(dir).keys()];
    assert.equal(bundleCache(dir).length, 1, names.join(', '));
    assert.ok(names.some((n) => n.includes('validators_kubernetes-workloads.js@')), names.join(', '));
    for (const [n, f] of caches(dir)) assert.equal(f.mode, 0o600, n);
  });

  it('is taken by the next run, which writes nothing; a damaged one is made again', () => {
    const before = caches(dir);
    assert.equal(cli(['lint', '.', '--format', 'json'], dir), expected);
    for (const [n, f] of caches(dir)) assert.equal(f.mtimeMs, before.get(n)?.mtimeMs, `${n} unchanged`);
    const [name] = bundleCache(dir);
    const garbage = Buffer.alloc(4096, 7);
    fs.writeFileSync(path.join(dir, name), garbage);
    assert.equal(cli(['lint', '.', '--format', 'json'], dir), expected);
    assert.notDeepEqual(caches(dir).get(name)!.bytes, garbage, 'written again');
  });

  it('is not written after a run whose worker threads linted (the main thread compiled little of the engine)', () => {
    const many = fs.mkdtempSync(path.join(tmp, 'cli-many-'));
    for (let i = 0; i < 40; i++) fs.writeFileSync(path.join(many, `pod-${i}.yaml`), DOC.replace('name: web', `name: web-${i}`));
    const fresh = path.join(tmp, 'cli-cache-workers');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'lint', '.', '--format', 'json'], { cwd: many, encoding: 'utf8', env: { ...process.env, KUBEWARD_JOBS: '2', KUBEWARD_CODE_CACHE_DIR: fresh } });
    assert.equal(r.status, 1, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { findings: { ruleId: string }[] }).findings.filter((f) => f.ruleId === 'pss-privileged').length, 40);
    assert.deepEqual(bundleCache(fresh), []);
  });
});
