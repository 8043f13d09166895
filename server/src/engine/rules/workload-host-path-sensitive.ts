import { defineRule } from '../rule';
import { sensitiveHostPath } from '../k8s/host-paths';
import { podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { hostPathVolumes, normalizeHostPath } from '../k8s/volumes';

export default defineRule({
  id: 'workload-host-path-sensitive',
  meta: {
    title: 'Sensitive host path mounted',
    description: 'Pods must not mount sensitive host paths: `/`, `/etc`, `/proc`, `/sys`, `/dev`, `/boot`, `/lib`, `/usr`, `/root`, `/var/lib/kubelet`, the container runtime\'s storage, or the Docker, containerd and CRI-O sockets (nor a parent directory of one, such as `/run` or `/var`).',
    why: 'These paths hand the pod the node: the runtime sockets let it start a privileged container on the host; `/var/lib/kubelet` and `/etc/kubernetes` hold credentials and other pods\' secrets; `/proc` exposes every process; `/`, `/etc`, `/usr` and `/boot` let a writer plant code the node runs. A read-only mount does not help for sockets (connecting to a socket is not a write to the mount) and still leaks secrets for the rest. This is more specific than the Pod Security `hostPathVolumes` control, which forbids every hostPath at `baseline`; it stays useful for the node agents that are exempted from it.',
    how: 'Mount the narrowest path the agent needs (`/var/log/pods`, `/sys/fs/cgroup`), read-only. Prefer the Kubernetes API or a CSI driver to host access, and never hand a workload the runtime socket (build images with a rootless builder instead of the node\'s Docker). If a node agent really needs the path, isolate it in its own namespace and suppress this finding with a reason.',
    category: 'workload',
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    fix: 'none',
    peers: {
      checkov: ['CKV_K8S_27'],
      kubeLinter: ['sensitive-host-mounts', 'docker-sock'],
      kubescape: ['C-0074'],
      trivy: ['KSV121', 'KSV006'],
      kubesec: ['DockerSock', 'ProcMount'],
    },
    examples: {
      bad: 'volumes:\n- name: docker\n  hostPath:\n    path: /var/run/docker.sock',
      good: 'volumes:\n- name: logs\n  hostPath:\n    path: /var/log/pods\n    type: Directory',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    for (const v of hostPathVolumes(pod)) {
      if (!v.pathNode || v.path === undefined) continue;
      const match = sensitiveHostPath(v.path);
      if (!match) continue;
      const shown = normalizeHostPath(v.path);
      let message: string;
      if (match.how === 'contains') {
        const more = match.contained.length - 1;
        message = `hostPath "${shown}" contains ${match.entry.path}, ${match.entry.what}${more > 0 ? ` (and ${more} more sensitive path${more > 1 ? 's' : ''})` : ''}`;
      } else if (match.how === 'below') {
        message = `hostPath "${shown}" is inside ${match.entry.path}, ${match.entry.what}`;
      } else {
        message = `hostPath "${shown}" gives the pod ${match.entry.what}`;
      }
      ctx.report({ node: v.pathNode, message });
    }
  },
});
