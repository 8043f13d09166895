import { defineRule } from '../rule';
import type { Edit, Fix } from '../types';
import { containersOf, describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import {
  containerAnchor,
  containerSecurityContext,
  isFalse,
  isTrue,
  isUnset,
  isWindowsExempt,
  isWindowsPod,
  setContainerSecurity,
  suggestion,
} from '../k8s/security-context';
import { get, type YNode } from '../parse';

export default defineRule({
  id: 'pss-allow-privilege-escalation',
  meta: {
    title: 'Privilege escalation',
    description: 'Containers must set `securityContext.allowPrivilegeEscalation: false` (from policy v1.8; Windows pods are exempt from v1.25).',
    why: 'Unless it is explicitly false, a process can gain more privileges than its parent through setuid binaries or file capabilities (the kernel\'s `no_new_privs` flag stays off). An attacker who gets code execution in the container can then become root inside it.',
    how: 'Set `allowPrivilegeEscalation: false` in every container\'s `securityContext` (including init and ephemeral containers). It cannot be set at pod level, and it cannot be combined with `privileged: true`.',
    category: 'pod-security',
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    standards: { pss: { level: 'restricted', check: 'allowPrivilegeEscalation', since: 'v1.8' }, cis: ['5.2.6'], nsa: ['1.7'] },
    fix: 'suggestion',
    peers: {
      checkov: ['CKV_K8S_20'],
      kubeLinter: ['privilege-escalation-container'],
      polaris: ['privilegeEscalationAllowed'],
      kubescape: ['C-0016', 'C-0197'],
      trivy: ['KSV-0001'],
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
    if (isWindowsExempt(pod, ctx.settings.pss.minor)) return;
    // The field is Linux-only: a Windows pod (policy below v1.25) is reported but gets no fix.
    const linux = !isWindowsPod(pod);
    for (const c of containersOf(pod)) {
      const sc = containerSecurityContext(c);
      const node = get(sc, 'allowPrivilegeEscalation');
      if (isFalse(node)) continue;
      const fixes = linux
        ? (): Fix[] => {
            const edits: Edit[] = [setContainerSecurity(ctx.fix, c, ['allowPrivilegeEscalation'], false)];
            // The API rejects allowPrivilegeEscalation: false next to privileged: true; say so and fix both.
            const privileged = get(sc, 'privileged');
            const alsoPrivileged = isTrue(privileged);
            if (alsoPrivileged) edits.push(ctx.fix.replaceValue(privileged as YNode, false));
            return [suggestion(alsoPrivileged ? 'Set allowPrivilegeEscalation: false and privileged: false' : 'Set allowPrivilegeEscalation: false', edits)];
          }
        : [];
      const where = describeContainer(c);
      if (!isUnset(node)) {
        ctx.report({ node, message: `restricted: allowPrivilegeEscalation must be false in ${where}`, fixes });
      } else {
        ctx.report({ range: containerAnchor(c), message: `restricted: allowPrivilegeEscalation must be false in ${where} (it is not set, so escalation is allowed)`, fixes });
      }
    }
  },
});
