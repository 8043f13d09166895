import { defineRule } from '../rule';
import type { Fix } from '../types';
import { containersOf, describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { containerSecurityContext, isUnset, keyNode, podAnnotations, podSecurityContext, stringValue, suggestion } from '../k8s/security-context';
import { get, getPair, type YAMLMap, type YNode } from '../parse';
import type { RuleContext } from '../rule';

const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function allowedAnnotationValue(v: string): boolean {
  return v === '' || v === 'runtime/default' || v.startsWith('localhost/');
}

function allowedType(t: string): boolean {
  return t === 'RuntimeDefault' || t === 'Localhost';
}

export default defineRule({
  id: 'pss-apparmor',
  meta: {
    title: 'AppArmor profile',
    description: 'The AppArmor profile must not be overridden to `Unconfined`: `appArmorProfile.type` (pod and containers) may only be `RuntimeDefault` or `Localhost`, and the annotation `container.apparmor.security.beta.kubernetes.io/*` only `runtime/default`, `localhost/*` or empty.',
    why: 'On nodes with AppArmor the runtime confines every container with its default profile, which blocks writes to `/proc` and `/sys` and mounting filesystems. `Unconfined` removes that layer, so a process that breaks out of its namespaces meets one fewer obstacle on the way to the node.',
    how: 'Remove the override, or set `securityContext.appArmorProfile.type: RuntimeDefault` (or `Localhost` with a profile loaded on the nodes). Replace the deprecated annotation value `unconfined` with `runtime/default`.',
    category: 'pod-security',
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    standards: { pss: { level: 'baseline', check: 'appArmorProfile' }, nsa: ['1.9'] },
    fix: 'suggestion',
    peers: {
      polaris: ['linuxHardening'],
      kubescape: ['C-0055'],
      trivy: ['KSV-0002'],
      kubesec: ['ApparmorUnconfined'],
    },
    examples: {
      bad: 'securityContext:\n  appArmorProfile:\n    type: Unconfined',
      good: 'securityContext:\n  appArmorProfile:\n    type: RuntimeDefault',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    checkField(ctx, podSecurityContext(pod), 'the pod');
    for (const c of containersOf(pod)) checkField(ctx, containerSecurityContext(c), describeContainer(c));
    const { map, pairs } = podAnnotations(pod);
    for (const pair of pairs) {
      const key = pair.key.value;
      if (typeof key !== 'string' || !key.startsWith(ANNOTATION_PREFIX)) continue;
      const value = stringValue(pair.value);
      if (allowedAnnotationValue(value)) continue;
      ctx.report({
        node: isUnset(pair.value) ? keyNode(pair) : pair.value,
        message: `baseline: AppArmor profile "${value}" is not allowed for container "${key.slice(ANNOTATION_PREFIX.length)}" (annotation ${key}); use runtime/default or localhost/<profile>`,
        fixes: () => [suggestion('Set the AppArmor profile to runtime/default', [ctx.fix.setIn(map!, [key], 'runtime/default')])],
      });
    }
  },
});

function checkField(ctx: RuleContext, sc: YAMLMap | undefined, where: string): void {
  const pair = getPair(sc, 'appArmorProfile');
  if (!pair || isUnset(pair.value)) return;
  const typeNode = get(pair.value, 'type');
  const type = stringValue(typeNode);
  if (allowedType(type)) return;
  const fixes = (): Fix[] => [suggestion('Set appArmorProfile.type: RuntimeDefault', [ctx.fix.setIn(sc!, ['appArmorProfile', 'type'], 'RuntimeDefault')])];
  ctx.report({
    node: isUnset(typeNode) ? keyNode(pair) : (typeNode as YNode),
    message: type === ''
      ? `baseline: ${where} sets appArmorProfile without a type; it must be RuntimeDefault or Localhost`
      : `baseline: AppArmor profile type ${type} is not allowed in ${where}; it must be RuntimeDefault or Localhost`,
    fixes,
  });
}
