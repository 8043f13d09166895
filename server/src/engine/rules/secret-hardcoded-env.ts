import { defineRule } from '../rule';
import { containersOf, describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { classifyValue, findValueSecrets, isSensitiveName, secretKeyFor } from '../k8s/credentials';
import { scalarSpan } from '../k8s/scalar-span';
import { replaceEnvValueWithSecretRef, secretNameFor } from '../k8s/secret-ref';
import { envVarsOf } from '../k8s/workload-parts';
import { getPair, getString, isScalar, type Pair, type Scalar, type YAMLMap, type YNode } from '../parse';
import type { Fix } from '../types';

export default defineRule({
  id: 'secret-hardcoded-env',
  meta: {
    title: 'Hard-coded credential in an environment variable',
    description: 'Env vars named like credentials (`*PASSWORD*`, `*SECRET*`, `*TOKEN*`, `API_KEY`...) must not have literal `value`s, and no env value may contain a private key, a cloud or SaaS token, or a password in a URL.',
    why: 'A literal in a pod spec is stored in the workload object (readable by anyone who can `get` Deployments, Pods or ReplicaSets in the namespace), kept in etcd without the encryption at rest that Secrets can have, shown by `kubectl describe`, and committed to every repository and CI log the manifest passes through. Rotating it means editing and redeploying the manifest.',
    how: 'Store the value in a Secret and reference it with `valueFrom.secretKeyRef`. The suggested fix rewrites `value:` into a `secretKeyRef` to a Secret named after the workload (`<name>-secrets`) with a key derived from the variable name; create that Secret (for example `kubectl create secret generic web-secrets --from-literal=db-password=...`) before applying, and rotate the exposed value. `$(VAR)` references and empty values are not reported; `${VAR}` is, because Kubernetes does not expand it (only a templating tool would, writing the secret into the manifest).',
    category: 'secrets',
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    fix: 'suggestion',
    peers: {
      kubeLinter: ['env-var-secret'],
      polaris: ['sensitiveContainerEnvVar'],
      kubescape: ['C-0012', 'C-0259'],
    },
    examples: {
      bad: 'env:\n- name: DB_PASSWORD\n  value: s3cr3t',
      good: 'env:\n- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef: {name: web-secrets, key: db-password}',
    },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    const secretName = secretNameFor(ctx.resource);
    for (const c of containersOf(pod)) {
      for (const env of envVarsOf(c)) {
        const pair = getPair(env, 'value');
        const node = pair?.value;
        if (!pair || !isScalar(node)) continue;
        const raw = node.value;
        if (typeof raw !== 'string' && typeof raw !== 'number') continue;
        const value = String(raw);
        const name = getString(env, 'name') ?? '?';
        const fixes = (): Fix[] => moveToSecret(ctx.fix, env, pair, name, value, secretName);
        if (isSensitiveName(name)) {
          const kind = classifyValue(value);
          if (kind === 'none') continue;
          if (kind === 'template') {
            ctx.report({
              node: node as YNode,
              severity: 'warning',
              message: `${describeContainer(c)}: env var ${name} is set to "${value}", which Kubernetes does not expand (only $(VAR) is): if a templating step fills it in, the secret is written into the workload spec; reference a Secret instead`,
              fixes,
            });
          } else {
            ctx.report({
              node: node as YNode,
              message: `${describeContainer(c)}: env var ${name} holds a hard-coded credential, readable by anyone who can read this workload or its manifest; reference a Secret instead`,
              fixes,
            });
          }
          continue;
        }
        for (const s of findValueSecrets(value)) {
          const span = scalarSpan(ctx.text, node as YNode, s.start, s.end);
          ctx.report({
            ...(span ? { range: span } : { node: node as YNode }),
            message: `${describeContainer(c)}: env var ${name} contains ${s.what}, readable by anyone who can read this workload or its manifest; reference a Secret instead`,
            fixes,
          });
        }
      }
    }
  },
});

function moveToSecret(fix: Parameters<typeof replaceEnvValueWithSecretRef>[0], env: YAMLMap, pair: Pair<Scalar, YNode | null>, name: string, value: string, secretName: string): Fix[] {
  // A value that expands other variables cannot move into a Secret as is.
  if (value.includes('$(')) return [];
  const key = secretKeyFor(name === '?' ? 'value' : name);
  return [
    {
      title: `Read ${name} from Secret "${secretName}" (key ${key}; create the Secret first)`,
      edits: [replaceEnvValueWithSecretRef(fix, env, pair, secretName, key)],
      safety: 'suggestion',
      preferred: true,
    },
  ];
}
