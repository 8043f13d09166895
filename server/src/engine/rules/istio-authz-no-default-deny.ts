import { defineGraphRule } from '../workspace/graph-rule';
import { isIstio, istioMinor, istioRootNamespace, specAnchor, stringMap } from '../k8s/istio';
import { allowNothingDoc, defaultDenyFor, meshLabel, securityApiVersion } from '../k8s/istio-mesh';
import { get, getMap } from '../parse';

export default defineGraphRule({
  id: 'istio-authz-no-default-deny',
  meta: {
    title: 'Namespace without a default-deny AuthorizationPolicy',
    description: 'A meshed Namespace (sidecar injection on), or a namespace that has AuthorizationPolicies, has no allow-nothing policy (`spec: {}`) in it or mesh-wide in the root namespace.',
    why: 'Istio allows every request to a workload that no ALLOW policy selects. Without a default-deny policy, each new workload, and each workload someone forgot, accepts calls from anything in the mesh. Istio\'s security best practices recommend starting from allow-nothing and adding ALLOW policies for the traffic that must pass, so that a missing rule causes a 403 instead of an open door.',
    how: 'Add an AuthorizationPolicy with an empty spec to the namespace (the quick fix appends one), or mesh-wide to the root namespace, then ALLOW what each workload needs. The check uses the objects of the files being linted (the workspace graph).',
    category: 'istio',
    severity: 'warning',
    kinds: ['Namespace', 'AuthorizationPolicy'],
    standards: { istio: ['Security Best Practices: Apply default-deny authorization policies'] },
    fix: 'suggestion',
    peers: {},
    examples: {
      bad: 'kind: Namespace\nmetadata:\n  name: shop\n  labels:\n    istio-injection: enabled',
      good: 'kind: AuthorizationPolicy\nmetadata:\n  name: allow-nothing\n  namespace: shop\nspec: {}',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    const root = istioRootNamespace(ctx.settings);
    let ns: string | undefined;
    let node;
    let severity: 'info' | undefined;
    if (r.kind === 'Namespace' && r.group === '') {
      const labelsNode = getMap(getMap(r.node, 'metadata'), 'labels');
      const injection = meshLabel(Object.fromEntries(stringMap(labelsNode) ?? []));
      if (!injection) return;
      ns = r.name;
      node = get(labelsNode, injection.slice(0, injection.indexOf('=')));
    } else if (isIstio(r, 'AuthorizationPolicy')) {
      ns = r.namespace;
      // One finding per namespace and file: on the first AuthorizationPolicy of that namespace.
      const first = ctx.graph.objectsIn(ctx.file).find((o) => o.kind === 'AuthorizationPolicy' && o.namespace === ns);
      if (first !== ctx.self) return;
      node = get(getMap(r.node, 'metadata'), 'namespace') ?? specAnchor(r);
      severity = 'info';
    }
    if (!ns || ns === root) return;
    if (defaultDenyFor(ctx.graph, ns, root)) return;
    const apiVersion = r.kind === 'AuthorizationPolicy' ? r.apiVersion : securityApiVersion(istioMinor(ctx.settings));
    ctx.report({
      node,
      severity,
      message: `namespace "${ns}" has no default-deny (allow-nothing) AuthorizationPolicy in ${ctx.scope}, here or in ${root}: workloads that no ALLOW policy selects accept every request from the mesh`,
      fixes: [{ title: `Add an allow-nothing AuthorizationPolicy for namespace "${ns}" (denies what no ALLOW policy allows)`, edits: [ctx.appendDocumentToFile(allowNothingDoc(apiVersion, ns))], safety: 'suggestion', preferred: true }],
    });
  },
});
