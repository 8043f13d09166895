// Suppressions in the editor: silenced findings leave no diagnostic, an unused suppression is an
// information diagnostic whose quick fix removes it, and the suppression settings apply.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyWorkspaceEdit, codes, LspTestClient, y } from '../protocol/lsp-client';

const POD = y(
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: web',
  '  annotations:',
  '    checkov.io/skip1: CKV_K8S_17=node agent',
  'spec:',
  '  hostPID: true',
  '  containers:',
  '  - name: app',
  '    image: nginx:1.27.2',
  '    securityContext:',
  '      # kubeward-disable-next-line pss-privileged -- CNI',
  '      privileged: false',
);

describe('language server: suppressions', () => {
  it('an unused suppression is an info diagnostic with a quick fix that removes the comment', async () => {
    const c = await LspTestClient.start({ settings: { pss: { level: 'baseline' } } });
    try {
      const uri = 'file:///ws/suppress-unused.yaml';
      const p = await c.open(uri, POD);
      const unused = p.diagnostics.find((d) => d.code === 'suppression-unused');
      assert.ok(unused, codes(p.diagnostics).join());
      assert.equal(unused.severity, 3);
      assert.deepEqual(unused.range, { start: { line: 12, character: 35 }, end: { line: 12, character: 49 } });
      const actions = await c.codeActions(uri, unused.range, [unused], ['quickfix']);
      const remove = actions.find((a) => a.title === 'Remove the unused suppression comment');
      assert.ok(remove, actions.map((a) => a.title).join(', '));
      const fixed = applyWorkspaceEdit(POD, remove.edit, uri);
      assert.equal(fixed, POD.replace('      # kubeward-disable-next-line pss-privileged -- CNI\n', ''));
    } finally {
      await c.stop();
    }
  });

  it('kubeward.suppressions.* settings: Checkov annotations and required reasons', async () => {
    const c = await LspTestClient.start({ settings: { pss: { level: 'baseline' } } });
    try {
      const uri = 'file:///ws/suppress-settings.yaml';
      const before = await c.open(uri, POD);
      assert.ok(codes(before.diagnostics).includes('pss-host-namespaces'), 'Checkov annotations are off by default');
      const after = await c.configurationChanged({ pss: { level: 'baseline' }, suppressions: { checkovAnnotations: true } }, uri, (d) => !d.diagnostics.some((x) => x.code === 'pss-host-namespaces'));
      assert.ok(!codes(after.diagnostics).includes('pss-host-namespaces'));
      const strict = await c.configurationChanged({ pss: { level: 'baseline' }, suppressions: { checkovAnnotations: true, requireReason: true } }, uri, () => true);
      assert.ok(!codes(strict.diagnostics).includes('suppression-invalid'), 'both suppressions give a reason');
      // Without its reason, the Checkov skip no longer suppresses and is reported.
      const noReason = await c.change(uri, 2, [{ text: POD.replace('CKV_K8S_17=node agent', 'CKV_K8S_17') }]);
      assert.ok(codes(noReason.diagnostics).includes('suppression-invalid') && codes(noReason.diagnostics).includes('pss-host-namespaces'), codes(noReason.diagnostics).join());
    } finally {
      await c.stop();
    }
  });
});
