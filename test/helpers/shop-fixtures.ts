// The `shop` namespace that the workspace-graph suites (protocol, CLI, worker pool, pull
// diagnostics) spread over several files: a Deployment, a default-deny NetworkPolicy, and a Role
// that reads secrets bound to the Deployment's ServiceAccount.
import { y } from './rule-tester';

/** Deployment web (pods labelled app: web) in namespace shop, running as ServiceAccount web-sa. */
export const SHOP_WEB = y(
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  '  namespace: shop',
  'spec:',
  '  selector: {matchLabels: {app: web}}',
  '  template:',
  '    metadata: {labels: {app: web}}',
  '    spec:',
  '      serviceAccountName: web-sa',
  '      containers:',
  '      - {name: web, image: web:1.0}',
);

/** Denies all ingress and egress of every pod in namespace shop. */
export const SHOP_DEFAULT_DENY = y(
  'apiVersion: networking.k8s.io/v1',
  'kind: NetworkPolicy',
  'metadata: {name: default-deny-all, namespace: shop}',
  'spec:',
  '  podSelector: {}',
  '  policyTypes: [Ingress, Egress]',
);

/** Role secret-reader (get and list secrets) bound to ServiceAccount web-sa by RoleBinding read-all. */
export const SHOP_SECRET_READER = y(
  'apiVersion: rbac.authorization.k8s.io/v1',
  'kind: Role',
  'metadata: {name: secret-reader, namespace: shop}',
  'rules:',
  '- apiGroups: [""]',
  '  resources: [secrets]',
  '  verbs: [get, list]',
  '---',
  'apiVersion: rbac.authorization.k8s.io/v1',
  'kind: RoleBinding',
  'metadata: {name: read-all, namespace: shop}',
  'subjects: [{kind: ServiceAccount, name: web-sa}]',
  'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: secret-reader}',
);
