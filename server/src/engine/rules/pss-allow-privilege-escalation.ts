import { defineRule } from '../rule';
import { containersOf, describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { containerAnchor, containerSecurityContext, isFalse, isWindowsPod, setContainerSecurity } from '../k8s/security-context';
import { get, isScalar } from '../parse';

export default defineRule({
  id: 'pss-allow-privilege-escalation',
  meta: {
    title: 'Privilege escalation',
    description: 'Containers must set `securityContext.allowPrivilegeEscalation: false`.',
    why: 'Unless it is explicitly false, a process can gain more privileges than its parent through setuid binaries or file capabilities (the kernel\'s `no_new_privs` flag stays off). An attacker who gets code execution in the container can then become root inside it.',
    how: 'Set `allowPrivilegeEscalation: false` in every container\'s `securityContext` (including init and ephemeral containers). It cannot be set at pod level.',
    category: 'pod-security',
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    standards: { pss: { level: 'restricted', check: 'allowPrivilegeEscalation', since: 'v1.8' }, cis: ['5.2.6'], nsa: ['1.7'] },
    fix: 'suggestion',
    peers: {
      checkov: ['CKV_K8S_20'],
      kubeLinter: ['privilege-escalation-container'],
      polaris: ['privilegeEscalationAllowed'],
      kubescape: ['C-0016'],
      trivy: ['KSV001'],
      kubesec: ['AllowPrivilegeEscalation'],
    },
    examples: {
      bad: 'containers:\n- name: app\n  image: app:1.0',
      good: 'containers:\n- name: app\n  image: app:1.0\n  securityContext:\n    allowPrivilegeEscalation: false',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    if (ctx.settings.pss.minor >= 25 && isWindowsPod(pod)) return;
    for (const c of containersOf(pod)) {
      const node = get(containerSecurityContext(c), 'allowPrivilegeEscalation');
      if (isFalse(node)) continue;
      const fix = { title: 'Set allowPrivilegeEscalation: false', edits: [setContainerSecurity(ctx.fix, c, ['allowPrivilegeEscalation'], false)], safety: 'suggestion' as const, preferred: true };
      if (node && !(isScalar(node) && node.value === null)) {
        ctx.report({ node, message: `restricted: allowPrivilegeEscalation must be false in ${describeContainer(c)}`, fixes: [fix] });
      } else {
        ctx.report({ range: containerAnchor(c), message: `restricted: allowPrivilegeEscalation must be false in ${describeContainer(c)} (it is not set, so escalation is allowed)`, fixes: [fix] });
      }
    }
  },
});
