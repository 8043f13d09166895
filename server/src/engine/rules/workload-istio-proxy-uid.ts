import { defineRule } from '../rule';
import { describeContainers, groupByEffective } from '../k8s/effective';
import { describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';

const ISTIO_PROXY_UID = 1337;
const SIDECAR = 'istio-proxy';

export default defineRule({
  id: 'workload-istio-proxy-uid',
  meta: {
    title: 'Application runs as the Istio sidecar UID (1337)',
    description: 'Application containers must not run with `runAsUser: 1337`, the UID Istio reserves for its `istio-proxy` sidecar.',
    why: 'Istio\'s traffic redirection exempts packets from UID 1337 so that the sidecar\'s own traffic is not looped back to it. An application running as 1337 is exempted too: its outbound traffic leaves the pod directly, without mTLS, authorization policy, egress control or telemetry.',
    how: 'Run the application as another UID (set `runAsUser` at pod or container level; a container value overrides the pod value). Only the `istio-proxy` container may use 1337.',
    category: 'workload',
    severity: 'warning',
    kinds: WORKLOAD_KINDS,
    standards: { istio: ['IST0144'] },
    fix: 'none',
    peers: {
      istioctl: ['IST0144'],
    },
    examples: {
      bad: 'securityContext:\n  runAsUser: 1337',
      good: 'securityContext:\n  runAsUser: 10001',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    for (const g of groupByEffective(pod, ['runAsUser']).decided) {
      if (g.value !== ISTIO_PROXY_UID) continue;
      const apps = g.containers.filter((c) => c.name !== SIDECAR);
      if (apps.length === 0) continue;
      const who = g.from === 'pod' ? `the pod's runAsUser 1337 makes ${describeContainers(apps, describeContainer)} run` : `${describeContainer(apps[0])} runs`;
      ctx.report({
        node: g.node,
        message: `${who} as UID 1337, which Istio reserves for its sidecar: that traffic bypasses the sidecar (no mTLS, authorization or egress policy)`,
      });
    }
  },
});
