import { defineRule } from '../rule';
import { removeKeyKeepingMap } from '../k8s/istio';
import { podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { getMap, mapPairs, scalarValue, type YNode } from '../parse';
import type { Fix } from '../types';

const PREFIX = 'traffic.sidecar.istio.io/';
/** Annotations that take traffic away from the sidecar when they hold a value. */
const EXCLUDE: Record<string, string> = {
  excludeInboundPorts: 'inbound connections to these ports reach the application without mTLS or AuthorizationPolicy',
  excludeOutboundPorts: 'outbound connections to these ports leave without mTLS, egress policy or telemetry',
  excludeOutboundIPRanges: 'outbound connections to these ranges leave without mTLS, egress policy or telemetry',
  excludeInterfaces: 'traffic on these interfaces is not captured at all',
};
/** Annotations that capture only what they list: anything but `*` narrows the capture. */
const INCLUDE: Record<string, string> = {
  includeInboundPorts: 'inbound connections to any other port reach the application without mTLS or AuthorizationPolicy',
  includeOutboundIPRanges: 'outbound connections to any other address leave without mTLS, egress policy or telemetry',
};

export default defineRule({
  id: 'istio-sidecar-capture-bypass',
  meta: {
    title: 'Pod annotation that bypasses the Istio sidecar',
    description: 'A pod template sets a `traffic.sidecar.istio.io/` annotation that excludes ports, address ranges or interfaces from traffic capture (`excludeInboundPorts`, `excludeOutboundPorts`, `excludeOutboundIPRanges`, `excludeInterfaces`), or narrows it (`includeInboundPorts`, `includeOutboundIPRanges` other than `*`).',
    why: 'The sidecar enforces mutual TLS, AuthorizationPolicy and egress rules only on traffic that iptables redirects to it. Excluded inbound ports accept plaintext from anyone who can reach the pod IP, with no authorization; excluded outbound traffic leaves the pod unencrypted and outside egress control. Istio\'s best practices warn that these options reduce what the mesh protects, and a NetworkPolicy is then the only remaining control.',
    how: 'Remove the annotation, or keep the exclusion as narrow as possible (one port, one address) and cover that path with a Kubernetes NetworkPolicy. Suppress the finding with a reason where an exclusion is deliberate.',
    category: 'istio',
    severity: 'warning',
    kinds: WORKLOAD_KINDS,
    standards: { istio: ['Security Best Practices: Understand traffic capture limitations'] },
    fix: 'suggestion',
    peers: {},
    examples: {
      bad: 'template:\n  metadata:\n    annotations:\n      traffic.sidecar.istio.io/excludeInboundPorts: "8080"',
      good: 'template:\n  metadata:\n    annotations: {}',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    const annotations = getMap(pod?.podMeta, 'annotations');
    if (!annotations) return;
    for (const p of mapPairs(annotations)) {
      const key = scalarValue(p.key);
      if (typeof key !== 'string' || !key.startsWith(PREFIX)) continue;
      const name = key.slice(PREFIX.length);
      const raw = scalarValue(p.value);
      const value = raw === null || raw === undefined ? '' : String(raw).trim();
      let consequence: string | undefined;
      if (EXCLUDE[name] && value !== '') consequence = EXCLUDE[name];
      else if (INCLUDE[name] && value !== '*') consequence = value === '' ? `${INCLUDE[name].replace(/any other (port|address)/, 'every $1')}` : INCLUDE[name];
      if (!consequence) continue;
      ctx.report({
        node: p.key as YNode,
        message: `${name}: "${value}" bypasses the sidecar: ${consequence}`,
        fixes: (): Fix[] => {
          const edit = removeKeyKeepingMap(ctx.fix, pod!.podMeta, 'annotations', annotations, key);
          return edit ? [{ title: `Remove the ${name} annotation (capture all traffic)`, edits: [edit], safety: 'suggestion', preferred: true }] : [];
        },
      });
    }
  },
});
