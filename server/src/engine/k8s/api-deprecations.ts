// Removed Kubernetes API versions, from the upstream deprecation guide
// (kubernetes.io/docs/reference/using-api/deprecation-guide). `dropIn` marks the moves where the
// newer apiVersion reads the same manifest the same way (no renamed fields, no changed defaults),
// so rewriting the apiVersion is a safe fix; elsewhere `changes` says what must be edited by hand.
import { getMap, mapPairs } from '../parse';
import type { Resource } from './resource';

export interface ApiRemoval {
  apiVersion: string;
  kinds: readonly string[];
  /** The Kubernetes minor version that stopped serving it: '1.16'. */
  removedIn: string;
  /** The apiVersion to use instead; undefined when the API is gone without a successor. */
  replacement?: string;
  /** What to use when there is no successor, or what changes with the new version. */
  changes?: string;
  /** True (or a test on the object) when changing only the apiVersion keeps the meaning. */
  dropIn?: boolean | ((r: Resource) => boolean);
}

const hasSelector = (r: Resource): boolean => mapPairs(getMap(getMap(r.node, 'spec'), 'selector')).length > 0;

const APPS_V1_CHANGES = 'spec.selector is required and immutable; defaults differ (revisionHistoryLimit, progressDeadlineSeconds, maxSurge/maxUnavailable, updateStrategy)';

