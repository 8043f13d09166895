// server/src/engine/yaml-cst.ts is yaml's Lexer and Parser with the generators taken out. It must
// build exactly the CST `yaml`'s own Parser builds, token for token (type, offset, indent, source,
// nesting, error messages), on every input: the YAML test suite (valid and invalid), every manifest
// of the tests, generated manifests, hostile inputs, mutated manifests and random token soup.
// parseChunk's documents are then compared with `yaml`'s parseDocument on the same inputs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type Document, Parser, parseDocument } from 'yaml';
import { Parser as CstParser } from '../../server/src/engine/yaml-cst';
import { parseChunk } from '../../server/src/engine/parse';
import { manifest } from '../../bench/generate';
import { seedManifests } from '../robustness/corpus';
import { anyText, mutate, mutationArb } from '../robustness/mutations';
import { yamlSuiteCases } from '../robustness/yaml-suite';
import { billionLaughs, deepBlockMaps, deepBlockSeqs, deepFlowMaps, deepFlowSeqs, mergeKeyBomb } from '../robustness/hostile-inputs';

const SEED = 20261129;

function sameCst(text: string, what: string): void {
  const theirs = JSON.stringify([...new Parser().parse(text)]);
  const ours = JSON.stringify(new CstParser().parse(text));
  if (ours !== theirs) {
    let i = 0;
    while (i < ours.length && ours[i] === theirs[i]) i++;
    assert.fail(`${what}: the CSTs differ at character ${i} of their JSON:\n  yaml: …${theirs.slice(Math.max(0, i - 80), i + 80)}\n  ours: …${ours.slice(Math.max(0, i - 80), i + 80)}`);
  }
}

/** What parseChunk's document says, against `yaml`'s parseDocument with the same options. */
function sameDocument(text: string, what: string): void {
  const theirs = parseDocument(text, { version: '1.1', prettyErrors: false, uniqueKeys: true, keepSourceTokens: false, strict: false });
  const ours = parseChunk(text).doc;
  const js = (d: Document.Parsed) => {
    try {
      return d.toJS({ maxAliasCount: 100, mapAsMap: true });
    } catch (e) {
      return `throws: ${(e as Error).message}`;
    }
  };
  const maps = (_k: string, v: unknown) => (v instanceof Map ? { map: [...v] } : v instanceof Set ? { set: [...v] } : v);
  const view = (d: Document.Parsed) =>
    JSON.stringify(
      {
      js: js(d),
      errors: d.errors.map((e) => [e.code, e.message, e.pos]),
      warnings: d.warnings.map((e) => [e.code, e.message, e.pos]),
      range: d.range,
      contents: d.contents?.range,
      text: d.errors.length === 0 && typeof js(d) !== 'string' ? String(d) : null,
      },
      maps,
    );
  assert.equal(view(ours), view(theirs), what);
}

describe('yaml-cst: the same CST as yaml', () => {
  it('on every case of the YAML test suite, valid and invalid', () => {
    const cases = yamlSuiteCases();
    assert.ok(cases.length > 300, `expected the YAML test suite, found ${cases.length} cases`);
    for (const c of cases) sameCst(c.yaml, `${c.id} (${c.name})`);
    // The suite's cases with CRLF line ends and with a byte order mark.
    for (const c of cases) sameCst(`\u{FEFF}${c.yaml.replace(/\n/g, '\r\n')}`, `${c.id} with CRLF and a BOM`);
  });

  it('on every manifest of the tests and examples, and on generated manifests', () => {
    for (const m of seedManifests()) sameCst(m.text, m.name);
    for (let seed = 1; seed <= 3; seed++) sameCst(manifest(1_000, seed), `generated manifest ${seed}`);
  });

  it('on hostile inputs: deep nesting, alias bombs, unclosed quotes and flows, empty input', () => {
    const inputs: Record<string, string> = {
      'deep block maps': deepBlockMaps(300),
      'deep block sequences': deepBlockSeqs(300),
      'deep flow maps': deepFlowMaps(300),
      'deep flow sequences': deepFlowSeqs(300),
      'billion laughs': billionLaughs(),
      'merge-key bomb': mergeKeyBomb(),
      'unclosed double quote': 'a: "never closed\nb: 1\n',
      'unclosed single quote': "a: 'never closed\nb: 1\n",
      'unclosed flow': 'a: [1, {b: 2\nc: 3\n',
      'block scalar at the end': 'a: |+\n  x\n\n',
      'tabs and indicators': '\t- a\n-\t? b\n  : c\n...\n%YAML 1.2\n---\n!tag &a *b\n',
      empty: '',
      'only a newline': '\n',
      'only a BOM': '\u{FEFF}',
    };
    for (const [what, text] of Object.entries(inputs)) sameCst(text, what);
  });

  it('on mutated manifests and random token soup (property)', () => {
    const seeds = seedManifests();
    const arb = fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 5 }));
    fc.assert(
      fc.property(arb, ([i, ms]) => {
        let text = seeds[i].text;
        for (const m of ms) text = mutate(text, m);
        sameCst(text, `${seeds[i].name} mutated by ${JSON.stringify(ms)}`);
      }),
      { seed: SEED, numRuns: 1500 },
    );
    fc.assert(fc.property(anyText, (text) => sameCst(text, JSON.stringify(text))), { seed: SEED + 1, numRuns: 1500 });
  });

  it('a byte-level check of the comparison itself: a changed token is told apart', () => {
    const text = 'a: [1, 2]\nb: "x"\n';
    const tokens = new CstParser().parse(text);
    tokens[0].offset += 1;
    assert.notEqual(JSON.stringify(tokens), JSON.stringify([...new Parser().parse(text)]));
  });
});

describe('parseChunk: the same documents as yaml.parseDocument', () => {
  it('on the YAML test suite, the test manifests and mutated manifests', () => {
    for (const c of yamlSuiteCases()) sameDocument(c.yaml, `${c.id} (${c.name})`);
    const seeds = seedManifests();
    for (const m of seeds) sameDocument(m.text, m.name);
    const arb = fc.tuple(fc.nat({ max: seeds.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 3 }));
    fc.assert(
      fc.property(arb, ([i, ms]) => {
        let text = seeds[i].text;
        for (const m of ms) text = mutate(text, m);
        sameDocument(text, `${seeds[i].name} mutated`);
      }),
      { seed: SEED + 2, numRuns: 300 },
    );
  });

  it('a second document is reported as yaml reports it (MULTIPLE_DOCS), the first one kept', () => {
    const text = 'a: 1\n---\nb: 2\n';
    const doc = parseChunk(text).doc;
    assert.deepEqual(doc.toJS(), { a: 1 });
    assert.deepEqual(
      doc.errors.map((e) => e.code),
      ['MULTIPLE_DOCS'],
    );
    sameDocument(text, 'two documents');
  });
});
