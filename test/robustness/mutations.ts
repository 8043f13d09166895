// Mutations of manifests, as fast-check arbitraries: the half-typed and half-pasted states an editor
// sees. Each mutation is plain data (so fast-check can print and shrink a failing case) applied by
// `mutate`. Positions are naturals taken modulo the length of what they index.
import fc from 'fast-check';

export type Mutation =
  | { op: 'delete-line'; at: number }
  | { op: 'duplicate-line'; at: number }
  | { op: 'indent'; at: number; by: number }
  | { op: 'unindent'; at: number }
  | { op: 'tab'; at: number }
  | { op: 'truncate'; at: number }
  | { op: 'scalar-to'; at: number; shape: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'crlf' }
  | { op: 'lone-cr'; at: number }
  | { op: 'swap-lines'; at: number; with: number };

/** Odd things to paste in: YAML syntax, markers, aliases, templates, directives, odd characters. */
const SNIPPETS = [
  '{', '}', '[', ']', ', ', ': ', '- ', '? ', '#', ' # c', '"', "'", '|', '>-', '&a ', '*a', '<<: *a', '!!str ', '!!map ', '!custom ',
  '\n---\n', '\n...\n', '\n--- |\n', '%YAML 1.1\n', '\u0000', '\ufeff', '\u2028', '\u00a0', '😀', '\ud800', '\udfff', 'é', '\t', '\r',
  'null', '~', 'true', 'yes', '0o777', '.inf', '1e999', '{{ .Values.image }}', '{{- if .Values.enabled }}\n', '$patch: delete',
  '# kubeward-disable-next-line pss-privileged -- reason\n', 'privileged: true', 'hostNetwork: true', 'securityContext: {}',
  'containers: []', 'containers:\n- name: x\n  image: y\n', 'apiVersion: v1\nkind: Pod\n', 'kind: List\nitems:\n- ',
];

/** What a scalar value is swapped for: maps and lists in both styles, empty and odd values. */
const SHAPES = ['{a: 1}', '[1, 2]', '{}', '[]', '\n  - x\n  - y', '\n  k: v', '', '~', '*a', '&b {c: d}', '"quoted: value"', '|\n  block'];

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('unindent' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('tab' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('scalar-to' as const), at: fc.nat(), shape: fc.nat({ max: SHAPES.length - 1 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ unit: 'binary', maxLength: 6 })) }),
  fc.record({ op: fc.constant('crlf' as const) }),
  fc.record({ op: fc.constant('lone-cr' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap-lines' as const), at: fc.nat(), with: fc.nat() }),
);

export function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const li = (n: number) => n % lines.length;
  switch (m.op) {
    case 'delete-line':
      lines.splice(li(m.at), 1);
      return lines.join('\n');
    case 'duplicate-line': {
      const i = li(m.at);
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    }
    case 'indent': {
      const i = li(m.at);
      lines[i] = ' '.repeat(m.by) + lines[i];
      return lines.join('\n');
    }
    case 'unindent': {
      const i = li(m.at);
      lines[i] = lines[i].replace(/^ {1,2}/, '');
      return lines.join('\n');
    }
    case 'tab': {
      // A tab in the indentation, or anywhere in the line.
      const i = li(m.at);
      const l = lines[i];
      lines[i] = /^ /.test(l) && m.at % 2 === 0 ? l.replace(/^ +/, '\t') : insertAt(l, m.at % (l.length + 1), '\t');
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'scalar-to': {
      // The value of the n-th `key: value` line becomes a map, a list or something odd.
      const withValue = lines.map((l, i) => [l, i] as const).filter(([l]) => /:\s+\S/.test(l));
      if (withValue.length === 0) return text;
      const [l, i] = withValue[m.at % withValue.length];
      const colon = l.search(/:\s+\S/);
      const indent = (/^\s*/.exec(l)?.[0] ?? '').replace(/-\s/, '  ');
      lines[i] = `${l.slice(0, colon + 1)} ${SHAPES[m.shape].replace(/\n/g, `\n${indent}`)}`.replace(/ \n/, '\n');
      return lines.join('\n');
    }
    case 'insert':
      return insertAt(text, m.at % (text.length + 1), m.text);
    case 'crlf':
      return text.replace(/\r?\n/g, '\r\n');
    case 'lone-cr':
      return insertAt(text, m.at % (text.length + 1), '\r');
    case 'swap-lines': {
      const a = li(m.at);
      const b = li(m.with);
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
  }
}

function insertAt(s: string, at: number, what: string): string {
  return s.slice(0, at) + what + s.slice(at);
}

/** Tokens of YAML and of manifests, for random texts that reach deeper into the parser than bytes do. */
const TOKENS = [
  'apiVersion: v1\n', 'apiVersion: apps/v1\n', 'kind: Pod\n', 'kind: Deployment\n', 'kind: List\n', 'metadata:\n', '  name: x\n', 'spec:\n',
  '  template:\n', '    spec:\n', 'containers:\n', '- name: c\n', '  image: nginx\n', 'securityContext:\n', '  privileged: true\n', 'hostPID: true\n',
  'items:\n', '- ', '  ', '    ', '\t', '\n', '\r\n', '\r', ': ', ':', '? ', '-', '{', '}', '[', ']', ', ', '#', '# c\n', '"', "'", '\\', '|', '|-\n', '>', '&a ',
  '*a', '<<: ', '!!str ', '!tag ', '%YAML 1.2\n', '---\n', '...\n', '--- ', 'null', '~', 'true', '0x1F', '.nan', '"\\u00e9"', '"\\x"', "''", '😀', '\u0000',
  '\ufeff', '\u2028', '\ud83d', 'key', 'value', '{{ x }}', '$patch: merge\n',
];

export const tokenSoup: fc.Arbitrary<string> = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((t) => t.join(''));

/** Any text: code points from the whole Unicode range, lone surrogates and control characters too. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: fc.constantFrom('\ud800', '\udc00', '\u0000', '\r', '\n', ' ', '\t', ':', '-', '{', '[', '"', 'a'), maxLength: 200 }),
  tokenSoup,
);
