// Hostile input through the engine, each one a test: alias bombs, 10,000 levels of nesting, NUL
// bytes, odd encodings, a BOM, CRLF and very long lines, Helm templates and Kustomize patches.
// Every lint runs with every rule on; no rule may fail and every range must lie inside the text.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { LineIndex, Linter, type LintOptions, type LintResult, type RuleFailure } from '../../server/src/engine';
import { MAX_ALIAS_EXPANSION, MAX_NESTING } from '../../server/src/engine/guard';
import { kustomizationPatchPaths } from '../../server/src/engine/templating';
import { allRulesOn, assertInside, count, ROOT } from './corpus';
import { billionLaughs, deepBlockMaps, deepBlockSeqs, deepFlowMaps, deepFlowSeqs, mergeKeyBomb, PRIVILEGED_POD } from './hostile-inputs';

const HOSTILE = path.join(ROOT, 'test', 'fixtures', 'hostile');

/** Lints with every rule on and checks the invariants; returns the result. */
function lintChecked(text: string, options: LintOptions = {}): LintResult {
  const failures: RuleFailure[] = [];
  const r = new Linter({ onRuleError: (f) => failures.push(f) }).lint(text, allRulesOn(options));
  assert.deepEqual(failures, [], 'no rule may fail');
  assertInside(text, r, options.fileName ?? 'text');
  return r;
}

function at(text: string, offset: number): string {
  const p = new LineIndex(text).positionAt(offset);
  return `${p.line + 1}:${p.character + 1}`;
}

const privileged = (r: LintResult) => r.findings.filter((f) => f.ruleId === 'pss-privileged');

describe('hostile: alias bombs', () => {
  it('"billion laughs" (9 levels of 9 aliases) gets one "too many aliases" error at the alias that crosses the limit, and is not expanded', () => {
    const heapBefore = process.memoryUsage().heapUsed;
    const text = billionLaughs();
    const r = lintChecked(text);
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    assert.equal(r.parseErrors.length, 1, JSON.stringify(r.parseErrors));
    const [e] = r.parseErrors;
    assert.equal(e.code, 'too-many-aliases');
    assert.equal(e.severity, 'error');
    assert.match(e.message, /^too many aliases: .*more than 100,000 extra nodes.*billion laughs/);
    // The aliases of x-l1..x-l4 add 74,682 nodes; the first *l4 in x-l5 adds 66,429 more.
    const crossing = text.indexOf('*l4');
    assert.equal(at(text, e.start), at(text, crossing));
    assert.equal(text.slice(e.start, e.end), '*l4');
    console.log(`alias bomb: 9^9 = ${count(9 ** 9)} nodes if expanded; reported at ${at(text, e.start)}; heap grew ${heapMb.toFixed(1)} MB`);
    assert.ok(heapMb < 256, `heap grew ${heapMb} MB`);
  });

  it('inside a Pod: the bomb document is not checked, the documents around it are', () => {
    const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: bomb\n${billionLaughs(9, 9, '  ').replace(/^ {2}x-/gm, '  x-')}spec:\n  containers: *l8\n`;
    const bomb = pod.replace('metadata:\n', 'metadata:\n  annotations: {}\n');
    const text = `${PRIVILEGED_POD}---\n${bomb}---\n${PRIVILEGED_POD}`;
    const r = lintChecked(text);
    assert.deepEqual(r.parseErrors.map((e) => [e.code, at(text, e.start)]), [['too-many-aliases', at(text, text.indexOf('*l4'))]]);
    assert.deepEqual([...new Set(r.findings.map((f) => f.docIndex))], [0, 2], 'findings only in the documents around the bomb');
    assert.equal(privileged(r).length, 2);
  });

  it('a merge-key bomb (<<: [*a, *a] twenty levels deep) is caught the same way', () => {
    const text = mergeKeyBomb(20);
    const r = lintChecked(text);
    assert.deepEqual(r.parseErrors.map((e) => e.code), ['too-many-aliases']);
  });

  it('an alias inside its own anchor (&a [*a]) is reported as expanding without end', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: loop}\ndata: &a\n  self: [*a]\n';
    const r = lintChecked(text);
    assert.equal(r.parseErrors.length, 1);
    assert.equal(r.parseErrors[0].code, 'too-many-aliases');
    assert.match(r.parseErrors[0].message, /refers to a node that contains it/);
    assert.equal(text.slice(r.parseErrors[0].start, r.parseErrors[0].end), '*a');
  });

  it(`aliases below the limit are fine: 20,000 aliases of a small map lint in linear time with no error (limit ${count(MAX_ALIAS_EXPANSION)} extra nodes)`, { timeout: 60_000 }, () => {
    // Before aliases were resolved once per document, each one walked the whole document: 4,000
    // aliases took 25 s and this file would take minutes.
    const items = Array.from({ length: 20_000 }, () => '    - *labels\n').join('');
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: many\n  labels: &labels {app: web}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.25\n    securityContext: &sc {privileged: true}\n    args:\n${items}  - name: sidecar\n    image: envoy:1.30\n    securityContext: *sc\n`;
    const r = lintChecked(text);
    assert.deepEqual(r.parseErrors, []);
    assert.ok(privileged(r).length >= 1, 'the rules ran');
  });
});

