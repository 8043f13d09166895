// The registry of fact extractors the workspace index runs on every object it indexes. To add one:
// write `defineFactExtractor({ id, applies, extract })` (extractor.ts) in its own file and add it
// here (a targeted edit; keep the list sorted by id).
import type { Resource } from '../k8s/resource';
import type { FactExtractor } from './extractor';
import type { LocOf, ObjectFacts } from './facts';
import { authzPolicyFacts, peerAuthnFacts, requestAuthnFacts } from '../k8s/istio-mesh';
import { ingressFacts, namespaceFacts, netpolFacts, roleBindingFacts, roleFacts, secretProducerFacts, serviceAccountFacts, serviceFacts } from './k8s-facts';

export const EXTRACTORS: readonly FactExtractor<unknown>[] = [
  namespaceFacts, // core.namespace
  secretProducerFacts, // core.secretProducer
  serviceFacts, // core.service
  serviceAccountFacts, // core.serviceAccount
  authzPolicyFacts, // istio.authorizationPolicy
  peerAuthnFacts, // istio.peerAuthentication
  requestAuthnFacts, // istio.requestAuthentication
  netpolFacts, // netpol.policy
  ingressFacts, // networking.ingress
  roleBindingFacts, // rbac.binding
  roleFacts, // rbac.role
];

export function runExtractors(resource: Resource, obj: ObjectFacts, loc: LocOf): void {
  for (const e of EXTRACTORS) {
    if (!e.applies(resource)) continue;
    try {
      const v = e.extract(resource, loc);
      if (v !== undefined) obj.ext[e.id] = v;
    } catch {
      // One extractor failing on a malformed object must not cost the object its other facts.
    }
  }
}
