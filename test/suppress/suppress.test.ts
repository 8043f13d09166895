// Every suppression form, on real manifests: which findings it silences (and only those), expiry
// with a fixed "today", required reasons, peers' annotations, and the reports about suppressions.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFixes, LineIndex, lint, type LintOptions, type LintResult } from '../../server/src/engine';
import { collectSuppressions, findSuppressions, isSuppressed, mayHoldSuppressions, parseSpec } from '../../server/src/engine/suppress';
import { y } from '../helpers/rule-tester';

const TODAY = '2026-06-15';
const opts = (o: LintOptions = {}): LintOptions => ({ ...o, suppressions: { today: TODAY, ...o.suppressions } });

/** `ruleId@line` of findings (1-based lines), sorted. */
function at(text: string, r: LintResult, ...rules: string[]): string[] {
  const index = new LineIndex(text);
  return r.findings
    .filter((f) => rules.length === 0 || rules.includes(f.ruleId))
    .map((f) => `${f.ruleId}@${index.positionAt(f.start).line + 1}`)
    .sort();
}

function suppressedAt(text: string, r: LintResult): string[] {
  const index = new LineIndex(text);
  return (r.suppressed ?? []).map((f) => `${f.ruleId}@${index.positionAt(f.start).line + 1}:${f.suppression.kind}`).sort();
}

/** A privileged pod with hostPID: pss-host-namespaces on line 6, pss-privileged on line 11. */
const POD = (extraMeta: string[] = [], hostPidLine = '  hostPID: true', privilegedLine = '      privileged: true', before: string[] = []) =>
  y(
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: web',
    ...extraMeta,
    'spec:',
    ...before,
    hostPidLine,
    '  containers:',
    '  - name: app',
    '    image: nginx:1.27.2',
    '    securityContext:',
    privilegedLine,
  );

const BASE = POD();
const baseFindings = at(BASE, lint(BASE, opts()), 'pss-host-namespaces', 'pss-privileged');

