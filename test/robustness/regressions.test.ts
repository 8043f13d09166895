// Regression tests for the engine bugs the robustness tests found, each on its smallest input.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, isValidYamlChange, Linter, lint, type RuleFailure } from '../../server/src/engine';
import { findValueSecrets, urlPassword } from '../../server/src/engine/k8s/credentials';
import { FixBuilder } from '../../server/src/engine/fix';
import { getMap, parseChunk, rootMap, scalarValue, splitDocuments, get } from '../../server/src/engine/parse';
import { allRulesOn } from './corpus';

describe('regressions', () => {
  it('fix primitives never insert a block scalar: a multi-line value becomes one double-quoted line', () => {
    // Found by fix safety: a name that was a block scalar (`name: |`) was copied into
    // serviceAccountName as `|\nblock\n`, unindented, which broke the document.
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: []\n';
    const spec = getMap(rootMap(parseChunk(text).doc), 'spec')!;
    const fb = new FixBuilder(text);
    for (const value of ['block\n', 'a\nb', 'line1\n\nline3\n\n']) {
      const after = applyEdits(text, [fb.setIn(spec, ['serviceAccountName'], value)]);
      assert.ok(isValidYamlChange(text, after), after);
      const parsed = parseChunk(after);
      assert.deepEqual(parsed.errors, []);
      assert.equal(scalarValue(get(getMap(rootMap(parsed.doc), 'spec'), 'serviceAccountName')), value);
      assert.match(after, /serviceAccountName: "[^\n]*"\n/);
    }
  });

  it('directives (%YAML, %TAG) stay with the document their --- starts: no false YAML error', () => {
    // The yaml-test-suite found 23 valid files reported as broken ("Missing directives-end indicator").
    for (const text of ['%YAML 1.1\n---\na: 1\n', '%TAG !e! tag:example.com,2000:app/\n---\n- !e!foo "bar"\n', 'a: 1\n...\n%YAML 1.2\n---\nb: 2\n']) {
      const r = lint(text);
      assert.deepEqual(r.parseErrors.filter((e) => e.severity === 'error'), [], text);
    }
    assert.deepEqual(splitDocuments('%YAML 1.1\n---\na: 1\n---\nb: 2\n').map((c) => c.text), ['%YAML 1.1\n---\na: 1\n', '---\nb: 2\n']);
  });

  it('a map or list used as a key does not make the schema rules fail', () => {
    // Found by the fuzzer: String() threw on the null-prototype object of `? [a, {b: c}]`.
    const failures: RuleFailure[] = [];
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  ? [a, {b: c}]\n  : x\n  containers: [{name: c, image: nginx}]\n';
    new Linter({ onRuleError: (f) => failures.push(f) }).lint(text, allRulesOn());
    assert.deepEqual(failures, []);
  });

  it('credential patterns still match what they should, and start only where a match can start', () => {
    const url = 'postgres://admin:s3cret@db:5432/app';
    assert.deepEqual(urlPassword(url), [url.indexOf('s3cret'), url.indexOf('s3cret') + 6]);
    assert.deepEqual(urlPassword(`x${url}`)?.map((n) => n - 1), urlPassword(url), 'a longer scheme run is still one scheme');
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV';
    assert.deepEqual(findValueSecrets(`Bearer ${jwt}`).map((s) => s.what), ['a JSON Web Token']);
    // Linear now: these took seconds (64 kB) to minutes (256 kB).
    for (const v of ['y'.repeat(256 * 1024), 'eyJ-'.repeat(64 * 1024)]) assert.deepEqual(findValueSecrets(v), []);
  });
});
