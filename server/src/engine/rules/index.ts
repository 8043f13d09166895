// The explicit registry of rules, sorted by id. A test checks it against this folder, the
// metadata and the generated docs.
import type { Rule } from '../rule';
import pssAllowPrivilegeEscalation from './pss-allow-privilege-escalation';
import pssCapabilitiesRestricted from './pss-capabilities-restricted';
import pssHostNamespaces from './pss-host-namespaces';
import pssPrivileged from './pss-privileged';
import pssRunAsNonRoot from './pss-run-as-non-root';
import saAutomountToken from './sa-automount-token';

export const RULES: readonly Rule[] = [
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
