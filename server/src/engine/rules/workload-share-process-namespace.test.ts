import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('workload-share-process-namespace', {
  valid: [
    { name: 'unset', code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers: [{name: a, image: a:1}]') },
    { name: 'false', code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  shareProcessNamespace: false', '  containers: [{name: a, image: a:1}]') },
  ],
  invalid: [
    {
      name: 'true in a Job template, comment kept',
      code: y('apiVersion: batch/v1', 'kind: Job', 'metadata: {name: j}', 'spec:', '  template:', '    spec:', '      shareProcessNamespace: true  # for the debugger', '      restartPolicy: Never', '      containers: [{name: a, image: a:1}, {name: debug, image: d:1}]'),
      errors: [{ line: 7, column: 30, endLine: 7, endColumn: 34, message: 'lets every container see' }],
      output: y('apiVersion: batch/v1', 'kind: Job', 'metadata: {name: j}', 'spec:', '  template:', '    spec:', '      shareProcessNamespace: false  # for the debugger', '      restartPolicy: Never', '      containers: [{name: a, image: a:1}, {name: debug, image: d:1}]'),
    },
    {
      name: 'flow style pod spec',
      code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {shareProcessNamespace: true, containers: [{name: a, image: a:1}]}'),
      errors: [{ line: 4, column: 31, endColumn: 35 }],
      output: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec: {shareProcessNamespace: false, containers: [{name: a, image: a:1}]}'),
    },
  ],
});
