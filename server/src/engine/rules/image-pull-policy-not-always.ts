import { defineRule } from '../rule';
import { keyRange } from '../k8s/container-field';
import { imagesOf, usesLatest } from '../k8s/images';
import { describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { getPair, isScalar } from '../parse';
import type { Fix } from '../types';

export default defineRule({
  id: 'image-pull-policy-not-always',
  meta: {
    title: 'Mutable image tag without imagePullPolicy: Always',
    description: 'A container whose image is not pinned by digest should use `imagePullPolicy: Always`.',
    why: 'With `IfNotPresent` (the default for any tag other than `latest`) or `Never`, a node that already has the image runs its cached copy: nodes can run different content for the same tag, and any pod scheduled there can start a private image it has no pull credentials for (the reason for the AlwaysPullImages admission plugin). `Always` makes the kubelet resolve the tag and check credentials on every start; the layers are still cached. Images pinned by digest are not reported: their content cannot change. A missing policy with a `:latest` or missing tag is not reported either, since Kubernetes then defaults to `Always`.',
    how: 'Set `imagePullPolicy: Always`, or pin the image by digest. The quick fix sets `Always`; it makes pod starts depend on the registry being reachable, so it is a suggestion.',
    category: 'image',
    severity: 'info',
    kinds: WORKLOAD_KINDS,
    fix: 'suggestion',
    peers: {
      checkov: ['CKV_K8S_15'],
      polaris: ['pullPolicyNotAlways'],
      kubescape: ['C-0075'],
      kubeScore: ['container-image-pull-policy'],
    },
    examples: {
      bad: 'containers:\n- name: app\n  image: nginx:1.27.2\n  imagePullPolicy: IfNotPresent',
      good: 'containers:\n- name: app\n  image: nginx:1.27.2\n  imagePullPolicy: Always',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    for (const { container, ref } of imagesOf(pod)) {
      if (ref.digest !== undefined) continue;
      const tag = `":${ref.tag ?? 'latest'}"`;
      const policy = getPair(container.node, 'imagePullPolicy')?.value;
      const fixes = (): Fix[] => [{ title: 'Set imagePullPolicy: Always', edits: [ctx.fix.setIn(container.node, ['imagePullPolicy'], 'Always')], safety: 'suggestion', preferred: true }];
      if (isScalar(policy) && policy.value !== null) {
        if (policy.value === 'Always') continue;
        ctx.report({
          node: policy,
          message: `${describeContainer(container)} uses imagePullPolicy: ${String(policy.value)} with the mutable tag ${tag}: a node with a cached copy runs it without asking the registry or checking pull credentials`,
          fixes,
        });
        continue;
      }
      // Unset: Kubernetes defaults to Always for ':latest' and untagged images, IfNotPresent otherwise.
      if (usesLatest(ref)) continue;
      const imagePair = getPair(container.node, 'image')!;
      ctx.report({
        range: keyRange(imagePair),
        message: `${describeContainer(container)} has no imagePullPolicy, so it defaults to IfNotPresent for the mutable tag ${tag}: a node with a cached copy runs it without asking the registry or checking pull credentials`,
        fixes,
      });
    }
  },
});
