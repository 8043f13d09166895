// The committed schemas and validators are exactly what the generator makes from the installed
// packages: a changed package version or a hand edit fails here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..', '..');

test('node scripts/gen-schemas.mjs --check: regenerating gives the committed files', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'gen-schemas.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /schemas: \d+ files up to date/);
});
