// Text, JSON and SARIF output on small fixtures whose findings sit at known lines and columns.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { json, kubeward, PRIVILEGED_POD, ROOT, spans, tempDir, y } from './helpers';

const dir = tempDir({
  'pod.yaml': PRIVILEGED_POD,
  // Non-ASCII text before the finding: columns count UTF-16 code units, as SARIF's columnKind says.
  'unicode.yaml': y(
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: ünïcode',
    '  annotations: {note: "日本語 😀"}',
    'spec:',
    '  containers:',
    '  - {name: app, image: "nginx:1.27.2", securityContext: {privileged: true}}',
  ),
  'broken.yaml': y('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: "unclosed', 'data: {}'),
});

describe('cli: text format', () => {
  it('prints file:line:col severity rule-id message, 1-based, ordered by file and position', () => {
    const r = kubeward(['lint', 'pod.yaml', '--preset', 'pss-baseline'], { cwd: dir });
    assert.equal(r.code, 1);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], "pod.yaml:6:12 error pss-host-namespaces baseline: host namespaces are not allowed: hostPID: true shares the node's process namespace (it can see and signal every process on the node)");
    assert.match(lines[1], /^pod\.yaml:11:19 error pss-privileged baseline: container "app" must not be privileged/);
    assert.equal(lines[2], '');
    assert.match(lines[3], /^2 findings \(2 errors, 0 warnings, 0 info\) in 1 of 1 file\. 2 fixable with --fix-suggestions\.$/);
    assert.equal(r.stderr, '');
  });

  it('orders several files by path and findings by position within each', () => {
    const r = kubeward(['lint', 'unicode.yaml', 'pod.yaml', '--preset', 'pss-baseline'], { cwd: dir });
    const located = r.stdout.split('\n').filter((l) => /^\S+:\d+:\d+ /.test(l)).map((l) => l.split(' ')[0]);
    assert.deepEqual(located, ['pod.yaml:6:12', 'pod.yaml:11:19', 'unicode.yaml:8:70']);
  });

  it('says so when there is nothing to report', () => {
    const r = kubeward(['lint', 'pod.yaml', '--preset', 'pss-baseline', '--rule', 'pss-privileged=off', '--rule', 'pss-host-namespaces=off'], { cwd: dir });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'No findings in 1 file.\n');
  });
});

describe('cli: JSON format', () => {
  it('has exactly the documented shape, with 1-based exclusive-end ranges and the resource', () => {
    const r = kubeward(['lint', 'pod.yaml', '--format', 'json', '--preset', 'pss-baseline'], { cwd: dir });
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['findings', 'errors']);
    assert.deepEqual(out.errors, []);
    assert.equal(out.findings.length, 2);
    assert.deepEqual(out.findings[1], {
      file: 'pod.yaml',
      ruleId: 'pss-privileged',
      severity: 'error',
      message: out.findings[1].message,
      line: 11,
      column: 19,
      endLine: 11,
      endColumn: 23,
      resource: { kind: 'Pod', name: 'web', namespace: null },
      fingerprint: out.findings[1].fingerprint,
    });
    assert.match(out.findings[1].fingerprint, /^[0-9a-f]{32}$/);
    assert.deepEqual(spans(out, 'pss-host-namespaces'), [[6, 12, 6, 16]]);
    for (const f of out.findings) {
      assert.deepEqual(Object.keys(f), ['file', 'ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'resource', 'fingerprint']);
    }
  });

  it('counts columns in UTF-16 code units after non-ASCII text', () => {
    const out = json(kubeward(['lint', 'unicode.yaml', '--format', 'json', '--preset', 'pss-baseline'], { cwd: dir }));
    const line8 = fs.readFileSync(path.join(dir, 'unicode.yaml'), 'utf8').split('\n')[7];
    const col = line8.indexOf('true') + 1;
    assert.deepEqual(spans(out, 'pss-privileged'), [[8, col, 8, col + 4]]);
    assert.equal(out.findings[0].resource?.name, 'ünïcode');
  });

  it('reports YAML syntax errors as yaml-syntax findings at their position, and lints the rest', () => {
    const out = json(kubeward(['lint', 'broken.yaml', 'pod.yaml', '--format', 'json', '--preset', 'pss-baseline'], { cwd: dir }));
    const syntax = out.findings.filter((f) => f.ruleId === 'yaml-syntax');
    assert.ok(syntax.length >= 1);
    assert.equal(syntax[0].file, 'broken.yaml');
    assert.equal(syntax[0].severity, 'error');
    assert.equal(syntax[0].resource, null);
    assert.deepEqual([syntax[0].line, syntax[0].column], [4, 9], 'at the opening quote');
    assert.deepEqual(spans(out, 'pss-privileged', 'pod.yaml'), [[11, 19, 11, 23]]);
  });
});

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  snippet?: { text: string };
}

