// textDocument/completion over stdio against the built server: each completion context, snippet
// and plain-text clients, insertTextMode, labels and names from other open documents and from a
// workspace folder on disk.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { InsertTextFormat, InsertTextMode, type ClientCapabilities, type CompletionItem, type CompletionList, type Position, type TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { expandSnippet, snippetByPrefix, SNIPPETS } from '../../server/src/engine/snippets';
import { LspTestClient, vscodeLikeCapabilities, y } from './lsp-client';

const CURSOR = '‸';

function withCompletion(base: ClientCapabilities, snippets: boolean): ClientCapabilities {
  return {
    ...base,
    textDocument: {
      ...base.textDocument,
      completion: {
        completionItem: {
          snippetSupport: snippets,
          documentationFormat: ['markdown', 'plaintext'],
          insertTextModeSupport: { valueSet: [InsertTextMode.asIs, InsertTextMode.adjustIndentation] },
        },
      },
    },
  };
}

let version = 1;

/** Opens (or re-opens) `uri` with the marked text and asks for completion at the marker. */
async function completeAt(c: LspTestClient, uri: string, marked: string): Promise<{ items: CompletionItem[]; text: string }> {
  const offset = marked.indexOf(CURSOR);
  assert.ok(offset >= 0, 'no cursor marker');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const position = TextDocument.create(uri, 'yaml', 0, text).positionAt(offset);
  if (c.lastDiagnostics(uri)) await c.change(uri, ++version, [{ text }]);
  else await c.open(uri, text, ++version);
  return { items: await request(c, uri, position), text };
}

async function request(c: LspTestClient, uri: string, position: Position): Promise<CompletionItem[]> {
  const r = await c.within(c.conn.sendRequest<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position }), 'completion');
  if (!r) return [];
  return Array.isArray(r) ? r : r.items;
}

function applyItem(text: string, item: CompletionItem, uri = 'file:///x.yaml'): string {
  const edit = item.textEdit as TextEdit;
  assert.ok(edit && 'range' in edit, 'items carry a textEdit with a range');
  const newText = item.insertTextFormat === InsertTextFormat.Snippet ? expandSnippet(edit.newText) : edit.newText;
  return TextDocument.applyEdits(TextDocument.create(uri, 'yaml', 0, text), [{ range: edit.range, newText }]);
}

const labels = (items: CompletionItem[]): string[] => items.map((i) => i.label);

