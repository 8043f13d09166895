import { defineRule } from '../rule';
import { isAnyAddress, netpolOf, type Direction } from '../workspace/netpol-model';

const METADATA = ['169.254.169.254/32', '169.254.0.0/16'];

export default defineRule({
  id: 'netpol-ipblock-any',
  meta: {
    title: 'NetworkPolicy ipBlock of 0.0.0.0/0 or ::/0',
    description: 'An `ipBlock` with `cidr: 0.0.0.0/0` or `::/0` allows every address.',
    why: 'For ingress, `0.0.0.0/0` admits any client that can route to the pod, the internet included wherever a load balancer or node port exposes it. For egress it allows connections to anywhere: exfiltration to the internet, and the cloud metadata endpoint (169.254.169.254) that hands out the node\'s cloud credentials unless it is listed under `except`. ipBlock also matches pod IPs on many CNIs, so the rule can open pod-to-pod traffic the other rules meant to restrict.',
    how: 'Narrow the CIDR to the networks that need access. Where egress to the internet is intended, add `except` entries for the metadata endpoint (169.254.169.254/32) and the cluster\'s pod and service ranges.',
    category: 'network-policy',
    severity: 'warning',
    kinds: ['NetworkPolicy'],
    fix: 'none',
    examples: {
      bad: 'egress:\n- to:\n  - ipBlock:\n      cidr: 0.0.0.0/0',
      good: 'egress:\n- to:\n  - ipBlock:\n      cidr: 203.0.113.0/24',
    },
  },
  check(ctx) {
    const m = netpolOf(ctx.resource);
    if (!m) return;
    const name = ctx.resource.name ? ` ${ctx.resource.name}` : '';
    for (const d of ['ingress', 'egress'] as Direction[]) {
      if (!m[d].isolates) continue;
      for (const r of m[d].rules) {
        for (const p of r.peers) {
          const ip = p.ipBlock;
          if (!ip || !isAnyAddress(ip.cidr) || !ip.cidrNode) continue;
          const family = ip.cidr!.includes(':') ? 'IPv6' : 'IPv4';
          const excepted = ip.except.length ? ` (minus ${ip.except.join(', ')})` : '';
          let effect: string;
          if (d === 'ingress') effect = `admits any ${family} client${excepted}, the internet included wherever the pods are exposed`;
          else {
            const metadata = family === 'IPv4' && !ip.except.some((e) => METADATA.includes(e.trim())) ? ', including the cloud metadata endpoint 169.254.169.254' : '';
            effect = `allows connections to any ${family} address${excepted}${metadata}`;
          }
          ctx.report({ node: ip.cidrNode, message: `NetworkPolicy${name}: ${d} rule ${r.index + 1} ${effect}` });
        }
      }
    }
  },
});
