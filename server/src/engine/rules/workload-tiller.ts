import { defineRule } from '../rule';
import { containersOf, describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { getMap, getPair, getString, type YNode } from '../parse';

/** Tiller images: gcr.io/kubernetes-helm/tiller, ghcr.io/helm/tiller and mirrors. */
const TILLER_IMAGE = /(^|\/)tiller$/;

export default defineRule({
  id: 'workload-tiller',
  meta: {
    title: 'Tiller (Helm v2)',
    description: 'Clusters must not run Tiller, the server side of Helm v2, nor a Service that exposes it.',
    why: 'Tiller listens on gRPC port 44134 without authentication by default and usually runs with cluster-admin rights, so any pod that can reach it can install anything, read every Secret and take over the cluster. Helm v2 has been unsupported since November 2020 and receives no security fixes.',
    how: 'Migrate releases to Helm 3 (`helm 2to3`), which has no in-cluster component, then delete the Tiller Deployment, its Service and its service account binding. There is no automatic fix.',
    category: 'workload',
    severity: 'error',
    kinds: [...WORKLOAD_KINDS, 'Service'],
    fix: 'none',
    peers: { checkov: ['CKV_K8S_34', 'CKV_K8S_44', 'CKV_K8S_45'], trivy: ['KSV102'] },
    examples: { bad: 'containers:\n- name: tiller\n  image: gcr.io/kubernetes-helm/tiller:v2.16.12', good: '# Helm 3: nothing runs in the cluster' },
  },
  check(ctx) {
    const r = ctx.resource;
    if (r.kind === 'Service' && r.group === '') {
      const selector = getMap(getMap(r.node, 'spec'), 'selector');
      const bySelector = getString(selector, 'app') === 'helm' && getString(selector, 'name') === 'tiller';
      if (r.name === 'tiller-deploy' || bySelector) {
        const node = (bySelector ? getPair(getMap(r.node, 'spec'), 'selector')?.key : getPair(getMap(r.node, 'metadata'), 'name')?.value) as YNode;
        ctx.report({ node, message: 'this Service exposes Tiller (Helm v2): its unauthenticated gRPC API lets any client install workloads with cluster-admin rights' });
      }
      return;
    }
    const pod = podSpecOf(r);
    if (!pod) return;
    for (const c of containersOf(pod)) {
      const image = getPair(c.node, 'image')?.value;
      const ref = getString(c.node, 'image');
      if (!ref || !TILLER_IMAGE.test(ref.split('@')[0].replace(/:[^/:]*$/, ''))) continue;
      ctx.report({
        node: image as YNode,
        message: `${describeContainer(c)} runs Tiller (Helm v2, unsupported since 2020): its gRPC API on port 44134 has no authentication by default and usually holds cluster-admin rights`,
      });
    }
  },
});
