// kubeward lint on worker threads (cli/parallel.ts) prints what the one-thread run prints: the same
// findings, cross-file ones included, the same input errors, in the same order, in every format.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import { describe, it } from 'node:test';
import { smallFile } from '../../bench/generate';
import { CLI, tempDir } from './helpers';
import { defaultJobs, workerCount } from '../../server/src/cli/parallel';

function run(args: string[], cwd: string, jobs: number): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, KUBEWARD_JOBS: String(jobs) } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli: worker threads', () => {
  // 60 generated files: workloads, Services, RBAC, NetworkPolicies and Istio objects that refer to
  // each other across files (namespace default-deny policies, bindings, selectors), one file too
  // large for --max-file-size, and one that is not valid YAML.
  const files: Record<string, string> = {};
  for (let i = 0; i < 60; i++) files[`team-${i % 4}/app-${String(i).padStart(2, '0')}.yaml`] = smallFile(11, i);
  files['team-0/huge.yaml'] = smallFile(11, 0).repeat(40);
  files['team-1/broken.yaml'] = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [unclosed\n';
  const dir = tempDir(files);

  for (const format of ['json', 'sarif', 'text']) {
    it(`gives the one-thread output with 2 and 3 workers (${format})`, () => {
      const args = ['lint', '.', '--format', format, '--fail-on', 'never', '--max-file-size', '20000'];
      const one = run(args, dir, 1);
      assert.equal(one.code, 2, one.stderr); // the file over --max-file-size is an input error
      assert.match(one.stderr, /huge\.yaml: too large/);
      for (const jobs of [2, 3]) {
        const many = run(args, dir, jobs);
        assert.equal(many.code, one.code);
        assert.equal(many.stderr, one.stderr);
        assert.equal(many.stdout, one.stdout);
      }
    });
  }

  it('sees objects that another worker indexed (a default-deny policy in the last file isolates a workload in the first)', () => {
    const deploy = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: shop-web\n  namespace: shop\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n';
    const policy = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny\n  namespace: shop\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n';
    const fill: Record<string, string> = {};
    for (let i = 0; i < 40; i++) fill[`m/app-${String(i).padStart(2, '0')}.yaml`] = smallFile(12, i);
    const notIsolated = (d: string, jobs: number) =>
      (JSON.parse(run(['lint', '.', '--format', 'json', '--fail-on', 'never'], d, jobs).stdout) as { findings: { file: string; ruleId: string }[] }).findings.filter((f) => f.file.endsWith('a-deploy.yaml') && f.ruleId === 'netpol-not-isolated');
    assert.equal(notIsolated(tempDir({ 'a-deploy.yaml': deploy, ...fill }), 3).length, 1);
    assert.equal(notIsolated(tempDir({ 'a-deploy.yaml': deploy, ...fill, 'z-policy.yaml': policy }), 3).length, 0);
  });
});

describe('cli: how many workers', () => {
  const cpus = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;

  it('leaves a CPU to V8: unset, one worker per CPU but one (none on 1 or 2 CPUs)', () => {
    assert.equal(defaultJobs(), Math.max(1, cpus - 1));
    assert.equal(workerCount(10_000, {}), defaultJobs());
    assert.equal(workerCount(10_000, { KUBEWARD_JOBS: '' }), defaultJobs());
    if (cpus <= 2) assert.equal(workerCount(10_000, {}), 1, 'no workers on a machine of 2 CPUs or fewer');
  });

  it('takes KUBEWARD_JOBS when it is a positive number, and never gives a worker fewer than 16 files', () => {
    assert.equal(workerCount(10_000, { KUBEWARD_JOBS: '3' }), 3);
    assert.equal(workerCount(10_000, { KUBEWARD_JOBS: '1' }), 1);
    assert.equal(workerCount(47, { KUBEWARD_JOBS: '3' }), 2);
    assert.equal(workerCount(31, { KUBEWARD_JOBS: '8' }), 1);
    assert.equal(workerCount(32, { KUBEWARD_JOBS: '8' }), 2);
    for (const bad of ['0', '-2', 'many']) assert.equal(workerCount(10_000, { KUBEWARD_JOBS: bad }), defaultJobs(), bad);
  });
});
