import { ruleTester, y } from '../../../../test/helpers/rule-tester';

ruleTester('workload-git-sync-git-binary', {
  valid: [
    { name: 'git-sync with its own git', code: y('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: sync', '    image: registry.k8s.io/git-sync/git-sync:v4.2.1', '    env: [{name: GITSYNC_REPO, value: "https://github.com/example/repo"}]', '    args: [--root=/git]') },
  ],
  invalid: [
    {
      name: 'GITSYNC_GIT env (sidecar) and --git= flag (init container)',
      code: y(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  initContainers:',
        '  - name: clone',
        '    image: registry.k8s.io/git-sync/git-sync:v4.2.1',
        '    args: [--one-time, --git=/tmp/evil]',
        '  containers:',
        '  - name: sync',
        '    image: registry.k8s.io/git-sync/git-sync:v4.2.1',
        '    env:',
        '    - name: GITSYNC_REPO',
        '      value: https://github.com/example/repo',
        '    - name: GITSYNC_GIT',
        '      value: /tmp/git',
      ),
      errors: [
        { line: 15, column: 13, endColumn: 24, message: 'container "sync": GITSYNC_GIT makes git-sync run another program' },
        { line: 8, column: 24, endColumn: 39, message: 'init container "clone": --git' },
      ],
      output: y(
        'apiVersion: v1',
        'kind: Pod',
        'metadata: {name: p}',
        'spec:',
        '  initContainers:',
        '  - name: clone',
        '    image: registry.k8s.io/git-sync/git-sync:v4.2.1',
        '    args: [--one-time]',
        '  containers:',
        '  - name: sync',
        '    image: registry.k8s.io/git-sync/git-sync:v4.2.1',
        '    env:',
        '    - name: GITSYNC_REPO',
        '      value: https://github.com/example/repo',
      ),
    },
  ],
});
