import { defineRule } from '../rule';
import type { Fix } from '../types';
import { consequenceOf, misplacements, moveEdit, removeField, schemaSettingsOf, targetState, valueFor, valueOf, weakensSecurity } from '../schema';
import type { YNode } from '../parse';
import { WORKLOAD_KINDS } from '../k8s/resource';

export default defineRule({
  id: 'schema-misplaced-field',
  meta: {
    title: 'Security fields in the wrong place',
    description: 'A security setting written one level off, where Kubernetes ignores it: `runAsUser` or `capabilities` directly under a container, `privileged` in the pod\'s securityContext, `seccompProfile` in the pod spec, `securityContext` under a template\'s metadata.',
    why: 'Kubernetes drops a field where its schema does not define it, without an error (only kubectl\'s strict validation refuses it). A `runAsNonRoot: true` written directly under a container, or `capabilities: {drop: [ALL]}` in the pod\'s securityContext (which has no such field), leaves the workload running as root or with every default capability while the manifest looks hardened.',
    how: 'Move the field to where it takes effect: container-only fields (`privileged`, `capabilities`, `allowPrivilegeEscalation`, `readOnlyRootFilesystem`, `procMount`) into each container\'s `securityContext`; pod-only fields (`fsGroup`, `supplementalGroups`, `sysctls`...) into the pod\'s `securityContext`; `hostNetwork`, `hostPID`, `hostIPC`, `serviceAccountName` and `automountServiceAccountToken` into the pod spec. The quick fix moves the field in one edit and keeps its value. When the value would weaken the workload once it takes effect (`privileged: true`), the preferred fix removes it instead, which keeps the current behaviour.',
    category: 'schema',
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    fix: 'suggestion',
    peers: { kubeLinter: ['schema-validation'] },
    examples: {
      bad: 'containers:\n- name: app\n  image: app:1.0\n  runAsNonRoot: true',
      good: 'containers:\n- name: app\n  image: app:1.0\n  securityContext:\n    runAsNonRoot: true',
    },
  },
  check(ctx) {
    if (!schemaSettingsOf(ctx)) return;
    for (const m of misplacements(ctx.resource)) {
      const value = valueOf(ctx.resource, m.pair);
      const states = value === undefined ? [] : m.targets.map((t) => ({ t, state: targetState(ctx.resource, t, valueFor(t, value) ?? null) }));
      const needed = states.filter((s) => s.state === 'absent').map((s) => s.t);
      const distinctTargets = new Set(needed.map((t) => t.map));
      const conflicting = states.filter((s) => s.state === 'different').map((s) => s.t);
      let message = `"${m.key}" has no effect in ${m.where}: Kubernetes drops it, so ${consequenceOf(m.key)}. It belongs in ${m.belongs}.`;
      if (conflicting.length > 0) message += ` ${capitalise(conflicting[0].label)} already sets it, and that value applies.`;
      const weakens = value !== undefined && weakensSecurity(m.key, value);
      // Built when first asked for: moving a field re-parses the document to check the result.
      const fixes = (): Fix[] => {
        const out: Fix[] = [];
        if (needed.length > 0) {
          const edits = moveEdit(ctx.text, ctx.resource, m, needed, value);
          const to = distinctTargets.size === 1 ? needed[0].label : `the securityContext of each of the ${distinctTargets.size} containers`;
          if (edits) out.push({ title: `Move "${m.key}" to ${to}`, edits, safety: 'suggestion', preferred: !weakens });
        }
        const removal = removeField(ctx.text, ctx.resource, m.map, m.key);
        if (removal) {
          const title = needed.length === 0 && value !== undefined ? `Remove the ignored "${m.key}" (already set where it applies)` : `Remove the ignored "${m.key}"`;
          out.push({ title, edits: [removal], safety: 'suggestion', preferred: weakens || out.length === 0 });
        }
        return out.sort((a, b) => Number(!!b.preferred) - Number(!!a.preferred));
      };
      ctx.report({ node: m.pair.key as YNode, message, fixes });
    }
  },
});

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
