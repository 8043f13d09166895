import { defineRule } from '../rule';
import { appendString, authzAction, authzRules, isIstio, policyScope, stringItems } from '../k8s/istio';
import { isSeq, type YAMLSeq } from '../parse';
import type { Fix } from '../types';

export default defineRule({
  id: 'istio-authz-deny-positive-match',
  meta: {
    title: 'DENY policy with a bypassable positive match',
    description: 'A `DENY` AuthorizationPolicy matches request attributes the client controls with positive values: `paths`, exact `hosts`, or `values` of a `request.headers[...]` condition.',
    why: 'A DENY rule with a positive match denies exactly what it lists and lets every variant through. Paths are compared after Istio\'s path normalisation, which by default (BASE) does not merge slashes or decode `%2F`, so `//admin`, `/admin/` or `/%61dmin` may reach an application that treats them as `/admin`. Exact hosts do not match a Host header with a port (`example.com:80`). Header values differ by case or white space. The worst case of a mismatch is an authorization bypass; Istio\'s security best practices recommend DENY only with negative matching (`notPaths`, `notValues`).',
    how: 'Prefer an allow-list: DENY with `notPaths` (deny everything but the listed paths) or ALLOW with positive `paths`. If the DENY must stay, set `meshConfig.pathNormalization.normalization: DECODE_AND_MERGE_SLASHES`, cover prefixes (`/admin`, `/admin/*`) and add `host:*` next to each exact host (the quick fix adds it).',
    category: 'istio',
    severity: 'warning',
    kinds: ['AuthorizationPolicy'],
    standards: { istio: ['Security Best Practices: Use ALLOW-with-positive-matching and DENY-with-negative-match patterns', 'Security Best Practices: Customize your system on path normalization'] },
    fix: 'suggestion',
    peers: {},
    examples: {
      bad: 'spec:\n  action: DENY\n  rules:\n  - to:\n    - operation:\n        paths: ["/admin"]',
      good: 'spec:\n  action: DENY\n  rules:\n  - to:\n    - operation:\n        notPaths: ["/api/*", "/healthz"]',
    },
  },
  check(ctx) {
    if (!isIstio(ctx.resource, 'AuthorizationPolicy')) return;
    if (authzAction(ctx.resource).action !== 'DENY') return;
    const scope = policyScope(ctx.resource, ctx.settings);
    for (const rule of authzRules(ctx.resource)) {
      for (const f of rule.fields) {
        if (!isSeq(f.value) || f.value.items.length === 0) continue;
        if (f.section === 'operation' && f.name === 'paths') {
          ctx.report({
            node: f.key,
            message: `DENY policy ${scope.text} matches paths positively: normalisation variants (//x, /x/, %2F, case) of a listed path are not denied unless pathNormalization and the application agree; prefer DENY with notPaths or ALLOW with paths`,
          });
        } else if (f.section === 'operation' && f.name === 'hosts') {
          const seq = f.value as YAMLSeq;
          const items = stringItems(seq);
          const values = items.map((i) => i.value);
          for (const host of items) {
            if (host.value.endsWith('*') || values.includes(`${host.value}:*`)) continue;
            // A suffix match (*.example.com) cannot be combined with a port pattern: Istio allows one "*".
            const fixes = host.value.startsWith('*')
              ? []
              : (): Fix[] => [{ title: `Also deny "${host.value}:*" (the host with any port)`, edits: [appendString(ctx.fix, seq, `${host.value}:*`)], safety: 'suggestion', preferred: true }];
            const example = host.value.startsWith('*') ? `x${host.value.slice(1)}:80` : `${host.value}:80`;
            ctx.report({
              node: host.node,
              message: `DENY policy ${scope.text} matches the host "${host.value}" without a port: a request whose Host header carries a port (${example}) is not denied`,
              fixes,
            });
          }
        } else if (f.section === 'when' && f.name === 'values' && f.conditionKey?.startsWith('request.headers[')) {
          ctx.report({
            node: f.key,
            message: `DENY policy ${scope.text} matches ${f.conditionKey} by value: a variant the client sends (case, white space, encoding) is not denied; prefer notValues`,
          });
        }
      }
    }
  },
});
