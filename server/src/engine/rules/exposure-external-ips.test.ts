import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('exposure-external-ips', {
  valid: [
    { name: 'no externalIPs', code: y('apiVersion: v1', 'kind: Service', 'metadata: {name: s}', 'spec:', '  ports: [{port: 80}]') },
    { name: 'empty list', code: y('apiVersion: v1', 'kind: Service', 'metadata: {name: s}', 'spec:', '  externalIPs: []', '  ports: [{port: 80}]') },
  ],
  invalid: [
    {
      name: 'externalIPs, reported on the key with the addresses',
      code: y('apiVersion: v1', 'kind: Service', 'metadata: {name: s}', 'spec:', '  ports: [{port: 80}]', '  externalIPs:', '  - 203.0.113.10', '  - 203.0.113.11'),
      errors: [{ line: 6, column: 3, endColumn: 14, message: 'externalIPs (203.0.113.10, 203.0.113.11)' }],
    },
  ],
});
