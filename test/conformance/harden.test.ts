// "Harden this workload" and "Harden all workloads in this file" are applyFixes passes over every
// suggestion (of every rule, as the commands apply them). On the examples and on test/fixtures/pss
// the result must pass Pod Security `restricted` apart from what no fix can decide (volume types),
// keep every comment that is not on a removed line, parse, and leave other workloads untouched.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { applyFixes, lint, RULES, type Finding } from '../../server/src/engine';
import { splitDocuments } from '../../server/src/engine/parse';
import { assertParses } from '../helpers/rule-tester';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const PSS = RULES.filter((r) => r.meta.standards?.pss).map((r) => r.id);
/** Findings no fix can resolve: the volume has to be replaced by hand. */
const UNFIXABLE = new Set(['pss-restricted-volumes', 'pss-host-path-volumes']);

function restricted(text: string): Finding[] {
  return lint(text, { only: PSS, pss: { level: 'restricted' } }).findings;
}

function comments(text: string): string[] {
  return text.split('\n').flatMap((l) => {
    const m = /(^|\s)(#.*)$/.exec(l);
    return m ? [m[2].trimEnd()] : [];
  });
}

function harden(text: string, filter?: (f: Finding) => boolean): string {
  return applyFixes(text, { pss: { level: 'restricted' } }, { safety: 'suggestion', filter }).text;
}

function yamlFiles(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => path.join(dir, f)) : [];
}

/** Comments that sit on a line a fix removes (the removed setting's own note). */
const REMOVED_WITH_THEIR_LINE: Record<string, string[]> = {
  'deployment-web.yaml': ['# legacy load balancer health check'],
};

const files = [...yamlFiles(path.join(ROOT, 'test', 'fixtures', 'pss')), ...yamlFiles(path.join(ROOT, 'examples'))];

describe('Harden all workloads in this file', () => {
  it('has inputs', () => assert.ok(files.filter((f) => f.includes(`${path.sep}fixtures${path.sep}`)).length >= 5));
  for (const file of files) {
    const name = path.relative(ROOT, file);
    it(`${name}: passes restricted apart from volume types, keeps comments, parses`, () => {
      const text = fs.readFileSync(file, 'utf8');
      const out = harden(text);
      assertParses(out);
      const before = restricted(text);
      const after = restricted(out);
      assert.deepEqual(after.filter((f) => !UNFIXABLE.has(f.ruleId)).map((f) => `${f.ruleId}: ${f.message}`), [], 'fixable PSS findings left');
      // What cannot be fixed is still reported, once per volume, as before.
      assert.deepEqual(
        after.map((f) => f.message),
        before.filter((f) => UNFIXABLE.has(f.ruleId)).map((f) => f.message),
      );
      const dropped = REMOVED_WITH_THEIR_LINE[path.basename(file)] ?? [];
      const kept = comments(out);
      for (const c of comments(text)) if (!dropped.includes(c)) assert.ok(kept.includes(c), `comment lost: ${c}`);
      // Other rules may append a document (a missing policy); none is lost.
      assert.ok(splitDocuments(out).length >= splitDocuments(text).length, 'documents lost');
      if (before.length > 0) assert.notEqual(out, text);
    });
  }
});

describe('Harden this workload', () => {
  it('changes only the chosen document', () => {
    const text = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'pss', 'list-and-windows.yaml'), 'utf8');
    const out = harden(text, (f) => f.docIndex === 1);
    const [a0, a1] = splitDocuments(text);
    const [b0, b1] = splitDocuments(out);
    assert.equal(b0.text, a0.text, 'the other document changed');
    assert.notEqual(b1.text, a1.text);
    assert.deepEqual(restricted(b1.text).map((f) => f.message), []);
    assert.ok(restricted(b0.text).length > 0, 'the List was not hardened');
  });

  it('changes only the chosen item of a List', () => {
    const text = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'pss', 'list-and-windows.yaml'), 'utf8');
    const out = harden(text, (f) => f.docIndex === 0 && f.resource?.name === 'api');
    const left = restricted(out).filter((f) => f.docIndex === 0);
    assert.deepEqual([...new Set(left.map((f) => f.resource?.name))], ['tools']);
    const toolsBefore = restricted(text).filter((f) => f.resource?.name === 'tools').map((f) => f.message);
    assert.deepEqual(left.map((f) => f.message), toolsBefore);
  });

  it('gives a Windows pod only fields Windows accepts', () => {
    const text = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'pss', 'list-and-windows.yaml'), 'utf8');
    const windows = splitDocuments(harden(text))[1].text;
    assert.doesNotMatch(windows, /seccompProfile|capabilities|allowPrivilegeEscalation|procMount|seLinuxOptions/);
    assert.match(windows, /runAsNonRoot: true/);
    assert.match(windows, /hostProcess: false/);
  });

  it('inserts pod-level settings once, not once per container', () => {
    const text = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'pss', 'deployment-web.yaml'), 'utf8');
    const out = harden(text, (f) => f.ruleId.startsWith('pss-'));
    assert.equal(out.match(/runAsNonRoot: true/g)?.length, 1);
    assert.equal(out.match(/type: RuntimeDefault/g)?.length, 2, 'pod level, and the container that had Unconfined');
    assert.match(out, /runAsUser: 101 # nginx user\n\s+runAsNonRoot: true/);
  });
});