describe('protocol: completion', () => {
  let c: LspTestClient;
  before(async () => {
    c = await LspTestClient.start({ capabilities: withCompletion(vscodeLikeCapabilities(), true) });
  });
  after(async () => {
    await c?.stop();
  });

  it('the server announces a completion provider', () => {
    assert.ok(c.initializeResult?.capabilities.completionProvider);
  });

  it('an empty file: every snippet as a Snippet item whose text is the snippet body', async () => {
    const { items } = await completeAt(c, 'file:///ws/empty.yaml', CURSOR);
    assert.deepEqual(labels(items), SNIPPETS.map((s) => s.prefix));
    const dep = items.find((i) => i.label === 'kw-deployment')!;
    assert.equal(dep.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal((dep.textEdit as TextEdit).newText, snippetByPrefix('kw-deployment')!.body);
    assert.equal(dep.insertTextMode, InsertTextMode.asIs);
    assert.equal(dep.kind, 15 /* Snippet */);
    assert.equal((dep.documentation as { kind: string }).kind, 'markdown');
  });

  it('after --- at column 0: the templates, replacing the typed prefix', async () => {
    const marked = y('apiVersion: v1', 'kind: ServiceAccount', 'metadata:', '  name: web', '  namespace: apps', 'automountServiceAccountToken: false', '---', `kw-net${CURSOR}`);
    const { items, text } = await completeAt(c, 'file:///ws/after-separator.yaml', marked);
    const item = items.find((i) => i.label === 'kw-netpol-deny-all')!;
    const out = applyItem(text, item);
    assert.equal(out.split('---\n')[1], `${expandSnippet(snippetByPrefix('kw-netpol-deny-all')!.body)}\n`);
  });

  it('no templates inside a document that has content', async () => {
    const { items } = await completeAt(c, 'file:///ws/inside.yaml', y('apiVersion: v1', 'kind: ConfigMap', `kw${CURSOR}`));
    assert.deepEqual(items, []);
  });

  const deployment = (podSc: string, containerSc: string): string =>
    y(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: web',
      'spec:',
      '  template:',
      '    spec:',
      '      securityContext:',
      `        ${podSc}`,
      '      containers:',
      '        - name: web',
      '          image: nginx:1.27',
      '          securityContext:',
      '            runAsNonRoot: true',
      `            ${containerSc}`,
    );

  it('inside the pod securityContext: the pod-level hardened fields', async () => {
    const { items, text } = await completeAt(c, 'file:///ws/pod-sc.yaml', deployment(CURSOR, ''));
    assert.deepEqual(labels(items), ['hardened pod securityContext (5 fields)', 'runAsNonRoot: true', 'runAsUser: 10001', 'runAsGroup: 10001', 'fsGroup: 10001', 'seccompProfile: type: RuntimeDefault']);
    const seccomp = items.find((i) => i.label.startsWith('seccompProfile'))!;
    assert.equal((seccomp.textEdit as TextEdit).newText, 'seccompProfile:\n          type: RuntimeDefault');
    assert.equal(seccomp.insertTextMode, InsertTextMode.asIs, 'multi-line text carries its own indentation');
    assert.match(applyItem(text, items[0]), /\n {8}runAsNonRoot: true\n {8}runAsUser: 10001\n {8}runAsGroup: 10001\n {8}fsGroup: 10001\n {8}seccompProfile:\n {10}type: RuntimeDefault\n/);
  });

  it('inside a container securityContext: the container-level fields, skipping those present', async () => {
    const { items } = await completeAt(c, 'file:///ws/container-sc.yaml', deployment('', CURSOR));
    const l = labels(items);
    assert.ok(l.includes('allowPrivilegeEscalation: false') && l.includes('readOnlyRootFilesystem: true') && l.includes('capabilities: drop: - ALL'), l.join());
    assert.ok(!l.includes('runAsNonRoot: true'), 'already written');
    assert.ok(!l.includes('fsGroup: 10001'), 'pod-level only');
  });

  it('kind: the kinds, those of the written apiVersion first', async () => {
    const { items } = await completeAt(c, 'file:///ws/kind.yaml', y('apiVersion: rbac.authorization.k8s.io/v1', `kind: Ro${CURSOR}`));
    const role = items.find((i) => i.label === 'Role')!;
    const pod = items.find((i) => i.label === 'Pod')!;
    assert.ok(role.sortText! < pod.sortText!);
    assert.equal(role.insertTextFormat, InsertTextFormat.PlainText, 'no placeholder, so plain text');
    const edit = role.textEdit as TextEdit;
    assert.deepEqual([edit.range.start, edit.range.end], [{ line: 1, character: 6 }, { line: 1, character: 8 }]);
  });

  it('apiVersion: the versions serving the kind already written', async () => {
    const { items } = await completeAt(c, 'file:///ws/apiversion.yaml', y(`apiVersion: ${CURSOR}`, 'kind: PeerAuthentication'));
    assert.deepEqual(labels(items), ['security.istio.io/v1', 'security.istio.io/v1beta1']);
    assert.equal(items[0].preselect, true);
  });

  describe('labels and names from the other open documents', () => {
    before(async () => {
      await c.open(
        'file:///ws/workloads.yaml',
        y(
          'apiVersion: apps/v1',
          'kind: Deployment',
          'metadata:',
          '  name: api',
          '  namespace: shop',
          'spec:',
          '  template:',
          '    metadata:',
          '      labels:',
          '        app.kubernetes.io/name: api',
          '        tier: backend',
          '    spec:',
          '      containers: [{name: api, image: api}]',
          '---',
          'apiVersion: v1',
          'kind: Namespace',
          'metadata:',
          '  name: shop',
          '  labels:',
          '    team: payments',
          '---',
          'apiVersion: v1',
          'kind: ServiceAccount',
          'metadata:',
          '  name: api-runner',
          '  namespace: shop',
          '---',
          'apiVersion: rbac.authorization.k8s.io/v1',
          'kind: Role',
          'metadata:',
          '  name: orders-reader',
          '  namespace: shop',
          '---',
          'apiVersion: rbac.authorization.k8s.io/v1',
          'kind: ClusterRole',
          'metadata:',
          '  name: node-reader',
        ),
      );
    });

    const netpol = (...spec: string[]): string => y('apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata:', '  name: p', '  namespace: shop', 'spec:', ...spec);

    it('podSelector matchLabels: the labels the workloads of the namespace carry', async () => {
      const { items, text } = await completeAt(c, 'file:///ws/netpol.yaml', netpol('  podSelector:', '    matchLabels:', `      ${CURSOR}`));
      assert.deepEqual(labels(items), ['app.kubernetes.io/name: api', 'tier: backend']);
      assert.match(items[0].detail!, /Deployment api \(shop\)/);
      assert.match(applyItem(text, items[1]), /matchLabels:\n {6}tier: backend\n/);
    });

    it('namespaceSelector matchLabels: the labels of the namespaces', async () => {
      const { items } = await completeAt(c, 'file:///ws/netpol.yaml', netpol('  ingress:', '    - from:', '        - namespaceSelector:', '            matchLabels:', `              ${CURSOR}`));
      // `apps` is the namespace of the ServiceAccount in after-separator.yaml, still open.
      assert.deepEqual(labels(items).sort(), ['kubernetes.io/metadata.name: apps', 'kubernetes.io/metadata.name: shop', 'team: payments']);
    });

    it('serviceAccountName: the ServiceAccounts of that namespace, from another file', async () => {
      const { items } = await completeAt(c, 'file:///ws/pod.yaml', y('apiVersion: v1', 'kind: Pod', 'metadata:', '  name: p', '  namespace: shop', 'spec:', `  serviceAccountName: ${CURSOR}`));
      assert.deepEqual(labels(items), ['api-runner']);
      assert.equal(items[0].detail, 'ServiceAccount in shop');
    });

    it('roleRef.name: the Roles and ClusterRoles defined, by roleRef.kind', async () => {
      const rb = (kind: string) => y('apiVersion: rbac.authorization.k8s.io/v1', 'kind: RoleBinding', 'metadata:', '  name: b', '  namespace: shop', 'roleRef:', '  apiGroup: rbac.authorization.k8s.io', `  kind: ${kind}`, `  name: ${CURSOR}`);
      assert.deepEqual(labels((await completeAt(c, 'file:///ws/binding.yaml', rb('Role'))).items), ['orders-reader']);
      assert.deepEqual(labels((await completeAt(c, 'file:///ws/binding.yaml', rb('ClusterRole'))).items), ['node-reader']);
    });

    it('a closed document no longer provides names', async () => {
      await c.close('file:///ws/workloads.yaml');
      const { items } = await completeAt(c, 'file:///ws/pod.yaml', y('apiVersion: v1', 'kind: Pod', 'metadata:', '  namespace: shop', 'spec:', `  serviceAccountName: ${CURSOR}`));
      assert.deepEqual(items, []);
    });
  });
});

describe('protocol: completion for a client without snippet support', () => {
  let c: LspTestClient;
  before(async () => {
    c = await LspTestClient.start({ capabilities: withCompletion(vscodeLikeCapabilities(), false) });
  });
  after(async () => {
    await c?.stop();
  });

  it('templates and fields come as plain text with the defaults filled in', async () => {
    const { items } = await completeAt(c, 'file:///plain/empty.yaml', CURSOR);
    const job = items.find((i) => i.label === 'kw-job')!;
    assert.equal(job.insertTextFormat, InsertTextFormat.PlainText);
    assert.equal((job.textEdit as TextEdit).newText, expandSnippet(snippetByPrefix('kw-job')!.body));
    assert.doesNotMatch((job.textEdit as TextEdit).newText, /\$\{?\d/);
  });
});

describe('protocol: completion with names from a workspace folder on disk', () => {
  let c: LspTestClient;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kubeward-completion-'));
    writeFileSync(
      join(dir, 'accounts.yaml'),
      y('apiVersion: v1', 'kind: ServiceAccount', 'metadata:', '  name: disk-runner', '  namespace: batch', 'automountServiceAccountToken: false'),
    );
    c = await LspTestClient.start({ capabilities: withCompletion(vscodeLikeCapabilities(), true), workspaceFolders: [pathToFileURL(dir).href] });
  });
  after(async () => {
    await c?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serviceAccountName offers a ServiceAccount that only a file on disk defines', async () => {
    const uri = pathToFileURL(join(dir, 'job.yaml')).href;
    const marked = y('apiVersion: batch/v1', 'kind: Job', 'metadata:', '  name: j', '  namespace: batch', 'spec:', '  template:', '    spec:', `      serviceAccountName: ${CURSOR}`);
    const { items } = await completeAt(c, uri, marked);
    let found = labels(items);
    // The folder is indexed in the background after `initialized`: ask again until it is in.
    for (let i = 0; i < 200 && !found.includes('disk-runner'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      found = labels(await request(c, uri, { line: 8, character: 26 }));
    }
    assert.deepEqual(found, ['disk-runner']);
  });
});
