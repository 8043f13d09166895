import { defineRule } from '../rule';
import { imagesOf, registryMatcher } from '../k8s/images';
import { describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';

/** The option this rule reads: `allowedRegistries: string[]` under the rule options. */
export function allowedRegistries(options: Record<string, unknown>): string[] {
  const v = options.allowedRegistries;
  return Array.isArray(v) ? v.filter((e): e is string => typeof e === 'string' && e.trim() !== '') : [];
}

export default defineRule({
  id: 'image-registry-untrusted',
  meta: {
    title: 'Image from a registry that is not allowed',
    description: 'Container images must come from one of the registries in the `allowedRegistries` option. The rule does nothing until that option is set.',
    why: 'Images from public or unknown registries bypass the scanning, signing and provenance controls of your own registry, and a typo-squatted or hijacked repository runs with the workload\'s privileges. Keeping images to an allow-list is the manifest-level half of image provenance (CIS 5.5.1).',
    how: 'Mirror the image into an allowed registry and reference it there. Set the allow-list as the rule option `ruleOptions.allowedRegistries`, e.g. `[registry.example.com, ghcr.io/my-org, "*.dkr.ecr.eu-west-1.amazonaws.com"]`. An entry is a registry host (a leading `*.` matches its subdomains) with an optional path prefix; images without a registry are on Docker Hub (`docker.io`, official images under `docker.io/library`).',
    category: 'image',
    severity: 'warning',
    kinds: WORKLOAD_KINDS,
    standards: { cis: ['5.5.1'] },
    fix: 'none',
    peers: {
      kubescape: ['C-0001', 'C-0078'],
      trivy: ['KSV125'],
    },
    examples: {
      bad: '# allowedRegistries: [registry.example.com]\ncontainers:\n- name: app\n  image: nginx:1.27.2',
      good: '# allowedRegistries: [registry.example.com]\ncontainers:\n- name: app\n  image: registry.example.com/mirror/nginx:1.27.2',
    },
  },
  check(ctx) {
    const allowed = allowedRegistries(ctx.settings.ruleOptions);
    if (allowed.length === 0) return;
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    const isAllowed = registryMatcher(allowed);
    for (const { container, node, ref } of imagesOf(pod)) {
      if (isAllowed(ref)) continue;
      ctx.report({
        node,
        message: `image "${ref.raw}" of ${describeContainer(container)} comes from ${ref.domain}/${ref.path}, which is not under any allowed registry (${allowed.join(', ')})`,
      });
    }
  },
});
