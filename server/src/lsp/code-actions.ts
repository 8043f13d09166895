// Code actions, computed from the snapshot of the current text (never from a server-side map of
// earlier results), and matched to their diagnostics by code and data, never by message:
// - one quick fix per valid fix of the finding (the rule's best one preferred);
// - "Disable <rule> for this line": a `# kubeward-disable-next-line` comment above the line;
// - "Harden this workload": every fix of one resource, through the engine's applyFixes;
// - source.fixAll.kubeward (safe fixes only) and "Harden all workloads in this file".
// Whole-text actions are cheap to list but cost a few lint passes to compute (tens to hundreds of
// milliseconds). When the user asks for actions and the file is of ordinary size, the edit comes
// with the action, so every client (and VS Code's executeCodeActionProvider) gets it directly;
// otherwise (a light bulb refresh, a large file) codeAction/resolve fills it in when the client
// supports it, and clients without resolve get whole-text actions only when they ask.
import {
  CodeAction,
  CodeActionKind,
  CodeActionTriggerKind,
  type CodeActionParams,
  type Diagnostic,
  type SnippetTextEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { applyEdits, applyFixes, isFixValid, isHardeningFinding, isValidYamlChange, Linter, type Edit, type Finding, type ResourceRef } from '../engine';
import { splitDocuments } from '../engine/parse';
import { isFindingData, SOURCE, toRange, YAML_SYNTAX } from './diagnostics';
import type { Snapshot } from './document-state';
import { diffEdits, trimEdit } from './text-diff';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.kubeward`;
export const HARDEN_WORKLOAD_KIND = `${CodeActionKind.QuickFix}.kubeward.harden`;
export const HARDEN_FILE_KIND = `${CodeActionKind.Source}.kubeward.harden`;
export const DISABLE_KIND = `${CodeActionKind.QuickFix}.kubeward.disable`;

/** What the client can take, from its initialize capabilities. */
export interface EditCapabilities {
  documentChanges: boolean;
  snippetEdits: boolean;
  /** codeAction/resolve may fill in `edit`. */
  resolveEdit: boolean;
}

export type ResolveData =
  | { uri: string; action: 'fixAll' }
  | { uri: string; action: 'hardenFile' }
  | { uri: string; action: 'hardenWorkload'; docIndex: number; resource: ResourceRef };

/** Up to this many UTF-16 code units, whole-text actions carry their edit without a resolve. */
const EAGER_TEXT_LIMIT = 64 * 1024;

export const SUPPRESSION_PLACEHOLDER = 'TODO explain why this is acceptable';

/**
 * Lints trial texts (one YAML document with a suppression comment added). Its own linter, without
 * hooks: a trial must neither evict the documents' caches nor enter the workspace graph.
 */
const scratch = new Linter();

export function codeActions(snap: Snapshot, params: CodeActionParams, caps: EditCapabilities): CodeAction[] {
  const result = snap.result;
  if (!result) return [];
  const only = params.context.only;
  const wants = (kind: string): boolean => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  // Asked for by the user (Ctrl+., a menu, save with codeActionsOnSave), as opposed to the light
  // bulb refreshing on every cursor move, which must stay cheap.
  const invoked = params.context.triggerKind !== CodeActionTriggerKind.Automatic || only !== undefined;
  const out: CodeAction[] = [];
  const hardened = new Set<string>();

  for (const diag of params.context.diagnostics ?? []) {
    if (diag.source !== SOURCE || typeof diag.code !== 'string' || diag.code === YAML_SYNTAX) continue;
    const finding = findingFor(snap, diag);
    if (!finding) continue;
    if (wants(CodeActionKind.QuickFix)) {
      for (const fix of finding.fixes) {
        if (!isFixValid(snap.text, fix)) continue;
        const edits = fix.edits.map((e) => trimEdit(snap.text, e)).filter((e): e is Edit => e !== undefined);
        if (edits.length === 0) continue;
        out.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diag],
          isPreferred: fix.preferred === true,
          edit: workspaceEdit(snap, edits, caps),
        });
      }
    }
    if (wants(DISABLE_KIND)) {
      const disable = disableAction(snap, finding, diag, caps);
      if (disable) out.push(disable);
    }
    const resource = finding.resource;
    if (resource && wants(HARDEN_WORKLOAD_KIND)) {
      const key = `${finding.docIndex}\u0000${refKey(resource)}`;
      if (hardened.has(key)) continue;
      hardened.add(key);
      const inWorkload = (f: Finding): boolean => f.docIndex === finding.docIndex && sameResource(f.resource, resource);
      const count = result.findings.filter((f) => inWorkload(f) && f.fixes.length > 0 && isHardeningFinding(f)).length;
      if (count === 0) continue;
      const action: CodeAction = {
        title: `Harden this workload (${describe(resource)}): apply ${count} suggested fix${count === 1 ? '' : 'es'}`,
        kind: HARDEN_WORKLOAD_KIND,
        diagnostics: [diag],
      };
      const data: ResolveData = { uri: snap.uri, action: 'hardenWorkload', docIndex: finding.docIndex, resource };
      const done = finishWholeTextAction(snap, action, data, caps, invoked);
      if (done) out.push(done);
    }
  }

  // A light bulb never shows source actions, so they are only listed when asked for.
  if (!invoked) return out;
  if (wants(FIX_ALL_KIND) && result.findings.some((f) => f.fixes.some((x) => x.safety === 'safe'))) {
    const action: CodeAction = { title: 'Kubeward: fix all safe problems', kind: FIX_ALL_KIND };
    const done = finishWholeTextAction(snap, action, { uri: snap.uri, action: 'fixAll' }, caps, invoked);
    if (done) out.push(done);
  }
  if (wants(HARDEN_FILE_KIND) && result.findings.some((f) => f.fixes.length > 0 && isHardeningFinding(f))) {
    const action: CodeAction = { title: 'Kubeward: harden all workloads in this file', kind: HARDEN_FILE_KIND };
    const done = finishWholeTextAction(snap, action, { uri: snap.uri, action: 'hardenFile' }, caps, invoked);
    if (done) out.push(done);
  }
  return out;
}

/** codeAction/resolve: fills in the edit of a whole-text action from the current snapshot. */
export function resolveCodeAction(snap: Snapshot, action: CodeAction, caps: EditCapabilities): CodeAction {
  const data = action.data as ResolveData | undefined;
  if (!isResolveData(data)) return action;
  const edits = wholeTextEdits(snap, data);
  return { ...action, edit: workspaceEdit(snap, edits ?? [], caps) };
}

export function isResolveData(v: unknown): v is ResolveData {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as Record<string, unknown>;
  if (typeof d.uri !== 'string') return false;
  if (d.action === 'fixAll' || d.action === 'hardenFile') return true;
  return d.action === 'hardenWorkload' && typeof d.docIndex === 'number' && typeof d.resource === 'object' && d.resource !== null;
}

/**
 * The finding behind a diagnostic: one of the diagnostic's rule at its range (editors move a
 * diagnostic's range along with the text, so after an edit it still points at the finding), the
 * data key telling apart several there; without one at that range (the text changed since the
 * diagnostic was published), the finding with that key.
 */
export function findingFor(snap: Snapshot, diag: Diagnostic): Finding | undefined {
  const findings = snap.result?.findings ?? [];
  const code = diag.code;
  const data = isFindingData(diag.data) ? diag.data : undefined;
  const start = snap.lines.offsetAt(diag.range.start);
  const end = snap.lines.offsetAt(diag.range.end);
  let atRange: Finding | undefined;
  for (let j = 0; j < findings.length; j++) {
    const f = findings[j];
    if (f.ruleId !== code || f.start !== start || f.end !== end) continue;
    if (!data || snap.keys[j] === data.key) return f;
    atRange ??= f;
  }
  if (atRange) return atRange;
  if (!data) return undefined;
  const i = findings.findIndex((f, j) => f.ruleId === code && snap.keys[j] === data.key);
  return i >= 0 ? findings[i] : undefined;
}

function disableAction(snap: Snapshot, f: Finding, diag: Diagnostic, caps: EditCapabilities): CodeAction | undefined {
  const text = snap.text;
  let lineStart = text.lastIndexOf('\n', f.start - 1) + 1;
  if (lineStart === 0 && text.charCodeAt(0) === 0xfeff) lineStart = 1; // keep a byte order mark first
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))![0];
  const lineEnd = text.indexOf('\n', lineStart);
  const eol = lineEnd > 0 && text[lineEnd - 1] === '\r' ? '\r\n' : '\n';
  const head = `${indent}# kubeward-disable-next-line ${f.ruleId} -- `;
  const plain = `${head}${SUPPRESSION_PLACEHOLDER}${eol}`;
  // Only offer the comment where the YAML stays valid and the engine then really drops the
  // finding (not, say, above a `---` line that starts the finding's document). Suppressions act
  // within one YAML document, so re-linting that document alone is enough.
  const after = applyEdits(text, [{ start: lineStart, end: lineStart, text: plain }]);
  if (!isValidYamlChange(text, after)) return undefined;
  const chunk = splitDocuments(after)[f.docIndex];
  if (!chunk) return undefined;
  const moved = f.start + plain.length - chunk.offset;
  if (scratch.lint(chunk.text, snap.options).findings.some((g) => g.ruleId === f.ruleId && g.start === moved)) return undefined;

  const title = `Disable ${f.ruleId} for this line`;
  const range = toRange(snap.lines, lineStart, lineStart);
  if (caps.documentChanges && caps.snippetEdits) {
    // The reason is a placeholder the user types over right away.
    const snippet: SnippetTextEdit = { range, snippet: { kind: 'snippet', value: `${escapeSnippet(head)}\${1:${SUPPRESSION_PLACEHOLDER}}${eol}` } };
    const edit: WorkspaceEdit = { documentChanges: [{ textDocument: { uri: snap.uri, version: snap.version }, edits: [snippet] }] };
    return { title, kind: DISABLE_KIND, diagnostics: [diag], edit };
  }
  return { title, kind: DISABLE_KIND, diagnostics: [diag], edit: workspaceEdit(snap, [{ start: lineStart, end: lineStart, text: plain }], caps) };
}