describe(`hostile: 10,000 levels of nesting (limit ${MAX_NESTING})`, () => {
  const cases: [string, (n: number) => string, string][] = [
    ['block maps (50 MB of indentation)', deepBlockMaps, `${MAX_NESTING + 1}:${MAX_NESTING + 1}`],
    ['flow sequences', deepFlowSeqs, `1:${MAX_NESTING + 1}`],
    ['flow maps', deepFlowMaps, `1:${4 * MAX_NESTING + 1}`],
    ['compact block sequences (- - - x)', deepBlockSeqs, `1:${2 * MAX_NESTING + 1}`],
  ];
  for (const [name, make, where] of cases) {
    it(`${name}: no stack overflow, one "nesting too deep" error where level ${MAX_NESTING + 1} starts`, () => {
      const text = make(10_000);
      const r = lintChecked(text);
      assert.deepEqual(r.parseErrors.map((e) => [e.code, at(text, e.start)]), [['nesting-too-deep', where]]);
      assert.match(r.parseErrors[0].message, new RegExp(`^nesting too deep: .*more than ${MAX_NESTING} levels`));
      assert.doesNotMatch(r.parseErrors[0].message, /call stack/);
    });
  }

  it('too deep and broken beyond that point (an unclosed quote at the bottom): only the nesting error, not a thousand echoes', () => {
    const text = `${'['.repeat(10_000)}"unclosed\n`;
    const r = lintChecked(text);
    assert.deepEqual(r.parseErrors.map((e) => e.code), ['nesting-too-deep']);
  });

  it('400 unclosed flow sequences (within the limit): the first 100 YAML errors, then one warning counting the rest', () => {
    const text = `key: ${'['.repeat(400)}x\nnext: 1\n`;
    const r = lintChecked(text);
    assert.equal(r.parseErrors.length, 101);
    const last = r.parseErrors[100];
    assert.deepEqual([last.code, last.severity], ['too-many-errors', 'warning']);
    assert.match(last.message, /^\d+ more YAML errors in this document are not shown \(only the first 100\)/);
  });

  it('deep nesting inside a Pod: that document is not checked, the next one is', () => {
    const deep = `apiVersion: v1\nkind: Pod\nmetadata: {name: deep}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    securityContext: {privileged: true}\n    args: ${deepFlowSeqs(10_000)}`;
    const text = `${deep}---\n${PRIVILEGED_POD}`;
    const r = lintChecked(text);
    assert.deepEqual(r.parseErrors.map((e) => e.code), ['nesting-too-deep']);
    assert.deepEqual(privileged(r).map((f) => f.docIndex), [1]);
  });

  it(`${MAX_NESTING} levels, just inside the limit, in every place rules look: all rules run and none overflows`, () => {
    const n = MAX_NESTING - 12; // the Pod's own levels come on top
    const flow = deepFlowSeqs(n).trim();
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      `metadata: {name: deep, annotations: {a: b}, labels: {x: y}}`,
      'spec:',
      '  template:',
      '    metadata:',
      `      annotations: {deep: x}`,
      '    spec:',
      `      nodeSelector: {a: b}`,
      '      containers:',
      '      - name: c',
      '        image: nginx',
      `        args: ${flow}`,
      `        command: ${flow}`,
      `        env: ${flow}`,
      `        securityContext: {privileged: true, capabilities: {add: ${flow}}}`,
      `        ports: ${flow}`,
      `        volumeMounts: ${flow}`,
      `      volumes: ${flow}`,
      `      tolerations: ${flow}`,
      '',
    ].join('\n');
    const r = lintChecked(text);
    assert.deepEqual(r.parseErrors.filter((e) => e.code === 'nesting-too-deep'), []);
    assert.equal(privileged(r).length, 1, 'the rules ran');
  });
});

