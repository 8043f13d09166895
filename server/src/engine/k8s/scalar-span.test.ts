// Decoded offsets inside scalars map back to the exact source bytes, or to nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseChunk, rootMap, get, type YNode } from '../parse';
import { scalarSpan } from './scalar-span';

function spanOf(yamlValue: string, needle: string, occurrence = 0): string | undefined {
  const text = `v: ${yamlValue}\n`;
  const node = get(rootMap(parseChunk(text).doc), 'v') as YNode;
  const value = String((node as { value: unknown }).value);
  let from = -1;
  for (let i = 0; i <= occurrence; i++) from = value.indexOf(needle, from + 1);
  const r = scalarSpan(text, node, from, from + needle.length);
  return r && text.slice(r[0], r[1]);
}

describe('scalarSpan', () => {
  it('plain, single- and double-quoted scalars map one to one', () => {
    assert.equal(spanOf('--password=abc', 'abc'), 'abc');
    assert.equal(spanOf("'--password=abc'", 'abc'), 'abc');
    assert.equal(spanOf('"--password=abc"', 'abc'), 'abc');
  });
  it('escapes and block scalars are searched in the source', () => {
    assert.equal(spanOf('"a\\tb --password=abc"', 'abc'), 'abc');
    assert.equal(spanOf('|\n  line one\n  --password=abc\n', 'abc'), 'abc');
  });
  it('an ambiguous repeat inside a block scalar gives no span', () => {
    assert.equal(spanOf('|\n  abc\n  abc\n', 'abc', 1), undefined);
  });
  it("a single-quoted scalar with an escaped quote before the span is searched", () => {
    assert.equal(spanOf("'it''s --password=abc'", 'abc'), 'abc');
  });
});
