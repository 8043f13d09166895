// Custom resources: schemas from CRD files and JSON schemas, compiled on first use.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { lint, type CustomSchema } from '../../server/src/engine';
import { compileCustomSchema, customSchemaError, loadCustomSchemas, schemasInText } from '../../server/src/engine/schema';

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: vaults.example.com
spec:
  group: example.com
  names: {kind: Vault, plural: vaults}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            required: [tlsMode]
            properties:
              tlsMode: {type: string, enum: [STRICT, PERMISSIVE]}
              replicas: {type: integer}
              port: {x-kubernetes-int-or-string: true}
              extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
  - name: v0
    served: false
    storage: false
    schema:
      openAPIV3Schema: {type: object}
`;

function tempDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-schemas-'));
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}

test('a CRD file gives one schema per served version', () => {
  const found = schemasInText(CRD, 'vault-crd.yaml');
  assert.deepEqual(found.map((s) => `${s.apiVersion}/${s.kind}`), ['example.com/v1/Vault']);
});

test('folders and files load; unreadable or schema-less files are reported, not thrown', () => {
  const dir = tempDir({
    'vault.yaml': CRD,
    'widget.json': JSON.stringify({ 'x-kubernetes-group-version-kind': [{ group: 'example.com', version: 'v2', kind: 'Widget' }], type: 'object', properties: { spec: { type: 'object', properties: { on: { type: 'boolean' } } } } }),
    'notes.yaml': 'just: data\n',
    'broken.json': '{',
    'ignored.txt': 'x',
  });
  const loaded = loadCustomSchemas([dir, 'does-not-exist'], dir);
  assert.deepEqual(loaded.schemas.map((s) => `${s.apiVersion}/${s.kind}`).sort(), ['example.com/v1/Vault', 'example.com/v2/Widget']);
  assert.deepEqual(loaded.problems.map((p) => path.basename(p.file)).sort(), ['broken.json', 'does-not-exist', 'notes.yaml']);
});

test('custom resources are validated with their schema: enum, type, unknown field, required; open objects stay open', () => {
  const schemas = schemasInText(CRD, 'vault-crd.yaml');
  const text = ['apiVersion: example.com/v1', 'kind: Vault', 'metadata: {name: v}', 'spec:', '  tlsMode: STRCT', '  replicas: "2"', '  port: https', '  extra: {anything: [1, 2]}', '  tlsmod: x', ''].join('\n');
  const found = lint(text, { schema: { scope: 'all', customSchemas: schemas } }).findings.filter((f) => f.ruleId.startsWith('schema-')).sort((a, b) => a.start - b.start);
  assert.deepEqual(
    found.map((f) => [f.ruleId, text.slice(f.start, f.end)]),
    [
      ['schema-invalid-enum', 'STRCT'],
      ['schema-wrong-type', '"2"'],
      ['schema-unknown-field', 'tlsmod'],
    ],
  );
  const missing = lint(['apiVersion: example.com/v1', 'kind: Vault', 'metadata: {name: v}', 'spec: {replicas: 1}', ''].join('\n'), { schema: { scope: 'all', customSchemas: schemas } });
  assert.deepEqual(missing.findings.filter((f) => f.ruleId === 'schema-missing-required').map((f) => f.message.slice(0, 32)), ['Missing required field "tlsMode"']);
});

test('a kind without a schema is not an error', () => {
  const found = lint('apiVersion: example.com/v9\nkind: Vault\nmetadata: {name: v}\nspec: {whatever: 1}\n', { schema: { scope: 'all' } }).findings;
  assert.deepEqual(found.filter((f) => f.ruleId.startsWith('schema-')), []);
});

test('custom schemas compile once, on first use; one that does not compile is skipped with its reason', () => {
  const good: CustomSchema = { apiVersion: 'example.com/v1', kind: 'A', schema: { type: 'object' } };
  const first = compileCustomSchema(good);
  assert.ok(first);
  assert.equal(compileCustomSchema(good), first);
  const bad: CustomSchema = { apiVersion: 'example.com/v1', kind: 'B', schema: { type: 'object', properties: { x: { type: 'no-such-type' } } } };
  assert.equal(compileCustomSchema(bad), undefined);
  assert.match(customSchemaError(bad) ?? '', /type/);
  const text = 'apiVersion: example.com/v1\nkind: B\nmetadata: {name: b}\nx: 1\n';
  assert.deepEqual(lint(text, { schema: { customSchemas: [bad] } }).findings.filter((f) => f.ruleId.startsWith('schema-')), []);
});