describe('suppression comments', () => {
  it('the fixture has the two findings the tests silence', () => {
    assert.deepEqual(baseFindings, ['pss-host-namespaces@6', 'pss-privileged@11']);
  });

  it('kubeward-disable-next-line silences the named rules on the next content line only', () => {
    const text = POD([], '  hostPID: true', '      privileged: true', ['  # kubeward-disable-next-line pss-host-namespaces, pss-privileged -- node agent', '']);
    const r = lint(text, opts());
    assert.deepEqual(at(text, r, 'pss-host-namespaces', 'pss-privileged'), ['pss-privileged@13']);
    assert.deepEqual(suppressedAt(text, r), ['pss-host-namespaces@8:next-line']);
    assert.equal(r.suppressed?.[0].suppression.reason, 'node agent');
    // pss-privileged is named but has no finding on that line: reported as unused, only that id.
    const unused = r.findings.filter((f) => f.ruleId === 'suppression-unused');
    assert.equal(unused.length, 1);
    assert.equal(text.slice(unused[0].start, unused[0].end), 'pss-privileged');
    assert.match(unused[0].message, /pss-privileged is unused: the next line has no pss-privileged finding/);
  });

  it('kubeward-disable-line silences its own line (a trailing comment)', () => {
    const text = POD([], '  hostPID: true', '      privileged: true  # kubeward-disable-line pss-privileged -- CNI');
    const r = lint(text, opts());
    assert.deepEqual(at(text, r, 'pss-host-namespaces', 'pss-privileged', 'suppression-unused'), ['pss-host-namespaces@6']);
    assert.deepEqual(suppressedAt(text, r), ['pss-privileged@11:line']);
  });

  it('kubeward-disable silences to the end of the YAML document, not the next one', () => {
    const doc = POD([], '  hostPID: true', '      privileged: true', ['  # kubeward-disable pss-privileged, pss-host-namespaces -- legacy']);
    const text = doc + '---\n' + BASE;
    const r = lint(text, opts());
    const offset = doc.split('\n').length; // the first document's lines and the '---' line
    assert.deepEqual(at(text, r, 'pss-host-namespaces', 'pss-privileged'), [`pss-host-namespaces@${offset + 6}`, `pss-privileged@${offset + 11}`]);
    assert.deepEqual(suppressedAt(text, r), ['pss-host-namespaces@7:document', 'pss-privileged@12:document']);
  });

  it('kubeward-disable covers only what follows it', () => {
    const text = POD([], '  hostPID: true', '      privileged: true', []).replace('  containers:', '  # kubeward-disable pss-host-namespaces, pss-privileged -- below only\n  containers:');
    const r = lint(text, opts());
    assert.deepEqual(at(text, r, 'pss-host-namespaces', 'pss-privileged'), ['pss-host-namespaces@6']);
    // pss-host-namespaces is named but has nothing below the comment.
    const unused = r.findings.filter((f) => f.ruleId === 'suppression-unused');
    assert.deepEqual(unused.map((f) => text.slice(f.start, f.end)), ['pss-host-namespaces']);
  });

  it('`all` silences every rule on the line', () => {
    const text = POD([], '  hostPID: true  # kubeward-disable-line all -- sandbox');
    const r = lint(text, opts());
    assert.deepEqual(at(text, r, 'pss-host-namespaces'), []);
  });

  it('a # inside a string is not a comment', () => {
    const text = POD(['  annotations:', '    note: "see # kubeward-disable-next-line pss-host-namespaces"']);
    assert.deepEqual(collectSuppressions(text, lintDoc(text), [], []), []);
    assert.deepEqual(at(text, lint(text, opts()), 'pss-host-namespaces'), ['pss-host-namespaces@8']);
  });

  it('works with CRLF line ends and keeps the legacy helpers', () => {
    const text = POD([], '  hostPID: true', '      privileged: true', ['  # kubeward-disable-next-line pss-host-namespaces -- crlf']).replace(/\n/g, '\r\n');
    const r = lint(text, opts());
    assert.equal(at(text, r, 'pss-host-namespaces').length, 0);
    const s = findSuppressions(text);
    assert.equal(s.length, 1);
    assert.ok(isSuppressed(s, 'pss-host-namespaces', text.indexOf('hostPID')));
    assert.equal(isSuppressed(s, 'pss-privileged', text.indexOf('hostPID')), undefined);
  });

  it('parses ids, reasons and expiry dates', () => {
    const one = (spec: string) => parseSpec(spec, 0, (id) => [id]);
    assert.deepEqual(one('a, b c -- why not').entries.map((e) => [e.id, e.start, e.end]), [['a', 0, 1], ['b', 3, 4], ['c', 5, 6]]);
    assert.equal(one('a -- why not').reason, 'why not');
    assert.deepEqual([one('a -- until 2026-12-31: legacy').until, one('a -- until 2026-12-31: legacy').reason], ['2026-12-31', 'legacy']);
    assert.deepEqual([one('a -- until 2026-12-31').until, one('a -- until 2026-12-31').reason], ['2026-12-31', undefined]);
    assert.equal(one('a -- until 2026-02-30: x').badUntil, '2026-02-30');
    assert.equal(one('a').reason, undefined);
    assert.equal(one('a-b--c').entries[0].id, 'a-b--c', '"--" separates only when surrounded by white space');
  });

  it('does no work on a text without markers', () => {
    assert.equal(mayHoldSuppressions(BASE), false);
    assert.equal(lint(BASE, opts()).suppressed, undefined);
  });
});