describe('hostile: odd characters and line endings, with correct positions', () => {
  const where = (text: string, r: LintResult) => privileged(r).map((f) => at(text, f.start));

  it('NUL bytes inside values and on a line of their own: no crash, a YAML error at the NUL line, the finding still at its place', () => {
    // The parser takes a NUL inside a scalar as a character; a NUL line is not YAML.
    const text = PRIVILEGED_POD.replace('name: web', 'name: "w\u0000eb"').replace('image: nginx:1.25', 'image: nginx\u0000:1.25') + '\u0000\n';
    const r = lintChecked(text);
    assert.deepEqual(r.parseErrors.map((e) => [at(text, e.start), e.end - e.start]), [['11:1', 1]]);
    assert.deepEqual(where(text, r), ['10:19']);
  });

  it('a BOM is not a column: findings shift by exactly one code unit, no YAML error', () => {
    const plain = lintChecked(PRIVILEGED_POD);
    const withBom = lintChecked(`\ufeff${PRIVILEGED_POD}`);
    assert.deepEqual(withBom.parseErrors, []);
    assert.deepEqual(withBom.findings.map((f) => [f.ruleId, f.start - 1, f.end - 1]), plain.findings.map((f) => [f.ruleId, f.start, f.end]));
  });

  it('CRLF: every finding at the same line and column as with LF, and no range ends on a CR', () => {
    const crlf = PRIVILEGED_POD.replace(/\n/g, '\r\n');
    const lf = lintChecked(PRIVILEGED_POD);
    const r = lintChecked(crlf);
    assert.deepEqual(r.parseErrors, []);
    assert.deepEqual(r.findings.map((f) => [f.ruleId, at(crlf, f.start), at(crlf, f.end)]), lf.findings.map((f) => [f.ruleId, at(PRIVILEGED_POD, f.start), at(PRIVILEGED_POD, f.end)]));
    for (const f of r.findings) assert.notEqual(crlf[f.end - 1], '\r', f.ruleId);
  });

  it('a lone CR and mixed line endings: no crash', () => {
    const text = PRIVILEGED_POD.replace('kind: Pod\n', 'kind: Pod\r').replace('spec:\n', 'spec:\r\n');
    lintChecked(text);
  });

  it('invalid UTF-16 (lone surrogates) and U+FFFD from a lossy decode: no crash, positions exact', () => {
    const text = PRIVILEGED_POD.replace('name: web', 'name: "w\ud800e\udfffb\ufffd"');
    const r = lintChecked(text);
    const f = privileged(r)[0];
    assert.ok(f);
    assert.equal(text.slice(f.start, f.end), 'true');
  });

  it('very long lines: a 2 MB one-line flow Pod, the finding at its exact column', () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    const text = `apiVersion: v1\nkind: Pod\nmetadata: {name: long, annotations: {big: "${big}"}}\nspec: {containers: [{name: a, image: "nginx:1.25", securityContext: {privileged: true}}]}\n`;
    const r = lintChecked(text);
    assert.deepEqual(r.parseErrors, []);
    const f = privileged(r)[0];
    assert.equal(text.slice(f.start, f.end), 'true');
    assert.equal(at(text, f.start), `4:${text.split('\n')[3].indexOf('privileged: true') + 'privileged: '.length + 1}`);
  });

  it('64 kB values of repetitive text in every field rules read as text: each lint is linear (bounded by the timeout)', { timeout: 90_000 }, () => {
    // Each pattern once made some regular expression rescan the rest of the value from every
    // position (a 64 kB value took 7 s, 256 kB three minutes); the timeout catches a relapse.
    const n = 64 * 1024;
    const patterns = ['y', 'eyJ-', 'eyJabcdefghij.', 'a-', 'a:', 'a=', 'a://b:', '${', '$(', '--a=', 'AKIA', 'xoxa-', 'ghp_', 'glpat-', 'BEGIN ', ' #', '\\"', 'password=', 'https://', '@'];
    let lints = 0;
    for (const p of patterns) {
      const v = p.repeat(Math.ceil(n / p.length)).slice(0, n);
      const q = JSON.stringify(v);
      const text = [
        `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, annotations: {a: ${q}}}\ndata:\n  plain: x${v.replace(/[:#]/g, '_')}\n  quoted: ${q}\n  password: ${q}\n  block: |\n    ${v}\n  config.yaml: |\n    password: ${v}\n`,
        `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {token: ${q}}\n`,
        `apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {a: ${q}}}\nspec:\n  containers:\n  - name: c\n    image: ${q}\n    args: [${q}, ${JSON.stringify(`--password=${v}`)}]\n    command: [sh, -c, ${q}]\n    env: [{name: API_TOKEN, value: ${q}}, {name: X, value: ${q}}]\n`,
        `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: unclosed}\ndata:\n  a: "${v}\n  b: c\n`,
      ].join('---\n');
      lintChecked(text);
      lints++;
    }
    console.log(`long values: ${lints} files of ${patterns.length} repetitive 64 kB patterns in ConfigMap, Secret and Pod fields linted`);
  });

  it('a 1 MB line with an unclosed quote: the error points at the quote', () => {
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: q}\ndata:\n  a: "${'y'.repeat(1024 * 1024)}\n  b: c\n`;
    const r = lintChecked(text);
    assert.ok(r.parseErrors.some((e) => at(text, e.start) === '5:6'), JSON.stringify(r.parseErrors.map((e) => [e.code, at(text, e.start)])));
  });
});

