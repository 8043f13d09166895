import { defineRule } from '../rule';
import { imagesOf, rangeInScalar } from '../k8s/images';
import { describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';

/** Frozen registry prefixes (domain, first path component) and what replaced them. */
const FROZEN: readonly { domain: string; project?: string }[] = [
  { domain: 'k8s.gcr.io' },
  { domain: 'gcr.io', project: 'google-containers' },
  { domain: 'gcr.io', project: 'google_containers' },
];
const REPLACEMENT = 'registry.k8s.io';

export default defineRule({
  id: 'image-registry-deprecated',
  meta: {
    title: 'Image from the frozen k8s.gcr.io registry',
    description: 'Kubernetes project images must come from `registry.k8s.io`, not from the frozen `k8s.gcr.io` (or its backing `gcr.io/google-containers`).',
    why: '`k8s.gcr.io` was frozen in April 2023: it receives no new images or patched tags, so workloads that pull from it stay on versions with known vulnerabilities, and the old registry can stop serving at any time, breaking pod starts. `registry.k8s.io` serves the same images under the same names and digests.',
    how: 'Replace the `k8s.gcr.io` prefix (or `gcr.io/google-containers`) with `registry.k8s.io`, then move to a current tag. The quick fix changes only the registry part. Check that your egress rules allow `registry.k8s.io`, which redirects to cloud-provider mirrors.',
    category: 'image',
    severity: 'warning',
    kinds: WORKLOAD_KINDS,
    fix: 'suggestion',
    peers: {
      kubescape: ['C-0253'],
    },
    examples: {
      bad: 'containers:\n- name: pause\n  image: k8s.gcr.io/pause:3.9',
      good: 'containers:\n- name: pause\n  image: registry.k8s.io/pause:3.9',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    for (const { container, node, ref } of imagesOf(pod)) {
      const project = ref.path.split('/')[0];
      const hit = FROZEN.find((f) => f.domain === ref.domain && (f.project === undefined || (f.project === project && ref.path.includes('/'))));
      if (!hit) continue;
      const prefix = hit.project === undefined ? ref.registry : `${ref.registry}/${project}`;
      ctx.report({
        node,
        message: `image "${ref.raw}" of ${describeContainer(container)} comes from ${prefix}, which is frozen: it gets no patched images and may stop serving; use ${REPLACEMENT}`,
        fixes: () => {
          const range = rangeInScalar(ctx.text, node, prefix);
          return range ? [{ title: `Pull from ${REPLACEMENT}`, edits: [{ start: range[0], end: range[1], text: REPLACEMENT }], safety: 'suggestion', preferred: true }] : [];
        },
      });
    }
  },
});