describe('cli: SARIF format', () => {
  const r = kubeward(['lint', 'pod.yaml', 'unicode.yaml', 'missing.yaml', '--format', 'sarif'], { cwd: dir });
  const log = JSON.parse(r.stdout);
  const run = log.runs[0];
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

  it('is a SARIF 2.1.0 log with one run of kubeward and every rule described', () => {
    assert.equal(r.code, 2, 'missing.yaml is an input error');
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-schema-2\.1\.0\.json$/);
    assert.equal(log.runs.length, 1);
    const driver = run.tool.driver;
    assert.equal(driver.name, 'kubeward');
    assert.equal(driver.version, pkg.version);
    assert.match(driver.informationUri, /^https:\/\//);
    const rules = kubeward(['rules', '--format', 'json']);
    const ids = JSON.parse(rules.stdout).rules.map((x: { id: string }) => x.id);
    assert.deepEqual(driver.rules.map((x: { id: string }) => x.id), [...ids, 'yaml-syntax']);
    for (const rule of driver.rules) {
      assert.ok(rule.name && /^[A-Z][A-Za-z0-9]*$/.test(rule.name), `${rule.id}: PascalCase name`);
      assert.ok(rule.shortDescription.text && rule.fullDescription.text, `${rule.id}: descriptions`);
      assert.ok(rule.help.text && rule.help.markdown, `${rule.id}: help`);
      assert.match(rule.helpUri, new RegExp(`^https://.*/docs/rules/${rule.id}\\.md$`));
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
      assert.ok(rule.properties.category && Array.isArray(rule.properties.tags));
    }
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.match(run.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*\/$/);
  });

  it('gives each result its rule index, level and the exact region of the finding', () => {
    const driverRules = run.tool.driver.rules;
    assert.ok(run.results.length > 2);
    for (const res of run.results) {
      assert.equal(driverRules[res.ruleIndex].id, res.ruleId, 'ruleIndex points at the rule');
      assert.ok(['error', 'warning', 'note'].includes(res.level));
      assert.match(res.message.text, /\.$/);
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      const file = fs.readFileSync(path.join(dir, loc.artifactLocation.uri), 'utf8');
      const region: SarifRegion = loc.region;
      // The snippet is the text of the region in the file: lines and columns are right.
      if (region.snippet) assert.equal(textAt(file, region), region.snippet.text);
    }
    assert.ok(run.results.some((x: { locations: { physicalLocation: { region: SarifRegion } }[] }) => x.locations[0].physicalLocation.region.startLine > 1), 'regions are not all line 1');
    const priv = run.results.find((x: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.ruleId === 'pss-privileged' && x.locations[0].physicalLocation.artifactLocation.uri === 'pod.yaml');
    assert.deepEqual(priv.locations[0].physicalLocation.region, { startLine: 11, startColumn: 19, endLine: 11, endColumn: 23, snippet: { text: 'true' } });
    assert.equal(priv.level, 'error');
    assert.ok(priv.partialFingerprints['kubeward/v1'].length >= 16);
  });

  it('carries the fixes as SARIF fixes whose replacements apply to the file', () => {
    const priv = run.results.find((x: { ruleId: string }) => x.ruleId === 'pss-privileged');
    const fix = priv.fixes[0];
    assert.ok(fix.description.text.length > 0);
    const change = fix.artifactChanges[0];
    assert.equal(change.artifactLocation.uri, 'pod.yaml');
    assert.deepEqual(change.replacements, [{ deletedRegion: { startLine: 11, startColumn: 19, endLine: 11, endColumn: 23 }, insertedContent: { text: 'false' } }]);
    const text = fs.readFileSync(path.join(dir, 'pod.yaml'), 'utf8');
    const start = offsetOf(text, 11, 19);
    assert.equal(text.slice(0, start) + 'false' + text.slice(offsetOf(text, 11, 23)), PRIVILEGED_POD.replace('privileged: true', 'privileged: false'));
  });

  it('reports unreadable inputs as tool execution notifications', () => {
    const inv = run.invocations[0];
    assert.equal(inv.executionSuccessful, false);
    assert.equal(inv.toolExecutionNotifications.length, 1);
    assert.match(inv.toolExecutionNotifications[0].message.text, /missing\.yaml: no such file or directory/);
  });
});

function offsetOf(text: string, line: number, column: number): number {
  let off = 0;
  for (let l = 1; l < line; l++) off = text.indexOf('\n', off) + 1;
  return off + column - 1;
}

/** The text a SARIF region covers (1-based lines and columns, exclusive end). */
function textAt(text: string, r: SarifRegion): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return text.slice(starts[r.startLine - 1] + r.startColumn - 1, starts[r.endLine - 1] + r.endColumn - 1);
}
