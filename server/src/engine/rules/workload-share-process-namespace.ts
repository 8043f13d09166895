import { defineRule } from '../rule';
import { podSpecOf, WORKLOAD_KINDS } from '../k8s/resource';
import { isTrue } from '../k8s/security-context';
import { getPair, type YNode } from '../parse';

export default defineRule({
  id: 'workload-share-process-namespace',
  meta: {
    title: 'Shared process namespace',
    description: 'Pods should not set `shareProcessNamespace: true`.',
    why: 'With a shared process namespace every container of the pod sees the processes of the others: it can read their command lines and environment variables (`/proc/<pid>/environ`, where secrets often are), reach their file systems through `/proc/<pid>/root`, and signal them. A compromise of the least trusted container (a sidecar, a debug tool) then extends to all of them. NSA/CISA hardening guidance lists it among the settings to avoid.',
    how: 'Remove the field or set it to `false`. If a sidecar really must see the main process (some debuggers and process managers), keep the sidecar minimal, drop its capabilities, and suppress this finding with a reason.',
    category: 'workload',
    severity: 'warning',
    kinds: WORKLOAD_KINDS,
    standards: { nsa: ['1.3'] },
    fix: 'suggestion',
    peers: {},
    examples: { bad: 'spec:\n  shareProcessNamespace: true', good: 'spec:\n  shareProcessNamespace: false' },
  },
  check(ctx) {
    const pod = podSpecOf(ctx.resource);
    if (!pod) return;
    const pair = getPair(pod.spec, 'shareProcessNamespace');
    if (!pair || !isTrue(pair.value)) return;
    const value = pair.value as YNode;
    ctx.report({
      node: value,
      message: 'shareProcessNamespace: true lets every container see, signal and read the environment and files of the other containers\' processes',
      fixes: () => [{ title: 'Set shareProcessNamespace: false', edits: [ctx.fix.replaceValue(value, false)], safety: 'suggestion', preferred: true }],
    });
  },
});
