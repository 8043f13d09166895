// Schema validation works with no network at all: the schema code imports no network module, and
// a process in which every network module throws on load still validates bundled and custom kinds.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SCHEMA_SRC = path.join(ROOT, 'server', 'src', 'engine', 'schema');
const NETWORK_MODULES = ['http', 'https', 'http2', 'net', 'tls', 'dgram', 'dns', 'undici'];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

test('no module of the schema code path imports a network module or calls fetch', () => {
  for (const file of sources(SCHEMA_SRC)) {
    const code = fs.readFileSync(file, 'utf8');
    for (const m of NETWORK_MODULES) assert.doesNotMatch(code, new RegExp(`(from|require\\()\\s*['"](node:)?${m}['"]`), `${path.relative(ROOT, file)} imports ${m}`);
    assert.doesNotMatch(code, /\bfetch\(|XMLHttpRequest|WebSocket/, path.relative(ROOT, file));
  }
});

test('with every network module blocked, bundled and custom schemas still validate', () => {
  const preload = `
    const Module = require('module');
    const blocked = new Set(${JSON.stringify(NETWORK_MODULES)});
    const load = Module._load;
    Module._load = function (request, ...rest) {
      const name = request.replace(/^node:/, '');
      if (blocked.has(name)) throw new Error('network module loaded: ' + request);
      return load.call(this, request, ...rest);
    };
    globalThis.fetch = () => { throw new Error('fetch called'); };
  `;
  const script = `
    const { lint } = require(${JSON.stringify(path.join(ROOT, 'out', 'server', 'src', 'engine'))});
    const text = [
      'apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: a', '    image: a:1', '    runAsNonRoot: true',
      '    securityContext: {runAsNonroot: true, privileged: "false"}',
      '---', 'apiVersion: security.istio.io/v1', 'kind: PeerAuthentication', 'metadata: {name: d}', 'spec: {mtls: {mode: STRCT}}',
      '---', 'apiVersion: example.com/v1', 'kind: Widget', 'metadata: {name: w}', 'spec: {secure: "yes", extra: 1}', '',
    ].join('\\n');
    const customSchemas = [{ apiVersion: 'example.com/v1', kind: 'Widget', schema: { type: 'object', properties: { spec: { type: 'object', properties: { secure: { type: 'boolean' } } } } } }];
    const ids = lint(text, { schema: { scope: 'all', customSchemas } }).findings.filter((f) => f.ruleId.startsWith('schema-')).map((f) => f.ruleId).sort();
    process.stdout.write(JSON.stringify(ids));
  `;
  const r = spawnSync(process.execPath, ['-e', preload + script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [
    'schema-invalid-enum',
    'schema-misplaced-field',
    'schema-unknown-field',
    'schema-unknown-field',
    'schema-wrong-type',
    'schema-wrong-type',
  ]);
});
