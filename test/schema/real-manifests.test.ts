// No false alarms on real manifests: the official Pod Security Admission fixtures (4,500 pods and
// workloads written by Kubernetes maintainers) and the seed examples validate against the bundled
// schemas with every schema error reported (scope all). The only findings are the ones the API
// server would also refuse: scaleIO volumes in the admission fixtures lack their required secretRef.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { lint } from '../../server/src/engine';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const PSS_DATA = path.resolve(ROOT, '..', 'shared', 'conformance', 'pss', 'testdata');
const SCHEMA_RULES = ['schema-unknown-field', 'schema-misplaced-field', 'schema-wrong-type', 'schema-invalid-enum', 'schema-missing-required'];

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}

function schemaFindings(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return lint(text, { only: SCHEMA_RULES, schema: { scope: 'all' } }).findings.map((f) => `${f.ruleId}: ${text.slice(f.start, f.end)}: ${f.message.split(':')[0]}`);
}

test('the examples validate cleanly', () => {
  const files = yamlFiles(path.join(ROOT, 'examples'));
  assert.ok(files.length >= 10);
  for (const f of files) assert.deepEqual(schemaFindings(f), [], path.relative(ROOT, f));
});

test('the official Pod Security Admission fixtures validate, except for their incomplete scaleIO volumes', (t) => {
  if (!fs.existsSync(PSS_DATA)) {
    t.skip(`${PSS_DATA} is absent: this test did NOT run (CI always has ../shared)`);
    return;
  }
  const files = yamlFiles(PSS_DATA);
  assert.ok(files.length > 4000, `${files.length} fixtures`);
  const other: string[] = [];
  let scaleIO = 0;
  for (const f of files) {
    for (const finding of schemaFindings(f)) {
      if (finding === 'schema-missing-required: scaleIO: Missing required field "secretRef" in scaleIO') scaleIO++;
      else other.push(`${path.relative(PSS_DATA, f)}: ${finding}`);
    }
  }
  assert.deepEqual(other, []);
  assert.ok(scaleIO > 0, 'the scaleIO fixtures are reported');
});
