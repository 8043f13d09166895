// Rendered manifests (`helm template . | kubeward lint -`, `kustomize build | kubeward lint -`)
// are one stream of documents; their findings are only useful when they name the file to edit.
// Helm writes `# Source: <chart>/templates/<file>` at the top of each document; Kustomize, with
// `buildMetadata: [originAnnotations]` in the kustomization, writes a
// `config.kubernetes.io/origin` annotation whose `path:` names the source file. Both are read from
// the text, per YAML document, without parsing.
import { splitDocuments } from '../engine/parse';

const HELM_SOURCE = /^#\s*Source:\s*(\S.*?)\s*$/m;
const KUSTOMIZE_ORIGIN = /config\.kubernetes\.io\/origin:\s*\|[-+]?\s*\n(?:[ \t]+.*\n)*?[ \t]+path:\s*['"]?([^'"\n]+?)['"]?\s*(?:\n|$)/;

export interface SourceMap {
  /** The template or source file of the document holding `offset`, if the text says. */
  at(offset: number): string | undefined;
}

const NONE: SourceMap = { at: () => undefined };

export function renderedSources(text: string): SourceMap {
  if (!text.includes('# Source:') && !text.includes('config.kubernetes.io/origin')) return NONE;
  const docs = splitDocuments(text).map((c) => ({ start: c.offset, end: c.offset + c.text.length, source: sourceOf(c.text) }));
  if (!docs.some((d) => d.source !== undefined)) return NONE;
  return {
    at(offset) {
      for (const d of docs) if (offset >= d.start && offset < d.end) return d.source;
      return docs.length > 0 && offset >= docs[docs.length - 1].end ? docs[docs.length - 1].source : undefined;
    },
  };
}

function sourceOf(doc: string): string | undefined {
  // Helm: the comment comes before the document's content.
  const helm = HELM_SOURCE.exec(doc);
  if (helm && !/^[^#\s-]/m.test(doc.slice(0, helm.index))) return helm[1];
  const origin = KUSTOMIZE_ORIGIN.exec(doc);
  return origin ? origin[1].trim() : undefined;
}
