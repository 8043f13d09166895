import { containerFieldRule } from '../k8s/container-field';
import { WORKLOAD_KINDS } from '../k8s/resource';
import { resourceFieldSpec } from '../k8s/resources';

export default containerFieldRule(
  'workload-memory-limits-missing',
  {
    title: 'Memory limit missing',
    description: 'Containers should set `resources.limits.memory` (or the pod should set `spec.resources.limits.memory`).',
    why: 'Without a memory limit a container can use all of the node\'s memory: a leak or an attacker can starve the other pods on the node and trigger evictions (a denial of service). A LimitRange in the namespace may supply a default, but the manifest alone does not show it.',
    how: 'Set `resources.limits.memory` in each container and init container, sized from observed usage (for example `512Mi`), or a pod-level `spec.resources.limits.memory`. Ephemeral containers cannot set resources and are not checked.',
    category: 'workload',
    severity: 'warning',
    kinds: WORKLOAD_KINDS,
    fix: 'none',
    peers: {
      checkov: ['CKV_K8S_13'],
      kubeLinter: ['unset-memory-requirements'],
      polaris: ['memoryLimitsMissing'],
      kubescape: ['C-0271', 'C-0004', 'C-0009'],
      trivy: ['KSV018'],
      kubeScore: ['container-resources'],
      kubesec: ['LimitsMemory'],
    },
    examples: {
      bad: 'containers:\n- name: app\n  image: app:1.0',
      good: 'containers:\n- name: app\n  image: app:1.0\n  resources:\n    requests: {cpu: 100m, memory: 256Mi}\n    limits: {memory: 256Mi}',
    },
  },
  resourceFieldSpec('limits', 'memory', "it can use all of the node's memory and get other pods evicted"),
);
