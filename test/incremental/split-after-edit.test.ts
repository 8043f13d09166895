// splitDocumentsAfterEdit reuses the chunks an edit did not touch; it must split exactly as
// splitDocuments splits the new text, for any edit: markers typed, broken, joined or removed,
// comment-only and directive-only stretches, CRLF, `...` end markers, edits at either end.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { manifest, rng } from '../../bench/generate';
import { splitDocuments, splitDocumentsAfterEdit, type DocChunk } from '../../server/src/engine/parse';

const LINES = ['---', '...', '--- # doc', '---x', '....', '-- -', '# comment', '%YAML 1.1', 'a: 1', 'b:', '  - x', '', ' ', 'kind: Pod', '--- !!map', '... # end'];

const line = fc.constantFrom(...LINES);
const text = fc.tuple(fc.array(line, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), fc.boolean()).map(([ls, nl, end]) => ls.join(nl) + (end ? nl : ''));
/** An edit: replace [start, start + removed) of the text with `insert`. */
const edit = fc.record({
  start: fc.nat(),
  removed: fc.nat({ max: 40 }),
  insert: fc.oneof(fc.constantFrom('', '-', '.', '\n', '\n---\n', '---', '...\n', '# x', 'x', '\n...\n', '\r\n'), fc.array(line, { maxLength: 3 }).map((l) => l.join('\n'))),
});

function apply(t: string, e: { start: number; removed: number; insert: string }): string {
  const s = e.start % (t.length + 1);
  return t.slice(0, s) + e.insert + t.slice(Math.min(t.length, s + e.removed));
}

function plain(chunks: readonly DocChunk[]): DocChunk[] {
  return chunks.map((c) => ({ offset: c.offset, text: c.text }));
}

describe('splitDocumentsAfterEdit', () => {
  it('splits as splitDocuments does, after a chain of random edits of marker-heavy text', () => {
    fc.assert(
      fc.property(text, fc.array(edit, { minLength: 1, maxLength: 6 }), (t0, es) => {
        let prev = { text: t0, chunks: splitDocuments(t0) };
        for (const e of es) {
          const t = apply(prev.text, e);
          const chunks = splitDocumentsAfterEdit(prev, t);
          assert.deepEqual(plain(chunks), plain(splitDocuments(t)), JSON.stringify({ before: prev.text, after: t }));
          prev = { text: t, chunks };
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('reuses the untouched chunks of a generated manifest: the same objects before the edit, the same strings after it', () => {
    const base = manifest(2000, 7);
    const before = splitDocuments(base);
    assert.ok(before.length > 40, `a multi-document manifest (${before.length} documents)`);
    const r = rng(3);
    for (let n = 0; n < 200; n++) {
      const at = Math.floor(r() * base.length);
      const after = base.slice(0, at) + 'x' + base.slice(at);
      const chunks = splitDocumentsAfterEdit({ text: base, chunks: before }, after);
      assert.deepEqual(plain(chunks), plain(splitDocuments(after)));
      const changed = before.findIndex((c) => c.offset + c.text.length > at);
      // Chunks two or more before the edited one are the very same objects; the ones after it hold the same strings.
      for (let k = 0; k < changed - 1; k++) assert.equal(chunks[k], before[k]);
      for (let k = changed + 1; k < before.length; k++) assert.equal(chunks[k].text, before[k].text);
    }
  });

  it('handles an unchanged text, a first edit without history and an emptied file', () => {
    const t = 'a: 1\n---\nb: 2\n---\nc: 3\n';
    const prev = { text: t, chunks: splitDocuments(t) };
    assert.deepEqual(plain(splitDocumentsAfterEdit(prev, t)), plain(prev.chunks));
    assert.deepEqual(plain(splitDocumentsAfterEdit(undefined, t)), plain(prev.chunks));
    assert.deepEqual(plain(splitDocumentsAfterEdit(prev, '')), plain(splitDocuments('')));
    assert.deepEqual(plain(splitDocumentsAfterEdit(prev, 'a: 1\n---\n')), plain(splitDocuments('a: 1\n---\n')));
  });
});
