import { defineRule } from '../rule';
import { podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { getPair, isScalar, type YNode } from '../parse';
import type { Fix } from '../types';

export default defineRule({
  id: 'sa-deprecated-service-account-field',
  meta: {
    title: 'Deprecated serviceAccount field',
    description: 'Pod specs should use `serviceAccountName`; `serviceAccount` is a deprecated alias.',
    why: 'The API server copies `serviceAccount` into `serviceAccountName` only when `serviceAccountName` is empty, and ignores it otherwise. Manifests that set both with different values run under the account in `serviceAccountName` while readers (and tools that read only one field) believe the other; security reviews of which identity a pod uses go wrong.',
    how: 'Rename `serviceAccount` to `serviceAccountName`. When both are set, remove `serviceAccount` (it is ignored). The fix is safe: the API server treats the two spellings identically in these cases.',
    category: 'service-account',
    severity: 'warning',
    kinds: WORKLOAD_KINDS,
    fix: 'safe',
    peers: {
      kubeLinter: ['deprecated-service-account-field'],
      kubescape: ['C-0294'],
    },
    examples: { bad: 'spec:\n  serviceAccount: web', good: 'spec:\n  serviceAccountName: web' },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    const legacy = getPair(pod.spec, 'serviceAccount');
    if (!legacy) return;
    const key = legacy.key as YNode;
    const named = getPair(pod.spec, 'serviceAccountName');
    const str = (n: unknown): string | undefined => (isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number') ? String(n.value) : undefined);
    const legacyValue = str(legacy.value);
    const namedValue = named ? str(named.value) : undefined;
    let fixes: () => Fix[];
    let message: string;
    if (!named) {
      message = 'serviceAccount is deprecated: use serviceAccountName';
      fixes = () => [{ title: 'Rename to serviceAccountName', edits: [ctx.fix.replace(key, 'serviceAccountName')], safety: 'safe', preferred: true }];
    } else if (namedValue === undefined || namedValue === '') {
      // serviceAccountName is empty, so the API server takes the deprecated field: keep its value.
      message = 'serviceAccount is deprecated: the pod uses its value only because serviceAccountName is empty; set serviceAccountName instead';
      fixes = () => {
        const remove = ctx.fix.removePair(pod.spec, 'serviceAccount');
        if (legacyValue === undefined || !remove) return [];
        return [{ title: `Set serviceAccountName: ${legacyValue} and remove serviceAccount`, edits: [ctx.fix.setIn(pod.spec, ['serviceAccountName'], legacyValue), remove], safety: 'safe', preferred: true }];
      };
    } else {
      message =
        legacyValue === namedValue
          ? 'serviceAccount is deprecated and repeats serviceAccountName: remove it'
          : `serviceAccount is deprecated and ignored: the pod runs as "${namedValue}" (serviceAccountName), not "${legacyValue ?? ''}"`;
      fixes = () => {
        const remove = ctx.fix.removePair(pod.spec, 'serviceAccount');
        return remove ? [{ title: 'Remove the ignored serviceAccount field', edits: [remove], safety: 'safe', preferred: true }] : [];
      };
    }
    ctx.report({ node: key, message, fixes });
  },
});
