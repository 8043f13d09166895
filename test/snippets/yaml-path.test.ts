// The cursor's YAML path from indentation (engine/yaml-path.ts): table cases on half-typed text,
// and an oracle test that compares, for every key of the example manifests, the path read from
// indentation with the path of the same key in the parsed YAML tree.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { isMap, isScalar, isSeq, mapPairs, parseChunk, seqItems, splitDocuments } from '../../server/src/engine/parse';
import { expandSnippet, SNIPPETS } from '../../server/src/engine/snippets';
import { cursorContext, mapAt, type CursorContext, type PathSegment } from '../../server/src/engine/yaml-path';

const ROOT = resolve(__dirname, '..', '..', '..');

/** The context at the `‸` marker, which is removed from the text. */
function at(marked: string): CursorContext | undefined {
  const offset = marked.indexOf('‸');
  assert.ok(offset >= 0, 'no cursor marker');
  return cursorContext(marked.slice(0, offset) + marked.slice(offset + 1), offset);
}

function lines(...ls: string[]): string {
  return ls.join('\n');
}

const DEPLOYMENT_HEAD = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  '  namespace: shop',
  'spec:',
  '  template:',
  '    spec:',
];

describe('yaml-path: cursor context from indentation', () => {
  it('an empty text: a key at the root of an empty document', () => {
    const c = at('‸')!;
    assert.equal(c.position, 'key');
    assert.deepEqual(c.path, []);
    assert.equal(c.column, 0);
    assert.equal(c.document.contentBefore, false);
    assert.equal(c.document.contentAfter, false);
  });

  it('a prefix typed at column 0 after ---: a new document with nothing before it', () => {
    const c = at(lines('apiVersion: v1', 'kind: ServiceAccount', '---', 'kw-dep‸'))!;
    assert.equal(c.position, 'key');
    assert.equal(c.prefix, 'kw-dep');
    assert.deepEqual(c.path, []);
    assert.equal(c.document.contentBefore, false);
    assert.equal(c.document.kind, undefined, 'the previous document is not this one');
    assert.equal(c.document.startLine, 3);
  });

  it('a blank line before the content of a document: content after, none before', () => {
    const c = at(lines('---', '‸', 'apiVersion: v1', 'kind: Namespace'))!;
    assert.equal(c.document.contentBefore, false);
    assert.equal(c.document.contentAfter, true);
    assert.equal(c.document.kind, 'Namespace');
  });

  it('inside a container securityContext: path through the container index, siblings before and after', () => {
    const c = at(
      lines(
        ...DEPLOYMENT_HEAD,
        '      containers:',
        '        - name: sidecar',
        '          image: busybox',
        '        - name: app',
        '          securityContext:',
        '            runAsNonRoot: true',
        '            ‸',
        '            capabilities:',
        '              drop: [ALL]',
        '          image: nginx',
      ),
    )!;
    assert.equal(c.position, 'key');
    assert.deepEqual(c.path, ['spec', 'template', 'spec', 'containers', 1, 'securityContext']);
    assert.equal(c.column, 12);
    assert.deepEqual([...mapAt(c.document, c.path).keys()], ['runAsNonRoot', 'capabilities']);
    assert.equal(c.document.kind, 'Deployment');
    assert.equal(c.document.namespace, 'shop');
  });

  it('inside the pod securityContext of a half-typed document that does not parse', () => {
    const text = lines(...DEPLOYMENT_HEAD, '      containers:', '        - name: app', '          image: [unclosed', '      securityContext:', '        run‸');
    assert.ok(parseChunk(text.replace('‸', '')).errors.length > 0, 'the text must not parse');
    const c = at(text)!;
    assert.equal(c.position, 'key');
    assert.equal(c.prefix, 'run');
    assert.deepEqual(c.path, ['spec', 'template', 'spec', 'securityContext']);
  });

  it('compact sequences (items at their key\'s indentation)', () => {
    const c = at(lines('spec:', '  containers:', '  - name: a', '  - name: b', '    securityContext:', '      ‸'))!;
    assert.deepEqual(c.path, ['spec', 'containers', 1, 'securityContext']);
  });

  it('a dash typed on the cursor line starts a new item', () => {
    const c = at(lines('spec:', '  containers:', '    - name: a', '    - ‸'))!;
    assert.equal(c.position, 'key');
    assert.equal(c.dashes, 1);
    assert.deepEqual(c.path, ['spec', 'containers', 1]);
    assert.equal(c.column, 6);
  });

  it('nested dashes on one line', () => {
    const c = at(lines('matrix:', '  - - a: 1', '    - b: 2', '      ‸'))!;
    assert.deepEqual(c.path, ['matrix', 0, 1]);
  });

  it('a value being written: kind, with what is typed as the prefix and the rest of the word replaced', () => {
    const text = lines('apiVersion: apps/v1', 'kind: Depl‸oy', 'metadata:', '  name: x');
    const c = at(text)!;
    assert.equal(c.position, 'value');
    assert.equal(c.key, 'kind');
    assert.deepEqual(c.path, []);
    assert.equal(c.prefix, 'Depl');
    const plain = text.replace('‸', '');
    assert.equal(plain.slice(c.replaceStart, c.replaceEnd), 'Deploy');
    assert.equal(c.document.apiVersion, 'apps/v1');
  });

  it('roleRef.name: the sibling kind is readable from the outline', () => {
    const c = at(lines('kind: RoleBinding', 'roleRef:', '  apiGroup: rbac.authorization.k8s.io', '  kind: ClusterRole', '  name: ‸', 'subjects: []'))!;
    assert.equal(c.position, 'value');
    assert.equal(c.key, 'name');
    assert.deepEqual(c.path, ['roleRef']);
    assert.equal(mapAt(c.document, ['roleRef']).get('kind'), 'ClusterRole');
  });

  it('quoted keys, trailing comments, anchors and CRLF line ends', () => {
    const c = at(lines('"metadata":   # the metadata\r', "  'namespace': &ns \"team-a\" # here\r", '  labels:\r', '    ‸\r', '  name: x\r'))!;
    assert.deepEqual(c.path, ['metadata', 'labels']);
    assert.equal(c.document.namespace, 'team-a');
  });

  it('inside a block scalar there is nothing to complete; dedented out of it there is', () => {
    assert.equal(at(lines('data:', '  script: |', '    echo hi', '    ‸')), undefined);
    const c = at(lines('data:', '  script: |', '    echo hi', '  ‸'))!;
    assert.deepEqual(c.path, ['data']);
  });

  it('comments, flow collections and document markers: no context', () => {
    assert.equal(at(lines('spec:', '  # a comment‸')), undefined);
    assert.equal(at(lines('spec:', '  podSelector: {matchLabels: {‸}}')), undefined);
    assert.equal(at(lines('kind: A', '---‸')), undefined);
  });

  it('each document of a file has its own kind and namespace', () => {
    const text = lines('kind: ServiceAccount', 'metadata:', '  namespace: a', '---', 'kind: Deployment', 'metadata:', '  namespace: b', 'spec:', '  ‸');
    const c = at(text)!;
    assert.equal(c.document.kind, 'Deployment');
    assert.equal(c.document.namespace, 'b');
    assert.deepEqual(c.path, ['spec']);
  });

  it('a value position after a dash: `- name: ` inside a list item', () => {
    const c = at(lines('subjects:', '  - kind: ServiceAccount', '    namespace: apps', '  - name: ‸'))!;
    assert.equal(c.position, 'value');
    assert.equal(c.key, 'name');
    assert.deepEqual(c.path, ['subjects', 1]);
  });

  it('keys after the cursor that belong to a deeper map are not siblings', () => {
    const c = at(lines('securityContext:', '  ‸', '  seccompProfile:', '    type: RuntimeDefault', '  runAsUser: 1'))!;
    assert.deepEqual([...mapAt(c.document, c.path).keys()], ['seccompProfile', 'runAsUser']);
  });
});

