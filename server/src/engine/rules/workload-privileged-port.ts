import { defineRule } from '../rule';
import { containerPortsOf, unprivilegedPortStart } from '../k8s/ports';
import { describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { isWindowsPod } from '../k8s/security-context';

export default defineRule({
  id: 'workload-privileged-port',
  meta: {
    title: 'Container listens on a privileged port',
    description: 'Containers should not declare a `containerPort` below 1024. Port 22 is left to workload-ssh-port.',
    why: 'Binding a port below 1024 traditionally needs root or the `NET_BIND_SERVICE` capability, so images that listen there tend to run as root or keep that capability, which defeats `runAsNonRoot` and `drop: [ALL]`. A Service can expose any port to clients while the container listens on an unprivileged one.',
    how: 'Make the process listen on a port from 1024 up (8080 instead of 80, 8443 instead of 443) and map it with the Service\'s `port`/`targetPort`. Ports that the pod makes unprivileged with the `net.ipv4.ip_unprivileged_port_start` sysctl are not reported, and Windows pods are not checked.',
    category: 'workload',
    severity: 'info',
    kinds: WORKLOAD_KINDS,
    fix: 'none',
    peers: {
      kubeLinter: ['privileged-ports'],
      trivy: ['KSV117'],
    },
    examples: {
      bad: 'ports:\n- containerPort: 80',
      good: 'ports:\n- containerPort: 8080',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod || isWindowsPod(pod)) return;
    const unprivilegedFrom = unprivilegedPortStart(pod) ?? 1024;
    for (const p of containerPortsOf(pod)) {
      if (p.number < 1 || p.number >= Math.min(1024, unprivilegedFrom)) continue;
      if (p.number === 22 && p.protocol === 'TCP') continue; // workload-ssh-port
      ctx.report({
        node: p.node,
        message: `${describeContainer(p.container)} listens on privileged port ${p.number}: binding below 1024 needs root or NET_BIND_SERVICE; listen on a port from 1024 up and map it in the Service`,
      });
    }
  },
});
