// The SARIF output passes Microsoft's SARIF validator (the `sarif-multitool validate` of the npm
// package @microsoft/sarif-multitool, a .NET program shipped in the package) with no error: the
// examples, and a fixture with fixes, related locations, suppressed results and rendered sources.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { kubeward, ROOT, tempDir, y } from './helpers';

/** The validator binary (the package's bin.js runs it through a shell, which would split `--level` values). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MULTITOOL: string = require('@microsoft/sarif-multitool');

const WITH_EXTRAS = y(
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: web',
  '  annotations:',
  '    kubeward.io/ignore.app: "pss-run-as-non-root -- until 2026-01-01: the image runs as root until v2"',
  'spec:',
  '  # kubeward-disable-next-line pss-host-namespaces -- the node agent reads host processes',
  '  hostPID: true',
  '  containers:',
  '  - name: app',
  '    image: nginx:1.27.2',
  '    securityContext:',
  '      # kubeward-disable-next-line pss-host-process -- left over',
  '      privileged: true',
);

interface ValidatorResult {
  ruleId: string;
  level?: string;
  message: { text?: string; id?: string; arguments?: string[] };
}

function validate(files: string[]): { code: number | null; stdout: string; results: ValidatorResult[] } {
  const out = path.join(path.dirname(files[0]), 'validation.sarif');
  const r = spawnSync(MULTITOOL, ['validate', ...files, '--output', out, '--log', 'ForceOverwrite', '--level', 'Error;Warning;Note'], {
    encoding: 'utf8',
    // Rule SARIF2006 (a note) tries to reach every help URI. This machine has no network: a proxy on
    // a closed local port makes those attempts fail at once instead of waiting for DNS timeouts.
    env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1', HTTPS_PROXY: 'http://127.0.0.1:9', HTTP_PROXY: 'http://127.0.0.1:9' },
    timeout: 300_000,
  });
  if (r.error) throw r.error;
  const log = JSON.parse(fs.readFileSync(out, 'utf8')) as { runs: { results?: ValidatorResult[] }[] };
  return { code: r.status, stdout: r.stdout, results: log.runs.flatMap((run) => run.results ?? []) };
}

describe('cli: SARIF passes the SARIF validator', () => {
  it('sarif-multitool is installed', () => assert.ok(fs.existsSync(MULTITOOL), `${MULTITOOL} is missing: npm install`));

  it('examples/, and a file with fixes, related locations, suppressed results and rendered sources: no error', () => {
    const dir = tempDir({ 'extras.yaml': WITH_EXTRAS });
    const examples = kubeward(['lint', 'examples/', '--format', 'sarif', '--fail-on', 'never']);
    assert.equal(examples.code, 0, examples.stderr);
    const extras = kubeward(['lint', 'extras.yaml', '--format', 'sarif', '--fail-on', 'never', '--include-suppressed'], { cwd: dir });
    const rendered = kubeward(['lint', '-', '--format', 'sarif', '--fail-on', 'never', '--stdin-filename', 'rendered/mychart.yaml'], {
      input: fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'helm', 'mychart-rendered.yaml')),
    });
    // The fixture really has what it is meant to exercise.
    const extrasRun = JSON.parse(extras.stdout).runs[0];
    const results = extrasRun.results as { ruleId: string; fixes?: unknown[]; relatedLocations?: unknown[]; suppressions?: unknown[] }[];
    assert.ok(results.some((x) => x.fixes && x.fixes.length > 0), 'fixes');
    assert.ok(results.some((x) => x.ruleId === 'pss-run-as-non-root' && x.relatedLocations?.length), 'related locations (the expired suppression)');
    assert.ok(results.some((x) => x.ruleId === 'pss-host-namespaces' && x.suppressions?.length), 'suppressed results');
    assert.ok(results.some((x) => x.ruleId === 'suppression-unused' && x.fixes?.length), 'the unused suppression and its fix');

    const files = [['examples.sarif', examples.stdout], ['extras.sarif', extras.stdout], ['rendered.sarif', rendered.stdout]].map(([name, text]) => {
      const p = path.join(dir, name);
      fs.writeFileSync(p, text);
      return p;
    });
    const v = validate(files);
    assert.equal(v.code, 0, v.stdout);
    assert.match(v.stdout, /Done\. 3 files scanned\./);
    // Errors and warnings: none. Notes are style advice (SARIF2002 message ids, SARIF2009 rule id
    // format, SARIF2006 reachable URIs, SARIF2016 sentence case...), not problems.
    const problems = v.results.filter((x) => x.level !== 'note');
    assert.deepEqual(problems.map((x) => `${x.level ?? 'error'} ${x.ruleId}: ${x.message.text ?? x.message.arguments?.join(' | ')}`), []);
    assert.doesNotMatch(v.stdout, /: (error|warning) /);
  });

  it('the validator does report errors (the test would catch a broken file)', () => {
    const dir = tempDir({ 'broken.sarif': JSON.stringify({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ ruleId: 'a', locations: [] }] }] }) });
    const v = validate([path.join(dir, 'broken.sarif')]);
    assert.ok(v.results.some((x) => x.ruleId === 'JSON1002' && x.level === 'error'), v.stdout);
    assert.match(v.stdout, /error JSON1002: runs\[0\]\.results\[0\]: The required property 'message' is missing\./);
  });
});
