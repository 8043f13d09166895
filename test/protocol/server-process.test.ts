// The VS Code client starts the server with Node options of its own (client/src/server-process.ts):
// V8's background thread pool one thread smaller than the CPUs. Node must accept them (an unknown
// option stops it before the server runs), and the server says in its first log line how it runs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { serverExecArgv, v8PoolSize } from '../../client/src/server-process';
import { LspTestClient } from './lsp-client';

const POD = ['apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers:', '  - name: a', '    image: a:1.0', '    securityContext: {privileged: true}', ''].join('\n');

describe('the server process as the VS Code client starts it', () => {
  it('gives V8 one background thread fewer than the CPUs, at least 1 and at most 4 (Node’s default)', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 8, 64].map((cpus) => v8PoolSize(cpus)),
      [1, 1, 2, 3, 4, 4, 4],
    );
    assert.equal(v8PoolSize(0), 1);
    assert.equal(v8PoolSize(Number.NaN), 1);
    assert.deepEqual(serverExecArgv(2), ['--v8-pool-size=1']);
    assert.match(serverExecArgv().join(' '), /^--v8-pool-size=[1-4]$/, 'this machine’s CPUs give a pool size Node accepts');
  });

  it('Node accepts the options (an unknown one would exit with "bad option" before the server starts)', () => {
    const r = spawnSync(process.execPath, [...serverExecArgv(), '-e', 'process.stdout.write(JSON.stringify(process.execArgv))'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as string[]).slice(0, serverExecArgv().length), serverExecArgv());
    const bad = spawnSync(process.execPath, ['--v8-pool-sise=1', '-e', ''], { encoding: 'utf8' });
    assert.notEqual(bad.status, 0, 'a misspelt option is refused: the check above can fail');
  });

  it('started with them, the server lints and says so in its start line; started as the bin, it names no option', async () => {
    for (const execArgv of [serverExecArgv(2), []]) {
      const c = await LspTestClient.start({ execArgv });
      try {
        const d = await c.open('file:///w/pod.yaml', POD);
        assert.ok(
          d.diagnostics.some((x) => x.code === 'pss-privileged'),
          `the privileged container is reported (${execArgv.join(' ') || 'no options'})`,
        );
        const start = /started with \d+ rules \(node v[\d.]+( [^)]*)?\)/.exec(c.serverLog());
        assert.ok(start, `a start line in:\n${c.serverLog()}`);
        assert.equal(start[1]?.trim(), execArgv.length ? '--v8-pool-size=1' : undefined);
      } finally {
        await c.stop();
      }
    }
  });
});
