import { defineGraphRule } from '../workspace/graph-rule';
import { formatLabels, isIstio, istioRootNamespace, keyNode, spec, workloadSelector } from '../k8s/istio';
import { getMap } from '../parse';

export default defineGraphRule({
  id: 'istio-policy-selector-no-workload',
  meta: {
    title: 'Istio policy selector matches no workload',
    description: 'An AuthorizationPolicy, PeerAuthentication or RequestAuthentication has a `selector.matchLabels` that no workload in its namespace carries (any namespace for policies in the root namespace).',
    why: 'A policy whose selector matches nothing protects nothing, silently: a typo in a label (`app: backend` against pods labelled `app: backend-api`) leaves the intended workload without its authorization, mTLS or JWT policy. istioctl reports this as IST0127 against a live cluster.',
    how: 'Make the selector match the labels of the pod template the policy is for, or remove the policy. The check uses the workloads of the files being linted (the workspace graph); when only one file is linted, the finding is information, since the workloads may live elsewhere.',
    category: 'istio',
    severity: 'warning',
    kinds: ['AuthorizationPolicy', 'PeerAuthentication', 'RequestAuthentication'],
    standards: { istio: ['IST0127 NoMatchingWorkloadsFound'] },
    fix: 'none',
    peers: { istioctl: ['IST0127'] },
    examples: {
      bad: 'selector:\n  matchLabels:\n    app: backnd   # pods are app=backend',
      good: 'selector:\n  matchLabels:\n    app: backend',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    if (!isIstio(r, 'AuthorizationPolicy') && !isIstio(r, 'PeerAuthentication') && !isIstio(r, 'RequestAuthentication')) return;
    const selector = workloadSelector(r);
    if (!selector) return;
    const root = istioRootNamespace(ctx.settings);
    const ns = r.namespace === root ? undefined : r.namespace;
    const matching = ctx.graph.podsMatching(ns, { matchLabels: Object.fromEntries(selector), matchExpressions: [] });
    if (matching.length > 0) return;
    const where = ns === undefined ? (r.namespace === root ? 'in any namespace' : '') : `in namespace "${ns}"`;
    ctx.report({
      node: keyNode(getMap(spec(r), 'selector'), 'matchLabels'),
      severity: ctx.scope === 'this file' ? 'info' : undefined,
      message: `${r.kind} selector ${formatLabels(selector)} matches no workload ${where}${where ? ' ' : ''}in ${ctx.scope}: the policy applies to nothing`,
    });
  },
});
