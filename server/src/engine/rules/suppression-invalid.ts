import { defineRule } from '../rule';

// Reported by the engine while matching findings against suppressions (engine/suppress-apply.ts).
export default defineRule({
  id: 'suppression-invalid',
  meta: {
    title: 'Suppression that does not apply',
    description: 'A suppression that kubeward refuses: it has no reason while reasons are required (`suppressions.requireReason`), its expiry date is not a date written YYYY-MM-DD, or it names no rule.',
    why: 'A finding silenced without a recorded reason cannot be reviewed later, and teams that require reasons want that enforced rather than hoped for. An expiry that cannot be read would otherwise silence the finding forever. Such a suppression therefore does not suppress anything, and this finding says why.',
    how: 'Give the reason after ` -- ` (`# kubeward-disable-next-line pss-privileged -- the CNI plugin configures host networking`), in the annotation value or in `kubeward.io/ignore-reason`; write expiry dates as `until 2026-12-31:`; list the rule ids to silence.',
    category: 'suppression',
    severity: 'warning',
    kinds: ['*'],
    fix: 'none',
    examples: {
      bad: '# kubeward-disable-next-line pss-privileged\nprivileged: true',
      good: '# kubeward-disable-next-line pss-privileged -- until 2026-12-31: the CNI plugin needs it until v2\nprivileged: true',
    },
  },
  check() {
    // reported by the engine
  },
});
