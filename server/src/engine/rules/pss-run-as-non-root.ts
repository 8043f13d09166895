import { defineRule } from '../rule';
import type { Fix } from '../types';
import { containersOf, describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { containerSecurityContext, podAnchor, podSecurityContext, setPodSecurity, usesUserNamespace } from '../k8s/security-context';
import { get, isScalar } from '../parse';

export default defineRule({
  id: 'pss-run-as-non-root',
  meta: {
    title: 'Running as non-root',
    description: 'Pods must set `runAsNonRoot: true` at pod level, or in every container, and no container may set it to `false`.',
    why: 'Without `runAsNonRoot: true` the kubelet starts the container with whatever user the image declares, which is root for most images. A root process that escapes the container, or writes to a mounted volume, acts as root on the node.',
    how: 'Set `securityContext.runAsNonRoot: true` in the pod spec (it applies to every container) and give the image a non-root user, or set `runAsUser` to a non-zero UID. Remove any container-level `runAsNonRoot: false`.',
    category: 'pod-security',
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    standards: { pss: { level: 'restricted', check: 'runAsNonRoot' }, cis: ['5.2.7'], nsa: ['1.0'] },
    fix: 'suggestion',
    peers: {
      checkov: ['CKV_K8S_23'],
      kubeLinter: ['run-as-non-root'],
      polaris: ['runAsRootAllowed'],
      kubescape: ['C-0013'],
      trivy: ['KSV012'],
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
    if (ctx.settings.pss.minor >= 35 && usesUserNamespace(pod)) return;
    const podNode = get(podSecurityContext(pod), 'runAsNonRoot');
    const podValue = isScalar(podNode) ? podNode.value : undefined;
    const setTrue = (node: NonNullable<typeof podNode>): Fix => ({
      title: 'Set runAsNonRoot: true',
      edits: [ctx.fix.replaceValue(node, true)],
      safety: 'suggestion',
      preferred: true,
    });
    const podFix: Fix = {
      title: 'Set runAsNonRoot: true in the pod securityContext',
      edits: [setPodSecurity(ctx.fix, pod, ['runAsNonRoot'], true)],
      safety: 'suggestion',
      preferred: true,
    };
    if (podValue === false) {
      ctx.report({ node: podNode, message: 'restricted: runAsNonRoot must be true (the pod sets it to false)', fixes: [setTrue(podNode!)] });
    }
    const missing = [];
    for (const c of containersOf(pod)) {
      const node = get(containerSecurityContext(c), 'runAsNonRoot');
      const v = isScalar(node) ? node.value : undefined;
      if (v === false) {
        ctx.report({ node, message: `restricted: runAsNonRoot must be true; ${describeContainer(c)} sets it to false`, fixes: [setTrue(node!)] });
      } else if (v !== true && podValue !== true) {
        missing.push(c);
      }
    }
    if (missing.length === 0 || podValue === false) return;
    // One finding on the pod (where the fix goes) says which containers are affected.
    const names = missing.map(describeContainer).join(', ');
    ctx.report({
      range: podAnchor(pod),
      message: `restricted: runAsNonRoot must be true at pod level or in every container (not set for ${names})`,
      fixes: [podFix],
    });
  },
});
