// The built server over stdio: diagnostics after open, quick fixes, the disable comment, harden
// (one workload, the whole file), fix-all (safe fixes only), codeAction/resolve and hover.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver';
import { applyFixes, isHardeningFinding, LineIndex, lint, ruleById, ruleDocUrl, type Finding } from '../../server/src/engine';
import { splitDocuments } from '../../server/src/engine/parse';
import { API, BASELINE, RESTRICTED_ONLY, WEB, WEB_HOST_NETWORK, WEB_PRIVILEGED } from './fixtures';
import { applyWorkspaceEdit, codes, LspTestClient, rangeOf, textEditsOf, vscodeLikeCapabilities, y } from './lsp-client';

function byCode(ds: readonly Diagnostic[], code: string): Diagnostic {
  const d = ds.find((x) => x.code === code);
  assert.ok(d, `expected a ${code} diagnostic among ${codes(ds).join(', ')}`);
  return d;
}

/** What the engine finds in the text, as [code, line, character, endLine, endCharacter]. */
function engineView(text: string): string[] {
  const index = new LineIndex(text);
  const { findings, parseErrors } = lint(text, {});
  const out = findings.map((f) => {
    const s = index.positionAt(f.start);
    const e = index.positionAt(f.end);
    return `${f.ruleId}@${s.line}:${s.character}-${e.line}:${e.character}`;
  });
  for (const p of parseErrors) out.push(`yaml-syntax@${index.positionAt(p.start).line}`);
  return out.sort();
}

function serverView(ds: readonly Diagnostic[]): string[] {
  return ds
    .map((d) => (d.code === 'yaml-syntax' ? `yaml-syntax@${d.range.start.line}` : `${String(d.code)}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`))
    .sort();
}

function titles(actions: readonly CodeAction[]): string {
  return actions.map((a) => a.title).join(' | ');
}

