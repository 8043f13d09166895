// .kubeward.yaml: parsing and validation with positions, discovery, globs, per-file options and
// precedence, as the engine sees them and as the CLI applies them.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { configForFile, findConfigFile, mergeLintOptions, parseConfig, weakeningReason, type KubewardConfig } from '../../server/src/engine/config';
import { globToRegExp } from '../../server/src/engine/glob';
import { json, kubeward, PRIVILEGED_POD, tempDir, y } from '../cli/helpers';

const FULL = y(
  '# yaml-language-server: $schema=../schemas/kubeward-config.schema.json',
  'presets: [recommended]',
  'pss:',
  '  level: baseline',
  '  version: v1.30',
  'rules:',
  '  pss-privileged: warning',
  '  image-latest-tag: off',
  'exclude:',
  '  - vendor/',
  '  - "*.generated.yaml"',
  'overrides:',
  '  - files: ["prod/**"]',
  '    rules: {image-latest-tag: error}',
  '    pss: {level: restricted}',
  'allowedRegistries: [registry.example.com, "*.dkr.ecr.eu-west-1.amazonaws.com"]',
  'requiredLabels: [team, app.kubernetes.io/name]',
  'suppressions:',
  '  requireReason: true',
  '  kubeLinterAnnotations: false',
  '  checkovAnnotations: true',
  'schemas:',
  '  custom: [crds/]',
);

describe('config: parsing', () => {
  it('reads every key', () => {
    const { config, errors } = parseConfig(FULL);
    assert.deepEqual(errors, []);
    assert.deepEqual(config, {
      presets: ['recommended'],
      pss: { level: 'baseline', version: 'v1.30' },
      rules: { 'pss-privileged': 'warning', 'image-latest-tag': 'off' },
      exclude: ['vendor/', '*.generated.yaml'],
      overrides: [{ files: ['prod/**'], rules: { 'image-latest-tag': 'error' }, pss: { level: 'restricted' } }],
      allowedRegistries: ['registry.example.com', '*.dkr.ecr.eu-west-1.amazonaws.com'],
      requiredLabels: ['team', 'app.kubernetes.io/name'],
      suppressions: { requireReason: true, kubeLinterAnnotations: false, checkovAnnotations: true },
      schemas: { custom: ['crds/'] },
    });
  });

  it('an empty file (or only comments) is a valid, empty config', () => {
    assert.deepEqual(parseConfig(''), { file: '.kubeward.yaml', config: {}, errors: [] });
    assert.deepEqual(parseConfig('# nothing yet\n').config, {});
  });

  const errorsOf = (text: string) => parseConfig(text).errors.map((e) => `${e.line}:${e.column} ${e.message}`);

  it('reports each mistake at its key or value, with suggestions', () => {
    assert.deepEqual(errorsOf(y('rules:', '  pss-privilegd: off', '  image-latest-tag: loud', 'rule: {}', 'pss:', '  level: strict', '  version: 1.30')), [
      '2:3 unknown rule "pss-privilegd" in rules (did you mean pss-privileged?); `kubeward rules` lists them',
      '3:21 rules.image-latest-tag must be off, info, warning or error, not "loud"',
      '4:1 unknown key "rule" in the config (did you mean rules?); expected presets, pss, istio, rules, exclude, overrides, allowedRegistries, requiredLabels, suppressions, schemas',
      '6:10 pss.level must be privileged, baseline or restricted, not "strict"',
      '7:12 pss.version must be "latest" or "v1.N" (a string such as v1.30), not 1.3',
    ]);
    assert.deepEqual(errorsOf(y('presets: [pss-strict]', 'exclude: vendor', 'suppressions: {requireReason: maybe, explain: true}')), [
      '1:11 unknown preset "pss-strict"; expected recommended, all, pss-baseline, pss-restricted',
      '2:10 exclude must be a list of strings',
      '3:31 suppressions.requireReason must be true or false, not "maybe"',
      '3:38 unknown key "explain" in suppressions; expected requireReason, kubeLinterAnnotations, checkovAnnotations',
    ]);
    assert.deepEqual(errorsOf(y('overrides:', '  - rules: {pss-privileged: off}', 'requiredLabels: ["bad label"]', 'allowedRegistries: ["https://ghcr.io"]')), [
      '2:5 overrides[0] needs files: the globs of the files it applies to',
      '3:18 "bad label" is not a valid label key (an optional prefix/ and a name of letters, digits, -, _ and .)',
      '4:21 allowedRegistries entries are registry hosts with an optional path (registry.example.com/team), not "https://ghcr.io"',
    ]);
  });

  it('YAML syntax errors and non-map roots', () => {
    assert.match(errorsOf('rules: {a: b\n')[0], /^\d+:\d+ YAML syntax: /);
    assert.deepEqual(errorsOf('- a\n- b\n'), ['1:1 the config must be a map of settings (presets, pss, istio, rules, exclude, overrides, allowedRegistries, requiredLabels, suppressions, schemas)']);
    assert.deepEqual(errorsOf('rules: {}\n---\nrules: {}\n'), ['2:1 a config file holds one YAML document; this one has several']);
  });

  it('an invalid config is not applied at all', () => {
    assert.equal(parseConfig('rules: {pss-privileged: off, nope: off}\n').config, undefined);
  });
});

