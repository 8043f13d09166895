import { containerFieldRule } from '../k8s/container-field';
import { describeContainer, WORKLOAD_KINDS } from '../k8s/resource';

export default containerFieldRule(
  'workload-liveness-probe-missing',
  {
    title: 'Liveness probe missing',
    description: 'Long-running containers should have a `livenessProbe` (off by default).',
    why: 'Without a liveness probe the kubelet restarts a container only when its process exits. A process that hangs, deadlocks or is wedged by an attack keeps its pod "running" and keeps receiving traffic, which hurts availability.',
    how: 'Add a `livenessProbe` (an `httpGet`, `tcpSocket`, `grpc` or `exec` check) to each app container; make it cheaper and more lenient than the readiness probe. Init and ephemeral containers are not checked (init containers run to completion and cannot have probes unless they are sidecars), and neither are Jobs and CronJobs.',
    category: 'workload',
    severity: 'info',
    enabledByDefault: false,
    kinds: WORKLOAD_KINDS.filter((k) => k !== 'Job' && k !== 'CronJob'),
    fix: 'none',
    peers: {
      checkov: ['CKV_K8S_8'],
      kubeLinter: ['no-liveness-probe'],
      polaris: ['livenessProbeMissing'],
      kubescape: ['C-0056'],
      kubeScore: ['pod-probes'],
    },
    examples: {
      bad: 'containers:\n- name: app\n  image: app:1.0',
      good: 'containers:\n- name: app\n  image: app:1.0\n  livenessProbe:\n    httpGet: {path: /healthz, port: 8080}',
    },
  },
  {
    path: ['livenessProbe'],
    lists: ['containers'],
    skipKinds: ['Job', 'CronJob'],
    missing: (c) => `${describeContainer(c)} has no livenessProbe: if it hangs, it is never restarted`,
  },
);
