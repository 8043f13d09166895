import { factsOf } from '../workspace/extractor';
import { defineGraphRule } from '../workspace/graph-rule';
import { ingressFacts } from '../workspace/k8s-facts';

export default defineGraphRule({
  id: 'ref-missing-ingress-backend',
  meta: {
    title: 'Ingress backend Service that the workspace does not define',
    description: 'Each backend Service an Ingress routes to should exist in its namespace.',
    why: "An Ingress that routes to a missing Service returns errors for that path, and whatever Service of that name is created later, by anyone who can create Services in the namespace, is published on the Ingress's host at once, with its TLS certificate.",
    how: 'Define the Service or fix the backend name. The finding only considers the files of the workspace: suppress it for Services managed elsewhere.',
    category: 'exposure',
    severity: 'info',
    kinds: ['Ingress'],
    fix: 'none',
    peers: { kubeLinter: ['dangling-ingress'], kubescape: ['C-0298'], kubeScore: ['ingress-targets-service'] },
    examples: {
      bad: 'backend:\n  service:\n    name: web-svc   # no such Service',
      good: 'backend:\n  service:\n    name: web',
    },
  },
  check(ctx) {
    const f = factsOf(ctx.self, ingressFacts);
    if (!f) return;
    const ns = ctx.self.ns ?? '';
    const seen = new Set<string>();
    for (const b of f.backends) {
      if (ctx.graph.named('Service', b.service, ns).length > 0) continue;
      const first = !seen.has(b.service);
      seen.add(b.service);
      ctx.report({
        range: [b.loc.start, b.loc.end],
        message: `Service ${b.service} is not defined${ctx.self.namespace ? ` in namespace ${ctx.self.namespace}` : ''} in ${ctx.scope}: requests routed to it fail, and a Service of that name created later is published on this Ingress at once${first ? '' : ' (same Service as above)'}`,
      });
    }
  },
});
