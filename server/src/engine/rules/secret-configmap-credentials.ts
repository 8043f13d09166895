import { defineRule } from '../rule';
import { classifyValue, findValueSecrets, isSensitiveName } from '../k8s/credentials';
import { scalarSpan } from '../k8s/scalar-span';
import { getMap, isScalar, keyString, mapPairs, type YNode } from '../parse';

/** `key: value`, `key=value`, `"key": "value",` and `export KEY=value` lines of an embedded config file. */
const CONFIG_LINE = /^(\s*(?:export\s+)?["']?)([A-Za-z_][\w.-]*)(["']?\s*[:=]\s*)(.*?)\s*,?\s*$/;

export default defineRule({
  id: 'secret-configmap-credentials',
  meta: {
    title: 'Credential in a ConfigMap',
    description: 'ConfigMaps must not hold credentials: keys named like credentials with literal values, lines such as `password: ...` in embedded configuration files, private keys, cloud or SaaS tokens and passwords in URLs.',
    why: 'ConfigMaps are meant for non-confidential data. They are readable by far more subjects than Secrets (many roles grant `get configmaps` freely), are never encrypted at rest, are printed by `kubectl describe`, and are mounted or exposed to pods without the care Secrets get. A credential in a ConfigMap is effectively public inside the cluster and in every repository that holds the manifest.',
    how: 'Move the value into a Secret and mount or reference that instead; keep only non-secret settings in the ConfigMap (configuration files can usually point at a file or read an environment variable for the secret part, e.g. `password: ${DB_PASSWORD}`). Rotate any credential that was committed. There is no automatic fix: the consumers of the ConfigMap must change too.',
    category: 'secrets',
    severity: 'warning',
    kinds: ['ConfigMap'],
    fix: 'none',
    peers: {
      polaris: ['sensitiveConfigmapContent'],
      kubescape: ['C-0012'],
      trivy: ['KSV109', 'KSV01010'],
    },
    examples: {
      bad: 'kind: ConfigMap\ndata:\n  application.properties: |\n    spring.datasource.password=s3cr3t',
      good: 'kind: ConfigMap\ndata:\n  application.properties: |\n    spring.datasource.password=${DB_PASSWORD}',
    },
  },
  check(ctx) {
    if (ctx.resource.kind !== 'ConfigMap' || ctx.resource.group !== '') return;
    const name = ctx.resource.name ? `ConfigMap "${ctx.resource.name}"` : 'the ConfigMap';
    for (const pair of mapPairs(getMap(ctx.resource.node, 'data'))) {
      const key = keyString(pair);
      const node = pair.value;
      if (key === undefined || !isScalar(node)) continue;
      const raw = node.value;
      if (typeof raw !== 'string' && typeof raw !== 'number') continue;
      const value = String(raw);
      const reported: [number, number][] = [];
      const report = (from: number, to: number, message: string, context?: { from: number; to: number }): void => {
        if (reported.some(([a, b]) => a < to && from < b)) return;
        reported.push([from, to]);
        const span = scalarSpan(ctx.text, node as YNode, from, to, context);
        ctx.report({ ...(span ? { range: span } : { node: node as YNode }), message });
      };
      const multiLine = value.trim().includes('\n');
      if (!multiLine && isSensitiveName(key)) {
        // Config files interpolate ${VAR} themselves, so placeholders are not reported.
        if (classifyValue(value, true) === 'literal') report(0, value.length, `${name}: key ${key} holds a credential; ConfigMaps are readable widely and never encrypted: use a Secret`);
        continue;
      }
      let offset = 0;
      for (const line of value.split('\n')) {
        const m = CONFIG_LINE.exec(line);
        if (m && isSensitiveName(m[2])) {
          let vs = m[1].length + m[2].length + m[3].length;
          let ve = vs + m[4].length;
          const q = line[vs];
          if ((q === '"' || q === "'") && ve - vs >= 2 && line[ve - 1] === q) {
            vs++;
            ve--;
          }
          if (ve > vs && classifyValue(line.slice(vs, ve), true) === 'literal') {
            report(offset + vs, offset + ve, `${name}: ${m[2]} in ${key} is a hard-coded credential; ConfigMaps are readable widely and never encrypted: use a Secret`, { from: offset, to: offset + line.length });
          }
        }
        offset += line.length + 1;
      }
      for (const s of findValueSecrets(value)) report(s.start, s.end, `${name}: ${key} contains ${s.what}; ConfigMaps are readable widely and never encrypted: use a Secret`);
    }
  },
});
