// The examples/ folder, as `npm start` and the README run it: the seed article's insecure settings
// are reported on their exact lines, in every format, and hardening leaves only what cannot be
// fixed automatically.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { EXAMPLES, json, kubeward, ROOT, spans, tempDir } from './helpers';

const ex = (name: string) => `examples/${name}`;

describe('cli: examples/', () => {
  it('text: reports the host namespaces, host mounts and privileged container of the seed manifests', () => {
    const r = kubeward(['lint', 'examples/', '--preset', 'pss-baseline']);
    assert.equal(r.code, 1);
    const located = r.stdout.split('\n').filter((l) => / error /.test(l)).map((l) => l.split(' ').slice(0, 3).join(' '));
    assert.deepEqual(located, [
      'examples/falco-daemonset.yaml:20:20 error pss-host-namespaces', // hostNetwork: true
      'examples/falco-daemonset.yaml:37:9 error pss-host-path-volumes', // /var/lib/falco
      'examples/falco-daemonset.yaml:40:9 error pss-host-path-volumes', // /run
      'examples/falco-daemonset.yaml:43:9 error pss-host-path-volumes', // /proc
      'examples/falco-daemonset.yaml:46:9 error pss-host-path-volumes', // /etc
      'examples/kube-bench-job.yaml:13:16 error pss-host-namespaces', // hostPID: true
      'examples/kube-bench-job.yaml:23:23 error pss-privileged', // privileged: true
    ]);
    const lines = (name: string) => fs.readFileSync(path.join(EXAMPLES, name), 'utf8').split('\n');
    assert.equal(lines('falco-daemonset.yaml')[19].trim(), 'hostNetwork: true');
    assert.equal(lines('kube-bench-job.yaml')[12].trim(), 'hostPID: true');
    assert.equal(lines('kube-bench-job.yaml')[22].trim(), 'privileged: true');
  });

  it('JSON: the :latest images and the host paths of every insecure manifest, at their value', () => {
    const r = kubeward(['lint', 'examples/', '--format', 'json']);
    assert.equal(r.code, 1);
    const out = json(r);
    assert.deepEqual(out.errors, []);
    assert.deepEqual(spans(out, 'image-latest-tag', ex('falco-daemonset.yaml')), [[23, 16, 23, 42]]);
    assert.deepEqual(spans(out, 'image-latest-tag', ex('kube-bench-job.yaml')), [[16, 16, 16, 41]]);
    assert.deepEqual(spans(out, 'image-latest-tag', ex('secure-pod.yaml')), [[17, 12, 17, 24]]);
    assert.deepEqual(spans(out, 'image-latest-tag', ex('secure-pod-escape-protection.yaml')), [[12, 12, 12, 24]]);
    assert.deepEqual(spans(out, 'workload-host-path-sensitive', ex('falco-daemonset.yaml')), [
      [41, 17, 41, 21],
      [44, 17, 44, 22],
      [47, 17, 47, 21],
    ]);
    const falco = out.findings.find((f) => f.file === ex('falco-daemonset.yaml'));
    assert.deepEqual(falco?.resource, { kind: 'DaemonSet', name: 'falco', namespace: 'falco' });
    // Files that are not workloads, or hold no Kubernetes object, are quiet about pod security.
    for (const quiet of ['falco-rules.yaml', 'fluentd-configmap.yaml', 'harbor-scanner-configmap.yaml', 'security-service-monitor.yaml', 'network-policy.yaml']) {
      assert.ok(!out.findings.some((f) => f.file === ex(quiet) && f.ruleId.startsWith('pss-')), quiet);
    }
    assert.ok(!out.findings.some((f) => f.ruleId === 'yaml-syntax'), 'every example parses');
  });

  it('SARIF: regions point at the offending text, never a placeholder line 1', () => {
    const r = kubeward(['lint', 'examples/', '--format', 'sarif']);
    const run = JSON.parse(r.stdout).runs[0];
    assert.ok(run.results.length > 20);
    const startLines = new Set<number>();
    for (const res of run.results) {
      const loc = res.locations[0].physicalLocation;
      const text = fs.readFileSync(path.join(ROOT, loc.artifactLocation.uri), 'utf8');
      const reg = loc.region;
      startLines.add(reg.startLine);
      assert.ok(reg.startLine > 1, `${res.ruleId} at line ${reg.startLine}`);
      const lineStarts = [0];
      for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
      const covered = text.slice(lineStarts[reg.startLine - 1] + reg.startColumn - 1, lineStarts[reg.endLine - 1] + reg.endColumn - 1);
      if (reg.snippet) assert.equal(covered, reg.snippet.text, `${res.ruleId} snippet`);
    }
    assert.ok(startLines.size > 10);
    const priv = run.results.find((x: { ruleId: string }) => x.ruleId === 'pss-privileged');
    assert.equal(priv.locations[0].physicalLocation.artifactLocation.uri, 'examples/kube-bench-job.yaml');
    assert.deepEqual(priv.locations[0].physicalLocation.region, { startLine: 23, startColumn: 23, endLine: 23, endColumn: 27, snippet: { text: 'true' } });
  });

  it('--fix-suggestions hardens a copy to restricted, except the hostPath volumes that need a person', () => {
    const files = Object.fromEntries(fs.readdirSync(EXAMPLES).map((f) => [f, fs.readFileSync(path.join(EXAMPLES, f))]));
    const dir = tempDir(files);
    const r = kubeward(['lint', '--fix-suggestions', '.', '--preset', 'pss-restricted', '--format', 'json'], { cwd: dir });
    const out = json(r);
    assert.ok((out.fixed ?? []).length >= 10);
    assert.deepEqual(
      [...new Set(out.findings.map((f) => `${f.file} ${f.ruleId}`))],
      ['falco-daemonset.yaml pss-restricted-volumes'],
      'only the hostPath volumes remain',
    );
    // The seed's comments and untouched files survive.
    assert.match(fs.readFileSync(path.join(dir, 'falco-daemonset.yaml'), 'utf8'), /# 使用Falco进行运行时安全监控\n/);
    assert.equal(fs.readFileSync(path.join(dir, 'network-policy.yaml'), 'utf8'), fs.readFileSync(path.join(EXAMPLES, 'network-policy.yaml'), 'utf8'));
  });
});
