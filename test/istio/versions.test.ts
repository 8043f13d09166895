// Every Istio rule fires on every served API version of the kinds it checks, and on no other
// version: one triggering object per rule, linted as security.istio.io/{v1beta1,v1} or
// networking.istio.io/{v1alpha3,v1beta1,v1}, then as an unserved version.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from '../../server/src/engine';
import { docs, NETWORKING_VERSIONS, obj, SECURITY_VERSIONS } from './fixtures';

interface Case {
  kind: string;
  group: 'security.istio.io' | 'networking.istio.io';
  spec: string[];
  /** Other documents the rule needs (a Namespace, a PeerAuthentication). */
  extra?: string;
  ns?: string;
}

const meshedNs = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: prod\n  labels:\n    istio-injection: enabled\n';
const strictProd = obj('security.istio.io/v1', 'PeerAuthentication', 'prod', 'default', '  mtls:', '    mode: STRICT');

const CASES: Record<string, Case> = {
  'istio-peer-authn-not-strict': { kind: 'PeerAuthentication', group: 'security.istio.io', spec: ['  mtls:', '    mode: PERMISSIVE'] },
  'istio-authz-allow-negative-match': { kind: 'AuthorizationPolicy', group: 'security.istio.io', spec: ['  rules:', '  - to:', '    - operation:', '        notPaths: ["/admin"]'] },
  'istio-authz-deny-positive-match': { kind: 'AuthorizationPolicy', group: 'security.istio.io', spec: ['  action: DENY', '  rules:', '  - to:', '    - operation:', '        paths: ["/admin"]'] },
  'istio-authz-allow-all': { kind: 'AuthorizationPolicy', group: 'security.istio.io', spec: ['  rules:', '  - {}'] },
  'istio-authz-no-rules': { kind: 'AuthorizationPolicy', group: 'security.istio.io', spec: ['  action: DENY'] },
  'istio-authz-path-syntax': { kind: 'AuthorizationPolicy', group: 'security.istio.io', spec: ['  rules:', '  - to:', '    - operation:', '        paths: ["api"]'] },
  'istio-authz-custom-provider': { kind: 'AuthorizationPolicy', group: 'security.istio.io', spec: ['  action: CUSTOM', '  rules:', '  - {}'] },
  'istio-authz-identity-without-mtls': { kind: 'AuthorizationPolicy', group: 'security.istio.io', spec: ['  action: DENY', '  rules:', '  - from:', '    - source:', '        principals: ["cluster.local/ns/a/sa/b"]'] },
  'istio-authz-no-default-deny': { kind: 'AuthorizationPolicy', group: 'security.istio.io', spec: ['  rules:', '  - from:', '    - source:', '        principals: ["cluster.local/ns/a/sa/b"]'] },
  'istio-policy-selector-no-workload': { kind: 'PeerAuthentication', group: 'security.istio.io', spec: ['  selector:', '    matchLabels: {app: nothing}', '  mtls: {mode: STRICT}'] },
  'istio-request-authn-no-authz': { kind: 'RequestAuthentication', group: 'security.istio.io', spec: ['  jwtRules: [{issuer: "https://issuer.example.com"}]'] },
  'istio-dr-tls-no-ca': { kind: 'DestinationRule', group: 'networking.istio.io', spec: ['  host: api.example.com', '  trafficPolicy:', '    tls: {mode: SIMPLE}'] },
  'istio-dr-tls-insecure-skip-verify': { kind: 'DestinationRule', group: 'networking.istio.io', spec: ['  host: api.example.com', '  trafficPolicy:', '    tls: {mode: SIMPLE, insecureSkipVerify: true}'] },
  'istio-dr-tls-no-san': { kind: 'DestinationRule', group: 'networking.istio.io', spec: ['  host: api.example.com', '  trafficPolicy:', '    tls: {mode: SIMPLE, caCertificates: /ca.pem}'] },
  'istio-dr-tls-disable-strict': { kind: 'DestinationRule', group: 'networking.istio.io', spec: ['  host: web.prod.svc.cluster.local', '  trafficPolicy:', '    tls: {mode: DISABLE}'], extra: strictProd },
  'istio-gateway-wildcard-host': { kind: 'Gateway', group: 'networking.istio.io', spec: ['  servers:', '  - port: {number: 80, name: http, protocol: HTTP}', '    hosts: ["*"]', '    tls: {httpsRedirect: true}'] },
  'istio-gateway-http-no-redirect': { kind: 'Gateway', group: 'networking.istio.io', spec: ['  servers:', '  - port: {number: 80, name: http, protocol: HTTP}', '    hosts: ["a.example.com"]'] },
  'istio-gateway-tls-min-version': { kind: 'Gateway', group: 'networking.istio.io', spec: ['  servers:', '  - port: {number: 443, name: https, protocol: HTTPS}', '    hosts: ["a.example.com"]', '    tls: {mode: SIMPLE, credentialName: c, minProtocolVersion: TLSV1_1}'] },
  'istio-gateway-tls-no-credential': { kind: 'Gateway', group: 'networking.istio.io', spec: ['  servers:', '  - port: {number: 443, name: https, protocol: HTTPS}', '    hosts: ["a.example.com"]', '    tls: {mode: SIMPLE}'] },
  'istio-service-entry-broad': { kind: 'ServiceEntry', group: 'networking.istio.io', spec: ['  hosts: ["*"]', '  location: MESH_EXTERNAL', '  resolution: NONE', '  ports: [{number: 443, name: tls, protocol: TLS}]'] },
  'istio-jwt-routing-no-request-authn': { kind: 'VirtualService', group: 'networking.istio.io', spec: ['  hosts: [web]', '  http:', '  - match:', '    - headers: {"@request.auth.claims.role": {exact: admin}}', '    route: [{destination: {host: web}}]'] },
};