/** Every block-map key of a parsed document with its path, by the key's offset. */
function keyPaths(node: unknown, path: PathSegment[], out: Map<number, PathSegment[]>): void {
  if (isMap(node)) {
    if ((node as { flow?: boolean }).flow) return;
    for (const pair of mapPairs(node)) {
      const k = pair.key;
      if (!isScalar(k) || !k.range) continue;
      out.set(k.range[0], path);
      keyPaths(pair.value, [...path, String(k.value)], out);
    }
  } else if (isSeq(node)) {
    if ((node as { flow?: boolean }).flow) return;
    seqItems(node).forEach((item, i) => keyPaths(item, [...path, i], out));
  }
}

/** For every block-map key of every document: the cursor after `key:` gets the parser's path. */
function agreesWithParser(f: string, text: string): void {
  let checked = 0;
  for (const chunk of splitDocuments(text)) {
    const parsed = parseChunk(chunk.text);
    if (parsed.errors.length) continue;
    const expected = new Map<number, PathSegment[]>();
    keyPaths(parsed.doc.contents, [], expected);
    for (const [keyOffset, path] of expected) {
      const abs = chunk.offset + keyOffset;
      const lineEnd = text.indexOf('\n', abs);
      const lineText = text.slice(abs, lineEnd < 0 ? text.length : lineEnd);
      const m = /^("[^"]*"|'[^']*'|[^\s#'"][^#]*?)[ \t]*:(\s|$)/.exec(lineText);
      if (!m) continue; // keys that share a line with a flow collection, complex keys
      // The cursor right after `key: `: a value of that key, held by the map at `path`.
      const c = cursorContext(text, abs + m[0].length - m[2].length);
      assert.ok(c, `${f}: no context after the key at offset ${abs}`);
      assert.deepEqual({ key: c.key, path: c.path }, { key: m[1].replace(/^["']|["']$/g, ''), path }, `${f}: key at offset ${abs}: ${lineText}`);
      checked++;
    }
  }
  assert.ok(checked > 0, `${f}: no key checked`);
}

describe('yaml-path: agrees with the YAML parser on the example manifests and the snippets', () => {
  const dir = join(ROOT, 'examples');
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  it('finds example manifests', () => assert.ok(files.length >= 5, `only ${files.length} files in examples/`));
  for (const f of files) it(`every key of ${f}`, () => agreesWithParser(f, readFileSync(join(dir, f), 'utf8')));
  for (const s of SNIPPETS) it(`every key of snippet ${s.prefix}`, () => agreesWithParser(s.prefix, expandSnippet(s.body)));
});
