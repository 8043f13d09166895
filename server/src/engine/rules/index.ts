// The explicit registry of rules, sorted by id. A test checks it against this folder, the
// metadata and the generated docs.
import type { Rule } from '../rule';
import deprecatedApiVersion from './deprecated-api-version';
import exposureExternalIps from './exposure-external-ips';
import exposureIngressNginxAnnotations from './exposure-ingress-nginx-annotations';
import exposureIngressTls from './exposure-ingress-tls';
import exposureServiceType from './exposure-service-type';
import imageLatestTag from './image-latest-tag';
import imageNoDigest from './image-no-digest';
import imagePullPolicyNotAlways from './image-pull-policy-not-always';
import imageRegistryDeprecated from './image-registry-deprecated';
import imageRegistryUntrusted from './image-registry-untrusted';
import istioAuthzAllowAll from './istio-authz-allow-all';
import istioAuthzAllowNegativeMatch from './istio-authz-allow-negative-match';
import istioAuthzCustomProvider from './istio-authz-custom-provider';
import istioAuthzDenyPositiveMatch from './istio-authz-deny-positive-match';
import istioAuthzIdentityWithoutMtls from './istio-authz-identity-without-mtls';
import istioAuthzNoDefaultDeny from './istio-authz-no-default-deny';
import istioAuthzNoRules from './istio-authz-no-rules';
import istioAuthzPathSyntax from './istio-authz-path-syntax';
import istioDrTlsDisableStrict from './istio-dr-tls-disable-strict';
import istioDrTlsInsecureSkipVerify from './istio-dr-tls-insecure-skip-verify';
import istioDrTlsNoCa from './istio-dr-tls-no-ca';
import istioDrTlsNoSan from './istio-dr-tls-no-san';
import istioGatewayHttpNoRedirect from './istio-gateway-http-no-redirect';
import istioGatewayTlsMinVersion from './istio-gateway-tls-min-version';
import istioGatewayTlsNoCredential from './istio-gateway-tls-no-credential';
import istioGatewayWildcardHost from './istio-gateway-wildcard-host';
import istioJwtRoutingNoRequestAuthn from './istio-jwt-routing-no-request-authn';
import istioMtlsNamespaceNotStrict from './istio-mtls-namespace-not-strict';
import istioPeerAuthnNotStrict from './istio-peer-authn-not-strict';
import istioPolicySelectorNoWorkload from './istio-policy-selector-no-workload';
import istioRequestAuthnNoAuthz from './istio-request-authn-no-authz';
import istioServiceEntryBroad from './istio-service-entry-broad';
import istioSidecarCaptureBypass from './istio-sidecar-capture-bypass';
import istioSidecarInjectionDisabled from './istio-sidecar-injection-disabled';
import netpolAllowAll from './netpol-allow-all';
import netpolEgressUnrestricted from './netpol-egress-unrestricted';
import netpolIpblockAny from './netpol-ipblock-any';
import netpolNamespaceAllowAll from './netpol-namespace-allow-all';
import netpolNamespaceDefaultDeny from './netpol-namespace-default-deny';
import netpolNotIsolated from './netpol-not-isolated';
import netpolPeerSelectsNothing from './netpol-peer-selects-nothing';
import netpolSelectsNothing from './netpol-selects-nothing';
import pssAllowPrivilegeEscalation from './pss-allow-privilege-escalation';
import pssApparmor from './pss-apparmor';
import pssCapabilitiesBaseline from './pss-capabilities-baseline';
import pssCapabilitiesRestricted from './pss-capabilities-restricted';
import pssHostNamespaces from './pss-host-namespaces';
import pssHostPathVolumes from './pss-host-path-volumes';
import pssHostPorts from './pss-host-ports';
import pssHostProbesLifecycle from './pss-host-probes-lifecycle';
import pssHostProcess from './pss-host-process';
import pssPrivileged from './pss-privileged';
import pssProcMount from './pss-proc-mount';
import pssProcMountRestricted from './pss-proc-mount-restricted';
import pssRestrictedVolumes from './pss-restricted-volumes';
import pssRunAsNonRoot from './pss-run-as-non-root';
import pssRunAsUser from './pss-run-as-user';
import pssSeccompBaseline from './pss-seccomp-baseline';
import pssSeccompRestricted from './pss-seccomp-restricted';
import pssSelinux from './pss-selinux';
import pssSysctls from './pss-sysctls';
import rbacAggregationRule from './rbac-aggregation-rule';
import rbacClusterAdminBinding from './rbac-cluster-admin-binding';
import rbacCreatePods from './rbac-create-pods';
import rbacCsrApproval from './rbac-csr-approval';
import rbacDefaultSaSubject from './rbac-default-sa-subject';
import rbacEscalationVerbs from './rbac-escalation-verbs';
import rbacNodesProxy from './rbac-nodes-proxy';
import rbacPodExec from './rbac-pod-exec';
import rbacPvCreate from './rbac-pv-create';
import rbacSaTokenCreate from './rbac-sa-token-create';
import rbacSecretsRead from './rbac-secrets-read';
import rbacSystemGroupSubject from './rbac-system-group-subject';
import rbacWebhookConfig from './rbac-webhook-config';
import rbacWildcard from './rbac-wildcard';
import rbacWorkloadPermissions from './rbac-workload-permissions';
import refMissingConfigmap from './ref-missing-configmap';
import refMissingIngressBackend from './ref-missing-ingress-backend';
import refMissingRole from './ref-missing-role';
import refMissingSecret from './ref-missing-secret';
import refMissingServiceAccount from './ref-missing-service-account';
import refServiceSelectsNothing from './ref-service-selects-nothing';
import saAutomountToken from './sa-automount-token';
import saDefaultServiceAccount from './sa-default-service-account';
import saDeprecatedServiceAccountField from './sa-deprecated-service-account-field';
import saLegacySecrets from './sa-legacy-secrets';
import saObjectAutomountToken from './sa-object-automount-token';
import schemaInvalidEnum from './schema-invalid-enum';
import schemaMisplacedField from './schema-misplaced-field';
import schemaMissingRequired from './schema-missing-required';
import schemaUnknownField from './schema-unknown-field';
import schemaWrongType from './schema-wrong-type';
import secretConfigmapCredentials from './secret-configmap-credentials';
import secretEnvVar from './secret-env-var';
import secretHardcodedArgs from './secret-hardcoded-args';
import secretHardcodedEnv from './secret-hardcoded-env';
import suppressionInvalid from './suppression-invalid';
import suppressionUnused from './suppression-unused';
import workloadCpuLimitsMissing from './workload-cpu-limits-missing';
import workloadCpuRequestsMissing from './workload-cpu-requests-missing';
import workloadDefaultNamespace from './workload-default-namespace';
import workloadEphemeralStorageLimitMissing from './workload-ephemeral-storage-limit-missing';
import workloadGitSyncGitBinary from './workload-git-sync-git-binary';
import workloadHostAliases from './workload-host-aliases';
import workloadHostPathSensitive from './workload-host-path-sensitive';
import workloadHostPathWritable from './workload-host-path-writable';
import workloadIstioProxyUid from './workload-istio-proxy-uid';
import workloadKubeSystemNamespace from './workload-kube-system-namespace';
import workloadKubernetesDashboard from './workload-kubernetes-dashboard';
import workloadLivenessProbeMissing from './workload-liveness-probe-missing';
import workloadLowUidGid from './workload-low-uid-gid';
import workloadMemoryLimitsMissing from './workload-memory-limits-missing';
import workloadMemoryRequestsMissing from './workload-memory-requests-missing';
import workloadNakedPod from './workload-naked-pod';
import workloadPrivilegedPort from './workload-privileged-port';
import workloadReadOnlyRootFilesystem from './workload-read-only-root-filesystem';
import workloadReadinessProbeMissing from './workload-readiness-probe-missing';
import workloadRequiredLabels from './workload-required-labels';
import workloadRootGroup from './workload-root-group';
import workloadSeccompProfile from './workload-seccomp-profile';
import workloadShareProcessNamespace from './workload-share-process-namespace';
import workloadSshPort from './workload-ssh-port';
import workloadTiller from './workload-tiller';