describe('config: discovery', () => {
  it('the nearest .kubeward.yaml (then .yml) upward, stopping at the repository root', () => {
    const root = tempDir({
      'outer/.kubeward.yaml': 'rules: {}\n',
      'outer/repo/.git/HEAD': 'ref: refs/heads/main\n',
      'outer/repo/deploy/app/pod.yaml': PRIVILEGED_POD,
      'outer/repo/team/.kubeward.yml': 'rules: {}\n',
      'outer/repo/team/sub/pod.yaml': PRIVILEGED_POD,
      'outer/loose/pod.yaml': PRIVILEGED_POD,
    });
    assert.equal(findConfigFile(path.join(root, 'outer/repo/deploy/app')), undefined, 'the .git folder stops the search');
    assert.equal(findConfigFile(path.join(root, 'outer/repo/team/sub')), path.join(root, 'outer/repo/team/.kubeward.yml'));
    assert.equal(findConfigFile(path.join(root, 'outer/loose')), path.join(root, 'outer/.kubeward.yaml'));
    fs.writeFileSync(path.join(root, 'outer/repo/.kubeward.yaml'), 'rules: {}\n');
    assert.equal(findConfigFile(path.join(root, 'outer/repo/deploy/app')), path.join(root, 'outer/repo/.kubeward.yaml'), 'the repository root itself is searched');
  });
});

describe('config: globs', () => {
  const m = (pattern: string, p: string) => globToRegExp(pattern).test(p);
  it('follow .gitignore: no slash matches at any depth, a slash anchors, folders match their content', () => {
    assert.ok(m('*.generated.yaml', 'a/b/x.generated.yaml'));
    assert.ok(m('vendor', 'vendor/x.yaml') && m('vendor', 'deep/vendor/x.yaml') && m('vendor/', 'vendor/a/b.yaml'));
    assert.ok(m('deploy/legacy/*.yaml', 'deploy/legacy/a.yaml') && !m('deploy/legacy/*.yaml', 'x/deploy/legacy/a.yaml'));
    assert.ok(!m('deploy/*.yaml', 'deploy/a/b.yaml') && m('deploy/**/*.yaml', 'deploy/a/b.yaml') && m('deploy/**/*.yaml', 'deploy/b.yaml'));
    assert.ok(m('/kustomization.yaml', 'kustomization.yaml') && !m('/kustomization.yaml', 'a/kustomization.yaml'));
    assert.ok(m('{dev,test}/*.yaml', 'test/a.yaml') && !m('{dev,test}/*.yaml', 'prod/a.yaml'));
    assert.ok(m('pod-?.yaml', 'pod-1.yaml') && m('pod-[0-9].yaml', 'x/pod-7.yaml') && !m('pod-[!0-9].yaml', 'pod-7.yaml'));
  });
});

