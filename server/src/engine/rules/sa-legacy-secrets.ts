import { defineRule } from '../rule';
import { getMap, getPair, getString, seqItems, type YNode } from '../parse';

const ENFORCE_MOUNTABLE = 'kubernetes.io/enforce-mountable-secrets';

export default defineRule({
  id: 'sa-legacy-secrets',
  meta: {
    title: 'Legacy secrets list on a ServiceAccount',
    description: 'ServiceAccounts should not list token Secrets under `secrets`.',
    why: 'The `secrets` list of a ServiceAccount dates from long-lived tokens: Secrets of type `kubernetes.io/service-account-token` that never expire and stay valid until the Secret is deleted. Since Kubernetes 1.24 pods get short-lived, audience-bound projected tokens and the list is not used for them; what it still names are long-lived credentials that leak easily (they sit in etcd and in every backup). The only remaining use is to restrict mountable Secrets together with the `kubernetes.io/enforce-mountable-secrets` annotation.',
    how: 'Remove the `secrets` list and delete the token Secrets it names. Where a long-lived token is unavoidable (an external system), create it deliberately and rotate it; for pods, rely on projected tokens.',
    category: 'service-account',
    severity: 'warning',
    kinds: ['ServiceAccount'],
    fix: 'suggestion',
    examples: {
      bad: 'kind: ServiceAccount\nmetadata:\n  name: app-sa\nsecrets:\n- name: app-token',
      good: 'kind: ServiceAccount\nmetadata:\n  name: app-sa\nautomountServiceAccountToken: false',
    },
  },
  check(ctx) {
    if (ctx.resource.kind !== 'ServiceAccount' || ctx.resource.group !== '') return;
    const pair = getPair(ctx.resource.node, 'secrets');
    if (!pair) return;
    const names = seqItems(pair.value).map((s) => getString(s, 'name')).filter((n): n is string => !!n);
    if (names.length === 0) return;
    const annotations = getMap(getMap(ctx.resource.node, 'metadata'), 'annotations');
    if (getString(annotations, ENFORCE_MOUNTABLE) === 'true') return;
    ctx.report({
      node: pair.key as YNode,
      message: `ServiceAccount${ctx.resource.name ? ` ${ctx.resource.name}` : ''} lists ${names.join(', ')} under the legacy \`secrets\` field: long-lived token Secrets never expire, and pods no longer use them (they get short-lived projected tokens)`,
      fixes: () => {
        const removal = ctx.fix.removePair(ctx.resource.node, 'secrets');
        return removal ? [{ title: 'Remove the legacy secrets list', edits: [removal], safety: 'suggestion' as const, preferred: true }] : [];
      },
    });
  },
});
