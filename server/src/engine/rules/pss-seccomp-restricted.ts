import { defineRule } from '../rule';
import type { Fix } from '../types';
import { containersOf, describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import {
  containerAnchor,
  containerSecurityContext,
  isWindowsExempt,
  isWindowsPod,
  podSecurityContext,
  setContainerSecurity,
  setPodSecurity,
  suggestion,
} from '../k8s/security-context';
import { checkField } from './pss-seccomp-baseline';

export default defineRule({
  id: 'pss-seccomp-restricted',
  meta: {
    title: 'Seccomp: RuntimeDefault or Localhost required',
    description: 'At the restricted level every container must run with a seccomp profile: `seccompProfile.type` must be `RuntimeDefault` or `Localhost`, set on the pod or on each container (from policy v1.19; Windows pods are exempt from v1.25). It replaces the baseline seccomp check there.',
    why: 'Without a profile most runtimes run containers `Unconfined`: every system call is allowed, including the ones kernel exploits and container escapes rely on. `RuntimeDefault` blocks them at almost no cost for ordinary applications.',
    how: 'Set `securityContext.seccompProfile.type: RuntimeDefault` in the pod spec (it applies to every container), or in each container. Use `Localhost` with a profile on the nodes when the default is too strict.',
    category: 'pod-security',
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    standards: { pss: { level: 'restricted', check: 'seccompProfile_restricted', since: 'v1.19', overrides: ['seccompProfile_baseline'] }, cis: ['5.6.2'], nsa: ['1.10'] },
    fix: 'suggestion',
    peers: {
      checkov: ['CKV_K8S_31'],
      polaris: ['linuxHardening'],
      kubescape: ['C-0055', 'C-0210'],
      trivy: ['KSV-0030'],
      kubeScore: ['container-seccomp-profile'],
      kubesec: ['SeccompAny'],
    },
    examples: {
      bad: 'spec:\n  containers:\n  - name: app\n    image: app:1.0',
      good: 'spec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n  - name: app\n    image: app:1.0',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    if (isWindowsExempt(pod, ctx.settings.pss.minor)) return;
    // Seccomp is Linux-only: a Windows pod (policy below v1.25) is reported but gets no fix.
    const linux = !isWindowsPod(pod);
    const podState = checkField(ctx, podSecurityContext(pod), 'the pod', 'restricted', linux);
    for (const c of containersOf(pod)) {
      const state = checkField(ctx, containerSecurityContext(c), describeContainer(c), 'restricted', linux);
      // A container without its own profile inherits the pod's; when the pod's is set but invalid,
      // that one finding says what to fix.
      if (state !== 'unset' || podState !== 'unset') continue;
      const fixes = linux
        ? (): Fix[] => [
            suggestion('Set seccompProfile.type: RuntimeDefault in the pod securityContext', [setPodSecurity(ctx.fix, pod, ['seccompProfile', 'type'], 'RuntimeDefault')]),
            suggestion(`Set seccompProfile.type: RuntimeDefault in ${describeContainer(c)}`, [setContainerSecurity(ctx.fix, c, ['seccompProfile', 'type'], 'RuntimeDefault')], false),
          ]
        : [];
      ctx.report({
        range: containerAnchor(c),
        message: `restricted: seccompProfile.type must be RuntimeDefault or Localhost for ${describeContainer(c)}; it is set neither on the pod nor on the container, so it may run Unconfined`,
        fixes,
      });
    }
  },
});