describe('Istio rules and API versions', () => {
  for (const [ruleId, c] of Object.entries(CASES)) {
    const served = c.group === 'security.istio.io' ? SECURITY_VERSIONS : NETWORKING_VERSIONS;
    const text = (version: string) => {
      const doc = obj(`${c.group}/${version}`, c.kind, c.ns ?? 'prod', 'x', ...c.spec);
      return c.extra ? docs(c.extra, doc) : doc;
    };
    const count = (version: string) => lint(text(version), { only: [ruleId] }).findings.filter((f) => f.ruleId === ruleId && f.resource?.kind === c.kind).length;
    it(`${ruleId}: every served version of ${c.kind}`, () => {
      for (const v of served) assert.ok(count(v) > 0, `${c.group}/${v}`);
    });
    it(`${ruleId}: not an unserved version`, () => {
      for (const v of ['v1alpha1', 'v2']) assert.equal(count(v), 0, `${c.group}/${v}`);
    });
  }
  it('the namespace and workload rules read core objects', () => {
    const ids = (text: string, id: string) => lint(text, { only: [id] }).findings.map((f) => f.ruleId);
    assert.deepEqual(ids(meshedNs, 'istio-mtls-namespace-not-strict'), ['istio-mtls-namespace-not-strict']);
    const optOut = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a, namespace: prod}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a, sidecar.istio.io/inject: "false"}, annotations: {traffic.sidecar.istio.io/excludeInboundPorts: "22"}}\n    spec: {containers: [{name: a, image: "a:1"}]}\n';
    assert.deepEqual(ids(docs(meshedNs, optOut), 'istio-sidecar-injection-disabled'), ['istio-sidecar-injection-disabled']);
    assert.deepEqual(ids(optOut, 'istio-sidecar-capture-bypass'), ['istio-sidecar-capture-bypass']);
  });
  it('covers every istio- rule in the registry', async () => {
    const { RULES } = await import('../../server/src/engine');
    const covered = new Set([...Object.keys(CASES), 'istio-mtls-namespace-not-strict', 'istio-sidecar-injection-disabled', 'istio-sidecar-capture-bypass']);
    assert.deepEqual(RULES.filter((r) => r.id.startsWith('istio-') && !covered.has(r.id)).map((r) => r.id), []);
  });
});
