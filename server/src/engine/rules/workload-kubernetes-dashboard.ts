import { defineRule } from '../rule';
import { containersOf, describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { argvOf, removeArgItem } from '../k8s/workload-parts';
import { getSeq, type YNode } from '../parse';
import type { Severity } from '../types';

/** Dashboard flags that remove authentication or authorization, with what they do. */
const FLAGS: Record<string, { severity: Severity; what: string }> = {
  'enable-skip-login': { severity: 'error', what: 'shows a "Skip" button on the login page: anyone who reaches the dashboard uses it with the dashboard\'s own service account' },
  'enable-insecure-login': { severity: 'warning', what: 'accepts logins (tokens, kubeconfigs) over plain HTTP' },
  'disable-settings-authorizer': { severity: 'warning', what: 'lets any user change the dashboard\'s global settings' },
};

export default defineRule({
  id: 'workload-kubernetes-dashboard',
  meta: {
    title: 'Kubernetes Dashboard without authentication',
    description: 'The Kubernetes Dashboard must not run with `--enable-skip-login`, `--enable-insecure-login` or `--disable-settings-authorizer`.',
    why: 'An exposed dashboard with skippable login is a classic way into clusters (the 2018 Tesla cryptojacking incident began at an unauthenticated dashboard): whoever reaches it acts with the permissions of the dashboard\'s service account, often broad. Insecure login sends bearer tokens over plain HTTP; a disabled settings authorizer lets any user change global settings.',
    how: 'Remove the flags (or set them to `false`), require a bearer token or an authenticating proxy in front of the dashboard, bind its service account to a minimal role, and keep it off public networks. The suggested fix removes the flag.',
    category: 'workload',
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    fix: 'suggestion',
    peers: { checkov: ['CKV_K8S_33'] },
    examples: { bad: 'args:\n- --auto-generate-certificates\n- --enable-skip-login', good: 'args:\n- --auto-generate-certificates' },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    for (const c of containersOf(pod)) {
      for (const item of argvOf(c)) {
        const m = /^--([a-z-]+)(?:=(.*))?$/.exec(item.value.trim());
        if (!m || !FLAGS[m[1]]) continue;
        if (m[2] !== undefined && !/^(true|1|yes)$/i.test(m[2])) continue;
        const flag = FLAGS[m[1]];
        const seq = getSeq(c.node, item.list)!;
        ctx.report({
          node: item.node as YNode,
          severity: flag.severity,
          message: `${describeContainer(c)}: --${m[1]} ${flag.what}`,
          fixes: () => [{ title: `Remove --${m[1]}`, edits: [removeArgItem(ctx.fix, seq, item.index)], safety: 'suggestion', preferred: true }],
        });
      }
    }
  },
});
