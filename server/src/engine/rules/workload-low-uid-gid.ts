import { defineRule } from '../rule';
import { describeContainers, groupByEffective } from '../k8s/effective';
import { describeContainer, podSpecOf, WORKLOAD_KINDS, type ContainerRef } from '../k8s/resource';
import { containerAnchor, isWindowsPod, podAnchor, usesUserNamespace } from '../k8s/security-context';

const MIN_ID = 10000;
const FIELDS = ['runAsUser', 'runAsGroup'] as const;

export default defineRule({
  id: 'workload-low-uid-gid',
  meta: {
    title: 'UID or GID below 10000',
    description: 'Pods and containers should run with `runAsUser` and `runAsGroup` of 10000 or more (off by default).',
    why: 'Low user and group IDs are the ones real accounts and system services use on the node. A process that escapes its container with such an ID acts as that host user: it owns that user\'s files and shares its limits. IDs from 10000 up are unlikely to exist on the host. Not setting them leaves the choice to the image, which is often root or a low ID.',
    how: 'Set `runAsUser` and `runAsGroup` to 10000 or more in the pod\'s `securityContext` (containers inherit it) or per container, and make the image\'s files readable by that ID. A container value overrides the pod value. ID 0 is left to other rules: `runAsGroup: 0` to workload-root-group, and `runAsUser: 0` under the `restricted` level to the Pod Security rules. Windows pods and pods in a user namespace (`hostUsers: false`, where container IDs are not host IDs) are not checked. There is no automatic fix: the right ID depends on the image.',
    category: 'workload',
    severity: 'warning',
    enabledByDefault: false,
    kinds: WORKLOAD_KINDS,
    fix: 'none',
    peers: {
      checkov: ['CKV_K8S_40'],
      trivy: ['KSV020', 'KSV021'],
      kubeScore: ['container-security-context-user-group-id'],
      kubesec: ['RunAsUser', 'RunAsGroup'],
    },
    examples: {
      bad: 'securityContext:\n  runAsUser: 1000\n  runAsGroup: 1000',
      good: 'securityContext:\n  runAsUser: 10001\n  runAsGroup: 10001',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod || isWindowsPod(pod) || usesUserNamespace(pod)) return;
    const podWide: string[] = [];
    const perContainer = new Map<ContainerRef, string[]>();
    for (const field of FIELDS) {
      const groups = groupByEffective(pod, [field]);
      for (const g of groups.decided) {
        const v = g.value;
        if (typeof v !== 'number' || !Number.isInteger(v) || v >= MIN_ID) continue;
        if (v === 0 && (field === 'runAsGroup' || ctx.settings.pss.level === 'restricted')) continue;
        const subject =
          g.from === 'pod'
            ? `the pod's ${field} ${v} (used by ${describeContainers(g.containers, describeContainer)}) is`
            : `${describeContainer(g.containers[0])} runs with ${field} ${v}, which is`;
        ctx.report({
          node: g.node,
          message: `${subject} below ${MIN_ID}: an ID that low can belong to a real user or group on the node, whose files a process escaping the container would own`,
        });
      }
      if (groups.unset.length === 0) continue;
      if (groups.unset.length === groups.all.length) podWide.push(field);
      else for (const c of groups.unset) perContainer.set(c, [...(perContainer.get(c) ?? []), field]);
    }
    const verb = (fields: string[]): string => (fields.length > 1 ? `${fields.join(' and ')} are` : `${fields[0]} is`);
    if (podWide.length > 0) {
      ctx.report({
        range: podAnchor(pod),
        message: `${verb(podWide)} not set for the pod or any container, so the image decides (often root or an ID below ${MIN_ID})`,
      });
    }
    for (const [c, fields] of perContainer) {
      ctx.report({
        range: containerAnchor(c),
        message: `${verb(fields)} not set for ${describeContainer(c)} or its pod, so the image decides (often root or an ID below ${MIN_ID})`,
      });
    }
  },
});
