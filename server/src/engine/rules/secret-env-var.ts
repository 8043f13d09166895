import { defineRule } from '../rule';
import { containersOf, describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { envFromOf, envVarsOf } from '../k8s/workload-parts';
import { getMap, getPair, getString, type YNode } from '../parse';

export default defineRule({
  id: 'secret-env-var',
  meta: {
    title: 'Secret passed through an environment variable',
    description: 'Secrets are better mounted as files than exposed as environment variables (`env[].valueFrom.secretKeyRef`, `envFrom[].secretRef`).',
    why: 'Environment variables are inherited by every child process, dumped by crash reporters and debug endpoints, printed by frameworks that log their configuration, and readable in `/proc/<pid>/environ` by any process of the same user. They cannot be rotated without restarting the container. A Secret mounted as a volume is a file with restrictive permissions, and the kubelet updates it when the Secret changes.',
    how: 'Mount the Secret as a volume (`volumes[].secret`, `volumeMounts[].readOnly: true`) and have the application read the file (many images support a `*_FILE` variant of their variables). Where the application can only read the environment, keep the reference and suppress the finding with a reason. This is informational and has no automatic fix: it changes how the application reads its configuration.',
    category: 'secrets',
    severity: 'info',
    kinds: WORKLOAD_KINDS,
    standards: { cis: ['5.4.1'] },
    fix: 'none',
    peers: {
      checkov: ['CKV_K8S_35'],
      kubeLinter: ['read-secret-from-env-var'],
      kubescape: ['C-0207'],
      kubesec: ['SecretsAsEnvironmentVariables'],
    },
    examples: {
      bad: 'env:\n- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef: {name: db, key: password}',
      good: 'volumeMounts:\n- name: db\n  mountPath: /run/secrets/db\n  readOnly: true',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    for (const c of containersOf(pod)) {
      for (const env of envVarsOf(c)) {
        const ref = getPair(getMap(env, 'valueFrom'), 'secretKeyRef');
        if (!ref) continue;
        const secret = getString(ref.value, 'name');
        const key = getString(ref.value, 'key');
        ctx.report({
          node: ref.key as YNode,
          message: `${describeContainer(c)} reads ${secret ? `Secret "${secret}"` : 'a Secret'}${key ? ` (key ${key})` : ''} into env var ${getString(env, 'name') ?? '?'}: environment variables leak to child processes, logs and crash dumps; prefer a mounted file`,
        });
      }
      for (const from of envFromOf(c)) {
        const ref = getPair(from, 'secretRef');
        if (!ref) continue;
        const secret = getString(ref.value, 'name');
        ctx.report({
          node: ref.key as YNode,
          message: `${describeContainer(c)} loads every key of ${secret ? `Secret "${secret}"` : 'a Secret'} into its environment: environment variables leak to child processes, logs and crash dumps; prefer a mounted file`,
        });
      }
    }
  },
});
