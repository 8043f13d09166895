import { defineRule } from '../rule';
import { deref, getMap, getPair, getSeq, getString, isMap, scalarValue, seqItems, type YNode } from '../parse';
import type { Fix } from '../types';

const INGRESS_GROUPS = new Set(['networking.k8s.io', 'extensions']);

function covers(pattern: string, host: string): boolean {
  if (pattern === host) return true;
  // `*.example.com` covers exactly one more label.
  return pattern.startsWith('*.') && host.endsWith(pattern.slice(1)) && !host.slice(0, host.length - pattern.length + 1).includes('.');
}

export default defineRule({
  id: 'exposure-ingress-tls',
  meta: {
    title: 'Ingress without TLS',
    description: 'Ingresses should terminate TLS (`spec.tls`) for every host they route.',
    why: 'Without a `tls` section the ingress controller serves the hosts over plain HTTP: credentials, session cookies and data cross the network in clear text and can be read or altered by anyone on the path. A host missing from every `tls[].hosts` entry is served without its certificate even when other hosts of the Ingress have one.',
    how: 'Add `spec.tls` with the hosts and a `secretName` holding the certificate (cert-manager can issue it from an annotation), and redirect HTTP to HTTPS. The suggested fix adds a `tls` entry for the Ingress\'s hosts with a Secret named `<ingress>-tls`, which you (or cert-manager) must provide: until then the controller serves its default certificate.',
    category: 'exposure',
    severity: 'warning',
    kinds: ['Ingress'],
    fix: 'suggestion',
    peers: { polaris: ['tlsSettingsMissing'], kubescape: ['C-0263'] },
    examples: {
      bad: 'kind: Ingress\nspec:\n  rules:\n  - host: shop.example.com',
      good: 'kind: Ingress\nspec:\n  tls:\n  - hosts: [shop.example.com]\n    secretName: shop-tls\n  rules:\n  - host: shop.example.com',
    },
  },
  check(ctx) {
    const r = ctx.resource;
    if (r.kind !== 'Ingress' || !INGRESS_GROUPS.has(r.group)) return;
    const spec = getMap(r.node, 'spec');
    if (!spec) return;
    const hosts: { host: string; node: YNode }[] = [];
    for (const item of seqItems(getSeq(spec, 'rules'))) {
      const rule = deref(r.doc, item);
      const hostNode = getPair(rule, 'host')?.value;
      const host = scalarValue(hostNode);
      if (isMap(rule) && typeof host === 'string' && host !== '') hosts.push({ host, node: hostNode as YNode });
    }
    const tls = seqItems(getSeq(spec, 'tls')).map((t) => deref(r.doc, t)).filter(isMap);
    if (tls.length === 0) {
      const name = r.name;
      const fixes = hosts.length > 0 && name
        ? (): Fix[] => {
            const unique = [...new Set(hosts.map((h) => h.host))];
            return [
              {
                title: `Add a tls section for ${unique.join(', ')} with Secret "${name}-tls" (provide the certificate first)`,
                edits: [ctx.fix.setIn(spec, ['tls'], [{ hosts: unique, secretName: `${name}-tls` }])],
                safety: 'suggestion',
                preferred: true,
              },
            ];
          }
        : [];
      const specKey = getPair(r.node, 'spec')!.key as YNode;
      ctx.report({ node: specKey, message: 'the Ingress has no tls section: its hosts are served over plain HTTP, so credentials and cookies cross the network in clear text', fixes });
      return;
    }
    // A tls entry without hosts applies to every host (the controller's default certificate).
    if (tls.some((t) => getPair(t, 'hosts') === undefined)) return;
    const tlsHosts = tls.flatMap((t) => seqItems(getSeq(t, 'hosts')).map(scalarValue)).filter((h): h is string => typeof h === 'string');
    for (const h of hosts) {
      if (tlsHosts.some((p) => covers(p, h.host))) continue;
      ctx.report({ node: h.node, message: `host ${h.host} is not listed in any tls entry: it is served over plain HTTP${getString(tls[0], 'secretName') ? ' (the certificate covers other hosts)' : ''}` });
    }
  },
});
