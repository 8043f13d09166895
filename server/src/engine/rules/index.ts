// The explicit registry of rules, sorted by id. A test checks it against this folder, the
// metadata and the generated docs.
import type { Rule } from '../rule';
import istioAuthzAllowAll from './istio-authz-allow-all';
import istioAuthzAllowNegativeMatch from './istio-authz-allow-negative-match';
import istioAuthzCustomProvider from './istio-authz-custom-provider';
import istioAuthzDenyPositiveMatch from './istio-authz-deny-positive-match';
import istioAuthzNoRules from './istio-authz-no-rules';
import istioAuthzPathSyntax from './istio-authz-path-syntax';
import istioPeerAuthnNotStrict from './istio-peer-authn-not-strict';
import pssAllowPrivilegeEscalation from './pss-allow-privilege-escalation';
import pssCapabilitiesRestricted from './pss-capabilities-restricted';
import pssHostNamespaces from './pss-host-namespaces';
import pssPrivileged from './pss-privileged';
import pssRunAsNonRoot from './pss-run-as-non-root';
import saAutomountToken from './sa-automount-token';

export const RULES: readonly Rule[] = [
  istioAuthzAllowAll,
  istioAuthzAllowNegativeMatch,
  istioAuthzCustomProvider,
  istioAuthzDenyPositiveMatch,
  istioAuthzNoRules,
  istioAuthzPathSyntax,
  istioPeerAuthnNotStrict,
  pssAllowPrivilegeEscalation,
  pssCapabilitiesRestricted,
  pssHostNamespaces,
  pssPrivileged,
  pssRunAsNonRoot,
  saAutomountToken,
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
