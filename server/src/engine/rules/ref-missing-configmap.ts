import { WORKLOAD_KINDS } from '../k8s/resource';
import { defineConfigRefRule } from '../workspace/config-ref-rule';

export default defineConfigRefRule('ConfigMap', 'ref-missing-configmap', {
  title: 'Reference to a ConfigMap the workspace does not define',
  description: 'ConfigMaps that a pod reads through env, envFrom or volumes (and does not mark optional) should be defined alongside it.',
  why: 'A pod that needs a missing ConfigMap does not start: env and envFrom references stop the container with CreateContainerConfigError, volumes keep the pod in ContainerCreating. A ConfigMap of that name created later by anyone who can write ConfigMaps in the namespace then configures the workload.',
  how: 'Add the ConfigMap, fix the name, or mark the reference `optional: true` if the workload runs without it. The finding only considers the files of the workspace: suppress it for ConfigMaps managed elsewhere.',
  category: 'workload',
  severity: 'info',
  kinds: WORKLOAD_KINDS,
  fix: 'none',
  peers: { kubeLinter: ['env-value-from'] },
  examples: {
    bad: 'envFrom:\n- configMapRef:\n    name: app-confg   # no such ConfigMap',
    good: 'envFrom:\n- configMapRef:\n    name: app-config',
  },
});
