// --istio-root-namespace and --istio-version: parsing, usage errors (exit 2), and their effect on the
// Istio rules, over the `istio` map of .kubeward.yaml.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseArgs, UsageError, type LintArgs } from '../../server/src/cli/args';
import { lintOptionsFrom } from '../../server/src/cli/options';
import { json, kubeward, tempDir, y } from './helpers';
import { PERMISSIVE_IN_MESH_ROOT } from '../helpers/istio-fixtures';


/** A Gateway that leaves the TLS minimum to the proxy: TLS 1.2 from Istio 1.14 (reported as info), TLS 1.0 before (a warning). */
const DEFAULT_TLS_GATEWAY = y(
  'apiVersion: networking.istio.io/v1',
  'kind: Gateway',
  'metadata: {name: gw, namespace: edge}',
  'spec:',
  '  servers:',
  '  - port: {number: 443, name: https, protocol: HTTPS}',
  '    hosts: ["example.com"]',
  '    tls:',
  '      mode: SIMPLE',
  '      credentialName: example-cert',
);

describe('cli: Istio options (parsing)', () => {
  const lintArgs = (...extra: string[]) => parseArgs(['lint', 'a.yaml', ...extra]) as LintArgs;
  it('takes a namespace name and a 1.N or v1.N version (kept as 1.N), with = or a separate value', () => {
    const a = lintArgs('--istio-root-namespace', 'mesh-root', '--istio-version=v1.21');
    assert.equal(a.istioRootNamespace, 'mesh-root');
    assert.equal(a.istioVersion, '1.21');
    assert.deepEqual(lintOptionsFrom(a).lint.ruleOptions, { istioRootNamespace: 'mesh-root', istioVersion: '1.21' });
    assert.equal(lintOptionsFrom(lintArgs()).lint.ruleOptions, undefined, 'no flag, no rule options: the config decides');
  });

  it('refuses anything else with a message naming the option and what it accepts', () => {
    assert.throws(() => lintArgs('--istio-root-namespace', 'Istio_System'), {
      message: `invalid value 'Istio_System' for --istio-root-namespace: expected a namespace name (lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters)`,
    });
    assert.throws(() => lintArgs('--istio-version', '1.21.3'), { message: `invalid value '1.21.3' for --istio-version: expected an Istio minor version "1.N" or "v1.N" (for example "1.21")` });
    assert.throws(() => lintArgs('--istio-version', '2.0'), UsageError);
    assert.throws(() => lintArgs('--istio-root-namespace='), UsageError);
  });
});

describe('cli: Istio options (end to end)', () => {
  const peerAuthn = (r: ReturnType<typeof kubeward>) => json(r).findings.filter((f) => f.ruleId === 'istio-peer-authn-not-strict').map((f) => [f.line, f.column, f.message.split(':')[0]]);

  it('--istio-root-namespace: a PERMISSIVE policy in that namespace is mesh-wide; without it, namespace-wide', () => {
    const dir = tempDir({ '.git/HEAD': '', 'pa.yaml': PERMISSIVE_IN_MESH_ROOT });
    assert.deepEqual(peerAuthn(kubeward(['lint', 'pa.yaml', '--format', 'json', '--istio-root-namespace', 'mesh-root'], { cwd: dir })), [
      [8, 11, 'PeerAuthentication mode PERMISSIVE mesh-wide (root namespace mesh-root)'],
    ]);
    assert.deepEqual(peerAuthn(kubeward(['lint', 'pa.yaml', '--format', 'json'], { cwd: dir })), [[8, 11, 'PeerAuthentication mode PERMISSIVE namespace-wide for every workload in "mesh-root"']]);
  });

  it('the config sets them; the flags override it key by key', () => {
    const dir = tempDir({ '.git/HEAD': '', '.kubeward.yaml': 'istio: {rootNamespace: mesh-root, version: "1.13"}\n', 'pa.yaml': PERMISSIVE_IN_MESH_ROOT, 'gw.yaml': DEFAULT_TLS_GATEWAY });
    assert.deepEqual(peerAuthn(kubeward(['lint', 'pa.yaml', '--format', 'json'], { cwd: dir })), [[8, 11, 'PeerAuthentication mode PERMISSIVE mesh-wide (root namespace mesh-root)']]);
    assert.deepEqual(peerAuthn(kubeward(['lint', 'pa.yaml', '--format', 'json', '--istio-root-namespace', 'istio-system'], { cwd: dir })), [
      [8, 11, 'PeerAuthentication mode PERMISSIVE namespace-wide for every workload in "mesh-root"'],
    ]);
    const tls = (...extra: string[]) => json(kubeward(['lint', 'gw.yaml', '--format', 'json', ...extra], { cwd: dir })).findings.filter((f) => f.ruleId === 'istio-gateway-tls-min-version').map((f) => f.severity);
    assert.deepEqual(tls(), ['warning'], 'Istio 1.13 from the config');
    assert.deepEqual(tls('--istio-version', '1.22'), ['info'], 'the flag wins over the config');
    assert.deepEqual(tls('--istio-root-namespace', 'istio-system'), ['warning'], 'the other key still comes from the config');
  });

  it('an invalid value: exit 2, the message, nothing linted', () => {
    const dir = tempDir({ 'pa.yaml': PERMISSIVE_IN_MESH_ROOT });
    const r = kubeward(['lint', 'pa.yaml', '--istio-version', 'latest'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^kubeward: invalid value 'latest' for --istio-version: expected an Istio minor version "1\.N" or "v1\.N" \(for example "1\.21"\)\n/);
    const ns = kubeward(['lint', 'pa.yaml', '--istio-root-namespace', '-mesh'], { cwd: dir });
    assert.equal(ns.code, 2);
    assert.match(ns.stderr, /invalid value '-mesh' for --istio-root-namespace: expected a namespace name/);
  });

  it('the lint help lists both options', () => {
    const help = kubeward(['lint', '--help']).stdout;
    assert.match(help, /--istio-root-namespace <ns>/);
    assert.match(help, /--istio-version <1\.N>/);
  });
});