describe('config: options for a file', () => {
  const config = parseConfig(FULL).config as KubewardConfig;
  it('overrides apply in order to matching files; excludes; rule options; suppressions; schemas', () => {
    const prod = configForFile(config, '/repo', 'prod/web/deploy.yaml');
    assert.deepEqual(prod.options.rules, { 'pss-privileged': 'warning', 'image-latest-tag': 'error' });
    assert.deepEqual(prod.options.pss, { level: 'restricted', version: 'v1.30' });
    assert.deepEqual(prod.options.ruleOptions, { allowedRegistries: ['registry.example.com', '*.dkr.ecr.eu-west-1.amazonaws.com'], requiredLabels: ['team', 'app.kubernetes.io/name'] });
    assert.deepEqual(prod.options.suppressions, { requireReason: true, kubeLinterAnnotations: false, checkovAnnotations: true });
    assert.deepEqual(prod.customSchemas, [path.resolve('/repo', 'crds/')]);
    assert.equal(prod.excluded, false);
    const dev = configForFile(config, '/repo', 'dev/web.yaml');
    assert.deepEqual(dev.options.rules, { 'pss-privileged': 'warning', 'image-latest-tag': 'off' });
    assert.equal(configForFile(config, '/repo', 'charts/vendor/x.yaml').excluded, true);
    assert.equal(configForFile(config, '/repo', 'a/b.generated.yaml').excluded, true);
    assert.equal(configForFile(config, '/repo', undefined).excluded, false, 'unnamed standard input matches no glob');
  });

  it('presets: the PSS ones narrow the rules and set the level; a rule turned on in the config still runs', () => {
    const c = parseConfig('presets: [pss-baseline]\nrules: {image-latest-tag: warning}\n').config!;
    const o = configForFile(c, '/r', 'a.yaml').options;
    assert.equal(o.pss?.level, 'baseline');
    assert.ok(o.only?.includes('pss-privileged') && o.only.includes('image-latest-tag') && !o.only.includes('pss-run-as-non-root'));
    assert.equal(configForFile(parseConfig('presets: [recommended]\n').config!, '/r', 'a.yaml').options.only, undefined);
    assert.ok(configForFile(parseConfig('presets: [all]\n').config!, '/r', 'a.yaml').options.only?.includes('workload-liveness-probe-missing'));
  });

  it('mergeLintOptions: the top layer wins per rule and per field', () => {
    const merged = mergeLintOptions(
      { rules: { a: 'off', b: 'warning' }, pss: { level: 'baseline', version: 'v1.30' }, only: ['x'], suppressions: { requireReason: true } },
      { rules: { a: 'error' }, pss: { level: 'restricted' }, suppressions: { checkovAnnotations: true } },
    );
    assert.deepEqual(merged, { rules: { a: 'error', b: 'warning' }, pss: { level: 'restricted', version: 'v1.30' }, only: ['x', 'a'], suppressions: { requireReason: true, checkovAnnotations: true } });
  });

  it('weakeningReason: what an untrusted workspace must not apply', () => {
    assert.equal(weakeningReason(parseConfig('requiredLabels: [team]\nallowedRegistries: [ghcr.io]\nrules: {image-latest-tag: error}\n').config!), undefined);
    assert.equal(weakeningReason(parseConfig('rules: {pss-privileged: off}\n').config!), 'it turns pss-privileged off');
    assert.equal(weakeningReason(parseConfig('overrides: [{files: [a], rules: {pss-privileged: off}}]\n').config!), 'it turns pss-privileged off');
    assert.equal(weakeningReason(parseConfig('pss: {level: privileged}\n').config!), 'it lowers the Pod Security level');
    assert.equal(weakeningReason(parseConfig('exclude: [a]\n').config!), 'it excludes files');
    assert.equal(weakeningReason(parseConfig('suppressions: {checkovAnnotations: true}\n').config!), "it honours other tools' suppression annotations");
  });
});

