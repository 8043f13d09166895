// The rule registry is an explicit list; it must match the rules folder, each rule's metadata, its
// fixtures and the generated docs.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { RULES } from '../server/src/engine';
import { expectedDocs } from '../scripts/gen-docs';

const ROOT = path.resolve(__dirname, '..', '..');
const RULES_DIR = path.join(ROOT, 'server', 'src', 'engine', 'rules');

test('the registry lists every rule file, sorted, once', () => {
  const files = fs
    .readdirSync(RULES_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'index.ts' && !f.startsWith('_'))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
  const ids = RULES.map((r) => r.id);
  assert.deepEqual(ids, [...ids].sort(), 'RULES must be sorted by id');
  assert.deepEqual(ids, files, 'RULES must match the rule files');
});

test('every rule has complete metadata and its own tests', () => {
  for (const r of RULES) {
    assert.match(r.id, /^[a-z]+(-[a-z0-9]+)+$/, `${r.id}: ids are kebab-case with a domain prefix`);
    assert.ok(r.meta.title.trim().length > 3, `${r.id}: meta.title`);
    for (const k of ['description', 'why', 'how'] as const) assert.ok(r.meta[k] && r.meta[k].length > 20, `${r.id}: meta.${k} says too little`);
    assert.ok(r.meta.kinds.length > 0, `${r.id}: meta.kinds`);
    assert.ok(fs.existsSync(path.join(RULES_DIR, `${r.id}.test.ts`)), `${r.id}: needs ${r.id}.test.ts`);
  }
});

test('docs/rules matches the metadata (run npm run docs after changing a rule)', () => {
  const dir = path.join(ROOT, 'docs', 'rules');
  for (const [name, content] of expectedDocs()) {
    const file = path.join(dir, name);
    assert.ok(fs.existsSync(file), `docs/rules/${name} is missing`);
    assert.equal(fs.readFileSync(file, 'utf8'), content, `docs/rules/${name} is stale`);
  }
});
