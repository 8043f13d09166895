import { defineRule } from '../rule';
import { resourceAnchor } from '../k8s/resource';
import { getPair, isScalar, type YNode } from '../parse';

export default defineRule({
  id: 'sa-object-automount-token',
  meta: {
    title: 'ServiceAccount mounts its token into pods by default',
    description: 'ServiceAccount objects should set `automountServiceAccountToken: false`, so pods get the token only when they ask for it.',
    why: 'The ServiceAccount\'s `automountServiceAccountToken` is the default for every pod that runs as it and does not decide for itself. Left unset (true), each such pod gets an API token on its file system, readable by any process in it; an attacker with code execution in one of those pods inherits the account\'s permissions. Setting it on the account protects the pods whose authors forgot to. (The pod-level setting wins where both are set; see sa-automount-token.)',
    how: 'Set `automountServiceAccountToken: false` on the ServiceAccount, and `automountServiceAccountToken: true` only in the pod specs that call the Kubernetes API.',
    category: 'service-account',
    severity: 'info',
    kinds: ['ServiceAccount'],
    standards: { cis: ['5.1.6'], nsa: ['1.11'] },
    fix: 'suggestion',
    peers: { kubescape: ['C-0034'], trivy: ['KSV036'] },
    examples: {
      bad: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app',
      good: 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\nautomountServiceAccountToken: false',
    },
  },
  check(ctx) {
    if (ctx.resource.kind !== 'ServiceAccount' || ctx.resource.group !== '') return;
    const pair = getPair(ctx.resource.node, 'automountServiceAccountToken');
    const value = pair?.value;
    if (isScalar(value) && value.value === false) return;
    const name = ctx.resource.name ? ` ${ctx.resource.name}` : '';
    const fixes = () => [
      {
        title: 'Set automountServiceAccountToken: false on the ServiceAccount',
        edits: [ctx.fix.setIn(ctx.resource.node, ['automountServiceAccountToken'], false)],
        safety: 'suggestion' as const,
        preferred: true,
      },
    ];
    const explicit = isScalar(value) && value.value === true;
    ctx.report({
      node: explicit ? (value as YNode) : resourceAnchor(ctx.resource),
      message: `ServiceAccount${name} ${explicit ? 'sets automountServiceAccountToken: true' : 'does not set automountServiceAccountToken: false'}: every pod that runs as it and does not opt out gets an API token on its file system`,
      fixes,
    });
  },
});
