// Runs inside a real VS Code extension host: the client starts the bundled server, diagnostics
// appear, quick fixes change the file, settings re-lint, and a killed server comes back.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { note } from './notes';

const EXT_ID = 'kubeward.kubeward';

function wsFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test needs a workspace folder');
  return vscode.Uri.joinPath(folder.uri, name);
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  if (c === undefined) return undefined;
  return typeof c === 'object' ? String(c.value) : String(c);
}

function kubeward(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kubeward');
}

/** Resolves when the diagnostics of `uri` satisfy `ok`; event-driven, never a fixed sleep. */
function waitForDiagnostics(uri: vscode.Uri, ok: (ds: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 30000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const ds = kubeward(uri);
      if (ok(ds)) {
        sub.dispose();
        clearTimeout(timer);
        resolve(ds);
        return true;
      }
      return false;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}; have: ${kubeward(uri).map((d) => `${codeOf(d)}@${d.range.start.line}`).join(', ')}`));
    }, timeoutMs);
    check();
  });
}

async function open(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(wsFile(name));
  return vscode.window.showTextDocument(doc);
}

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('kubeward').update(key, value, vscode.ConfigurationTarget.Global);
}

describe('Kubeward in VS Code', function () {
  this.timeout(90000);

  after(async () => {
    await setSetting('rules', undefined);
    await setSetting('pss.level', undefined);
  });

  it('activates on a YAML file and publishes diagnostics with codes and exact ranges', async () => {
    const editor = await open('insecure-pod.yaml');
    assert.equal(editor.document.languageId, 'yaml');
    const ds = await waitForDiagnostics(editor.document.uri, (d) => d.some((x) => codeOf(x) === 'pss-privileged'), 'pss-privileged');
    const ext = vscode.extensions.getExtension(EXT_ID);
    assert.ok(ext?.isActive, 'the extension is active');
    const priv = ds.find((d) => codeOf(d) === 'pss-privileged')!;
    // line 12 `      privileged: true`: the value `true`, 0-based line 11, columns 18..22
    assert.deepEqual([priv.range.start.line, priv.range.start.character, priv.range.end.line, priv.range.end.character], [11, 18, 11, 22]);
    assert.equal(priv.severity, vscode.DiagnosticSeverity.Error);
    const target = typeof priv.code === 'object' ? priv.code.target.toString() : '';
    assert.match(target, /docs\/rules\/pss-privileged\.md$/);
  });

  it('applies a quick fix through the code action provider', async () => {
    const editor = await open('insecure-pod.yaml');
    const uri = editor.document.uri;
    const ds = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'pss-privileged'), 'pss-privileged');
    const priv = ds.find((d) => codeOf(d) === 'pss-privileged')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, priv.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Set privileged: false');
    assert.ok(fix?.edit, `expected the fix among: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(fix.isPreferred, 'the fix is preferred');
    const before = editor.document.getText();
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(editor.document.getText(), before.replace('privileged: true', 'privileged: false'));
    await waitForDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'pss-privileged'), 'pss-privileged to go');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('hardens a workload in one action', async () => {
    const editor = await open('harden-me.yaml');
    const uri = editor.document.uri;
    const ds = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'pss-run-as-non-root'), 'restricted findings');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, ds[0].range);
    const harden = actions.find((a) => /Harden this workload/.test(a.title));
    assert.ok(harden, `expected "Harden this workload" among: ${actions.map((a) => a.title).join(' | ')}`);
    if (harden.edit) assert.ok(await vscode.workspace.applyEdit(harden.edit));
    if (harden.command) await vscode.commands.executeCommand(harden.command.command, ...(harden.command.arguments ?? []));
    const text = editor.document.getText();
    assert.match(text, /name: web {3}# the web tier/, 'comments and spacing are kept');
    assert.match(text, /allowPrivilegeEscalation: false/);
    assert.match(text, /runAsNonRoot: true/);
    const pssCodes = ['pss-run-as-non-root', 'pss-allow-privilege-escalation', 'pss-capabilities-restricted', 'pss-seccomp-restricted'];
    await waitForDiagnostics(uri, (d) => !d.some((x) => pssCodes.includes(codeOf(x) ?? '')), 'restricted findings to go');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('fix-all on save applies safe fixes only', async () => {
    const editor = await open('save-fixes.yaml');
    const uri = editor.document.uri;
    const before = await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'deprecated-api-version') && d.some((x) => codeOf(x) === 'pss-privileged'), 'both findings');
    const apiLine = before.find((x) => codeOf(x) === 'deprecated-api-version')!.range.start.line;
    const onSave = { 'source.fixAll.kubeward': 'explicit' };
    await vscode.workspace.getConfiguration('editor').update('codeActionsOnSave', onSave, vscode.ConfigurationTarget.Global);
    // The extension host learns of a settings change after the workbench has it: once the setting
    // reads back here, the save participant (in the workbench) sees it too. A CI run once saved
    // before that and the fix was not applied.
    await waitFor(() => JSON.stringify(vscode.workspace.getConfiguration('editor', uri).get('codeActionsOnSave')) === JSON.stringify(onSave), 'editor.codeActionsOnSave to take effect');
    try {
      // A real edit, then save through the command a person uses (Ctrl+S), which runs save participants.
      // VS Code's code-actions-on-save participant swallows any failure to apply an action, and here it
      // intermittently applied nothing (about one save in three on a freshly installed VS Code server,
      // the action, with its edit, offered when asked right after; cause not found). So a save that
      // applied nothing is noted in the output and tried again, up to three saves.
      let text = '';
      const misses: string[] = [];
      for (let attempt = 1; attempt <= 3; attempt++) {
        await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# nightly report\n'));
        // Saved once the server has linted the edit (its finding moved down a line), as a person's Ctrl+S comes.
        const line = apiLine + attempt;
        await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'deprecated-api-version' && x.range.start.line === line), 'the edit to be linted');
        await vscode.commands.executeCommand('workbench.action.files.save');
        text = editor.document.getText();
        if (/^apiVersion: batch\/v1$/m.test(text)) break;
        // Say what the save participant would have seen, to tell a missing action from one not applied.
        const whole = new vscode.Range(0, 0, editor.document.lineCount, 0);
        const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, whole, 'source.fixAll.kubeward');
        const setting = JSON.stringify(vscode.workspace.getConfiguration('editor', uri).get('codeActionsOnSave'));
        misses.push(`save ${attempt} applied nothing (editor.codeActionsOnSave=${setting}; offered now: ${JSON.stringify((offered ?? []).map((a) => [a.title, a.kind?.value, !!a.edit]))}; dirty: ${editor.document.isDirty})`);
        note(`fix-all on save: ${misses[misses.length - 1]}`);
      }
      assert.match(text, /^apiVersion: batch\/v1$/m, `the safe apiVersion fix was not applied by any of 3 saves: ${misses.join('; ')}; the saved text:\n${text}`);
      assert.match(text, /privileged: true/, 'the suggestion was not applied');
      assert.ok(!editor.document.isDirty, 'the file was saved');
      await waitForDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'deprecated-api-version') && d.some((x) => codeOf(x) === 'pss-privileged'), 'only the suggestion left');
    } finally {
      await vscode.workspace.getConfiguration('editor').update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('completes snippets, and the expanded snippet lints clean', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: '' });
    const editor = await vscode.window.showTextDocument(doc);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, 0), undefined, 200);
    const labelOf = (i: vscode.CompletionItem): string => (typeof i.label === 'string' ? i.label : i.label.label);
    const snippet = list.items.find((i) => labelOf(i) === 'kw-netpol-deny-all' && i.kind === vscode.CompletionItemKind.Snippet);
    assert.ok(snippet, `expected the kw-netpol-deny-all snippet among ${list.items.length} items`);
    assert.ok(snippet.insertText instanceof vscode.SnippetString);
    assert.ok(await editor.insertSnippet(snippet.insertText, new vscode.Position(0, 0)));
    assert.match(doc.getText(), /kind: NetworkPolicy/);
    assert.match(doc.getText(), /policyTypes:/);
    // Append an insecure pod after the snippet: once its finding arrives, the server has linted the
    // text with the snippet in it, and nothing may be reported on the snippet's lines.
    const snippetLines = doc.lineCount;
    await editor.edit((e) => e.insert(doc.lineAt(doc.lineCount - 1).range.end, '\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: apps}\nspec:\n  containers:\n  - {name: a, image: a:1.0, securityContext: {privileged: true}}\n'));
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'pss-privileged'), 'the appended pod to be linted');
    const onSnippet = ds.filter((d) => d.range.start.line < snippetLines);
    assert.deepEqual(onSnippet.map((d) => `${codeOf(d)}@${d.range.start.line}`), [], 'the expanded snippet lints clean');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('updates cross-file diagnostics when a NetworkPolicy in another file is deleted and restored', async () => {
    const editor = await open('shop-deployment.yaml');
    const uri = editor.document.uri;
    const policy = wsFile('shop-network-policy.yaml');
    const policyText = await vscode.workspace.fs.readFile(policy);
    const isolated = (d: vscode.Diagnostic[]): boolean => !d.some((x) => codeOf(x) === 'netpol-not-isolated');
    // Indexed with the policy in the workspace: the Deployment is isolated. (Its other findings prove it was linted.)
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'pss-run-as-non-root') && isolated(d), 'the Deployment linted with the policy indexed');
    await vscode.workspace.fs.delete(policy);
    const ds = await waitForDiagnostics(uri, (d) => !isolated(d), 'netpol-not-isolated after the policy file is deleted');
    assert.equal(ds.find((x) => codeOf(x) === 'netpol-not-isolated')!.range.start.line >= 0, true);
    await vscode.workspace.fs.writeFile(policy, policyText);
    await waitForDiagnostics(uri, isolated, 'netpol-not-isolated gone once the policy file is back');
  });

  it('re-lints open files when a rule is turned off or the PSS level changes', async () => {
    const editor = await open('insecure-pod.yaml');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'pss-privileged'), 'pss-privileged');
    await setSetting('rules', { 'pss-privileged': 'off' });
    await waitForDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'pss-privileged') && d.length > 0, 'pss-privileged off');
    await setSetting('rules', undefined);
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'pss-privileged'), 'pss-privileged back');
    await setSetting('pss.level', 'baseline');
    await waitForDiagnostics(uri, (d) => !d.some((x) => codeOf(x) === 'pss-run-as-non-root') && d.some((x) => codeOf(x) === 'pss-privileged'), 'restricted findings gone at baseline');
    await setSetting('pss.level', undefined);
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'pss-run-as-non-root'), 'restricted findings back');
  });

  it('comes back after the language server is killed', async () => {
    const editor = await open('insecure-pod.yaml');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'pss-privileged'), 'pss-privileged');
    const pids = serverPids();
    assert.ok(pids.length > 0, 'found the language server process');
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    // Wait until a new server process runs, then edit and see fresh diagnostics from it.
    await waitFor(() => serverPids().some((p) => !pids.includes(p)), 'a new server process');
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# restarted\n'));
    await waitForDiagnostics(uri, (d) => d.some((x) => codeOf(x) === 'pss-privileged' && x.range.start.line === 12), 'diagnostics from the new server');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});

/** Language server processes started by this extension host (children running dist/server.js). */
function serverPids(): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.includes('server.js')) out.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

function waitFor(cond: () => boolean, what: string, timeoutMs = 30000): Promise<void> {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const tick = (): void => {
      if (cond()) return resolve();
      if (Date.now() - start > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 100);
    };
    tick();
  });
}
