// `istio:` in .kubeward.yaml (root namespace and version): parsing, errors at the node, overrides,
// the rule options it becomes, the JSON schema, and what it changes in findings.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { configForFile, mergeLintOptions, parseConfig, weakeningReason } from '../../server/src/engine/config';
import { lint } from '../../server/src/engine';
import { parseChunk } from '../../server/src/engine/parse';
import { CONFIG_SCHEMA_PATH } from '../../scripts/gen-config-schema';
import { y } from '../cli/helpers';
import { PERMISSIVE_IN_MESH_ROOT } from '../helpers/istio-fixtures';

const errorsOf = (text: string) => parseConfig(text).errors.map((e) => `${e.line}:${e.column}-${e.endLine}:${e.endColumn} ${e.message}`);
const NS_HINT = 'a namespace name (lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters)';
const VERSION_HINT = 'an Istio minor version "1.N" or "v1.N" (for example "1.21")';


describe('config: istio', () => {
  it('reads rootNamespace and version ("1.N", "v1.N" or an unquoted number, read as written)', () => {
    assert.deepEqual(parseConfig(y('istio:', '  rootNamespace: mesh-root', '  version: "1.21"')).config, { istio: { rootNamespace: 'mesh-root', version: '1.21' } });
    assert.deepEqual(parseConfig(y('istio: {version: v1.22}')).config, { istio: { version: '1.22' } });
    // YAML reads 1.20 as the number 1.2: the config keeps what was written.
    assert.deepEqual(parseConfig(y('istio:', '  version: 1.20')).config, { istio: { version: '1.20' } });
    assert.deepEqual(parseConfig(y('istio:', '  rootNamespace: istio-config')).config, { istio: { rootNamespace: 'istio-config' } });
  });

  it('reports a bad namespace, a bad version, an unknown key and a non-map at the node', () => {
    assert.deepEqual(errorsOf(y('istio:', '  rootNamespace: Mesh_Root', '  version: "1.21.3"', '  rootNamspace: x')), [
      `2:18-2:27 istio.rootNamespace must be ${NS_HINT}, not "Mesh_Root"`,
      `3:12-3:20 istio.version must be ${VERSION_HINT}, not "1.21.3"`,
      '4:3-4:15 unknown key "rootNamspace" in istio (did you mean rootNamespace?); expected rootNamespace, version',
    ]);
    assert.deepEqual(errorsOf(y('istio:', '  version: 2.0', '  rootNamespace: yes')), [
      `2:12-2:15 istio.version must be ${VERSION_HINT}, not "2.0"`,
      `3:18-3:21 istio.rootNamespace must be ${NS_HINT}, not true`,
    ]);
    assert.deepEqual(errorsOf(y('istio: istio-system')), ['1:8-1:20 istio must be a map such as {rootNamespace: istio-system, version: "1.21"}']);
    assert.deepEqual(errorsOf(y(`istio: {rootNamespace: ${'a'.repeat(64)}}`)), [`1:24-1:88 istio.rootNamespace must be ${NS_HINT}, not "${'a'.repeat(64)}"`]);
    assert.equal(parseConfig(y('istio: {rootNamespace: "-mesh"}')).config, undefined, 'an invalid config is not applied');
  });

  it('becomes ruleOptions.istioRootNamespace and istioVersion, next to the other rule options', () => {
    const c = parseConfig(y('requiredLabels: [team]', 'istio: {rootNamespace: mesh-root, version: "1.21"}')).config!;
    assert.deepEqual(configForFile(c, '/repo', 'a.yaml').options.ruleOptions, { requiredLabels: ['team'], istioRootNamespace: 'mesh-root', istioVersion: '1.21' });
    assert.equal(configForFile(parseConfig('rules: {}\n').config!, '/repo', 'a.yaml').options.ruleOptions, undefined, 'nothing set, nothing added');
  });

  it('overrides set them for matching files, field by field', () => {
    const c = parseConfig(
      y('istio: {rootNamespace: mesh-root, version: "1.22"}', 'overrides:', '  - files: ["legacy/**"]', '    istio:', '      version: "1.13"', '  - files: ["other-mesh/**"]', '    istio: {rootNamespace: istio-system}'),
    ).config!;
    assert.deepEqual(c.overrides?.[0], { files: ['legacy/**'], istio: { version: '1.13' } });
    assert.deepEqual(configForFile(c, '/r', 'legacy/gw.yaml').options.ruleOptions, { istioRootNamespace: 'mesh-root', istioVersion: '1.13' });
    assert.deepEqual(configForFile(c, '/r', 'other-mesh/pa.yaml').options.ruleOptions, { istioRootNamespace: 'istio-system', istioVersion: '1.22' });
    assert.deepEqual(configForFile(c, '/r', 'apps/pa.yaml').options.ruleOptions, { istioRootNamespace: 'mesh-root', istioVersion: '1.22' });
    assert.deepEqual(errorsOf(y('overrides:', '  - files: [a]', '    istio: {version: "2"}')), [`3:22-3:25 overrides[0].istio.version must be ${VERSION_HINT}, not "2"`]);
  });

  it('the command line or a setting on top replaces one key and keeps the other', () => {
    const fromConfig = configForFile(parseConfig('istio: {rootNamespace: mesh-root, version: "1.21"}\n').config!, '/r', 'a.yaml').options;
    assert.deepEqual(mergeLintOptions(fromConfig, { ruleOptions: { istioVersion: '1.13' } }).ruleOptions, { istioRootNamespace: 'mesh-root', istioVersion: '1.13' });
  });

  it('does not count as weakening (an untrusted workspace applies it)', () => {
    assert.equal(weakeningReason(parseConfig('istio: {rootNamespace: mesh-root, version: "1.13"}\n').config!), undefined);
  });

  it('changes what the Istio rules report: a PERMISSIVE policy in the configured root namespace is mesh-wide', () => {
    const message = (config: string) => {
      const options = configForFile(parseConfig(config).config!, '/r', 'pa.yaml').options;
      return lint(PERMISSIVE_IN_MESH_ROOT, options).findings.filter((f) => f.ruleId === 'istio-peer-authn-not-strict').map((f) => f.message);
    };
    const [mesh] = message('istio: {rootNamespace: mesh-root}\n');
    assert.match(mesh, /^PeerAuthentication mode PERMISSIVE mesh-wide \(root namespace mesh-root\): plaintext is accepted/);
    const [namespace] = message('rules: {}\n');
    assert.match(namespace, /^PeerAuthentication mode PERMISSIVE namespace-wide for every workload in "mesh-root": plaintext is accepted/);
  });
});

describe('config: istio in the shipped JSON schema', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = require('ajv').default ?? require('ajv');
  const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(fs.readFileSync(CONFIG_SCHEMA_PATH, 'utf8')));
  const data = (text: string) => parseChunk(text).doc.toJS();

  it('agrees with the validator', () => {
    for (const text of ['istio: {rootNamespace: mesh-root, version: "1.21"}\n', 'istio: {version: v1.9}\n', 'istio: {version: 1.20}\n', 'overrides: [{files: [a], istio: {version: "1.13"}}]\n']) {
      assert.equal(validate(data(text)), true, `${text}: ${JSON.stringify(validate.errors)}`);
      assert.deepEqual(parseConfig(text).errors, [], text);
    }
    for (const text of ['istio: {rootNamespace: Mesh}\n', 'istio: {version: "2.0"}\n', 'istio: {version: 2.5}\n', 'istio: {root: x}\n', 'istio: mesh-root\n', 'overrides: [{files: [a], istio: {version: x}}]\n']) {
      assert.equal(validate(data(text)), false, text);
      assert.notDeepEqual(parseConfig(text).errors, [], text);
    }
  });
});