export const API_REMOVALS: readonly ApiRemoval[] = [
  { apiVersion: 'extensions/v1beta1', kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'], removedIn: '1.16', replacement: 'apps/v1', changes: APPS_V1_CHANGES },
  { apiVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], removedIn: '1.16', replacement: 'networking.k8s.io/v1', dropIn: true },
  { apiVersion: 'extensions/v1beta1', kinds: ['PodSecurityPolicy'], removedIn: '1.16', changes: 'PodSecurityPolicy was removed altogether in v1.25; use Pod Security Admission (namespace labels pod-security.kubernetes.io/enforce)' },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['Ingress'],
    removedIn: '1.22',
    replacement: 'networking.k8s.io/v1',
    changes: 'backend.serviceName/servicePort become backend.service.name/port.number, spec.backend becomes spec.defaultBackend, and pathType is required',
  },
  { apiVersion: 'apps/v1beta1', kinds: ['Deployment', 'StatefulSet', 'ReplicaSet'], removedIn: '1.16', replacement: 'apps/v1', changes: APPS_V1_CHANGES },
  { apiVersion: 'apps/v1beta2', kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'], removedIn: '1.16', replacement: 'apps/v1', dropIn: hasSelector, changes: 'spec.selector is required' },
  { apiVersion: 'batch/v2alpha1', kinds: ['CronJob'], removedIn: '1.21', replacement: 'batch/v1', dropIn: true },
  {
    apiVersion: 'networking.k8s.io/v1beta1',
    kinds: ['Ingress'],
    removedIn: '1.22',
    replacement: 'networking.k8s.io/v1',
    changes: 'backend.serviceName/servicePort become backend.service.name/port.number, spec.backend becomes spec.defaultBackend, and pathType is required',
  },
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['IngressClass'], removedIn: '1.22', replacement: 'networking.k8s.io/v1', dropIn: true },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kinds: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'], removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1', dropIn: true },
  {
    apiVersion: 'admissionregistration.k8s.io/v1beta1',
    kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
    removedIn: '1.22',
    replacement: 'admissionregistration.k8s.io/v1',
    changes: 'failurePolicy defaults to Fail, matchPolicy to Equivalent, timeoutSeconds to 10; sideEffects and admissionReviewVersions are required',
  },
  {
    apiVersion: 'apiextensions.k8s.io/v1beta1',
    kinds: ['CustomResourceDefinition'],
    removedIn: '1.22',
    replacement: 'apiextensions.k8s.io/v1',
    changes: 'spec.scope is required, spec.version/validation/subresources move under spec.versions[*], and each version needs a structural openAPIV3Schema',
  },
  { apiVersion: 'apiregistration.k8s.io/v1beta1', kinds: ['APIService'], removedIn: '1.22', replacement: 'apiregistration.k8s.io/v1', dropIn: true },
  { apiVersion: 'authentication.k8s.io/v1beta1', kinds: ['TokenReview'], removedIn: '1.22', replacement: 'authentication.k8s.io/v1', dropIn: true },
  {
    apiVersion: 'authorization.k8s.io/v1beta1',
    kinds: ['SubjectAccessReview', 'LocalSubjectAccessReview', 'SelfSubjectAccessReview'],
    removedIn: '1.22',
    replacement: 'authorization.k8s.io/v1',
    changes: 'spec.group is renamed spec.groups',
  },
  {
    apiVersion: 'certificates.k8s.io/v1beta1',
    kinds: ['CertificateSigningRequest'],
    removedIn: '1.22',
    replacement: 'certificates.k8s.io/v1',
    changes: 'spec.signerName and spec.usages are required',
  },
  { apiVersion: 'coordination.k8s.io/v1beta1', kinds: ['Lease'], removedIn: '1.22', replacement: 'coordination.k8s.io/v1', dropIn: true },
  { apiVersion: 'scheduling.k8s.io/v1beta1', kinds: ['PriorityClass'], removedIn: '1.22', replacement: 'scheduling.k8s.io/v1', dropIn: true },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], removedIn: '1.22', replacement: 'storage.k8s.io/v1', dropIn: true },
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], removedIn: '1.25', replacement: 'batch/v1', dropIn: true },
  {
    apiVersion: 'discovery.k8s.io/v1beta1',
    kinds: ['EndpointSlice'],
    removedIn: '1.25',
    replacement: 'discovery.k8s.io/v1',
    changes: 'topology is replaced by per-endpoint nodeName and zone',
  },
  {
    apiVersion: 'events.k8s.io/v1beta1',
    kinds: ['Event'],
    removedIn: '1.25',
    replacement: 'events.k8s.io/v1',
    changes: 'several fields are renamed (deprecatedFirstTimestamp, deprecatedCount...) and type is limited to Normal and Warning',
  },
  {
    apiVersion: 'autoscaling/v2beta1',
    kinds: ['HorizontalPodAutoscaler'],
    removedIn: '1.25',
    replacement: 'autoscaling/v2',
    changes: 'metric targets change shape (targetAverageUtilization becomes target.type: Utilization with target.averageUtilization)',
  },
  {
    apiVersion: 'policy/v1beta1',
    kinds: ['PodDisruptionBudget'],
    removedIn: '1.25',
    replacement: 'policy/v1',
    // An empty selector selects no pods in v1beta1 but every pod of the namespace in v1.
    dropIn: hasSelector,
    changes: 'an empty spec.selector selects every pod of the namespace in policy/v1 (none in v1beta1)',
  },
  { apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], removedIn: '1.25', changes: 'PodSecurityPolicy has no successor; use Pod Security Admission (namespace labels pod-security.kubernetes.io/enforce)' },
  { apiVersion: 'node.k8s.io/v1beta1', kinds: ['RuntimeClass'], removedIn: '1.25', replacement: 'node.k8s.io/v1', dropIn: true },
  { apiVersion: 'autoscaling/v2beta2', kinds: ['HorizontalPodAutoscaler'], removedIn: '1.26', replacement: 'autoscaling/v2', dropIn: true },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', kinds: ['FlowSchema'], removedIn: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1', dropIn: true },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1',
    kinds: ['PriorityLevelConfiguration'],
    removedIn: '1.26',
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    changes: 'spec.limited.assuredConcurrencyShares is renamed nominalConcurrencyShares, and an explicit 0 no longer means 30',
  },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], removedIn: '1.27', replacement: 'storage.k8s.io/v1', dropIn: true },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kinds: ['FlowSchema'], removedIn: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1', dropIn: true },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2',
    kinds: ['PriorityLevelConfiguration'],
    removedIn: '1.29',
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    changes: 'spec.limited.assuredConcurrencyShares is renamed nominalConcurrencyShares, and an explicit 0 no longer means 30',
  },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kinds: ['FlowSchema'], removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1', dropIn: true },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3',
    kinds: ['PriorityLevelConfiguration'],
    removedIn: '1.32',
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    changes: 'an explicit spec.limited.nominalConcurrencyShares: 0 no longer means 30',
  },
];

const BY_KEY = new Map<string, ApiRemoval>();
for (const r of API_REMOVALS) for (const k of r.kinds) BY_KEY.set(`${r.apiVersion} ${k}`, r);

export function apiRemovalFor(resource: Resource): ApiRemoval | undefined {
  return BY_KEY.get(`${resource.apiVersion} ${resource.kind}`);
}

export function isDropIn(removal: ApiRemoval, resource: Resource): boolean {
  if (!removal.replacement) return false;
  return typeof removal.dropIn === 'function' ? removal.dropIn(resource) : removal.dropIn === true;
}
