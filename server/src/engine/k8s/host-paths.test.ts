import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sensitiveHostPath } from './host-paths';
import { normalizeHostPath } from './volumes';

describe('normalizeHostPath', () => {
  for (const [raw, exp] of [
    ['/', '/'],
    ['//', '/'],
    ['/var/', '/var'],
    ['/var//run/./docker.sock', '/var/run/docker.sock'],
    ['C:\\data', 'C:\\data'],
  ] as const) {
    it(raw, () => assert.equal(normalizeHostPath(raw), exp));
  }
});

describe('sensitiveHostPath', () => {
  const cases: [string, 'exact' | 'below' | 'contains' | undefined, string?][] = [
    ['/', 'exact', '/'],
    ['/etc', 'exact', '/etc'],
    ['/etc/', 'exact', '/etc'],
    ['/etc/kubernetes/pki', 'below', '/etc/kubernetes'],
    ['/proc/1/ns', 'below', '/proc'],
    ['/var/run/docker.sock', 'exact', '/var/run/docker.sock'],
    ['/run/containerd/containerd.sock', 'below', '/run/containerd'],
    ['/run/k3s/containerd/containerd.sock', 'below', '/run/k3s/containerd'],
    ['/var/lib/kubelet/pods', 'below', '/var/lib/kubelet'],
    ['/var', 'contains', '/var/lib/kubelet'],
    ['/run', 'contains', '/run/containerd'],
    ['/var/lib', 'contains', '/var/lib/kubelet'],
    ['/etc/ssl/certs', undefined],
    ['/sys/fs/cgroup', undefined],
    ['/var/log', undefined],
    ['/usrlocal', undefined],
    ['/data', undefined],
  ];
  for (const [raw, how, entry] of cases) {
    it(raw, () => {
      const m = sensitiveHostPath(raw);
      assert.equal(m?.how, how);
      if (entry) assert.equal(m?.entry.path, entry);
    });
  }
});
