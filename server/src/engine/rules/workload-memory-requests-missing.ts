import { containerFieldRule } from '../k8s/container-field';
import { WORKLOAD_KINDS } from '../k8s/resource';
import { resourceFieldSpec } from '../k8s/resources';

export default containerFieldRule(
  'workload-memory-requests-missing',
  {
    title: 'Memory request missing',
    description: 'Containers should set `resources.requests.memory` (a memory limit alone also counts: the request defaults to it).',
    why: 'The scheduler places pods by their requests. A container without a memory request reserves nothing, so nodes get overcommitted, and under memory pressure the kubelet evicts pods that use more than they requested first. A LimitRange in the namespace may supply a default, but the manifest alone does not show it.',
    how: 'Set `resources.requests.memory` in each container and init container to its normal working set, or set a memory limit (the request then defaults to the limit), or a pod-level `spec.resources`. Ephemeral containers cannot set resources and are not checked.',
    category: 'workload',
    severity: 'info',
    kinds: WORKLOAD_KINDS,
    fix: 'none',
    peers: {
      checkov: ['CKV_K8S_12'],
      kubeLinter: ['unset-memory-requirements'],
      polaris: ['memoryRequestsMissing'],
      kubescape: ['C-0269', 'C-0004'],
      trivy: ['KSV016'],
      kubeScore: ['container-resources'],
      kubesec: ['RequestsMemory'],
    },
    examples: {
      bad: 'containers:\n- name: app\n  image: app:1.0',
      good: 'containers:\n- name: app\n  image: app:1.0\n  resources:\n    requests: {memory: 256Mi}',
    },
  },
  resourceFieldSpec('requests', 'memory', 'the scheduler reserves no memory for it and it is evicted first under memory pressure'),
);
