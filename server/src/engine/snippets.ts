// The snippet templates (snippets/kubernetes.json, the file VS Code contributes for YAML) and a
// reader of their syntax. The language server offers the same templates as completions, so there
// is one source; esbuild bundles the JSON into dist/server.js.
//
// The syntax is VS Code's (which LSP's snippet syntax is a subset of): tab stops `$1` / `${1}`,
// placeholders `${1:default}` (nestable), choices `${1|a,b|}`, the final cursor `$0`, variables
// `$NAME` / `${NAME:default}`, and `\$`, `\}`, `\\` escapes.
import data from '../../../snippets/kubernetes.json';

export interface SnippetTemplate {
  /** The key in snippets/kubernetes.json: what VS Code shows as the snippet's name. */
  name: string;
  prefix: string;
  description: string;
  /** The body's lines joined with '\n', in snippet syntax. */
  body: string;
}

interface RawSnippet {
  prefix: string | string[];
  description?: string;
  body: string | string[];
}

export const SNIPPETS: readonly SnippetTemplate[] = Object.entries(data as Record<string, RawSnippet>).map(([name, s]) => ({
  name,
  prefix: Array.isArray(s.prefix) ? s.prefix[0] : s.prefix,
  description: s.description ?? '',
  body: Array.isArray(s.body) ? s.body.join('\n') : s.body,
}));

export function snippetByPrefix(prefix: string): SnippetTemplate | undefined {
  return SNIPPETS.find((s) => s.prefix === prefix);
}

export interface ExpandOptions {
  /** Text for tab stops by number, instead of their defaults (a mirror `${1}` takes the same text). */
  values?: Readonly<Record<number, string>>;
  /** Values of variables such as TM_FILENAME; an unknown variable expands to its default or ''. */
  variables?: Readonly<Record<string, string>>;
}

/** Fixed values for the variables VS Code resolves, so that expansions are reproducible. */
export const FIXED_VARIABLES: Readonly<Record<string, string>> = {
  TM_FILENAME: 'manifest.yaml',
  TM_FILENAME_BASE: 'manifest',
  TM_DIRECTORY: 'manifests',
  TM_FILEPATH: 'manifests/manifest.yaml',
  TM_SELECTED_TEXT: '',
  TM_CURRENT_LINE: '',
  TM_CURRENT_WORD: '',
  TM_LINE_INDEX: '0',
  TM_LINE_NUMBER: '1',
  RELATIVE_FILEPATH: 'manifests/manifest.yaml',
  WORKSPACE_NAME: 'workspace',
  CLIPBOARD: '',
};

type Part =
  | { type: 'text'; text: string }
  | { type: 'tabstop'; index: number; children?: Part[]; choices?: string[] }
  | { type: 'variable'; name: string; children?: Part[] };

/** The snippet as inserted when every tab stop keeps its default: the first choice, '' for `$0` and bare stops. */
export function expandSnippet(body: string, options: ExpandOptions = {}): string {
  const parts = parseSnippet(body);
  const defaults = new Map<number, Part[] | string>();
  collectDefaults(parts, defaults);
  const variables = options.variables ?? FIXED_VARIABLES;
  const render = (ps: Part[]): string =>
    ps
      .map((p) => {
        if (p.type === 'text') return p.text;
        if (p.type === 'variable') return variables[p.name] ?? (p.children ? render(p.children) : '');
        const given = options.values?.[p.index];
        if (given !== undefined) return given;
        const d = defaults.get(p.index);
        if (d === undefined) return '';
        return typeof d === 'string' ? d : render(d);
      })
      .join('');
  return render(parts);
}

/** The tab stop numbers of a snippet in the order a user reaches them ($0 last). */
export function tabStops(body: string): number[] {
  const out = new Set<number>();
  const walk = (ps: Part[]): void => {
    for (const p of ps) {
      if (p.type === 'tabstop') out.add(p.index);
      if (p.type !== 'text' && p.children) walk(p.children);
    }
  };
  walk(parseSnippet(body));
  return [...out].sort((a, b) => (a === 0 ? 1 : b === 0 ? -1 : a - b));
}