describe('config: the CLI', () => {
  const files = {
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.kubeward.yaml': y('rules:', '  pss-privileged: warning', '  pss-host-namespaces: off', 'exclude: [legacy]', 'requiredLabels: [team]', 'allowedRegistries: [registry.example.com]'),
    'apps/pod.yaml': PRIVILEGED_POD,
    'legacy/pod.yaml': PRIVILEGED_POD,
  };
  const base = ['--preset', 'pss-baseline', '--rule', 'workload-required-labels=warning', '--rule', 'image-registry-untrusted=warning', '--format', 'json'];

  it('applies the nearest config: severities, excludes, required labels and allowed registries', () => {
    const dir = tempDir(files);
    const out = json(kubeward(['lint', '.', ...base], { cwd: dir }));
    assert.deepEqual(out.findings.map((f) => [f.file, f.ruleId, f.severity]), [
      ['apps/pod.yaml', 'workload-required-labels', 'warning'],
      ['apps/pod.yaml', 'image-registry-untrusted', 'warning'],
      ['apps/pod.yaml', 'pss-privileged', 'warning'],
    ]);
    assert.deepEqual(out.excluded, ['legacy/pod.yaml']);
    const text = kubeward(['lint', '.', '--preset', 'pss-baseline'], { cwd: dir });
    assert.match(text.stdout, /in 1 of 1 file \(1 file excluded by the config\)\./);
  });

  it('command-line flags override the config', () => {
    const dir = tempDir(files);
    const out = json(kubeward(['lint', 'apps', ...base, '--rule', 'pss-privileged=error', '--rule', 'pss-host-namespaces=error'], { cwd: dir }));
    assert.deepEqual(out.findings.filter((f) => f.ruleId.startsWith('pss-')).map((f) => [f.ruleId, f.severity]), [
      ['pss-host-namespaces', 'error'],
      ['pss-privileged', 'error'],
    ]);
  });

  it('--config uses one file for every input; --no-config uses none', () => {
    const dir = tempDir({ ...files, 'strict.yaml': 'rules: {pss-privileged: info}\n' });
    const given = json(kubeward(['lint', 'apps', '--preset', 'pss-baseline', '--format', 'json', '--config', 'strict.yaml'], { cwd: dir }));
    assert.deepEqual(given.findings.map((f) => [f.ruleId, f.severity]), [['pss-host-namespaces', 'error'], ['pss-privileged', 'info']]);
    const none = json(kubeward(['lint', '.', '--preset', 'pss-baseline', '--format', 'json', '--no-config'], { cwd: dir }));
    assert.equal(none.findings.length, 4, 'both files, default severities');
    assert.match(kubeward(['lint', '.', '--config', 'a', '--no-config'], { cwd: dir }).stderr, /contradict/);
  });

  it('an invalid config: message at its line, exit 2, nothing linted', () => {
    const dir = tempDir({ ...files, '.kubeward.yaml': y('rules:', '  pss-privileged: warning', '  pss-privilegd: off') });
    const r = kubeward(['lint', '.'], { cwd: dir });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr,
      'kubeward: .kubeward.yaml:3:3: unknown rule "pss-privilegd" in rules (did you mean pss-privileged?); `kubeward rules` lists them\nkubeward: the configuration is invalid; nothing was linted\n',
    );
    const missing = kubeward(['lint', '.', '--config', 'nope.yaml'], { cwd: dir });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.yaml:1:1: cannot read the config file \(ENOENT\)/);
  });

  it('standard input uses the config of the working directory, and --stdin-filename for its globs', () => {
    const dir = tempDir(files);
    const stdin = json(kubeward(['lint', '-', '--preset', 'pss-baseline', '--format', 'json'], { cwd: dir, input: PRIVILEGED_POD }));
    assert.deepEqual(stdin.findings.map((f) => [f.ruleId, f.severity]), [['pss-privileged', 'warning']]);
    const named = json(kubeward(['lint', '-', '--stdin-filename', 'legacy/x.yaml', '--format', 'json'], { cwd: dir, input: PRIVILEGED_POD }));
    assert.deepEqual([named.findings.length, named.excluded], [0, ['legacy/x.yaml']]);
  });

  it('schemas.custom loads CRDs relative to the config file', () => {
    const crd = y(
      'apiVersion: apiextensions.k8s.io/v1',
      'kind: CustomResourceDefinition',
      'metadata: {name: vaults.example.com}',
      'spec:',
      '  group: example.com',
      '  names: {kind: Vault, plural: vaults}',
      '  scope: Namespaced',
      '  versions:',
      '  - name: v1',
      '    served: true',
      '    storage: true',
      '    schema:',
      '      openAPIV3Schema:',
      '        type: object',
      '        properties:',
      '          spec:',
      '            type: object',
      '            properties:',
      '              tlsMode: {type: string, enum: [STRICT, PERMISSIVE]}',
    );
    const vault = y('apiVersion: example.com/v1', 'kind: Vault', 'metadata: {name: v}', 'spec:', '  tlsMode: DISABLED');
    const dir = tempDir({ '.git/HEAD': '', '.kubeward.yaml': 'schemas: {custom: [crds/], scope: all}\n', 'crds/vault.yaml': crd, 'apps/vault.yaml': vault });
    const out = json(kubeward(['lint', 'apps', '--format', 'json', '--rule', 'schema-invalid-enum=error'], { cwd: dir }));
    assert.deepEqual(out.findings.filter((f) => f.ruleId.startsWith('schema-')).map((f) => [f.ruleId, f.line]), [['schema-invalid-enum', 5]]);
    const none = json(kubeward(['lint', 'apps', '--format', 'json', '--no-config'], { cwd: dir }));
    assert.deepEqual(none.findings.filter((f) => f.ruleId.startsWith('schema-')), [], 'without the config the kind has no schema');
  });

  it('requireReason from the config refuses suppressions without a reason', () => {
    const pod = PRIVILEGED_POD.replace('      privileged: true', '      # kubeward-disable-next-line pss-privileged\n      privileged: true');
    const dir = tempDir({ '.git/HEAD': '', '.kubeward.yaml': 'suppressions: {requireReason: true}\n', 'pod.yaml': pod });
    const out = json(kubeward(['lint', 'pod.yaml', '--preset', 'pss-baseline', '--rule', 'suppression-invalid=warning', '--format', 'json'], { cwd: dir }));
    assert.deepEqual(out.findings.map((f) => f.ruleId), ['pss-host-namespaces', 'suppression-invalid', 'pss-privileged']);
    const withoutConfig = json(kubeward(['lint', 'pod.yaml', '--preset', 'pss-baseline', '--format', 'json', '--no-config'], { cwd: dir }));
    assert.deepEqual([withoutConfig.findings.map((f) => f.ruleId), withoutConfig.suppressed], [['pss-host-namespaces'], 1]);
  });
});