describe('hostile: Helm templates and Kustomize patches', () => {
  const read = (rel: string) => fs.readFileSync(path.join(HOSTILE, rel), 'utf8');

  it('a Helm template in a chart\'s templates/ folder: one info notice with the command to run, no YAML errors, no findings', () => {
    const file = 'helm/web/templates/deployment.yaml';
    const text = read(file);
    const r = lintChecked(text, { fileName: path.join(HOSTILE, file) });
    assert.deepEqual(r.findings, []);
    assert.equal(r.parseErrors.length, 1, JSON.stringify(r.parseErrors));
    const [n] = r.parseErrors;
    assert.deepEqual([n.code, n.severity, text.slice(n.start, n.end)], ['helm-template', 'info', '{{ include "web.fullname" . }}']);
    assert.match(n.message, /^Helm template: this file is not checked/);
    assert.match(n.message, /helm template <chart-dir> \| kubeward lint -/);
  });

  it('a template with {{- if }} lines that break YAML, anywhere: skipped with the notice instead of false YAML errors', () => {
    const text = read('helm/web/templates/service.yaml');
    const r = lintChecked(text, { fileName: 'service.yaml' });
    assert.deepEqual(r.parseErrors.map((e) => e.code), ['helm-template']);
    assert.equal(at(text, r.parseErrors[0].start), '1:1');
  });

  it('a chart file without template actions is linted as it is', () => {
    const r = lintChecked(read('helm/web/templates/networkpolicy.yaml'), { fileName: path.join(HOSTILE, 'helm/web/templates/networkpolicy.yaml') });
    assert.deepEqual(r.parseErrors, []);
  });

  it('Go templates inside strings of a plain manifest (a PrometheusRule, an alert template) are data: linted, no notice', () => {
    const text = [
      'apiVersion: monitoring.coreos.com/v1',
      'kind: PrometheusRule',
      'metadata: {name: alerts}',
      'spec:',
      '  groups:',
      '  - name: pods',
      '    rules:',
      '    - alert: PodDown',
      '      expr: up == 0',
      '      annotations:',
      '        summary: "{{ $labels.pod }} is down"',
      '        description: Pod {{ $labels.pod }} in {{ $labels.namespace }}',
      '        runbook: |',
      '          {{ range .Alerts }}{{ .Labels.alertname }}{{ end }}',
      '---',
      PRIVILEGED_POD.replace('name: web', "name: '{{ not a template }}'"),
    ].join('\n');
    const r = lintChecked(text, { fileName: 'alerts.yaml' });
    assert.deepEqual(r.parseErrors, []);
    assert.equal(privileged(r).length, 1);
  });

  it('a file with template and plain documents: only the templated ones are skipped, and the notice counts them', () => {
    const text = `${PRIVILEGED_POD}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  type: {{ .Values.type }}\n`;
    const r = lintChecked(text, { fileName: 'mixed.yaml' });
    assert.deepEqual(r.parseErrors.map((e) => e.code), ['helm-template']);
    assert.match(r.parseErrors[0].message, /1 of 2 documents in this file are not checked/);
    assert.equal(privileged(r).length, 1);
  });

  it('kustomization.yaml: nothing to report, and its patch files are listed (inline patches left out)', () => {
    const text = read('kustomize/overlay/kustomization.yaml');
    const r = lintChecked(text, { fileName: 'kustomization.yaml' });
    assert.deepEqual([r.parseErrors, r.findings], [[], []]);
    assert.deepEqual(kustomizationPatchPaths(text), ['replicas-patch.yaml', 'image-json6902.yaml', 'delete-sidecar.yaml']);
  });

  it('a strategic-merge patch with a $patch directive: one info notice at the directive, no findings', () => {
    const text = read('kustomize/overlay/delete-sidecar.yaml');
    const r = lintChecked(text, { fileName: 'delete-sidecar.yaml' });
    assert.deepEqual(r.findings, []);
    assert.deepEqual(r.parseErrors.map((e) => [e.code, e.severity, text.slice(e.start, e.end)]), [['kustomize-patch', 'info', '$patch: delete']]);
    assert.match(r.parseErrors[0].message, /kustomize build <dir> \| kubeward lint -/);
  });

  it('a patch the kustomization lists (kustomizePatch): skipped with the notice, instead of findings for what the base already has', () => {
    const text = read('kustomize/overlay/replicas-patch.yaml');
    const alone = lintChecked(text, { fileName: 'replicas-patch.yaml' });
    assert.ok(alone.findings.length > 0, 'alone it looks like an insecure Deployment');
    const r = lintChecked(text, { fileName: 'replicas-patch.yaml', kustomizePatch: true });
    assert.deepEqual(r.findings, []);
    assert.deepEqual(r.parseErrors.map((e) => [e.code, at(text, e.start)]), [['kustomize-patch', '3:1']]);
  });

  it('a JSON 6902 patch (a list of operations) is not a Kubernetes object: nothing to report', () => {
    const r = lintChecked(read('kustomize/overlay/image-json6902.yaml'), { fileName: 'image-json6902.yaml', kustomizePatch: true });
    assert.deepEqual([r.parseErrors, r.findings], [[], []]);
  });

  it('the base a kustomization builds from is linted as usual', () => {
    const r = lintChecked(read('kustomize/base/deployment.yaml'), { fileName: 'deployment.yaml' });
    assert.equal(privileged(r).length, 1);
  });
});
