import { defineRule } from '../rule';
import { containersOf, describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { isUnset, stringValue, suggestion } from '../k8s/security-context';
import { get, getMap, getPath, isMap, type YNode } from '../parse';

const HANDLERS: readonly (readonly string[])[] = [
  ['livenessProbe'],
  ['readinessProbe'],
  ['startupProbe'],
  ['lifecycle', 'postStart'],
  ['lifecycle', 'preStop'],
];

export default defineRule({
  id: 'pss-host-probes-lifecycle',
  meta: {
    title: 'Host in probes and lifecycle hooks',
    description: 'Probes and lifecycle hooks must not set `httpGet.host` or `tcpSocket.host` (from policy v1.34).',
    why: 'The kubelet runs HTTP and TCP probes and hooks from the node. With `host` set, a pod makes the kubelet connect to any address it names: services bound to the node\'s localhost, the cloud metadata endpoint, or other hosts on the node\'s network. That is a server-side request forgery from a privileged position.',
    how: 'Remove `host`; the kubelet then connects to the pod\'s own IP. To check a name-based virtual host, set an `httpHeaders` entry `Host: <name>` instead.',
    category: 'pod-security',
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    standards: { pss: { level: 'baseline', check: 'hostProbesAndHostLifecycle', since: 'v1.34' } },
    fix: 'suggestion',
    examples: {
      bad: 'livenessProbe:\n  httpGet:\n    host: 169.254.169.254\n    port: 80',
      good: 'livenessProbe:\n  httpGet:\n    port: 8080\n    path: /healthz',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    for (const c of containersOf(pod)) {
      for (const path of HANDLERS) {
        const handler = getPath(c.node, path);
        for (const kind of ['httpGet', 'tcpSocket'] as const) {
          const action = getMap(handler, kind);
          if (!action || !isMap(action)) continue;
          const host = get(action, 'host');
          if (isUnset(host) || stringValue(host) === '') continue;
          ctx.report({
            node: host as YNode,
            message: `baseline: ${describeContainer(c)} must not set ${path.join('.')}.${kind}.host ("${stringValue(host)}"); the kubelet would connect from the node to that address`,
            fixes: () => {
              const edit = ctx.fix.removePair(action, 'host');
              return edit ? [suggestion('Remove host (probe the pod\'s own IP)', [edit])] : [];
            },
          });
        }
      }
    }
  },
});
