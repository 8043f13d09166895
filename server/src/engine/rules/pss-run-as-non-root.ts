import { defineRule } from '../rule';
import type { Fix } from '../types';
import { containersOf, describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import {
  containerAnchor,
  containerSecurityContext,
  isUnset,
  isUserNamespaceRelaxed,
  podSecurityContext,
  setContainerSecurity,
  setPodSecurity,
  suggestion,
} from '../k8s/security-context';
import { get, scalarValue, type YNode } from '../parse';

export default defineRule({
  id: 'pss-run-as-non-root',
  meta: {
    title: 'Running as non-root',
    description: 'Pods must set `runAsNonRoot: true` at pod level, or in every container, and neither the pod nor any container may set it to `false` (from v1.35 pods with `hostUsers: false` are exempt).',
    why: 'Without `runAsNonRoot: true` the kubelet starts the container with whatever user the image declares, which is root for most images. A root process that escapes the container, or writes to a mounted volume, acts as root on the node.',
    how: 'Set `securityContext.runAsNonRoot: true` in the pod spec (it applies to every container) and give the image a non-root user, or set `runAsUser` to a non-zero UID. Remove any `runAsNonRoot: false`.',
    category: 'pod-security',
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    standards: { pss: { level: 'restricted', check: 'runAsNonRoot' }, cis: ['5.2.7'], nsa: ['1.0'] },
    fix: 'suggestion',
    peers: {
      checkov: ['CKV_K8S_23'],
      kubeLinter: ['run-as-non-root'],
      polaris: ['runAsRootAllowed'],
      kubescape: ['C-0013', 'C-0198'],
      trivy: ['KSV-0012'],
      kubesec: ['RunAsNonRoot'],
    },
    examples: {
      bad: 'spec:\n  containers:\n  - name: app\n    image: app:1.0',
      good: 'spec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n  - name: app\n    image: app:1.0',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    // v1.35+: in a user namespace, root in the container is not root on the node.
    if (isUserNamespaceRelaxed(pod, ctx.settings.pss.minor)) return;
    const setTrue = (node: YNode) => (): Fix[] => [suggestion('Set runAsNonRoot: true', [ctx.fix.replaceValue(node, true)])];
    const podNode = get(podSecurityContext(pod), 'runAsNonRoot');
    const podSet = !isUnset(podNode);
    const podTrue = podSet && scalarValue(podNode) === true;
    if (podSet && !podTrue) {
      ctx.report({ node: podNode, message: 'restricted: runAsNonRoot must be true; the pod sets it to false', fixes: setTrue(podNode as YNode) });
    }
    for (const c of containersOf(pod)) {
      const node = get(containerSecurityContext(c), 'runAsNonRoot');
      if (!isUnset(node)) {
        if (scalarValue(node) !== true) {
          ctx.report({ node, message: `restricted: runAsNonRoot must be true; ${describeContainer(c)} sets it to false`, fixes: setTrue(node as YNode) });
        }
        continue;
      }
      // Unset in the container: the pod's value applies. A pod `false` is reported once, above.
      if (podSet) continue;
      ctx.report({
        range: containerAnchor(c),
        message: `restricted: runAsNonRoot must be true for ${describeContainer(c)}; it is set neither on the pod nor on the container, so the image may run as root`,
        fixes: () => [
          suggestion('Set runAsNonRoot: true in the pod securityContext', [setPodSecurity(ctx.fix, pod, ['runAsNonRoot'], true)]),
          suggestion(`Set runAsNonRoot: true in ${describeContainer(c)}`, [setContainerSecurity(ctx.fix, c, ['runAsNonRoot'], true)], false),
        ],
      });
    }
  },
});
