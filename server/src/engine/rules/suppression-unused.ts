import { defineRule } from '../rule';

// The engine reports this rule itself, after matching findings against suppressions
// (engine/suppress-apply.ts): a rule cannot see the other rules' findings.
export default defineRule({
  id: 'suppression-unused',
  meta: {
    title: 'Unused suppression',
    description: 'A `kubeward-disable` comment or a `kubeward.io/ignore` annotation that silences nothing: the rule it names has no finding where it applies, the rule id is not a kubeward rule, or the container it names does not exist.',
    why: 'A suppression outlives the problem it was written for. Left in place it silences the next, unrelated finding of that rule at the same spot without anyone deciding so, and a misspelt rule id silences nothing while looking as if it did. Only rules that ran are considered: a suppression of a rule turned off in this configuration, or of a Pod Security check above the level in force, is not reported.',
    how: 'Remove the suppression (the quick fix does, and `kubeward lint --fix` applies it), or correct the rule id or container name. Suppressions of a rule that runs only in another configuration can stay.',
    category: 'suppression',
    severity: 'info',
    kinds: ['*'],
    fix: 'safe',
    examples: {
      bad: '# kubeward-disable-next-line pss-privileged -- CNI plugin\nimage: registry.example.com/cni:1.4.2',
      good: 'image: registry.example.com/cni:1.4.2',
    },
  },
  check() {
    // reported by the engine
  },
});
