import { ruleTester, y } from '../../../../test/helpers/rule-tester';

const pod = (...volumes: string[]) => y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers: [{name: a, image: a:1}]', '  volumes:', ...volumes);

ruleTester('pss-restricted-volumes', {
  valid: [
    {
      name: 'every allowed type',
      code: pod(
        '  - {name: a, configMap: {name: c}}',
        '  - {name: b, csi: {driver: secrets-store.csi.k8s.io}}',
        '  - {name: c, downwardAPI: {items: []}}',
        '  - {name: d, emptyDir: {}}',
        '  - {name: e, ephemeral: {volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}}}',
        '  - {name: f, image: {reference: registry.example.com/data:1}}',
        '  - {name: g, persistentVolumeClaim: {claimName: g}}',
        '  - {name: h, projected: {sources: []}}',
        '  - {name: i, secret: {secretName: i}}',
      ),
    },
    { name: 'a volume with no source is defaulted to emptyDir', code: pod('  - name: scratch') },
    { name: 'baseline does not restrict volume types', code: pod('  - {name: n, nfs: {server: s, path: /}}'), options: { pss: { level: 'baseline' } } },
  ],
  invalid: [
    {
      name: 'nfs, gitRepo and hostPath, on the type key, no fix',
      code: pod(
        '  - name: shared',
        '    nfs:',
        '      server: nfs.example.com',
        '      path: /exports',
        '  - name: code',
        '    gitRepo: {repository: "https://example.com/app.git"}',
        '  - {name: host, hostPath: {path: /var/log}}',
      ),
      errors: [
        { line: 8, column: 5, endLine: 8, endColumn: 8, message: 'restricted: volume "shared" uses type nfs; only configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected and secret volumes are allowed' },
        { line: 12, column: 5, endColumn: 12, message: 'volume "code" uses type gitRepo' },
        { line: 13, column: 18, endColumn: 26, message: 'volume "host" uses type hostPath' },
      ],
    },
    {
      name: 'cloud disks in a ReplicationController',
      code: y(
        'apiVersion: v1',
        'kind: ReplicationController',
        'metadata: {name: rc}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers: [{name: a, image: a:1}]',
        '      volumes:',
        '      - name: disk',
        '        awsElasticBlockStore: {volumeID: vol-1}',
      ),
      errors: [{ line: 10, column: 9, endColumn: 29, message: 'uses type awsElasticBlockStore' }],
    },
  ],
});
