// Which schema mistakes matter for security, and what each one costs. With the default scope
// ('security'), the schema rules report only these, so that an editor that also validates
// schemas (Red Hat YAML) does not show every ordinary schema error twice.
import type { PathSegment } from './data';

/** Field names whose presence, absence or value changes a workload's or a policy's security. */
export const SECURITY_FIELDS = new Set([
  'securityContext',
  'allowPrivilegeEscalation',
  'appArmorProfile',
  'capabilities',
  'add',
  'drop',
  'privileged',
  'procMount',
  'readOnlyRootFilesystem',
  'runAsGroup',
  'runAsNonRoot',
  'runAsUser',
  'seLinuxOptions',
  'seccompProfile',
  'windowsOptions',
  'hostProcess',
  'fsGroup',
  'fsGroupChangePolicy',
  'supplementalGroups',
  'supplementalGroupsPolicy',
  'sysctls',
  'seLinuxChangePolicy',
  'hostNetwork',
  'hostPID',
  'hostIPC',
  'hostUsers',
  'hostPath',
  'hostPort',
  'shareProcessNamespace',
  'automountServiceAccountToken',
  'serviceAccountName',
  'serviceAccount',
  'tls',
  'mtls',
  'portLevelMtls',
  'outboundTrafficPolicy',
  'trafficPolicy',
]);

/** Kinds in which every field is about access control or isolation. */
const SECURITY_KINDS = new Set([
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ServiceAccount',
  'NetworkPolicy',
  'PeerAuthentication',
  'AuthorizationPolicy',
  'RequestAuthentication',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
]);

export function isSecurityKind(kind: string): boolean {
  return SECURITY_KINDS.has(kind);
}

/**
 * True when a schema mistake at `path` (the object or value the error is about) in a `kind`
 * concerns security. `names` are further field names involved: an unknown key and the field it
 * was probably meant to be.
 */
export function isSecurityRelevant(kind: string, path: readonly PathSegment[], names: readonly (string | undefined)[] = []): boolean {
  if (SECURITY_KINDS.has(kind)) return true;
  for (const seg of path) if (typeof seg === 'string' && SECURITY_FIELDS.has(seg)) return true;
  for (const n of names) if (n !== undefined && SECURITY_FIELDS.has(n)) return true;
  return false;
}

/** What it costs when a field silently has no effect (it was dropped, misspelt or misplaced). */
const CONSEQUENCES: Record<string, string> = {
  securityContext: 'none of its settings apply and the containers run with the runtime defaults, possibly as root',
  runAsNonRoot: 'the container may run as root',
  runAsUser: "the container runs as the image's user, which may be root",
  runAsGroup: "the container runs with the image's group, which may be root",
  privileged: 'the setting has no effect',
  allowPrivilegeEscalation: 'processes can still gain privileges through setuid binaries',
  readOnlyRootFilesystem: 'the root filesystem stays writable',
  capabilities: "the container keeps the runtime's default capabilities",
  drop: "the container keeps the runtime's default capabilities",
  add: 'the capabilities are not granted',
  seccompProfile: 'no seccomp profile is applied, so every system call is allowed',
  appArmorProfile: 'the AppArmor profile is not applied',
  seLinuxOptions: 'the SELinux labels are not applied',
  procMount: 'the setting has no effect',
  windowsOptions: 'the Windows options are not applied',
  fsGroup: 'volumes keep their own group ownership',
  fsGroupChangePolicy: 'the setting has no effect',
  supplementalGroups: 'the extra groups are not added',
  supplementalGroupsPolicy: 'the setting has no effect',
  sysctls: 'the sysctls are not set',
  hostNetwork: 'the setting has no effect',
  hostPID: 'the setting has no effect',
  hostIPC: 'the setting has no effect',
  hostUsers: 'the pod does not get its own user namespace',
  shareProcessNamespace: 'the setting has no effect',
  automountServiceAccountToken: 'the service account token is still mounted into the pod',
  serviceAccountName: "the pod runs as the namespace's default service account",
  mtls: 'mutual TLS stays at the mesh default, which accepts plain text in PERMISSIVE mode',
  mode: 'the mode stays at the default',
  tls: 'the TLS settings are not applied',
  rules: 'the policy has no rules, which changes what it allows or denies',
  action: 'the policy uses the default action, ALLOW',
  selector: 'the policy applies to every workload in the namespace',
  jwtRules: 'tokens are not validated as you intended',
  from: 'the rule matches requests from any source',
  to: 'the rule matches any operation',
  when: 'the rule matches without the conditions you wrote',
};

/** The consequence of `field` being ignored, or a generic one. */
export function consequenceOf(field: string | undefined): string {
  return (field !== undefined && CONSEQUENCES[field]) || 'the setting has no effect';
}
