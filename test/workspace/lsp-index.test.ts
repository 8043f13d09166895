// The language server's background indexer against a fake connection: which files it reads
// (files.exclude, node_modules, the size limit, open documents), the progress it reports, and the
// re-lint of the open documents a change affects.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import type { Connection, InitializeParams } from 'vscode-languageserver';
import { WorkspaceIndex } from '../../server/src/lsp/workspace-index';
import { y } from '../helpers/rule-tester';

const deployment = (name: string) =>
  y('apiVersion: apps/v1', 'kind: Deployment', `metadata: {name: ${name}, namespace: shop}`, 'spec:', '  template:', `    metadata: {labels: {app: ${name}}}`, '    spec:', `      containers: [{name: ${name}, image: ${name}:1}]`);

const dirs: string[] = [];
after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-index-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function fakeHost(open: string[] = []) {
  const progress: string[] = [];
  const relints: string[][] = [];
  const logs: string[] = [];
  let done!: () => void;
  const finished = new Promise<void>((r) => (done = r));
  const connection = {
    workspace: { getConfiguration: async () => [{ exclude: { '**/generated': true, '**/*.tmp.yaml': true, '**/off': false } }] },
    window: {
      createWorkDoneProgress: async () => ({
        begin: (title: string) => progress.push(`begin ${title}`),
        report: (pct: number, msg: string) => progress.push(`report ${pct} ${msg}`),
        done: () => progress.push('done'),
      }),
    },
    client: { register: async () => undefined },
  } as unknown as Connection;
  return {
    host: {
      connection,
      openUris: () => open,
      relint: (uris: string[]) => {
        relints.push(uris);
        done();
      },
      log: (_: string, m: string) => logs.push(m),
    },
    progress,
    relints,
    logs,
    finished,
  };
}

function params(dir: string): InitializeParams {
  return {
    processId: null,
    rootUri: null,
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'w' }],
    capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
  };
}

describe('WorkspaceIndex (the LSP indexer)', () => {
  it('indexes the YAML of the folders, bounded by files.exclude, node_modules and the size limit, with progress', async () => {
    const dir = workspace({
      'a.yaml': deployment('a'),
      'nested/b.yml': deployment('b'),
      'generated/c.yaml': deployment('c'),
      'x.tmp.yaml': deployment('x'),
      'off/d.yaml': deployment('d'),
      'node_modules/pkg/e.yaml': deployment('e'),
      'big.yaml': deployment('big') + `# ${'x'.repeat(3000)}\n`,
      'notes.txt': deployment('txt'),
      'open.yaml': deployment('on-disk'),
    });
    const openUri = pathToFileURL(path.join(dir, 'open.yaml')).href;
    const h = fakeHost([openUri]);
    const index = new WorkspaceIndex(h.host, { maxFileSize: 2000, maxFiles: 100, settleMs: 10 });
    index.initialize(params(dir));
    assert.equal(index.graph.ready, false, 'absence rules wait while indexing');
    index.start();
    await h.finished;
    assert.equal(index.graph.ready, true);
    const names = index.graph.workloads().map((w) => w.name).sort();
    assert.deepEqual(names, ['a', 'b', 'd'], 'excluded, node_modules, too large, not YAML and open documents are not read from disk');
    assert.deepEqual(h.relints, [[openUri]], 'every open document is re-linted once indexing ends');
    assert.equal(h.progress[0], 'begin Kubeward: indexing workspace');
    assert.equal(h.progress[h.progress.length - 1], 'done');
    assert.ok(h.progress.some((p) => p.startsWith('report 100 ')), h.progress.join('; '));
    assert.match(h.logs.join('\n'), /Indexed 3 YAML files.*1 larger than 2000 bytes left out/);
    assert.equal(index.contains(openUri), true);
    assert.equal(index.contains('file:///elsewhere/x.yaml'), false);
  });

  it('stops at the file limit', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`f${String(i).padStart(2, '0')}.yaml`] = deployment(`d${i}`);
    const h = fakeHost();
    const index = new WorkspaceIndex(h.host, { maxFileSize: 1e6, maxFiles: 5, settleMs: 10 });
    index.initialize(params(workspace(files)));
    index.start();
    await h.finished;
    assert.equal(index.graph.fileCount, 5);
    assert.match(h.logs.join('\n'), /stopped at 5 files/);
  });

  it('follows file events and re-lints only the open documents a change affects, once it settles', async () => {
    const dir = workspace({ 'app.yaml': deployment('web'), 'other.yaml': y('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: c, namespace: elsewhere}') });
    const appUri = pathToFileURL(path.join(dir, 'app.yaml')).href;
    const otherUri = pathToFileURL(path.join(dir, 'other.yaml')).href;
    const h = fakeHost([appUri, otherUri]);
    const index = new WorkspaceIndex(h.host, { maxFileSize: 1e6, maxFiles: 100, settleMs: 10 });
    index.initialize(params(dir));
    index.start();
    await h.finished;
    // Open documents enter the graph through the linter; stand in for it here.
    index.graph.setFile(appUri, deployment('web'));
    index.graph.setFile(otherUri, y('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: c, namespace: elsewhere}'));
    h.relints.length = 0;
    fs.writeFileSync(path.join(dir, 'policy.yaml'), y('apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata: {name: p, namespace: shop}', 'spec: {podSelector: {}}'));
    const policyUri = pathToFileURL(path.join(dir, 'policy.yaml')).href;
    await index.filesChanged([{ uri: policyUri, type: 1 }]);
    assert.equal(index.graph.objects('NetworkPolicy').length, 1);
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(h.relints, [[appUri]], 'the ConfigMap in another namespace is not affected');
    fs.rmSync(path.join(dir, 'policy.yaml'));
    await index.filesChanged([{ uri: policyUri, type: 3 }]);
    assert.equal(index.graph.objects('NetworkPolicy').length, 0);
    index.stop();
  });
});
