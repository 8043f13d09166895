import { defineRule, type RuleContext } from '../rule';
import { containersOf, describeContainer, podSpecOf, WORKLOAD_KINDS, type PodSpecRef } from '../k8s/resource';
import { containerSecurityContext, isUnset, keyNode, podAnnotations, podSecurityContext, stringValue, suggestion } from '../k8s/security-context';
import { get, getPair, type YAMLMap, type YNode } from '../parse';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

export function validSeccompType(t: string): boolean {
  return t === 'RuntimeDefault' || t === 'Localhost';
}

function validAnnotationValue(v: string): boolean {
  return v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/');
}

export default defineRule({
  id: 'pss-seccomp-baseline',
  meta: {
    title: 'Seccomp: no Unconfined',
    description: 'The seccomp profile must not be `Unconfined`: `seccompProfile.type` (pod and containers) may only be `RuntimeDefault` or `Localhost`. Before policy v1.19 the alpha annotations are checked instead (`runtime/default`, `docker/default` or `localhost/*`).',
    why: 'Seccomp filters the system calls a container may make. The runtime\'s default profile blocks dozens of calls that containers do not need and that kernel exploits and escapes use (`unshare`, `keyctl`, `bpf`, `mount`...). `Unconfined` turns the filter off.',
    how: 'Set `securityContext.seccompProfile.type: RuntimeDefault` (or `Localhost` with a profile on the nodes), or remove the `Unconfined` override.',
    category: 'pod-security',
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    standards: { pss: { level: 'baseline', check: 'seccompProfile_baseline' } },
    fix: 'suggestion',
    peers: {
      kubescape: ['C-0211'],
      trivy: ['KSV-0104'],
      kubesec: ['SeccompUnconfined'],
    },
    examples: {
      bad: 'securityContext:\n  seccompProfile:\n    type: Unconfined',
      good: 'securityContext:\n  seccompProfile:\n    type: RuntimeDefault',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    if (ctx.settings.pss.minor < 19) {
      checkAnnotations(ctx, pod);
      return;
    }
    checkField(ctx, podSecurityContext(pod), 'the pod', 'baseline');
    for (const c of containersOf(pod)) checkField(ctx, containerSecurityContext(c), describeContainer(c), 'baseline');
  },
});

/**
 * Reports a seccompProfile that is set with a type other than RuntimeDefault or Localhost; returns
 * whether the field is set. Shared with pss-seccomp-restricted, which adds the "must be set" part.
 */
export function checkField(ctx: RuleContext, sc: YAMLMap | undefined, where: string, level: 'baseline' | 'restricted', withFix = true): 'unset' | 'valid' | 'invalid' {
  const pair = getPair(sc, 'seccompProfile');
  if (!pair || isUnset(pair.value)) return 'unset';
  const typeNode = get(pair.value, 'type');
  const type = stringValue(typeNode);
  if (validSeccompType(type)) return 'valid';
  ctx.report({
    node: isUnset(typeNode) ? keyNode(pair) : (typeNode as YNode),
    message: type === ''
      ? `${level}: ${where} sets seccompProfile without a type; it must be RuntimeDefault or Localhost`
      : `${level}: seccomp profile type ${type} is not allowed in ${where}; it must be RuntimeDefault or Localhost`,
    fixes: withFix ? () => [suggestion('Set seccompProfile.type: RuntimeDefault', [ctx.fix.setIn(sc!, ['seccompProfile', 'type'], 'RuntimeDefault')])] : [],
  });
  return 'invalid';
}

function checkAnnotations(ctx: RuleContext, pod: PodSpecRef): void {
  const { map } = podAnnotations(pod);
  if (!map) return;
  const keys = [POD_ANNOTATION, ...containersOf(pod).map((c) => CONTAINER_ANNOTATION_PREFIX + (c.name ?? ''))];
  for (const key of new Set(keys)) {
    const pair = getPair(map, key);
    if (!pair) continue;
    const value = stringValue(pair.value);
    if (validAnnotationValue(value)) continue;
    ctx.report({
      node: isUnset(pair.value) ? keyNode(pair) : (pair.value as YNode),
      message: `baseline: seccomp profile "${value}" is not allowed (annotation ${key}); use runtime/default, docker/default or localhost/<profile>`,
      fixes: () => [suggestion('Set the seccomp profile to runtime/default', [ctx.fix.setIn(map, [key], 'runtime/default')])],
    });
  }
}
