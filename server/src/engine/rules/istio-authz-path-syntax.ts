import { defineRule } from '../rule';
import { authzAction, authzRules, isIstio, istioMinor, replaceString, stringItems } from '../k8s/istio';
import type { Fix } from '../types';

/** Why a path never matches as written, or undefined when Istio matches it as intended. */
export function pathProblem(path: string, minor: number): string | undefined {
  if (path === '*') return undefined;
  if (/\{\*\*?\}/.test(path)) {
    if (minor < 22) return 'path templates ({*}, {**}) are supported from Istio 1.22; earlier versions compare the braces literally, so it never matches';
    const segments = path.split('/');
    for (const seg of segments) {
      const stripped = seg.replace(/\{\*\*?\}/g, '');
      if (/[*{}]/.test(stripped)) return 'a path template may not contain *, { or } outside {*} and {**}, so Istio rejects or never matches it';
      if (stripped !== seg && seg !== '{*}' && seg !== '{**}') return 'a segment with {*} or {**} must contain nothing else (/a/{*}.txt is invalid)';
    }
    const ops = path.match(/\{\*\*?\}/g)!;
    const dbl = ops.indexOf('{**}');
    if (dbl !== -1 && dbl !== ops.length - 1) return '{**} must be the last operator of a path template';
    if (!path.startsWith('/')) return 'paths start with "/"; without it the template never matches';
    return undefined;
  }
  if (/[{}]/.test(path)) return 'braces are only understood as {*} and {**} (Istio 1.22+); {name} is compared literally and never matches';
  const inner = path.slice(1, -1);
  if (path.length > 1 && (inner.includes('*') || (path.startsWith('*') && path.endsWith('*')))) {
    return 'Istio supports "*" only as the whole value, a prefix match (/api/*) or a suffix match (*.json); any other "*" is compared literally, so it never matches';
  }
  if (path.includes('?') || path.includes('#')) return 'the query string and fragment are not part of the matched path, so a value with "?" or "#" never matches';
  if (!path.startsWith('/') && !path.startsWith('*')) return 'paths start with "/"; without it the value never matches';
  return undefined;
}

export default defineRule({
  id: 'istio-authz-path-syntax',
  meta: {
    title: 'AuthorizationPolicy path that never matches',
    description: 'A `paths` or `notPaths` value in an AuthorizationPolicy has a form Istio does not match as intended: no leading `/`, a `*` in the middle, a `{name}` parameter, a query string, or an invalid `{*}`/`{**}` path template (templates need Istio 1.22+).',
    why: 'Istio matches a path exactly, by prefix (`/api/*`), by suffix (`*.js`), by presence (`*`) or, from 1.22, by a URI template with `{*}` (one segment) and `{**}` (the rest). Anything else is compared literally and matches no real request. In an ALLOW policy that silently denies legitimate traffic; in a DENY policy, or in `notPaths` of an ALLOW policy, it silently lets through what was meant to be blocked.',
    how: 'Start paths with `/`; use `*` only at the start or the end; replace `{id}` with `{*}` (Istio 1.22+) or a prefix; drop query strings. Set the Istio release you run (`istio.version: "1.21"` in .kubeward.yaml, `kubeward.istio.version` in VS Code, `--istio-version 1.21` on the command line) to have templates checked against it.',
    category: 'istio',
    severity: 'warning',
    kinds: ['AuthorizationPolicy'],
    standards: { istio: ['AuthorizationPolicy reference: Operation.paths', 'Security Best Practices: Authorization policies'] },
    fix: 'suggestion',
    peers: {},
    examples: {
      bad: 'to:\n- operation:\n    paths: ["api/*", "/users/*/orders"]',
      good: 'to:\n- operation:\n    paths: ["/api/*", "/users/{*}/orders"]',
    },
  },
  check(ctx) {
    if (!isIstio(ctx.resource, 'AuthorizationPolicy')) return;
    const minor = istioMinor(ctx.settings);
    const { action } = authzAction(ctx.resource);
    for (const rule of authzRules(ctx.resource)) {
      for (const f of rule.fields) {
        if (f.section !== 'operation' || (f.name !== 'paths' && f.name !== 'notPaths')) continue;
        for (const item of stringItems(f.value)) {
          const problem = pathProblem(item.value, minor);
          if (!problem) continue;
          const fixable = !item.value.startsWith('/') && !item.value.startsWith('*') && !pathProblem(`/${item.value}`, minor);
          const fixes = fixable
            ? (): Fix[] => [{ title: `Change to "/${item.value}"`, edits: [replaceString(ctx.fix, item.node, `/${item.value}`)], safety: 'suggestion', preferred: true }]
            : [];
          const effect = (action === 'DENY') === (f.name === 'paths') ? 'the requests it names are not denied' : 'the requests it names are not allowed';
          ctx.report({ node: item.node, message: `${f.name} "${item.value}" in ${action} policy: ${problem} (${effect})`, fixes });
        }
      }
    }
  },
});
