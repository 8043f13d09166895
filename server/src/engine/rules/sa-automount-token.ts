import { defineRule } from '../rule';
import { podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { podSpecKeyRange } from '../k8s/workload-parts';
import { getPair, isScalar, type YNode } from '../parse';

export default defineRule({
  id: 'sa-automount-token',
  meta: {
    title: 'Service account token mounted automatically',
    description: 'Pods should set `automountServiceAccountToken: false` unless they call the Kubernetes API.',
    why: 'By default the kubelet mounts a token of the pod\'s service account at `/var/run/secrets/kubernetes.io/serviceaccount`. Any process in any container can read it and act on the API server with the service account\'s permissions; an attacker who gets code execution in the pod gets those permissions too. Most applications never talk to the API server and do not need the token.',
    how: 'Set `automountServiceAccountToken: false` in the pod spec. A pod that needs the API can keep the token (set the field to `true` explicitly and suppress this finding with a reason) or mount a short-lived, audience-bound token through a `projected` volume with a `serviceAccountToken` source. The ServiceAccount object can also set the field; the pod-level setting wins.',
    category: 'service-account',
    severity: 'warning',
    kinds: WORKLOAD_KINDS,
    standards: { cis: ['5.1.6'], nsa: ['1.11'] },
    fix: 'suggestion',
    peers: {
      checkov: ['CKV_K8S_38'],
      polaris: ['automountServiceAccountToken'],
      kubescape: ['C-0034', 'C-0190', 'C-0261'],
      trivy: ['KSV036'],
      kubesec: ['AutomountServiceAccountToken'],
    },
    examples: {
      bad: 'spec:\n  containers:\n  - name: app\n    image: app:1.0',
      good: 'spec:\n  automountServiceAccountToken: false\n  containers:\n  - name: app\n    image: app:1.0',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    const pair = getPair(pod.spec, 'automountServiceAccountToken');
    const value = pair?.value;
    if (isScalar(value) && value.value === false) return;
    const fixes = () => [
      {
        title: 'Set automountServiceAccountToken: false in the pod spec',
        edits: [ctx.fix.setIn(pod.spec, ['automountServiceAccountToken'], false)],
        safety: 'suggestion' as const,
        preferred: true,
      },
    ];
    if (isScalar(value) && value.value === true) {
      ctx.report({
        node: value as YNode,
        message: 'the pod mounts its service account token (automountServiceAccountToken: true): any process in the pod can call the API server with the service account\'s permissions',
        fixes,
      });
      return;
    }
    ctx.report({
      range: podSpecKeyRange(pod),
      message: 'automountServiceAccountToken is not false: the service account token is mounted into every container, so any process in the pod can call the API server with its permissions (unless the ServiceAccount itself disables automounting)',
      fixes,
    });
  },
});