describe('suppression annotations', () => {
  it('kubeward.io/ignore on the object silences those rules anywhere in it', () => {
    const text = POD(['  annotations:', '    kubeward.io/ignore: "pss-privileged,pss-host-namespaces"', '    kubeward.io/ignore-reason: node agent']);
    const r = lint(text, opts());
    assert.deepEqual(at(text, r, 'pss-host-namespaces', 'pss-privileged', 'suppression-unused'), []);
    assert.deepEqual(suppressedAt(text, r), ['pss-host-namespaces@9:annotation', 'pss-privileged@14:annotation']);
    assert.ok(r.suppressed?.every((s) => s.suppression.reason === 'node agent'));
  });

  it('on a workload\'s pod template metadata', () => {
    const text = y(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: agent',
      'spec:',
      '  selector:',
      '    matchLabels: {app: agent}',
      '  template:',
      '    metadata:',
      '      labels: {app: agent}',
      '      annotations:',
      '        kubeward.io/ignore: "pss-privileged -- until 2026-12-31: the CNI needs it until v2"',
      '    spec:',
      '      containers:',
      '      - name: app',
      '        image: nginx:1.27.2',
      '        securityContext:',
      '          privileged: true',
    );
    const r = lint(text, opts());
    assert.deepEqual(at(text, r, 'pss-privileged'), []);
    assert.deepEqual(r.suppressed?.map((s) => [s.ruleId, s.suppression.until, s.suppression.reason]), [['pss-privileged', '2026-12-31', 'the CNI needs it until v2']]);
  });

  it('kubeward.io/ignore.<container> silences only that container', () => {
    const text = y(
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: web',
      '  annotations:',
      '    kubeward.io/ignore.setup: "pss-privileged -- chowns the volume"',
      'spec:',
      '  initContainers:',
      '  - name: setup',
      '    image: busybox:1.36',
      '    securityContext:',
      '      privileged: true',
      '  containers:',
      '  - name: app',
      '    image: nginx:1.27.2',
      '    securityContext:',
      '      privileged: true',
    );
    const r = lint(text, opts());
    assert.deepEqual(at(text, r, 'pss-privileged'), ['pss-privileged@17']);
    assert.deepEqual(suppressedAt(text, r), ['pss-privileged@12:container-annotation']);
  });

  it('a container annotation naming no container is reported, with a fix that removes it', () => {
    const text = POD(['  annotations:', '    kubeward.io/ignore.nope: pss-privileged', '    team: a']);
    const r = lint(text, opts());
    const u = r.findings.filter((f) => f.ruleId === 'suppression-unused');
    assert.equal(u.length, 1);
    assert.match(u[0].message, /no container "nope"/);
    const fixed = applyFixes(text, opts(), { safety: 'safe', filter: (f) => f.ruleId === 'suppression-unused' }).text;
    assert.equal(fixed, POD(['  annotations:', '    team: a']));
  });
});

describe('expiry', () => {
  const expiring = (until: string) => POD([], '  hostPID: true', '      privileged: true', [`  # kubeward-disable-next-line pss-host-namespaces -- until ${until}: migrating to a DaemonSet`]);

  it('suppresses up to and including the date', () => {
    const text = expiring(TODAY);
    assert.deepEqual(at(text, lint(text, opts()), 'pss-host-namespaces'), []);
  });

  it('after the date the finding returns, with a note and the suppression as related location', () => {
    const text = expiring('2026-06-14');
    const r = lint(text, opts());
    const f = r.findings.find((x) => x.ruleId === 'pss-host-namespaces');
    assert.ok(f, 'the finding is back');
    assert.match(f.message, /\(a suppression of this finding expired on 2026-06-14\)$/);
    const rel = f.related?.find((x) => /suppressed until 2026-06-14 \(migrating to a DaemonSet\); that date has passed/.test(x.message));
    assert.ok(rel);
    assert.equal(text.slice(rel.start, rel.start + 29), '# kubeward-disable-next-line ');
    assert.equal(r.findings.filter((x) => x.ruleId === 'suppression-unused').length, 0, 'an expired suppression that matched is not "unused"');
  });

  it('the annotation form: kubeward.io/ignore-until', () => {
    const text = POD(['  annotations:', '    kubeward.io/ignore: pss-privileged', '    kubeward.io/ignore-until: "2026-01-31"', '    kubeward.io/ignore-reason: legacy']);
    const r = lint(text, opts());
    assert.match(r.findings.find((x) => x.ruleId === 'pss-privileged')?.message ?? '', /expired on 2026-01-31/);
    const later = lint(text, opts({ suppressions: { today: '2026-01-31' } }));
    assert.equal(later.findings.some((x) => x.ruleId === 'pss-privileged'), false);
  });

  it('a date that is not a date makes the suppression invalid (it does not suppress)', () => {
    const text = expiring('2026-13-01');
    const r = lint(text, opts());
    assert.deepEqual(at(text, r, 'pss-host-namespaces', 'suppression-invalid'), ['pss-host-namespaces@7', 'suppression-invalid@6']);
    assert.match(r.findings.find((f) => f.ruleId === 'suppression-invalid')!.message, /"2026-13-01" .* not a date/);
  });
});

