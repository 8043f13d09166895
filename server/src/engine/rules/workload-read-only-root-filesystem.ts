import { containerFieldRule } from '../k8s/container-field';
import { describeContainer, WORKLOAD_KINDS } from '../k8s/resource';
import { containerSecurityContext, isWindowsPod } from '../k8s/security-context';

export default containerFieldRule(
  'workload-read-only-root-filesystem',
  {
    title: 'Writable root filesystem',
    description: 'Containers should set `securityContext.readOnlyRootFilesystem: true`. A container with no `securityContext` at all is reported here too.',
    why: 'With a writable root filesystem, an attacker who gets code execution can drop tools, rewrite binaries and configuration, and persist until the container restarts. A read-only root filesystem makes the image immutable at run time and turns such writes into errors. A container without any `securityContext` also leaves every other setting to the runtime defaults; under `restricted` the Pod Security rules report those settings one by one, so this rule stands in for the "securityContext missing" checks of other tools (Checkov CKV_K8S_29/30, Trivy KSV118, CIS 5.6.3).',
    how: 'Set `readOnlyRootFilesystem: true` in each container\'s `securityContext` (init and ephemeral containers too; the field does not exist at pod level). Mount an `emptyDir` at the paths the process must write to (`/tmp`, caches, PID files). Windows pods are not checked: Windows does not support the field.',
    category: 'workload',
    severity: 'warning',
    kinds: WORKLOAD_KINDS,
    standards: { cis: ['5.6.3'], nsa: ['1.1'] },
    fix: 'suggestion',
    peers: {
      checkov: ['CKV_K8S_22', 'CKV_K8S_29', 'CKV_K8S_30'],
      kubeLinter: ['no-read-only-root-fs'],
      polaris: ['notReadOnlyRootFilesystem'],
      kubescape: ['C-0017', 'C-0211'],
      trivy: ['KSV014', 'KSV118'],
      kubeScore: ['container-security-context-readonlyrootfilesystem'],
      kubesec: ['ReadOnlyRootFilesystem'],
    },
    examples: {
      bad: 'containers:\n- name: app\n  image: app:1.0',
      good: 'containers:\n- name: app\n  image: app:1.0\n  securityContext:\n    readOnlyRootFilesystem: true\n  volumeMounts:\n  - name: tmp\n    mountPath: /tmp',
    },
  },
  {
    path: ['securityContext', 'readOnlyRootFilesystem'],
    expect: true,
    skipPod: isWindowsPod,
    missing: (c) =>
      containerSecurityContext(c) === undefined
        ? `${describeContainer(c)} has no securityContext: its root filesystem is writable and every other setting is left to the runtime's defaults`
        : `${describeContainer(c)} does not set readOnlyRootFilesystem: true, so an attacker can write to its root filesystem`,
    wrong: (c, v) => `${describeContainer(c)} sets readOnlyRootFilesystem: ${typeof v === 'string' ? JSON.stringify(v) : String(v)}, so an attacker can write to its root filesystem`,
    fix: { title: 'Set readOnlyRootFilesystem: true', value: true, safety: 'suggestion' },
  },
);
