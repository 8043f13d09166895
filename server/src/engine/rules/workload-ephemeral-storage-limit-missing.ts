import { containerFieldRule } from '../k8s/container-field';
import { WORKLOAD_KINDS } from '../k8s/resource';
import { resourceFieldSpec } from '../k8s/resources';

export default containerFieldRule(
  'workload-ephemeral-storage-limit-missing',
  {
    title: 'Ephemeral storage limit missing',
    description: 'Containers should set `resources.limits.ephemeral-storage` (off by default).',
    why: 'Logs, the writable container layer and disk-backed `emptyDir` volumes all use the node\'s disk. Without an ephemeral-storage limit one container can fill it, and the kubelet then evicts pods to reclaim space (a denial of service for its neighbours). A request alone does not bound usage.',
    how: 'Set `resources.limits.ephemeral-storage` in each container and init container (for example `1Gi`); give `emptyDir` volumes a `sizeLimit`. Ephemeral containers cannot set resources and are not checked.',
    category: 'workload',
    severity: 'info',
    enabledByDefault: false,
    kinds: WORKLOAD_KINDS,
    fix: 'none',
    peers: {
      kubeScore: ['container-ephemeral-storage-request-and-limit'],
    },
    examples: {
      bad: 'containers:\n- name: app\n  image: app:1.0',
      good: 'containers:\n- name: app\n  image: app:1.0\n  resources:\n    limits: {ephemeral-storage: 1Gi}',
    },
  },
  resourceFieldSpec('limits', 'ephemeral-storage', "it can fill the node's disk and get pods evicted"),
);
