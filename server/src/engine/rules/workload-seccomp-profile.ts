import { defineRule } from '../rule';
import { groupByEffective } from '../k8s/effective';
import { describeContainer, podSpecOf, WORKLOAD_KINDS, type ContainerRef } from '../k8s/resource';
import { containerAnchor, isWindowsPod, podAnchor, setPodSecurity } from '../k8s/security-context';
import { getMap, getString, type YAMLMap } from '../parse';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION = 'container.seccomp.security.alpha.kubernetes.io/';

function annotated(annotations: YAMLMap | undefined, key: string): boolean {
  const v = getString(annotations, key);
  return v !== undefined && v !== '';
}

export default defineRule({
  id: 'workload-seccomp-profile',
  meta: {
    title: 'No seccomp profile',
    description: 'Pods should set a seccomp profile (`securityContext.seccompProfile.type: RuntimeDefault` or `Localhost`). Only checked below the `restricted` level, where the Pod Security rules do not already require it.',
    why: 'Without a seccomp profile a container runs `Unconfined` (unless the kubelet runs with `--seccomp-default`): it may call every system call, including the rarely needed ones behind most container escapes and kernel exploits. `RuntimeDefault` blocks those and almost never breaks an application. Pod Security `baseline` only forbids an explicit `Unconfined`; `restricted` requires a profile, and at that level the Pod Security seccomp rule reports it, so this rule stays silent there to avoid a double report.',
    how: 'Set `seccompProfile: {type: RuntimeDefault}` in the pod\'s `securityContext` (the quick fix does this; containers inherit it and a container\'s own setting still wins), or a `Localhost` profile tailored to the application. The deprecated seccomp annotations count as a profile. Windows pods are not checked.',
    category: 'workload',
    severity: 'warning',
    kinds: WORKLOAD_KINDS,
    standards: { cis: ['5.6.2'], nsa: ['1.10'] },
    fix: 'suggestion',
    peers: {
      checkov: ['CKV_K8S_31'],
      kubescape: ['C-0210', 'C-0055'],
      trivy: ['KSV030'],
      kubeScore: ['container-seccomp-profile'],
      kubesec: ['SeccompAny'],
    },
    examples: {
      bad: 'spec:\n  containers:\n  - name: app\n    image: app:1.0',
      good: 'spec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n  containers:\n  - name: app\n    image: app:1.0',
    },
  },
  check(ctx) {
    if (ctx.settings.pss.level === 'restricted') return;
    const pod = podSpecOf(ctx.resource);
    if (!pod || isWindowsPod(pod)) return;
    const annotations = getMap(pod.podMeta, 'annotations');
    if (annotated(annotations, POD_ANNOTATION)) return;
    const groups = groupByEffective(pod, ['seccompProfile', 'type']);
    const unset = groups.unset.filter((c: ContainerRef) => c.name === undefined || !annotated(annotations, CONTAINER_ANNOTATION + c.name));
    if (unset.length === 0) return;
    const fixes = () => [
      {
        title: 'Set seccompProfile.type: RuntimeDefault for the pod',
        edits: [setPodSecurity(ctx.fix, pod, ['seccompProfile', 'type'], 'RuntimeDefault')],
        safety: 'suggestion' as const,
        preferred: true,
      },
    ];
    if (unset.length === groups.all.length) {
      ctx.report({
        range: podAnchor(pod),
        message: 'no seccomp profile is set for the pod or any container, so they run Unconfined: every system call is allowed',
        fixes,
      });
      return;
    }
    for (const c of unset) {
      ctx.report({
        range: containerAnchor(c),
        message: `${describeContainer(c)} has no seccomp profile (neither it nor the pod sets one), so it runs Unconfined: every system call is allowed`,
        fixes,
      });
    }
  },
});
