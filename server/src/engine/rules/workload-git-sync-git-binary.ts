import { defineRule } from '../rule';
import { containersOf, describeContainer, podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { argvOf, envVarsOf, removeArgItem } from '../k8s/workload-parts';
import { get, getSeq, getString, seqItems, type YNode } from '../parse';

const GIT_ENV = new Set(['GITSYNC_GIT', 'GIT_SYNC_GIT']);

export default defineRule({
  id: 'workload-git-sync-git-binary',
  meta: {
    title: 'git-sync with a custom git binary',
    description: 'git-sync containers should not override the git executable (`GITSYNC_GIT`, `GIT_SYNC_GIT` or `--git`).',
    why: 'git-sync runs whatever program the setting names as its "git" for every sync. Anyone who can change the workload, or the ConfigMap its environment comes from, can point it at a shell command and execute code in the pod with its credentials and mounted volumes (Akamai, DEF CON 2024). The setting is rarely needed, so its presence is worth a look.',
    how: 'Remove the setting and use the git shipped in the git-sync image. The suggested fix removes the env var or flag.',
    category: 'workload',
    severity: 'warning',
    kinds: WORKLOAD_KINDS,
    fix: 'suggestion',
    peers: { checkov: ['CKV_K8S_159'] },
    examples: { bad: 'env:\n- name: GITSYNC_GIT\n  value: /tmp/git', good: 'env:\n- name: GITSYNC_REPO\n  value: https://github.com/example/repo' },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    for (const c of containersOf(pod)) {
      const envSeq = getSeq(c.node, 'env');
      const envs = envVarsOf(c);
      envs.forEach((env) => {
        const name = getString(env, 'name');
        if (!name || !GIT_ENV.has(name)) return;
        const index = seqItems(envSeq).findIndex((i) => i === env);
        ctx.report({
          node: get(env, 'name') as YNode,
          message: `${describeContainer(c)}: ${name} makes git-sync run another program as git on every sync; whoever can change it can run commands in the pod`,
          fixes: index >= 0 ? () => [{ title: `Remove ${name}`, edits: [ctx.fix.removeSeqItem(envSeq!, index)], safety: 'suggestion', preferred: true }] : [],
        });
      });
      const image = getString(c.node, 'image') ?? '';
      if (!/git-sync/.test(image)) continue;
      for (const item of argvOf(c)) {
        if (!/^--git(=|$)/.test(item.value.trim())) continue;
        ctx.report({
          node: item.node,
          message: `${describeContainer(c)}: --git makes git-sync run another program as git on every sync; whoever can change it can run commands in the pod`,
          // `--git <path>` spans two items; only the `--git=<path>` form is removed automatically.
          fixes: item.value.includes('=') ? () => [{ title: 'Remove --git', edits: [removeArgItem(ctx.fix, getSeq(c.node, item.list)!, item.index)], safety: 'suggestion', preferred: true }] : [],
        });
      }
    }
  },
});
