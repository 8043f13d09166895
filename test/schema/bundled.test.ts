// The bundled schemas: one per served kind, each with a validator that loads and runs, and the
// validator modules loaded only when a kind of theirs is checked.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { bundledKinds, hasBundledSchema, validatorFor } from '../../server/src/engine/schema';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const index = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'index.json'), 'utf8')) as { kinds: { apiVersion: string; kind: string; file: string }[] };

test('schemas/index.json and the validator catalog list the same kinds, and every file exists', () => {
  const fromIndex = index.kinds.map((k) => `${k.apiVersion}/${k.kind}`).sort();
  assert.deepEqual(fromIndex, bundledKinds().sort());
  for (const k of index.kinds) assert.ok(fs.existsSync(path.join(ROOT, 'schemas', k.file)), k.file);
});

test('the kinds served by Kubernetes v1.36 and Istio are there; removed apiVersions are not', () => {
  for (const k of [
    'v1/Pod', 'v1/Service', 'v1/ServiceAccount', 'v1/Namespace', 'apps/v1/Deployment', 'apps/v1/StatefulSet', 'apps/v1/DaemonSet', 'batch/v1/CronJob',
    'batch/v1/Job', 'networking.k8s.io/v1/NetworkPolicy', 'networking.k8s.io/v1/Ingress', 'rbac.authorization.k8s.io/v1/ClusterRoleBinding',
    'policy/v1/PodDisruptionBudget', 'autoscaling/v2/HorizontalPodAutoscaler', 'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy',
    'security.istio.io/v1/PeerAuthentication', 'security.istio.io/v1beta1/AuthorizationPolicy', 'security.istio.io/v1/RequestAuthentication',
    'networking.istio.io/v1alpha3/DestinationRule', 'networking.istio.io/v1beta1/Gateway', 'networking.istio.io/v1/VirtualService',
    'networking.istio.io/v1alpha3/EnvoyFilter', 'telemetry.istio.io/v1alpha1/Telemetry', 'telemetry.istio.io/v1/Telemetry',
  ]) {
    const [kind, ...gv] = k.split('/').reverse();
    assert.ok(hasBundledSchema(gv.reverse().join('/'), kind), k);
  }
  for (const k of ['extensions/v1beta1/Deployment', 'apps/v1beta2/Deployment', 'policy/v1beta1/PodSecurityPolicy', 'batch/v1beta1/CronJob', 'rbac.authorization.k8s.io/v1beta1/Role']) {
    const [kind, ...gv] = k.split('/').reverse();
    assert.ok(!hasBundledSchema(gv.reverse().join('/'), kind), k);
  }
});

test('every bundled validator runs: it accepts a minimal object and reports an unknown field with its siblings', () => {
  for (const key of bundledKinds()) {
    const i = key.lastIndexOf('/');
    const apiVersion = key.slice(0, i);
    const kind = key.slice(i + 1);
    const ref = validatorFor(apiVersion, kind);
    assert.ok(ref, key);
    ref.validate({ apiVersion, kind, metadata: { name: 'x' } });
    ref.validate({ apiVersion, kind, metadata: { name: 'x', nmae: 'y' } });
    const unknown = (ref.validate.errors ?? []).find((e) => e.propertyName === 'nmae');
    assert.ok(unknown, `${key}: no error for metadata.nmae`);
    assert.ok((unknown.params.allowedValues as string[]).includes('name'), key);
  }
});

test('the generated validators need nothing at run time: no require() or import of any module', () => {
  const dir = path.join(ROOT, 'server', 'src', 'engine', 'schema', 'generated');
  for (const f of fs.readdirSync(dir).filter((n) => n !== 'catalog.ts')) {
    const code = fs.readFileSync(path.join(dir, f), 'utf8');
    assert.doesNotMatch(code, /\brequire\(|^import |\bimport\(/m, f);
    assert.doesNotMatch(code, /new Function|\beval\(/, `${f} must not generate code at run time`);
  }
});

test('validator modules are loaded lazily, per API group, on the first object that needs them', () => {
  const script = `
    const { lint } = require(${JSON.stringify(path.join(ROOT, 'out', 'server', 'src', 'engine'))});
    const { loadedValidatorModules } = require(${JSON.stringify(path.join(ROOT, 'out', 'server', 'src', 'engine', 'schema'))});
    const out = [];
    lint('plain: yaml\\n');
    out.push(loadedValidatorModules().join(','));
    lint('apiVersion: example.com/v1\\nkind: Widget\\nmetadata: {name: w}\\n');
    out.push(loadedValidatorModules().join(','));
    lint('apiVersion: v1\\nkind: Pod\\nmetadata: {name: p}\\nspec: {containers: [{name: a, image: a}]}\\n');
    out.push(loadedValidatorModules().join(','));
    lint('apiVersion: security.istio.io/v1\\nkind: PeerAuthentication\\nmetadata: {name: p}\\nspec: {mtls: {mode: STRICT}}\\n');
    out.push(loadedValidatorModules().join(','));
    process.stdout.write(JSON.stringify(out));
  `;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), ['', '', 'kubernetes-workloads', 'kubernetes-workloads,istio-security']);
});
