import { defineRule } from '../rule';
import { apiRemovalFor, isDropIn } from '../k8s/api-deprecations';
import { getPair, type YNode } from '../parse';
import type { Edit } from '../types';

export default defineRule({
  id: 'deprecated-api-version',
  meta: {
    title: 'Removed API version',
    description: 'Objects must use an apiVersion that current Kubernetes releases still serve (not `extensions/v1beta1`, `apps/v1beta1`, `policy/v1beta1`, `batch/v1beta1`, `networking.k8s.io/v1beta1`, `rbac.authorization.k8s.io/v1beta1`, `autoscaling/v2beta1`/`v2beta2`, the flowcontrol betas...).',
    why: 'The API server rejects objects of a version it no longer serves, so the manifest fails to apply on any supported cluster, often only when a deployment pipeline runs against an upgraded cluster. Security-relevant objects are affected too: a NetworkPolicy, PodDisruptionBudget or RBAC role that silently fails to apply leaves the workload unprotected, and PodSecurityPolicy no longer exists at all.',
    how: 'Change `apiVersion` to the replacement the message names, and make the listed changes where the new version is not a drop-in (for example Ingress backends, or a Deployment\'s required `spec.selector`). Where the new version reads the manifest exactly as the old one did (RBAC, CronJob, NetworkPolicy, PodDisruptionBudget with a selector, HPA v2beta2...), the fix rewrites the apiVersion and is safe. PodSecurityPolicy has no successor: use Pod Security Admission labels on the namespace.',
    category: 'deprecation',
    severity: 'error',
    kinds: ['*'],
    fix: 'safe',
    peers: { kubeLinter: ['no-extensions-v1beta'], trivy: ['KSV107'], kubeScore: ['stable-version'] },
    examples: { bad: 'apiVersion: batch/v1beta1\nkind: CronJob', good: 'apiVersion: batch/v1\nkind: CronJob' },
  },
  check(ctx) {
    const r = ctx.resource;
    const removal = apiRemovalFor(r);
    if (!removal) return;
    const node = getPair(r.node, 'apiVersion')?.value as YNode | undefined;
    if (!node) return;
    const base = `${r.apiVersion} ${r.kind} is no longer served since Kubernetes v${removal.removedIn}`;
    let message: string;
    if (!removal.replacement) message = `${base}: ${removal.changes ?? 'it has no replacement'}`;
    else if (isDropIn(removal, r)) message = `${base}: use ${removal.replacement}, which reads this manifest the same way`;
    else message = `${base}: use ${removal.replacement}${removal.changes ? ` (${removal.changes})` : ''}`;
    const fixes = isDropIn(removal, r)
      ? () => [{ title: `Change apiVersion to ${removal.replacement}`, edits: [replaceKeepingQuotes(ctx.text, node, removal.replacement!)], safety: 'safe' as const, preferred: true }]
      : [];
    ctx.report({ node, message, fixes });
  },
});

/** Replaces a plain or quoted scalar's text, keeping its quotes (the values are plain API versions). */
function replaceKeepingQuotes(text: string, node: YNode, value: string): Edit {
  const [start, end] = node.range!;
  const q = text[start];
  if ((q === '"' || q === "'") && text[end - 1] === q) return { start: start + 1, end: end - 1, text: value };
  return { start, end, text: value };
}
