import { WORKLOAD_KINDS } from '../k8s/resource';
import { defineConfigRefRule } from '../workspace/config-ref-rule';

export default defineConfigRefRule('Secret', 'ref-missing-secret', {
  title: 'Reference to a Secret the workspace does not define',
  description: 'Secrets that a pod reads through env, envFrom, volumes or imagePullSecrets (and does not mark optional) should be defined, or produced by a cert-manager Certificate, SealedSecret or ExternalSecret, alongside it.',
  why: 'A pod that needs a missing Secret does not start (CreateContainerConfigError, or ContainerCreating for volumes), and a Secret of that name created later by anyone who can write Secrets in the namespace is handed to the workload: a way to feed it credentials or configuration of the attacker\'s choosing.',
  how: 'Define the Secret where it is produced (a SealedSecret, an ExternalSecret, a cert-manager Certificate, or a Secret created by your pipeline), fix the name, or mark the reference `optional: true`. The finding only considers the files of the workspace: suppress it for Secrets managed elsewhere.',
  category: 'secrets',
  severity: 'info',
  kinds: WORKLOAD_KINDS,
  fix: 'none',
  peers: { kubeLinter: ['env-value-from'] },
  examples: {
    bad: 'env:\n- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef:\n      name: db-creds   # not defined anywhere',
    good: 'env:\n- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef:\n      name: db-creds\n---\napiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: db-creds',
  },
});
