import { defineRule } from '../rule';
import { containerPortsOf } from '../k8s/ports';
import { describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';

export default defineRule({
  id: 'workload-ssh-port',
  meta: {
    title: 'Container exposes SSH (port 22)',
    description: 'Containers should not declare TCP `containerPort: 22`.',
    why: 'An SSH server in a container is a second way in that bypasses Kubernetes authentication, RBAC and audit logging; it needs keys or passwords managed in the image or a Secret, and it is a favourite target of brute-force attacks when the port is exposed.',
    how: 'Remove the SSH server and the port. Use `kubectl exec`, `kubectl debug` or `kubectl cp`, which go through the API server\'s authentication, authorisation and audit.',
    category: 'workload',
    severity: 'warning',
    kinds: WORKLOAD_KINDS,
    fix: 'none',
    peers: {
      kubeLinter: ['ssh-port'],
      kubescape: ['C-0042'],
    },
    examples: {
      bad: 'ports:\n- name: ssh\n  containerPort: 22',
      good: '# no SSH port: use kubectl exec / kubectl debug',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    for (const p of containerPortsOf(pod)) {
      if (p.number !== 22 || p.protocol !== 'TCP') continue;
      ctx.report({
        node: p.node,
        message: `${describeContainer(p.container)} exposes port 22 (SSH): an SSH server bypasses Kubernetes authentication, RBAC and audit; use kubectl exec or kubectl debug`,
      });
    }
  },
});
