// The template of ref-missing-configmap and ref-missing-secret: references from a pod spec to a
// ConfigMap or Secret that the workspace does not define.
import type { RuleMeta } from '../types';
import { factsOf } from './extractor';
import type { ConfigRef, ConfigRefKind } from './facts';
import type { WorkspaceGraph } from './graph';
import { defineGraphRule, type GraphRule } from './graph-rule';
import { secretProducerFacts } from './k8s-facts';

const CONSEQUENCE: Record<string, string> = {
  env: 'the container does not start (CreateContainerConfigError) while it is missing',
  envFrom: 'the container does not start (CreateContainerConfigError) while it is missing',
  volume: 'the pod stays in ContainerCreating while it is missing',
  'projected volume': 'the pod stays in ContainerCreating while it is missing',
  imagePullSecrets: 'pulls from a private registry that need it fail',
};

function describeRef(r: ConfigRef): string {
  if (r.via === 'imagePullSecrets') return 'listed under imagePullSecrets';
  return r.container ? `used in the ${r.via} of container "${r.container}"` : `used as a ${r.via}`;
}

export function defineConfigRefRule(kind: ConfigRefKind, id: string, meta: RuleMeta): GraphRule {
  return defineGraphRule({
    id,
    meta,
    check(ctx) {
      const pod = ctx.self.pod;
      if (!pod) return;
      const ns = ctx.self.ns ?? '';
      const where = ctx.self.namespace ? ` in namespace ${ctx.self.namespace}` : '';
      const known = new Set<string>();
      for (const r of [...pod.configRefs].sort((a, b) => a.loc.start - b.loc.start)) {
        if (r.kind !== kind || r.optional || known.has(r.name)) continue;
        if (ctx.graph.named(kind, r.name, ns).length > 0) {
          known.add(r.name);
          continue;
        }
        if (kind === 'Secret' && producedSecret(ctx.graph, r.name, ns)) {
          known.add(r.name);
          continue;
        }
        ctx.report({
          range: [r.loc.start, r.loc.end],
          message: `${kind} ${r.name}, ${describeRef(r)}, is not defined${where} in ${ctx.scope}: ${CONSEQUENCE[r.via] ?? 'the pod cannot use it'}`,
        });
      }
    },
  });
}

function producedSecret(graph: WorkspaceGraph, name: string, ns: string): boolean {
  return graph.objects(['Certificate', 'SealedSecret', 'ExternalSecret'], ns).some((o) => factsOf(o, secretProducerFacts)?.secretName === name);
}
