import { containerFieldRule } from '../k8s/container-field';
import { WORKLOAD_KINDS } from '../k8s/resource';
import { resourceFieldSpec } from '../k8s/resources';

export default containerFieldRule(
  'workload-cpu-limits-missing',
  {
    title: 'CPU limit missing',
    description: 'Containers should set `resources.limits.cpu` (or the pod should set `spec.resources.limits.cpu`).',
    why: 'Without a CPU limit a container can take all of the node\'s spare CPU; a runaway or compromised process (a crypto-miner is the classic case) slows every other workload on the node. CPU is throttled rather than killed, so this is reported as information: some teams deliberately set only requests.',
    how: 'Set `resources.limits.cpu` in each container and init container, or a pod-level `spec.resources.limits.cpu`. If you rely on requests alone by policy, turn this rule off. Ephemeral containers cannot set resources and are not checked.',
    category: 'workload',
    severity: 'info',
    kinds: WORKLOAD_KINDS,
    fix: 'none',
    peers: {
      checkov: ['CKV_K8S_11'],
      kubeLinter: ['unset-cpu-requirements'],
      polaris: ['cpuLimitsMissing'],
      kubescape: ['C-0270', 'C-0050', 'C-0009'],
      trivy: ['KSV011'],
      kubeScore: ['container-resources'],
      kubesec: ['LimitsCPU'],
    },
    examples: {
      bad: 'containers:\n- name: app\n  image: app:1.0',
      good: 'containers:\n- name: app\n  image: app:1.0\n  resources:\n    limits: {cpu: 500m}',
    },
  },
  resourceFieldSpec('limits', 'cpu', "it can use all of the node's spare CPU and slow down the other pods"),
);