describe('required reasons', () => {
  const noReason = POD([], '  hostPID: true', '      privileged: true', ['  # kubeward-disable-next-line pss-host-namespaces']);

  it('without requireReason, a suppression needs no reason', () => {
    assert.deepEqual(at(noReason, lint(noReason, opts()), 'pss-host-namespaces', 'suppression-invalid'), []);
  });

  it('with requireReason, it does not suppress and is reported', () => {
    const r = lint(noReason, opts({ suppressions: { requireReason: true } }));
    assert.deepEqual(at(noReason, r, 'pss-host-namespaces', 'suppression-invalid'), ['pss-host-namespaces@7', 'suppression-invalid@6']);
    assert.match(r.findings.find((f) => f.ruleId === 'suppression-invalid')!.message, /gives no reason/);
  });

  it('a reason from kubeward.io/ignore-reason counts', () => {
    const text = POD(['  annotations:', '    kubeward.io/ignore: pss-privileged', '    kubeward.io/ignore-reason: CNI']);
    const r = lint(text, opts({ suppressions: { requireReason: true } }));
    assert.deepEqual(at(text, r, 'pss-privileged', 'suppression-invalid'), []);
  });

  it('the severity of suppression-invalid follows the rules setting; off hides the report but still refuses', () => {
    const r = lint(noReason, opts({ suppressions: { requireReason: true }, rules: { 'suppression-invalid': 'off' } }));
    assert.deepEqual(at(noReason, r, 'pss-host-namespaces', 'suppression-invalid'), ['pss-host-namespaces@7']);
  });
});

describe('unused suppressions', () => {
  it('a comment that silences nothing is reported at its rule ids, with a safe fix removing the line', () => {
    const text = POD([], '  hostPID: true', '      privileged: true', ['  # kubeward-disable-next-line pss-host-process -- old']);
    const r = lint(text, opts());
    const u = r.findings.filter((f) => f.ruleId === 'suppression-unused');
    assert.equal(u.length, 1);
    assert.equal(u[0].severity, 'info');
    assert.equal(text.slice(u[0].start, u[0].end), 'pss-host-process');
    assert.equal(u[0].fixes[0].safety, 'safe');
    const fixed = applyFixes(text, opts(), { safety: 'safe', filter: (f) => f.ruleId === 'suppression-unused' }).text;
    assert.equal(fixed, BASE);
  });

  it('a trailing comment: the fix removes the comment and keeps the YAML', () => {
    const text = POD([], '  hostPID: false  # kubeward-disable-line pss-host-namespaces -- not any more');
    const fixed = applyFixes(text, opts(), { safety: 'safe', filter: (f) => f.ruleId === 'suppression-unused' }).text;
    assert.equal(fixed, POD([], '  hostPID: false'));
  });

  it('one unused id among used ones: the fix removes that id only', () => {
    const text = POD([], '  hostPID: true', '      privileged: true', ['  # kubeward-disable-next-line pss-privileged, pss-host-namespaces -- agent']);
    const fixed = applyFixes(text, opts(), { safety: 'safe', filter: (f) => f.ruleId === 'suppression-unused' }).text;
    assert.equal(fixed, text.replace('pss-privileged, ', ''));
    assert.deepEqual(at(fixed, lint(fixed, opts()), 'pss-host-namespaces', 'suppression-unused'), []);
  });

  it('an annotation: the fix removes it with its reason; a list entry alone when others are used', () => {
    const text = POD(['  labels:', '    app: web', '  annotations:', '    kubeward.io/ignore: "pss-privileged, pss-host-process"', '    kubeward.io/ignore-reason: agent']);
    const r = lint(text, opts());
    assert.deepEqual(r.findings.filter((f) => f.ruleId === 'suppression-unused').map((f) => text.slice(f.start, f.end)), ['pss-host-process']);
    const fixed = applyFixes(text, opts(), { safety: 'safe', filter: (f) => f.ruleId === 'suppression-unused' }).text;
    assert.equal(fixed, text.replace('"pss-privileged, pss-host-process"', '"pss-privileged"'));
    const unusedAll = POD(['  labels:', '    app: web', '  annotations:', '    kubeward.io/ignore: pss-host-process', '    kubeward.io/ignore-reason: agent']);
    const fixedAll = applyFixes(unusedAll, opts(), { safety: 'safe', filter: (f) => f.ruleId === 'suppression-unused' }).text;
    assert.equal(fixedAll, POD(['  labels:', '    app: web']));
  });

  it('an unknown rule id is reported with a suggestion', () => {
    const text = POD([], '  hostPID: true  # kubeward-disable-line pss-host-namespace -- typo');
    const u = lint(text, opts()).findings.find((f) => f.ruleId === 'suppression-unused');
    assert.match(u?.message ?? '', /"pss-host-namespace" is not a kubeward rule id \(did you mean pss-host-namespaces\?\)/);
  });

  it('a suppression of a rule that did not run is not reported (turned off, or above the PSS level)', () => {
    const text = POD([], '  hostPID: false', '      privileged: false', ['  # kubeward-disable-next-line pss-run-as-non-root -- root needed']);
    assert.equal(lint(text, opts()).findings.filter((f) => f.ruleId === 'suppression-unused').length, 1, 'restricted: the rule ran');
    assert.equal(lint(text, opts({ pss: { level: 'baseline' } })).findings.filter((f) => f.ruleId === 'suppression-unused').length, 0);
    assert.equal(lint(text, opts({ rules: { 'pss-run-as-non-root': 'off' } })).findings.filter((f) => f.ruleId === 'suppression-unused').length, 0);
  });

  it('suppression-unused can be turned off or raised', () => {
    const text = POD([], '  hostPID: true', '      privileged: true', ['  # kubeward-disable-next-line pss-host-process -- old']);
    assert.equal(lint(text, opts({ rules: { 'suppression-unused': 'off' } })).findings.filter((f) => f.ruleId === 'suppression-unused').length, 0);
    assert.equal(lint(text, opts({ rules: { 'suppression-unused': 'error' } })).findings.find((f) => f.ruleId === 'suppression-unused')?.severity, 'error');
  });
});

