// `helm template . | kubeward lint -` and `kustomize build | kubeward lint -`: findings name the
// template (helm's `# Source:` comments) or the source file (kustomize's origin annotations) in
// every format, next to the exact place in the rendered text.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { json, kubeward, ROOT } from './helpers';

const RENDERED = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'helm', 'mychart-rendered.yaml'), 'utf8');
const KUSTOMIZED = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'helm', 'kustomize-build.yaml'), 'utf8');
const only = ['--preset', 'pss-baseline', '--rule', 'image-latest-tag=warning'];

describe('cli: rendered Helm charts', () => {
  it('text: the template first, then the place in the rendered stream', () => {
    const r = kubeward(['lint', '-', ...only], { input: RENDERED });
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.split('\n').filter((l) => l.includes(' error ') || l.includes(' warning '));
    assert.deepEqual(lines, [
      'mychart/templates/deployment.yaml (rendered, <stdin>:69:25) error pss-privileged baseline: container "mychart" must not be privileged (securityContext.privileged must be false or unset)',
      'mychart/templates/tests/test-connection.yaml (rendered, <stdin>:103:14) warning image-latest-tag image "busybox" of container "wget" has no tag, so it means ":latest": the version that runs can change on any pull and cannot be rolled back or audited',
    ]);
  });

  it('json: a source field beside the rendered position', () => {
    const out = json(kubeward(['lint', '-', '--format', 'json', ...only], { input: RENDERED }));
    assert.deepEqual(
      out.findings.map((f) => [f.file, f.line, f.column, f.ruleId, f.source]),
      [
        ['<stdin>', 69, 25, 'pss-privileged', 'mychart/templates/deployment.yaml'],
        ['<stdin>', 103, 14, 'image-latest-tag', 'mychart/templates/tests/test-connection.yaml'],
      ],
    );
  });

  it('sarif: renderedFrom in the result properties, the region in the rendered artifact', () => {
    const r = kubeward(['lint', '-', '--format', 'sarif', '--stdin-filename', 'rendered/mychart.yaml', ...only], { input: RENDERED });
    const results = JSON.parse(r.stdout).runs[0].results;
    const priv = results.find((x: { ruleId: string }) => x.ruleId === 'pss-privileged');
    assert.equal(priv.properties.renderedFrom, 'mychart/templates/deployment.yaml');
    assert.deepEqual(priv.locations[0].physicalLocation.artifactLocation, { uri: 'rendered/mychart.yaml', uriBaseId: '%SRCROOT%' });
    assert.equal(priv.locations[0].physicalLocation.region.startLine, 69);
  });

  it('github: the annotation goes on the template file, with the rendered place in the message', () => {
    const r = kubeward(['lint', '-', '--format', 'github', ...only], { input: RENDERED });
    const first = r.stdout.split('\n')[0];
    assert.equal(
      first,
      '::error file=mychart/templates/deployment.yaml,title=kubeward pss-privileged::baseline: container "mychart" must not be privileged (securityContext.privileged must be false or unset) (rendered, <stdin>:69:25)',
    );
  });

  it('a plain manifest has no source', () => {
    const plain = RENDERED.replace(/^# Source: .*\n/gm, '');
    const out = json(kubeward(['lint', '-', '--format', 'json', ...only], { input: plain }));
    assert.ok(out.findings.length > 0);
    assert.ok(out.findings.every((f) => f.source === undefined));
  });
});

describe('cli: kustomize build output', () => {
  it('origin annotations (buildMetadata: [originAnnotations]) name the source file', () => {
    const out = json(kubeward(['lint', '-', '--format', 'json', '--preset', 'pss-restricted'], { input: KUSTOMIZED }));
    const escalation = out.findings.find((f) => f.ruleId === 'pss-allow-privilege-escalation');
    assert.ok(escalation);
    assert.deepEqual([escalation.line, escalation.source], [41, 'base/deployment.yaml']);
  });
});
