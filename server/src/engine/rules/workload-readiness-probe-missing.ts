import { containerFieldRule } from '../k8s/container-field';
import { describeContainer, WORKLOAD_KINDS } from '../k8s/resource';

export default containerFieldRule(
  'workload-readiness-probe-missing',
  {
    title: 'Readiness probe missing',
    description: 'Long-running containers should have a `readinessProbe` (off by default).',
    why: 'Without a readiness probe a pod receives Service traffic as soon as its containers start, before the application can answer, and keeps receiving it while it is overloaded or broken. Rolling updates cannot tell a good new version from a bad one.',
    how: 'Add a `readinessProbe` to each app container that checks the application can serve requests. Init and ephemeral containers are not checked, and neither are Jobs and CronJobs.',
    category: 'workload',
    severity: 'info',
    enabledByDefault: false,
    kinds: WORKLOAD_KINDS.filter((k) => k !== 'Job' && k !== 'CronJob'),
    fix: 'none',
    peers: {
      checkov: ['CKV_K8S_9'],
      kubeLinter: ['no-readiness-probe'],
      polaris: ['readinessProbeMissing'],
      kubescape: ['C-0018'],
      kubeScore: ['pod-probes'],
    },
    examples: {
      bad: 'containers:\n- name: app\n  image: app:1.0',
      good: 'containers:\n- name: app\n  image: app:1.0\n  readinessProbe:\n    httpGet: {path: /ready, port: 8080}',
    },
  },
  {
    path: ['readinessProbe'],
    lists: ['containers'],
    skipKinds: ['Job', 'CronJob'],
    missing: (c) => `${describeContainer(c)} has no readinessProbe: it receives traffic before it is ready and while it is failing`,
  },
);