/** The choices written for each tab stop that has them. */
export function snippetChoices(body: string): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const walk = (ps: Part[]): void => {
    for (const p of ps) {
      if (p.type === 'tabstop' && p.choices) out.set(p.index, p.choices);
      if (p.type !== 'text' && p.children) walk(p.children);
    }
  };
  walk(parseSnippet(body));
  return out;
}

/** Escapes text so that a snippet inserts it literally. */
export function escapeSnippetText(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

function collectDefaults(parts: Part[], out: Map<number, Part[] | string>): void {
  for (const p of parts) {
    if (p.type === 'tabstop') {
      // The first occurrence that carries a default (placeholder or choice) defines it; mirrors copy it.
      if (!out.has(p.index)) {
        if (p.choices) out.set(p.index, p.choices[0] ?? '');
        else if (p.children) out.set(p.index, p.children);
      }
    }
    if (p.type !== 'text' && p.children) collectDefaults(p.children, out);
  }
}

/** A small recursive-descent reader of the snippet grammar; malformed constructs are kept as text. */
export function parseSnippet(body: string): Part[] {
  let i = 0;
  const parseUntil = (stop: string | undefined): Part[] => {
    const parts: Part[] = [];
    let text = '';
    const flush = (): void => {
      if (text) parts.push({ type: 'text', text });
      text = '';
    };
    while (i < body.length) {
      const c = body[i];
      if (c === '\\' && i + 1 < body.length && /[\\$}]/.test(body[i + 1])) {
        text += body[i + 1];
        i += 2;
        continue;
      }
      if (stop !== undefined && c === stop) {
        flush();
        return parts;
      }
      if (c === '$') {
        const start = i;
        const p = parseDollar();
        if (p) {
          flush();
          parts.push(p);
          continue;
        }
        i = start + 1;
        text += '$';
        continue;
      }
      text += c;
      i++;
    }
    flush();
    return parts;
  };
  const parseDollar = (): Part | undefined => {
    i++; // $
    let m = /^\d+/.exec(body.slice(i));
    if (m) {
      i += m[0].length;
      return { type: 'tabstop', index: Number(m[0]) };
    }
    m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(body.slice(i));
    if (m) {
      i += m[0].length;
      return { type: 'variable', name: m[0] };
    }
    if (body[i] !== '{') return undefined;
    i++;
    m = /^\d+/.exec(body.slice(i));
    if (m) {
      const index = Number(m[0]);
      i += m[0].length;
      if (body[i] === '}') {
        i++;
        return { type: 'tabstop', index };
      }
      if (body[i] === ':') {
        i++;
        const children = parseUntil('}');
        if (body[i] !== '}') return undefined;
        i++;
        return { type: 'tabstop', index, children };
      }
      if (body[i] === '|') {
        const end = body.indexOf('|}', i + 1);
        if (end < 0) return undefined;
        const choices = splitChoices(body.slice(i + 1, end));
        i = end + 2;
        return { type: 'tabstop', index, choices };
      }
      return undefined;
    }
    m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(body.slice(i));
    if (!m) return undefined;
    const name = m[0];
    i += name.length;
    if (body[i] === '}') {
      i++;
      return { type: 'variable', name };
    }
    if (body[i] === ':') {
      i++;
      const children = parseUntil('}');
      if (body[i] !== '}') return undefined;
      i++;
      return { type: 'variable', name, children };
    }
    return undefined;
  };
  return parseUntil(undefined);
}

function splitChoices(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\\' && i + 1 < s.length && /[\\,|$}]/.test(s[i + 1])) {
      cur += s[++i];
    } else if (s[i] === ',') {
      out.push(cur);
      cur = '';
    } else cur += s[i];
  }
  out.push(cur);
  return out;
}
