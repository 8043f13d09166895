// textDocument/completion: the engine's candidates (engine/completions.ts) as LSP CompletionItems.
// Snippet syntax goes to clients that support it; others get the plain text with the defaults.
// Multi-line items carry their full indentation and ask the client to insert them as they are
// (InsertTextMode.asIs), so editors that re-indent inserted lines do not indent them twice.
//
// Labels and names come from a workspace graph: the server's workspace index when there is one,
// otherwise a graph of the open documents kept here (re-indexing an unchanged document is a hash).
import {
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  MarkupKind,
  type ClientCapabilities,
  type CompletionItem,
  type CompletionList,
  type Position,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { completionsAt, type CandidateKind, type CompletionCandidate } from '../engine/completions';
import { WorkspaceGraph } from '../engine/workspace/graph';
import { isYamlDocument, textOf } from './document-state';

export interface CompletionCapabilities {
  snippets: boolean;
  insertAsIs: boolean;
  markdown: boolean;
}

export function completionCapabilities(c: ClientCapabilities): CompletionCapabilities {
  const item = c.textDocument?.completion?.completionItem;
  return {
    snippets: item?.snippetSupport === true,
    insertAsIs: item?.insertTextModeSupport?.valueSet?.includes(InsertTextMode.asIs) === true,
    markdown: item?.documentationFormat?.includes(MarkupKind.Markdown) === true,
  };
}

const ITEM_KINDS: Record<CandidateKind, CompletionItemKind> = {
  template: CompletionItemKind.Snippet,
  field: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  kind: CompletionItemKind.Class,
  apiVersion: CompletionItemKind.Module,
  label: CompletionItemKind.Constant,
  reference: CompletionItemKind.Reference,
};

export function toCompletionItem(doc: TextDocument, c: CompletionCandidate, caps: CompletionCapabilities): CompletionItem {
  const snippet = caps.snippets && c.snippet !== c.text;
  const newText = snippet ? c.snippet : c.text;
  const item: CompletionItem = {
    label: c.label,
    kind: ITEM_KINDS[c.kind],
    textEdit: { range: { start: doc.positionAt(c.start), end: doc.positionAt(c.end) }, newText },
    insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
  };
  if (c.detail) item.detail = c.detail;
  if (c.documentation) item.documentation = caps.markdown ? { kind: MarkupKind.Markdown, value: c.documentation } : c.documentation;
  if (c.filterText) item.filterText = c.filterText;
  if (c.sortText) item.sortText = c.sortText;
  if (c.preselect) item.preselect = true;
  if (caps.insertAsIs && newText.includes('\n')) item.insertTextMode = InsertTextMode.asIs;
  return item;
}

/** Completion for one document; keeps a graph of the open documents for when no workspace index is given. */
export class CompletionProvider {
  private readonly openGraph = new WorkspaceGraph({ scope: 'the open files' });

  complete(
    doc: TextDocument,
    position: Position,
    caps: CompletionCapabilities,
    openDocuments: readonly TextDocument[],
    workspace?: WorkspaceGraph,
  ): CompletionList {
    if (!isYamlDocument(String(doc.uri), String(doc.languageId))) return { isIncomplete: false, items: [] };
    const text = textOf(doc);
    const lines = TextDocument.create(doc.uri, doc.languageId, doc.version, text);
    const graph = workspace ?? this.syncOpenGraph(openDocuments);
    const candidates = completionsAt(text, lines.offsetAt(position), { graph });
    return { isIncomplete: false, items: candidates.map((c) => toCompletionItem(lines, c, caps)) };
  }

  private syncOpenGraph(docs: readonly TextDocument[]): WorkspaceGraph {
    const open = new Set<string>();
    for (const d of docs) {
      if (!isYamlDocument(String(d.uri), String(d.languageId))) continue;
      open.add(d.uri);
      this.openGraph.setFile(d.uri, textOf(d));
    }
    for (const f of this.openGraph.fileNames()) if (!open.has(f)) this.openGraph.removeFile(f);
    return this.openGraph;
  }
}
