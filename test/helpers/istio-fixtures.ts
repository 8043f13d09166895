// Istio manifests that several test suites (CLI, config, protocol) lint under different settings.
import { y } from './rule-tester';

/** A mesh-wide PERMISSIVE policy when `mesh-root` is the Istio root namespace; namespace-wide otherwise. */
export const PERMISSIVE_IN_MESH_ROOT = y(
  'apiVersion: security.istio.io/v1',
  'kind: PeerAuthentication',
  'metadata:',
  '  name: default',
  '  namespace: mesh-root',
  'spec:',
  '  mtls:',
  '    mode: PERMISSIVE',
);
