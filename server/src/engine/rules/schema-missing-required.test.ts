import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('schema-missing-required', {
  valid: [
    { name: 'a complete RoleBinding', code: y('apiVersion: rbac.authorization.k8s.io/v1', 'kind: RoleBinding', 'metadata: {name: b}', 'roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: r}', 'subjects: [{kind: ServiceAccount, name: app}]') },
    { name: 'a container without a name, with the default scope (not security)', code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - image: a:1') },
  ],
  invalid: [
    {
      name: 'a RoleBinding without roleRef: reported on its kind',
      code: y('apiVersion: rbac.authorization.k8s.io/v1', 'kind: RoleBinding', 'metadata: {name: b}', 'subjects:', '- kind: ServiceAccount', '  name: app'),
      errors: [{ line: 2, column: 7, endColumn: 18, message: 'Missing required field "roleRef" in the RoleBinding: the API server rejects the object' }],
    },
    {
      name: 'an AuthorizationPolicy condition without key: reported on the item',
      code: y('apiVersion: security.istio.io/v1', 'kind: AuthorizationPolicy', 'metadata: {name: a}', 'spec:', '  rules:', '  - when:', '    - values: ["10.0.0.1"]'),
      errors: [{ line: 7, column: 7, endColumn: 13, message: 'Missing required field "key" in when[0]' }],
    },
    {
      name: 'scope all: a container without a name, and a subject without kind',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - image: a:1', '    securityContext:', '      capabilities: {drop: [ALL]}'),
      options: { schema: { scope: 'all' } },
      errors: [{ line: 6, column: 5, endColumn: 10, message: 'Missing required field "name" in containers[0]' }],
    },
  ],
});