describe('protocol: diagnostics and code actions', () => {
  let c: LspTestClient;
  before(async () => {
    c = await LspTestClient.start();
  });
  after(async () => {
    await c?.stop();
  });

  it('answers initialize with incremental sync, code action kinds and hover', () => {
    const caps = c.initializeResult?.capabilities;
    assert.ok(caps);
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    assert.equal(caps.hoverProvider, true);
    const kinds = typeof caps.codeActionProvider === 'object' ? caps.codeActionProvider.codeActionKinds : [];
    assert.ok(kinds?.includes('quickfix'));
    assert.ok(kinds?.includes('source.fixAll.kubeward'));
    assert.equal(c.initializeResult?.serverInfo?.name, 'kubeward');
  });

  it('publishes diagnostics after open: source, code, codeDescription, data and exact ranges', async () => {
    const uri = 'file:///ws/open.yaml';
    const p = await c.open(uri, WEB);
    assert.equal(p.version, 1);
    assert.deepEqual(serverView(p.diagnostics), engineView(WEB), 'the server publishes exactly what the engine finds');
    const priv = byCode(p.diagnostics, 'pss-privileged');
    assert.deepEqual(rangeOf(priv), WEB_PRIVILEGED);
    assert.deepEqual(rangeOf(byCode(p.diagnostics, 'pss-host-namespaces')), WEB_HOST_NETWORK);
    assert.equal(priv.source, 'kubeward');
    assert.equal(priv.severity, 1);
    assert.equal(priv.codeDescription?.href, ruleDocUrl('pss-privileged'));
    assert.deepEqual(priv.data, { key: '0/0' });
    for (const d of p.diagnostics) {
      assert.equal(d.source, 'kubeward');
      assert.ok(!JSON.stringify(d.data ?? null).includes(String(d.message)), 'data never carries the message');
    }
  });

  it('related locations in the same file become relatedInformation', async () => {
    const uri = 'file:///ws/istio.yaml';
    const text = y(
      'apiVersion: security.istio.io/v1',
      'kind: PeerAuthentication',
      'metadata:',
      '  name: default',
      '  namespace: shop',
      'spec:',
      '  mtls:',
      '    mode: STRICT',
      '---',
      'apiVersion: networking.istio.io/v1',
      'kind: DestinationRule',
      'metadata: {name: payments, namespace: shop}',
      'spec:',
      '  host: payments.shop.svc.cluster.local',
      '  trafficPolicy:',
      '    tls:',
      '      mode: DISABLE',
    );
    const p = await c.open(uri, text);
    const d = byCode(p.diagnostics, 'istio-dr-tls-disable-strict');
    assert.deepEqual(rangeOf(d), [16, 12, 16, 19]);
    assert.equal(d.relatedInformation?.length, 1);
    const [rel] = d.relatedInformation!;
    assert.equal(rel.location.uri, uri);
    assert.deepEqual(rangeOf(rel.location), [3, 8, 3, 15], 'the PeerAuthentication that makes the namespace STRICT');
    assert.ok(rel.message.length > 0);
  });

  it('offers the preferred quick fix; applying it removes the finding and nothing else changes', async () => {
    const uri = 'file:///ws/quickfix.yaml';
    const p = await c.open(uri, WEB);
    const priv = byCode(p.diagnostics, 'pss-privileged');
    const actions = await c.codeActions(uri, priv.range, [priv], ['quickfix']);
    const fix = actions.find((a) => a.title === 'Set privileged: false');
    assert.ok(fix, `expected "Set privileged: false" among: ${titles(actions)}`);
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.equal(fix.diagnostics?.[0].code, 'pss-privileged');
    const edits = textEditsOf(fix.edit, uri);
    assert.ok(edits.length > 0 && edits.every((e) => e.range.start.line === 13 && e.range.end.line === 13), 'the edit touches only the value');
    const fixed = applyWorkspaceEdit(WEB, fix.edit, uri);
    assert.equal(fixed, WEB.replace('privileged: true   # needed?', 'privileged: false   # needed?'));
    assert.deepEqual(lint(fixed, {}).parseErrors, []);

    const next = await c.change(uri, 2, [{ text: fixed }]);
    assert.ok(!next.diagnostics.some((d) => d.code === 'pss-privileged'), 'the finding is gone');
    assert.deepEqual(
      codes(next.diagnostics),
      codes(p.diagnostics.filter((d) => d.code !== 'pss-privileged')),
      'every other finding is still there',
    );
  });

  it('finds the finding by code and data, never by message text', async () => {
    const uri = 'file:///ws/by-data.yaml';
    const p = await c.open(uri, WEB);
    const priv = byCode(p.diagnostics, 'pss-privileged');
    const reworded = { ...priv, message: 'a translated message' };
    const actions = await c.codeActions(uri, priv.range, [reworded], ['quickfix']);
    assert.ok(actions.some((a) => a.title === 'Set privileged: false'), titles(actions));
    // Same message, but a code and data that match no finding: no fix.
    const wrong = { ...priv, code: 'pss-host-namespaces', data: { key: '0/7' } };
    const none = await c.codeActions(uri, priv.range, [wrong], ['quickfix']);
    assert.ok(!none.some((a) => a.title === 'Set privileged: false'), titles(none));
  });

  it('maps a diagnostic of an older version through its moved range', async () => {
    const uri = 'file:///ws/stale.yaml';
    const p = await c.open(uri, WEB);
    const priv = byCode(p.diagnostics, 'pss-privileged');
    await c.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# added\n' }]);
    // An editor moves the marker with the text; the data key is the one of the first publish.
    const moved = { ...priv, range: { start: { line: 14, character: 24 }, end: { line: 14, character: 28 } } };
    const actions = await c.codeActions(uri, moved.range, [moved], ['quickfix']);
    const fix = actions.find((a) => a.title === 'Set privileged: false');
    assert.ok(fix, titles(actions));
    const current = `# added\n${WEB}`;
    assert.equal(applyWorkspaceEdit(current, fix.edit, uri), current.replace('privileged: true', 'privileged: false'));
    // A client that did not move the range: nothing of that rule is there any more, so the key names the finding.
    const unmoved = await c.codeActions(uri, priv.range, [priv], ['quickfix']);
    const byKey = unmoved.find((a) => a.title === 'Set privileged: false');
    assert.ok(byKey, titles(unmoved));
    assert.equal(applyWorkspaceEdit(current, byKey.edit, uri), current.replace('privileged: true', 'privileged: false'));
  });

  it('"Disable <rule> for this line" inserts the comment at the line\'s indentation, and the finding goes', async () => {
    const uri = 'file:///ws/disable.yaml';
    const p = await c.open(uri, WEB);
    const priv = byCode(p.diagnostics, 'pss-privileged');
    const actions = await c.codeActions(uri, priv.range, [priv]);
    const disable = actions.find((a) => a.title === 'Disable pss-privileged for this line');
    assert.ok(disable, titles(actions));
    const lines = WEB.split('\n');
    lines.splice(13, 0, '            # kubeward-disable-next-line pss-privileged -- TODO explain why this is acceptable');
    const expected = lines.join('\n');
    const disabled = applyWorkspaceEdit(WEB, disable.edit, uri);
    assert.equal(disabled, expected);
    const next = await c.change(uri, 2, [{ text: disabled }]);
    assert.ok(!next.diagnostics.some((d) => d.code === 'pss-privileged'), 'suppressed');
    assert.deepEqual(codes(next.diagnostics), codes(p.diagnostics.filter((d) => d.code !== 'pss-privileged')));
  });

  it('"Harden this workload" applies every fix of that workload only, with minimal edits', async () => {
    const uri = 'file:///ws/harden-one.yaml';
    const text = WEB + API;
    const p = await c.open(uri, text);
    const rootDiag = p.diagnostics.find((d) => d.code === 'pss-run-as-non-root' && d.range.start.line < 14);
    assert.ok(rootDiag, codes(p.diagnostics).join(', '));
    const actions = await c.codeActions(uri, rootDiag.range, [rootDiag]);
    const harden = actions.find((a) => a.title.startsWith('Harden this workload (Deployment "web")'));
    assert.ok(harden?.edit, titles(actions));
    const hardened = applyWorkspaceEdit(text, harden.edit, uri);
    const expected = applyFixes(text, {}, { safety: 'suggestion', filter: (f: Finding) => f.docIndex === 0 && f.resource?.name === 'web' && isHardeningFinding(f) }).text;
    assert.equal(hardened, expected);
    assert.ok(!hardened.includes('kind: NetworkPolicy'), 'a namespace-wide policy is not part of hardening one workload');
    // Fixes may append the workload's own ServiceAccount after the last document.
    assert.equal(splitDocuments(hardened)[1]?.text, API, 'the other document is byte-identical');
    assert.ok(hardened.includes('  name: web   # the web tier\n'), 'comments are kept');
    assert.ok(hardened.includes('privileged: false   # needed?'));
    const after = lint(hardened, {});
    assert.deepEqual(after.parseErrors, []);
    const left = after.findings.filter((f) => f.docIndex === 0 && [...BASELINE, ...RESTRICTED_ONLY].includes(f.ruleId)).map((f) => f.ruleId);
    assert.deepEqual(left, [], 'the workload passes the Restricted checks that have fixes');
    assert.ok(after.findings.some((f) => f.docIndex === 1 && f.ruleId === 'pss-privileged'), 'the other workload is untouched');
    const edits = textEditsOf(harden.edit, uri);
    assert.ok(edits.length >= 2, 'several small edits, not one big one');
    const lastLine = text.split('\n').length - 1;
    for (const e of edits) {
      assert.ok(!(e.range.start.line === 0 && e.range.end.line >= lastLine - 1), 'never the whole document');
      const inWorkload = e.range.start.line >= 8 && e.range.end.line <= 14;
      const appended = e.range.start.line >= lastLine;
      assert.ok(inWorkload || appended, `edit ${JSON.stringify(e.range)} stays inside the workload's changed lines or appends`);
    }
  });

  it('"Harden all workloads in this file" is a source action applying every suggestion', async () => {
    const uri = 'file:///ws/harden-all.yaml';
    const text = WEB + API;
    await c.open(uri, text);
    const actions = await c.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source']);
    const all = actions.find((a) => a.kind === 'source.kubeward.harden');
    assert.ok(all?.edit, titles(actions));
    assert.equal(all.title, 'Kubeward: harden all workloads in this file');
    const hardened = applyWorkspaceEdit(text, all.edit, uri);
    assert.equal(hardened, applyFixes(text, {}, { safety: 'suggestion', filter: isHardeningFinding }).text);
    assert.ok(!hardened.includes('kind: NetworkPolicy'), 'namespace-wide policies stay separate quick fixes');
    const left = lint(hardened, {}).findings.filter((f) => BASELINE.includes(f.ruleId));
    assert.deepEqual(left, [], 'no Baseline finding is left in either workload');
  });

  it('source.fixAll.kubeward applies safe fixes only, never suggestions', async () => {
    const uri = 'file:///ws/fix-all.yaml';
    const text = WEB + API;
    const p = await c.open(uri, text);
    const actions = await c.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
    const fixAll = actions.find((a) => a.kind === 'source.fixAll.kubeward');
    assert.ok(!actions.some((a) => a.kind !== 'source.fixAll.kubeward'), `only fix-all was asked for: ${titles(actions)}`);
    const expected = applyFixes(text, {}, { safety: 'safe' }).text;
    const suggestionOnly = (f: Finding): boolean => f.fixes.length > 0 && f.fixes.every((x) => x.safety === 'suggestion');
    const before = lint(text, {}).findings.filter(suggestionOnly).map((f) => f.ruleId);
    assert.ok(before.length > 0, 'the file has findings whose fixes are suggestions');
    if (expected === text) {
      // No rule here has a safe fix: fix-all must not touch the file (in particular no suggestion).
      assert.equal(fixAll, undefined, 'no fix-all action when there is nothing safe to fix');
    } else {
      assert.ok(fixAll?.edit, titles(actions));
      const fixed = applyWorkspaceEdit(text, fixAll.edit, uri);
      assert.equal(fixed, expected);
      const after = lint(fixed, {}).findings.filter(suggestionOnly).map((f) => f.ruleId);
      assert.deepEqual(after.sort(), before.sort(), 'every suggestion-only finding is still there');
    }
    assert.ok(p.diagnostics.length > 0);
  });

  it('a light bulb refresh stays cheap: quick fixes with edits, harden deferred to resolve, no source actions', async () => {
    const uri = 'file:///ws/lightbulb.yaml';
    const p = await c.open(uri, WEB);
    const priv = byCode(p.diagnostics, 'pss-privileged');
    const actions = await c.codeActions(uri, priv.range, [priv], undefined, 2);
    assert.ok(actions.find((a) => a.title === 'Set privileged: false')?.edit, titles(actions));
    const harden = actions.find((a) => a.kind === 'quickfix.kubeward.harden');
    assert.ok(harden && harden.edit === undefined && harden.data, 'harden is listed, its edit left to resolve');
    assert.ok(!actions.some((a) => a.kind?.startsWith('source')), titles(actions));
    const resolved = await c.resolve(harden);
    assert.equal(applyWorkspaceEdit(WEB, resolved.edit, uri), applyFixes(WEB, {}, { safety: 'suggestion', filter: (f: Finding) => f.docIndex === 0 && isHardeningFinding(f) }).text);
  });

  it('hover on a finding: title, message, why, how and the rule page', async () => {
    const uri = 'file:///ws/hover.yaml';
    await c.open(uri, WEB);
    const h = await c.hover(uri, { line: 13, character: 25 });
    assert.ok(h);
    const md = typeof h.contents === 'object' && 'kind' in h.contents ? h.contents : undefined;
    assert.equal(md?.kind, 'markdown');
    const meta = ruleById('pss-privileged')!.meta;
    assert.ok(md.value.includes(meta.title));
    assert.ok(md.value.includes('must not be privileged'), 'the message');
    assert.ok(md.value.includes(meta.why));
    assert.ok(md.value.includes(meta.how));
    assert.ok(md.value.includes(`(${ruleDocUrl('pss-privileged')})`));
    assert.ok(h.range);
    assert.deepEqual(rangeOf({ range: h.range }), WEB_PRIVILEGED);
    assert.equal(await c.hover(uri, { line: 0, character: 3 }), null, 'no hover away from findings');
  });
});