describe('config: the shipped JSON schema', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { configSchemaText, CONFIG_SCHEMA_PATH } = require('../../scripts/gen-config-schema') as typeof import('../../scripts/gen-config-schema');
  it('is current (node out/scripts/gen-config-schema.js writes it)', () => {
    assert.equal(fs.readFileSync(CONFIG_SCHEMA_PATH, 'utf8'), configSchemaText(), 'schemas/kubeward-config.schema.json is stale: run node out/scripts/gen-config-schema.js');
  });

  it('is contributed to the YAML extension for .kubeward.yaml and .kubeward.yml', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
    assert.deepEqual(pkg.contributes.yamlValidation, [{ fileMatch: ['.kubeward.yaml', '.kubeward.yml'], url: './schemas/kubeward-config.schema.json' }]);
  });

  it('agrees with the validator on valid and invalid configs', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv = require('ajv').default ?? require('ajv');
    const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(fs.readFileSync(CONFIG_SCHEMA_PATH, 'utf8')));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parseChunk } = require('../../server/src/engine/parse') as typeof import('../../server/src/engine/parse');
    const data = (text: string) => parseChunk(text).doc.toJS();
    for (const text of [FULL, '', 'presets: [pss-restricted]\n', 'overrides: [{files: [a], pss: {level: baseline}}]\n']) {
      assert.equal(validate(data(text)), true, `${text}: ${JSON.stringify(validate.errors)}`);
      assert.deepEqual(parseConfig(text).errors, []);
    }
    for (const text of ['rule: {}\n', 'pss: {level: strict}\n', 'rules: {pss-privileged: loud}\n', 'overrides: [{rules: {}}]\n', 'suppressions: {requireReason: maybe}\n', 'presets: [x]\n']) {
      assert.equal(validate(data(text)), false, text);
      assert.notDeepEqual(parseConfig(text).errors, [], text);
    }
  });
});
