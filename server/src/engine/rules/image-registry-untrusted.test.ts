import { ruleTester, y } from '../../../../test/helpers/rule-tester';

const allowed = (...allowedRegistries: string[]) => ({ ruleOptions: { allowedRegistries } });
const pod = (...images: string[]): string =>
  y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', ...images.map((im, i) => `  - {name: c${i}, image: ${im}}`));

ruleTester('image-registry-untrusted', {
  valid: [
    { name: 'does nothing until allowedRegistries is configured', code: pod('nginx:1.27', 'evil.example.net/x:1') },
    { name: 'an empty list also does nothing', code: pod('nginx:1.27'), options: allowed() },
    {
      name: 'hosts, path prefixes, wildcards and Docker Hub official images',
      code: pod('registry.example.com/team/app:1', 'ghcr.io/my-org/tool:2', '123.dkr.ecr.eu-west-1.amazonaws.com/app:3', 'nginx:1.27', 'docker.io/library/redis:7', 'index.docker.io/library/busybox:1'),
      options: allowed('registry.example.com', 'ghcr.io/my-org/', '*.dkr.ecr.eu-west-1.amazonaws.com', 'docker.io/library'),
    },
  ],
  invalid: [
    {
      name: 'path prefixes match whole components; Docker Hub user images are not official images; wildcards need a subdomain',
      code: pod('ghcr.io/my-organisation/tool:2', 'bitnami/redis:7', 'dkr.ecr.eu-west-1.amazonaws.com/app:3', 'ghcr.io/my-org/ok:1'),
      options: allowed('ghcr.io/my-org', 'docker.io/library', '*.dkr.ecr.eu-west-1.amazonaws.com'),
      errors: [
        { line: 6, column: 23, endColumn: 53, message: 'comes from ghcr.io/my-organisation/tool, which is not under any allowed registry' },
        { line: 7, column: 23, endColumn: 38, message: 'comes from docker.io/bitnami/redis' },
        { line: 8, column: 23, endColumn: 60, message: 'comes from dkr.ecr.eu-west-1.amazonaws.com/app' },
      ],
    },
    {
      name: 'init and ephemeral containers, registry host matched case-insensitively',
      code: y(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  initContainers:',
        '  - name: init',
        '    image: quay.io/x/init:1',
        '  containers:',
        '  - name: app',
        '    image: Registry.Example.com/app:1',
        '  ephemeralContainers:',
        '  - name: debug',
        '    image: busybox:1.36',
      ),
      options: allowed('registry.example.com'),
      errors: [
        { line: 7, column: 12, endColumn: 28, message: 'init container "init"' },
        { line: 13, column: 12, endColumn: 24, message: 'image "busybox:1.36" of ephemeral container "debug" comes from docker.io/library/busybox' },
      ],
    },
  ],
});