describe('protocol: snippet edits and codeAction/resolve', () => {
  it('the disable action is a snippet with the reason as a placeholder when the client takes snippet edits', async () => {
    const caps = vscodeLikeCapabilities();
    caps.workspace = { ...caps.workspace, workspaceEdit: { documentChanges: true, snippetEditSupport: true } as NonNullable<typeof caps.workspace>['workspaceEdit'] };
    const c = await LspTestClient.start({ capabilities: caps });
    try {
      const uri = 'file:///ws/snippet.yaml';
      const p = await c.open(uri, WEB);
      const priv = byCode(p.diagnostics, 'pss-privileged');
      const actions = await c.codeActions(uri, priv.range, [priv], ['quickfix.kubeward.disable']);
      assert.equal(actions.length, 1, titles(actions));
      const change = actions[0].edit?.documentChanges?.[0];
      assert.ok(change && 'edits' in change);
      const edit = change.edits[0] as { snippet?: { value: string } };
      assert.equal(edit.snippet?.value, '            # kubeward-disable-next-line pss-privileged -- ${1:TODO explain why this is acceptable}\n');
      assert.ok(applyWorkspaceEdit(WEB, actions[0].edit, uri).includes('# kubeward-disable-next-line pss-privileged -- TODO explain why'));
    } finally {
      await c.stop();
    }
  });

  it('in a large file, whole-workload actions come without an edit and codeAction/resolve computes it', async () => {
    const c = await LspTestClient.start();
    try {
      const uri = 'file:///ws/large.yaml';
      let text = WEB;
      for (let i = 0; text.length < 70 * 1024; i++) text += API.replace('name: api}', `name: api-${i}}`);
      const p = await c.open(uri, text);
      const diag = p.diagnostics.find((d) => d.code === 'pss-privileged' && d.range.start.line === 13);
      assert.ok(diag);
      const actions = await c.codeActions(uri, diag.range, [diag]);
      const harden = actions.find((a) => a.kind === 'quickfix.kubeward.harden');
      assert.ok(harden, titles(actions));
      assert.equal(harden.edit, undefined, 'the edit is deferred');
      assert.ok(harden.data, 'the action carries what resolve needs');
      const resolved = await c.resolve(harden);
      assert.ok(resolved.edit);
      const hardened = applyWorkspaceEdit(text, resolved.edit, uri);
      assert.equal(hardened, applyFixes(text, {}, { safety: 'suggestion', filter: (f: Finding) => f.docIndex === 0 && isHardeningFinding(f) }).text);
      const before = splitDocuments(text);
      const after = splitDocuments(hardened);
      for (let i = 1; i < before.length; i++) assert.equal(after[i].text, before[i].text, `document ${i} is byte-identical`);
    } finally {
      await c.stop();
    }
  });
});
