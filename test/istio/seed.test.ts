// The seed article's Istio manifests (examples/istio-*.yaml): its STRICT PeerAuthentication and its
// ISTIO_MUTUAL DestinationRule must pass every Istio rule; its AuthorizationPolicy gets exactly the
// two findings the README explains, both information.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { applyFixes, LineIndex, lint, RULES, type Finding } from '../../server/src/engine';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const ISTIO_RULES = RULES.filter((r) => r.id.startsWith('istio-')).map((r) => r.id);
const read = (name: string) => fs.readFileSync(path.join(ROOT, 'examples', name), 'utf8');
const POLICIES = read('istio-peer-authentication-authorization-policy.yaml');
const DESTINATION_RULE = read('istio-destination-rule.yaml');

function findings(text: string, fileName: string): Finding[] {
  return lint(text, { only: ISTIO_RULES, fileName }).findings;
}

function at(text: string, f: Finding): string {
  const p = new LineIndex(text).positionAt(f.start);
  return `${f.ruleId} ${f.severity} ${p.line + 1}:${p.character + 1} ${JSON.stringify(text.slice(f.start, f.end))}`;
}

describe('the seed article\'s Istio manifests', () => {
  it('runs every Istio rule (the set is not empty)', () => assert.ok(ISTIO_RULES.length >= 20, `${ISTIO_RULES.length} rules`));

  it('the DestinationRule (ISTIO_MUTUAL) passes', () => {
    assert.deepEqual(findings(DESTINATION_RULE, 'istio-destination-rule.yaml').map((f) => at(DESTINATION_RULE, f)), []);
  });

  it('the STRICT PeerAuthentication passes and the AuthorizationPolicy gets exactly two informational findings', () => {
    const found = findings(POLICIES, 'istio-peer-authentication-authorization-policy.yaml');
    const line = (s: string) => POLICIES.split('\n').findIndex((l) => l.includes(s)) + 1;
    assert.deepEqual(found.map((f) => at(POLICIES, f)), [
      `istio-authz-no-default-deny info ${line('namespace: production')}:14 "production"`,
      `istio-policy-selector-no-workload info ${line('matchLabels:')}:5 "matchLabels"`,
    ]);
    for (const f of found) assert.equal(f.resource?.kind, 'AuthorizationPolicy');
  });

  it('the principals condition is backed by the mesh-wide STRICT policy; without it, it is reported', () => {
    const withoutPa = POLICIES.replace('mode: STRICT', 'mode: PERMISSIVE');
    const ids = findings(withoutPa, 'x.yaml').map((f) => f.ruleId);
    assert.ok(ids.includes('istio-authz-identity-without-mtls'), ids.join(', '));
    assert.ok(ids.includes('istio-peer-authn-not-strict'), ids.join(', '));
  });

  it('as one file with a backend Deployment and the default-deny fix applied, only the new allow-nothing policy is noted', () => {
    const deployment = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: backend, namespace: production}',
      'spec:',
      '  selector: {matchLabels: {app: backend}}',
      '  template:',
      '    metadata: {labels: {app: backend}}',
      '    spec:',
      '      containers: [{name: backend, image: "backend:1.0"}]',
      '',
    ].join('\n');
    const all = `${POLICIES}---\n${DESTINATION_RULE}---\n${deployment}`;
    const before = findings(all, 'seed.yaml');
    assert.deepEqual(before.map((f) => f.ruleId), ['istio-authz-no-default-deny']);
    const fixed = applyFixes(all, { only: ISTIO_RULES, fileName: 'seed.yaml' }, { safety: 'suggestion' }).text;
    assert.ok(fixed.startsWith(all), 'the fix only appends');
    assert.match(fixed.slice(all.length), /kind: AuthorizationPolicy\nmetadata:\n {2}name: allow-nothing\n {2}namespace: production\nspec: \{\}\n$/);
    // The appended policy denies what no ALLOW policy allows; istio-authz-no-rules says so, as information.
    const after = findings(fixed, 'seed.yaml');
    assert.deepEqual(after.map((f) => `${f.ruleId} ${f.severity} ${f.resource?.name}`), ['istio-authz-no-rules info allow-nothing']);
  });
});
