import { defineRule } from '../rule';
import { imagesOf, usesLatest } from '../k8s/images';
import { describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';

export default defineRule({
  id: 'image-latest-tag',
  meta: {
    title: 'Image without a tag or with :latest',
    description: 'Container images should name a fixed tag (or a digest), not `:latest` and not nothing (which means `:latest`).',
    why: '`:latest` is moved by every push, so which code runs depends on when each node pulled: two replicas can run different versions, a rollback cannot go back, an audit cannot say what ran, and a compromised or careless push reaches production on the next restart. An image without a tag is pulled as `:latest`.',
    how: 'Name a version tag (`nginx:1.27.2`) or, better, pin a digest (`nginx@sha256:...`, see image-no-digest). There is no automatic fix: only you know which version to run. Images pinned by digest are not reported, whatever their tag.',
    category: 'image',
    severity: 'warning',
    kinds: WORKLOAD_KINDS,
    fix: 'none',
    peers: {
      checkov: ['CKV_K8S_14'],
      kubeLinter: ['latest-tag'],
      polaris: ['tagNotSpecified'],
      kubescape: ['C-0075'],
      trivy: ['KSV013'],
      kubeScore: ['container-image-tag'],
    },
    examples: {
      bad: 'containers:\n- name: app\n  image: nginx:latest',
      good: 'containers:\n- name: app\n  image: nginx:1.27.2',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    for (const { container, node, ref } of imagesOf(pod)) {
      if (ref.digest !== undefined || !usesLatest(ref)) continue;
      const what = ref.tag === undefined ? `has no tag, so it means ":latest"` : 'uses the mutable ":latest" tag';
      ctx.report({
        node,
        message: `image "${ref.raw}" of ${describeContainer(container)} ${what}: the version that runs can change on any pull and cannot be rolled back or audited`,
      });
    }
  },
});