export const RULES: readonly Rule[] = [
  deprecatedApiVersion,
  exposureExternalIps,
  exposureIngressNginxAnnotations,
  exposureIngressTls,
  exposureServiceType,
  imageLatestTag,
  imageNoDigest,
  imagePullPolicyNotAlways,
  imageRegistryDeprecated,
  imageRegistryUntrusted,
  istioAuthzAllowAll,
  istioAuthzAllowNegativeMatch,
  istioAuthzCustomProvider,
  istioAuthzDenyPositiveMatch,
  istioAuthzIdentityWithoutMtls,
  istioAuthzNoDefaultDeny,
  istioAuthzNoRules,
  istioAuthzPathSyntax,
  istioDrTlsDisableStrict,
  istioDrTlsInsecureSkipVerify,
  istioDrTlsNoCa,
  istioDrTlsNoSan,
  istioGatewayHttpNoRedirect,
  istioGatewayTlsMinVersion,
  istioGatewayTlsNoCredential,
  istioGatewayWildcardHost,
  istioJwtRoutingNoRequestAuthn,
  istioMtlsNamespaceNotStrict,
  istioPeerAuthnNotStrict,
  istioPolicySelectorNoWorkload,
  istioRequestAuthnNoAuthz,
  istioServiceEntryBroad,
  istioSidecarCaptureBypass,
  istioSidecarInjectionDisabled,
  netpolAllowAll,
  netpolEgressUnrestricted,
  netpolIpblockAny,
  netpolNamespaceAllowAll,
  netpolNamespaceDefaultDeny,
  netpolNotIsolated,
  netpolPeerSelectsNothing,
  netpolSelectsNothing,
  pssAllowPrivilegeEscalation,
  pssApparmor,
  pssCapabilitiesBaseline,
  pssCapabilitiesRestricted,
  pssHostNamespaces,
  pssHostPathVolumes,
  pssHostPorts,
  pssHostProbesLifecycle,
  pssHostProcess,
  pssPrivileged,
  pssProcMount,
  pssProcMountRestricted,
  pssRestrictedVolumes,
  pssRunAsNonRoot,
  pssRunAsUser,
  pssSeccompBaseline,
  pssSeccompRestricted,
  pssSelinux,
  pssSysctls,
  rbacAggregationRule,
  rbacClusterAdminBinding,
  rbacCreatePods,
  rbacCsrApproval,
  rbacDefaultSaSubject,
  rbacEscalationVerbs,
  rbacNodesProxy,
  rbacPodExec,
  rbacPvCreate,
  rbacSaTokenCreate,
  rbacSecretsRead,
  rbacSystemGroupSubject,
  rbacWebhookConfig,
  rbacWildcard,
  rbacWorkloadPermissions,
  refMissingConfigmap,
  refMissingIngressBackend,
  refMissingRole,
  refMissingSecret,
  refMissingServiceAccount,
  refServiceSelectsNothing,
  saAutomountToken,
  saDefaultServiceAccount,
  saDeprecatedServiceAccountField,
  saLegacySecrets,
  saObjectAutomountToken,
  schemaInvalidEnum,
  schemaMisplacedField,
  schemaMissingRequired,
  schemaUnknownField,
  schemaWrongType,
  secretConfigmapCredentials,
  secretEnvVar,
  secretHardcodedArgs,
  secretHardcodedEnv,
  suppressionInvalid,
  suppressionUnused,
  workloadCpuLimitsMissing,
  workloadCpuRequestsMissing,
  workloadDefaultNamespace,
  workloadEphemeralStorageLimitMissing,
  workloadGitSyncGitBinary,
  workloadHostAliases,
  workloadHostPathSensitive,
  workloadHostPathWritable,
  workloadIstioProxyUid,
  workloadKubeSystemNamespace,
  workloadKubernetesDashboard,
  workloadLivenessProbeMissing,
  workloadLowUidGid,
  workloadMemoryLimitsMissing,
  workloadMemoryRequestsMissing,
  workloadNakedPod,
  workloadPrivilegedPort,
  workloadReadOnlyRootFilesystem,
  workloadReadinessProbeMissing,
  workloadRequiredLabels,
  workloadRootGroup,
  workloadSeccompProfile,
  workloadShareProcessNamespace,
  workloadSshPort,
  workloadTiller,
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
