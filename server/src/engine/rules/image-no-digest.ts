import { defineRule } from '../rule';
import { imagesOf } from '../k8s/images';
import { describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';

export default defineRule({
  id: 'image-no-digest',
  meta: {
    title: 'Image not pinned by digest',
    description: 'Container images should be pinned by digest (`image@sha256:...`).',
    why: 'A tag is a mutable pointer: whoever can push to the repository (or compromise the registry) can move it to other content, and nodes that pull later run it. A digest names the exact bytes, so the image that was reviewed and scanned is the image that runs.',
    how: 'Append the digest of the image you tested, keeping the tag for readers if you like: `nginx:1.27.2@sha256:<digest>` (`crane digest nginx:1.27.2` or `docker buildx imagetools inspect` print it). Let a bot such as Renovate keep digests current. There is no automatic fix: the digest must come from the registry.',
    category: 'image',
    severity: 'info',
    kinds: WORKLOAD_KINDS,
    fix: 'none',
    peers: {
      checkov: ['CKV_K8S_43'],
      kubescape: ['C-0306'],
    },
    examples: {
      bad: 'containers:\n- name: app\n  image: nginx:1.27.2',
      good: 'containers:\n- name: app\n  image: nginx:1.27.2@sha256:<digest>',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    for (const { container, node, ref } of imagesOf(pod)) {
      if (ref.digest !== undefined) continue;
      ctx.report({
        node,
        message: `image "${ref.raw}" of ${describeContainer(container)} is not pinned by digest: its tag can be moved to other content`,
      });
    }
  },
});