describe("KubeLinter's and Checkov's annotations (opt-in)", () => {
  const kubeLinter = POD(['  annotations:', '    ignore-check.kube-linter.io/privileged-container: "CNI plugin"', '    ignore-check.kube-linter.io/no-such-check: "kept for kube-linter"']);
  const checkov = POD(['  annotations:', '    checkov.io/skip1: CKV_K8S_16=CNI plugin', '    checkov.io/skip2: CKV_K8S_17']);

  it('are ignored unless enabled', () => {
    assert.deepEqual(at(kubeLinter, lint(kubeLinter, opts()), 'pss-privileged'), ['pss-privileged@14']);
    assert.deepEqual(at(checkov, lint(checkov, opts()), 'pss-privileged', 'pss-host-namespaces'), ['pss-host-namespaces@9', 'pss-privileged@14']);
  });

  it('ignore-check.kube-linter.io/<check> maps to the rules whose peers list the check; never reported unused', () => {
    const r = lint(kubeLinter, opts({ suppressions: { kubeLinterAnnotations: true } }));
    assert.deepEqual(at(kubeLinter, r, 'pss-privileged', 'suppression-unused'), []);
    assert.deepEqual(r.suppressed?.map((s) => [s.ruleId, s.suppression.kind, s.suppression.reason]), [['pss-privileged', 'kube-linter', 'CNI plugin']]);
  });

  it('kube-linter.io/ignore-all silences every rule on the object', () => {
    const text = POD(['  annotations:', '    kube-linter.io/ignore-all: "managed by an operator"']);
    const r = lint(text, opts({ suppressions: { kubeLinterAnnotations: true } }));
    assert.deepEqual(r.findings.filter((f) => f.resource?.kind === 'Pod' && !f.ruleId.startsWith('netpol-')), []);
  });

  it('checkov.io/skip<N>: <CKV_ID>=<reason> maps through the checkov peers (CKV_K8S_16 privileged, CKV_K8S_17 hostPID)', () => {
    const r = lint(checkov, opts({ suppressions: { checkovAnnotations: true } }));
    assert.deepEqual(at(checkov, r, 'pss-privileged', 'pss-host-namespaces'), []);
    assert.deepEqual(r.suppressed?.map((s) => [s.ruleId, s.suppression.reason]).sort(), [['pss-host-namespaces', undefined], ['pss-privileged', 'CNI plugin']]);
  });

  it('with requireReason, a Checkov skip without a reason does not suppress', () => {
    const r = lint(checkov, opts({ suppressions: { checkovAnnotations: true, requireReason: true } }));
    assert.deepEqual(at(checkov, r, 'pss-privileged', 'pss-host-namespaces', 'suppression-invalid'), ['pss-host-namespaces@9', 'suppression-invalid@7']);
  });
});

function lintDoc(text: string) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parseChunk } = require('../../server/src/engine/parse') as typeof import('../../server/src/engine/parse');
  return parseChunk(text).doc;
}
