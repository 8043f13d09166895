// --format github: workflow commands that GitHub Actions turns into annotations.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeData, escapeProperty } from '../../server/src/cli/formatters/github';
import { kubeward, PRIVILEGED_POD, tempDir } from './helpers';

describe('cli: GitHub Actions format', () => {
  it('one command per finding with file, 1-based line/col, exclusive ends and the rule as title, then the summary', () => {
    const dir = tempDir({ 'deploy/pod,1.yaml': PRIVILEGED_POD });
    const r = kubeward(['lint', '.', '--format', 'github', '--preset', 'pss-baseline', '--rule', 'sa-default-service-account=info'], { cwd: dir });
    assert.equal(r.code, 1);
    assert.deepEqual(r.stdout.split('\n'), [
      '::notice file=deploy/pod%2C1.yaml,line=5,col=1,endLine=5,endColumn=5,title=kubeward sa-default-service-account::no serviceAccountName: the pod runs as the namespace\'s "default" service account, which every pod without an account shares',
      '::error file=deploy/pod%2C1.yaml,line=6,col=12,endLine=6,endColumn=16,title=kubeward pss-host-namespaces::baseline: host namespaces are not allowed: hostPID: true shares the node\'s process namespace (it can see and signal every process on the node)',
      '::error file=deploy/pod%2C1.yaml,line=11,col=19,endLine=11,endColumn=23,title=kubeward pss-privileged::baseline: container "app" must not be privileged (securityContext.privileged must be false or unset)',
      '3 findings (2 errors, 0 warnings, 1 info) in 1 of 1 file. 3 fixable with --fix-suggestions.',
      '',
    ]);
  });

  it('warnings are ::warning, standard input has no file= (its place goes into the message)', () => {
    const r = kubeward(['lint', '-', '--format', 'github', '--preset', 'pss-baseline', '--rule', 'pss-privileged=warning'], { input: PRIVILEGED_POD });
    assert.ok(r.stdout.includes('::warning line=11,col=19,endLine=11,endColumn=23,title=kubeward pss-privileged::baseline: container "app" must not be privileged (securityContext.privileged must be false or unset) (<stdin>:11:19)'), r.stdout);
  });

  it('escapes as the runner expects: %, CR and LF everywhere; also : and , in properties', () => {
    assert.equal(escapeData('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext: a, b');
    assert.equal(escapeProperty('dir:a,b/100%.yaml\n'), 'dir%3Aa%2Cb/100%25.yaml%0A');
  });
});
