import { defineGraphRule } from '../workspace/graph-rule';
import { istioMinor, istioRootNamespace, stringMap } from '../k8s/istio';
import { effectiveMtls, meshLabel, securityApiVersion, strictPeerAuthenticationDoc } from '../k8s/istio-mesh';
import { get, getMap } from '../parse';

export default defineGraphRule({
  id: 'istio-mtls-namespace-not-strict',
  meta: {
    title: 'Meshed namespace without STRICT mutual TLS',
    description: 'A Namespace is in the mesh (sidecar injection with `istio-injection: enabled` or `istio.io/rev`, or ambient mode with `istio.io/dataplane-mode: ambient`) but no PeerAuthentication makes mutual TLS STRICT for it, neither in the namespace nor mesh-wide in the root namespace.',
    why: 'Without a STRICT PeerAuthentication the sidecars of the namespace run in PERMISSIVE mode, Istio\'s default: they accept plaintext from anything that can reach the pod IPs, so callers outside the mesh are neither authenticated nor encrypted, and AuthorizationPolicy conditions on peer identity never see them. Istio\'s security best practices recommend migrating to STRICT.',
    how: 'Add a PeerAuthentication with `mtls.mode: STRICT`, mesh-wide in the root namespace (`istio-system` unless `istio.rootNamespace` in .kubeward.yaml, the `kubeward.istio.rootNamespace` setting or `--istio-root-namespace` says otherwise) or per namespace; the quick fix appends one for this namespace. The check looks at the objects of the files being linted (the workspace graph).',
    category: 'istio',
    severity: 'warning',
    kinds: ['Namespace'],
    standards: { istio: ['Security Best Practices: Mutual TLS (migrate to STRICT)'] },
    fix: 'suggestion',
    peers: {},
    examples: {
      bad: 'kind: Namespace\nmetadata:\n  name: shop\n  labels:\n    istio-injection: enabled\n# no PeerAuthentication',
      good: 'kind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: shop\nspec:\n  mtls:\n    mode: STRICT',
    },
  },
  check(ctx) {
    if (ctx.resource.kind !== 'Namespace' || ctx.resource.group !== '' || !ctx.resource.name) return;
    const labelsNode = getMap(getMap(ctx.resource.node, 'metadata'), 'labels');
    const labels = Object.fromEntries(stringMap(labelsNode) ?? []);
    const injection = meshLabel(labels);
    if (!injection) return;
    const ns = ctx.resource.name;
    const root = istioRootNamespace(ctx.settings);
    const decision = effectiveMtls(ctx.graph, ns, undefined, root);
    // A namespace-level policy with an explicit mode is reported where it is written (istio-peer-authn-not-strict).
    if (decision.mode === 'STRICT' || decision.level === 'namespace') return;
    const why = decision.source
      ? `the mesh-wide ${ctx.describe(decision.source)} sets ${decision.mode}`
      : `no PeerAuthentication in ${ctx.scope} sets STRICT for it or mesh-wide, and Istio defaults to PERMISSIVE`;
    const node = get(labelsNode, injection.slice(0, injection.indexOf('=')));
    ctx.report({
      node,
      message: `namespace "${ns}" is in the mesh (${injection}) but its workloads accept plaintext: ${why}`,
      related: decision.source ? [ctx.related(decision.source, `mesh-wide PeerAuthentication with mode ${decision.mode}`)] : undefined,
      fixes: [
        {
          title: `Add a STRICT PeerAuthentication for namespace "${ns}"`,
          edits: [ctx.appendDocumentToFile(strictPeerAuthenticationDoc(securityApiVersion(istioMinor(ctx.settings)), ns, undefined))],
          safety: 'suggestion',
          preferred: true,
        },
      ],
    });
  },
});
