import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('workload-naked-pod', {
  valid: [
    { name: 'a Deployment', code: y('apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: d}', 'spec:', '  selector: {matchLabels: {a: d}}', '  template:', '    metadata: {labels: {a: d}}', '    spec: {containers: [{name: a, image: a:1}]}') },
    {
      name: 'a Pod owned by a ReplicaSet (e.g. exported from a cluster)',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: web-7d9f-abcde', '  ownerReferences:', '  - {apiVersion: apps/v1, kind: ReplicaSet, name: web-7d9f, uid: 0b5c7d2e-1111-2222-3333-444455556666, controller: true}', 'spec: {containers: [{name: a, image: a:1}]}'),
    },
    { name: 'a PodTemplate', code: y('apiVersion: v1', 'kind: PodTemplate', 'metadata: {name: t}', 'template:', '  spec: {containers: [{name: a, image: a:1}]}') },
  ],
  invalid: [
    {
      name: 'bare Pod, reported on its kind',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers: [{name: a, image: a:1}]'),
      errors: [{ line: 2, column: 7, endLine: 2, endColumn: 10, message: 'a Pod that no controller manages' }],
    },
    {
      name: 'empty ownerReferences',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p, ownerReferences: []}', 'spec:', '  containers: [{name: a, image: a:1}]'),
      errors: [{ line: 2, column: 7, endColumn: 10 }],
    },
  ],
});
