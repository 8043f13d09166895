import { containerFieldRule } from '../k8s/container-field';
import { WORKLOAD_KINDS } from '../k8s/resource';
import { resourceFieldSpec } from '../k8s/resources';

export default containerFieldRule(
  'workload-cpu-requests-missing',
  {
    title: 'CPU request missing',
    description: 'Containers should set `resources.requests.cpu` (a CPU limit alone also counts: the request defaults to it).',
    why: 'The scheduler places pods by their requests, and under contention the kernel shares CPU in proportion to them. A container without a CPU request reserves nothing and gets the smallest share, so a busy neighbour can starve it. A LimitRange in the namespace may supply a default, but the manifest alone does not show it.',
    how: 'Set `resources.requests.cpu` in each container and init container (for example `100m`), or set a CPU limit (the request then defaults to it), or a pod-level `spec.resources`. Ephemeral containers cannot set resources and are not checked.',
    category: 'workload',
    severity: 'info',
    kinds: WORKLOAD_KINDS,
    fix: 'none',
    peers: {
      checkov: ['CKV_K8S_10'],
      kubeLinter: ['unset-cpu-requirements'],
      polaris: ['cpuRequestsMissing'],
      kubescape: ['C-0268', 'C-0050'],
      trivy: ['KSV015'],
      kubeScore: ['container-resources'],
      kubesec: ['RequestsCPU'],
    },
    examples: {
      bad: 'containers:\n- name: app\n  image: app:1.0',
      good: 'containers:\n- name: app\n  image: app:1.0\n  resources:\n    requests: {cpu: 100m}',
    },
  },
  resourceFieldSpec('requests', 'cpu', 'the scheduler reserves no CPU for it and it gets the smallest share under contention'),
);
