import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('exposure-service-type', {
  valid: [
    { name: 'ClusterIP (default)', code: y('apiVersion: v1', 'kind: Service', 'metadata: {name: s}', 'spec:', '  selector: {app: web}', '  ports: [{port: 80}]') },
    { name: 'headless', code: y('apiVersion: v1', 'kind: Service', 'metadata: {name: s}', 'spec:', '  clusterIP: None', '  type: ClusterIP', '  ports: [{port: 80}]') },
  ],
  invalid: [
    {
      name: 'NodePort and LoadBalancer, with and without source ranges',
      code: y(
        'apiVersion: v1',
        'kind: Service',
        'metadata: {name: a}',
        'spec:',
        '  type: NodePort',
        '  ports: [{port: 80, nodePort: 30080}]',
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata: {name: b}',
        'spec:',
        '  type: "LoadBalancer"',
        '  ports: [{port: 443}]',
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata: {name: c}',
        'spec:',
        '  type: LoadBalancer',
        '  loadBalancerSourceRanges: [203.0.113.0/24]',
        '  ports: [{port: 443}]',
      ),
      errors: [
        { line: 5, column: 9, endColumn: 17, message: 'type NodePort opens the port on every node' },
        { line: 12, column: 9, endColumn: 23, message: 'reachable from anywhere' },
        { line: 19, column: 9, endColumn: 21, message: 'restricted by loadBalancerSourceRanges' },
      ],
    },
  ],
});