function finishWholeTextAction(snap: Snapshot, action: CodeAction, data: ResolveData, caps: EditCapabilities, invoked: boolean): CodeAction | undefined {
  const eager = invoked && snap.text.length <= EAGER_TEXT_LIMIT;
  if (!eager) {
    if (caps.resolveEdit) return { ...action, data };
    if (!invoked) return undefined;
  }
  const edits = wholeTextEdits(snap, data);
  if (!edits || edits.length === 0) return undefined;
  return { ...action, edit: workspaceEdit(snap, edits, caps) };
}

function wholeTextEdits(snap: Snapshot, data: ResolveData): Edit[] | undefined {
  if (!snap.result) return undefined;
  let out: string;
  if (data.action === 'fixAll') {
    out = applyFixes(snap.text, snap.options, { safety: 'safe' }).text;
  } else if (data.action === 'hardenFile') {
    out = applyFixes(snap.text, snap.options, { safety: 'suggestion', filter: isHardeningFinding }).text;
  } else {
    const { docIndex, resource } = data;
    out = applyFixes(snap.text, snap.options, { safety: 'suggestion', filter: (f) => f.docIndex === docIndex && sameResource(f.resource, resource) && isHardeningFinding(f) }).text;
  }
  return diffEdits(snap.text, out);
}

function workspaceEdit(snap: Snapshot, edits: readonly Edit[], caps: EditCapabilities): WorkspaceEdit {
  const textEdits: TextEdit[] = edits.map((e) => ({ range: toRange(snap.lines, e.start, e.end), newText: e.text }));
  if (caps.documentChanges) {
    // The version lets the client refuse the edit if the text changed since.
    return { documentChanges: [{ textDocument: { uri: snap.uri, version: snap.version }, edits: textEdits }] };
  }
  return { changes: { [snap.uri]: textEdits } };
}

function sameResource(a: ResourceRef | undefined, b: ResourceRef): boolean {
  return !!a && a.kind === b.kind && a.name === b.name && a.namespace === b.namespace && a.apiVersion === b.apiVersion;
}

function refKey(r: ResourceRef): string {
  return [r.apiVersion, r.kind, r.namespace, r.name].join('\u0000');
}

function describe(r: ResourceRef): string {
  return r.name ? `${r.kind} "${r.name}"` : r.kind;
}

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => `\\${c}`);
}
