import { defineRule } from '../rule';
import { getMap, isScalar, keyString, mapPairs, type YNode } from '../parse';
import type { Fix, Severity } from '../types';

const PREFIX = 'nginx.ingress.kubernetes.io/';
/** Annotations whose values ingress-nginx copied into its configuration unescaped (IngressNightmare, CVE-2025-1097/1098/24514). */
const INJECTABLE: Record<string, RegExp> = {
  'auth-url': /[\r\n<>"{}|^`\\]|\s#/,
  'auth-tls-match-cn': /[\r\n#{};|]/,
  'mirror-target': /[\r\n<>"{}|^`\\;]/,
  'mirror-host': /[\r\n<>"{}|^`\\;]/,
};
/** Directives that turn a snippet into code execution or file reads in the controller (CVE-2021-25742). */
const DANGEROUS_DIRECTIVES = /\b(\w+_by_lua(_block|_file)?|lua_\w+|alias|root|include|load_module|perl\w*|js_\w+)\b/;

export default defineRule({
  id: 'exposure-ingress-nginx-annotations',
  meta: {
    title: 'Dangerous ingress-nginx annotations',
    description: 'Ingresses should not use ingress-nginx `*-snippet` annotations, nor put configuration syntax into `auth-url`, `auth-tls-match-cn`, `mirror-target` or `mirror-host`; the controller\'s ConfigMap should not set `allow-snippet-annotations: "true"`.',
    why: 'ingress-nginx pastes snippet annotations (`configuration-snippet`, `server-snippet`, `auth-snippet`, `stream-snippet`...) verbatim into the NGINX configuration of a controller that serves every namespace and holds every TLS key and a service-account token able to read all Secrets. Anyone allowed to create an Ingress can then read those files or run Lua code in the controller (CVE-2021-25742); unescaped values in the other annotations led to the same result (CVE-2025-1097, CVE-2025-1098, CVE-2025-24514, "IngressNightmare"). Since v1.9 the controller rejects snippets unless `allow-snippet-annotations` is enabled.',
    how: 'Replace snippets with dedicated annotations (headers, rewrites, rate limits, CORS and auth each have their own) or with configuration in the controller\'s ConfigMap, which only cluster administrators edit. Keep `allow-snippet-annotations` disabled and upgrade the controller to a release with the 2025 fixes. The suggested fix removes the annotation; check what it configured before applying it.',
    category: 'exposure',
    severity: 'warning',
    kinds: ['Ingress', 'ConfigMap'],
    fix: 'suggestion',
    peers: {
      checkov: ['CKV_K8S_152', 'CKV_K8S_153', 'CKV_K8S_154'],
      kubescape: ['C-0059'],
      trivy: ['KCV0093'],
    },
    examples: {
      bad: 'metadata:\n  annotations:\n    nginx.ingress.kubernetes.io/configuration-snippet: |\n      more_set_headers "X-Frame-Options: DENY";',
      good: 'metadata:\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    if (r.kind === 'ConfigMap' && r.group === '') {
      const data = getMap(r.node, 'data');
      for (const pair of mapPairs(data)) {
        if (keyString(pair) !== 'allow-snippet-annotations' || !isScalar(pair.value)) continue;
        if (String(pair.value.value).toLowerCase() !== 'true') continue;
        ctx.report({
          node: pair.value as YNode,
          message: 'allow-snippet-annotations: "true" lets anyone who can create an Ingress inject NGINX configuration into the shared controller (CVE-2021-25742)',
          fixes: () => [{ title: 'Set allow-snippet-annotations: "false"', edits: [ctx.fix.replaceValue(pair.value as YNode, 'false')], safety: 'suggestion', preferred: true }],
        });
      }
      return;
    }
    if (r.kind !== 'Ingress') return;
    const annotations = getMap(getMap(r.node, 'metadata'), 'annotations');
    if (!annotations) return;
    for (const pair of mapPairs(annotations)) {
      const key = keyString(pair);
      if (!key || !key.startsWith(PREFIX)) continue;
      const name = key.slice(PREFIX.length);
      const value = isScalar(pair.value) ? String(pair.value.value ?? '') : '';
      const fixes = (): Fix[] => {
        const remove = ctx.fix.removePair(annotations, key);
        return remove ? [{ title: `Remove the ${name} annotation`, edits: [remove], safety: 'suggestion', preferred: true }] : [];
      };
      let message: string | undefined;
      let severity: Severity | undefined;
      if (name.endsWith('-snippet')) {
        const directive = DANGEROUS_DIRECTIVES.exec(value);
        if (directive) {
          severity = 'error';
          message = `${name} uses "${directive[1]}", which can run code or read files (TLS keys, the service-account token) in the shared ingress controller (CVE-2021-25742)`;
        } else {
          message = `${name} injects raw NGINX configuration into the controller shared by every namespace (CVE-2021-25742); use a dedicated annotation or the controller ConfigMap`;
        }
      } else if (INJECTABLE[name]?.test(value)) {
        severity = 'error';
        message = `${name} contains characters that older ingress-nginx releases copy unescaped into their configuration, allowing configuration injection (CVE-2025-1097, CVE-2025-1098, CVE-2025-24514)`;
      }
      if (!message) continue;
      ctx.report({ node: pair.key as YNode, message, severity, fixes });
    }
  },
});
