// engine/completions.ts on real text: what is offered in each context, and what inserting it does
// (the result parses, the fields land where they belong, the findings they address go away).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { lint } from '../../server/src/engine';
import { compareApiVersions, completionsAt, type CompletionCandidate } from '../../server/src/engine/completions';
import { getPath, parseChunk, scalarValue } from '../../server/src/engine/parse';
import { expandSnippet, snippetByPrefix, SNIPPETS } from '../../server/src/engine/snippets';
import { WorkspaceGraph } from '../../server/src/engine/workspace/graph';

const CURSOR = '‸';

function complete(marked: string, graph?: WorkspaceGraph): { items: CompletionCandidate[]; text: string; offset: number } {
  const offset = marked.indexOf(CURSOR);
  assert.ok(offset >= 0, 'no cursor marker');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { items: completionsAt(text, offset, { graph }), text, offset };
}

function apply(text: string, c: CompletionCandidate): string {
  return text.slice(0, c.start) + c.text + text.slice(c.end);
}

const labels = (items: CompletionCandidate[]): string[] => items.map((i) => i.label);
const lines = (...ls: string[]): string => `${ls.join('\n')}\n`;

/** A Deployment whose container has an empty securityContext, the cursor inside it. */
const DEPLOYMENT = lines(
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: web',
  '  namespace: apps',
  'spec:',
  '  selector:',
  '    matchLabels:',
  '      app: web',
  '  template:',
  '    metadata:',
  '      labels:',
  '        app: web',
  '    spec:',
  '      securityContext:',
  '        runAsNonRoot: true',
  '        POD',
  '      containers:',
  '        - name: web',
  '          image: nginx:1.27',
  '          securityContext:',
  '            CONTAINER',
);

function workspace(files: Record<string, string>): WorkspaceGraph {
  const g = new WorkspaceGraph({ scope: 'this workspace' });
  for (const [f, t] of Object.entries(files)) g.setFile(f, t);
  return g;
}

const GRAPH_FILES = {
  'apps.yaml': lines(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    '  namespace: apps',
    'spec:',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: web',
    '        tier: frontend',
    '    spec:',
    '      containers: [{name: web, image: web}]',
    '---',
    'apiVersion: batch/v1',
    'kind: CronJob',
    'metadata:',
    '  name: report',
    '  namespace: apps',
    'spec:',
    '  jobTemplate:',
    '    spec:',
    '      template:',
    '        metadata:',
    '          labels:',
    '            app: report',
    '            tier: "true"',
    '        spec:',
    '          containers: [{name: r, image: r}]',
    '---',
    'apiVersion: v1',
    'kind: ServiceAccount',
    'metadata:',
    '  name: web-sa',
    '  namespace: apps',
    '---',
    'apiVersion: rbac.authorization.k8s.io/v1',
    'kind: Role',
    'metadata:',
    '  name: config-reader',
    '  namespace: apps',
    '---',
    'apiVersion: rbac.authorization.k8s.io/v1',
    'kind: ClusterRole',
    'metadata:',
    '  name: metrics-reader',
  ),
  'other.yaml': lines(
    'apiVersion: v1',
    'kind: Namespace',
    'metadata:',
    '  name: monitoring',
    '  labels:',
    '    team: observability',
    '---',
    'apiVersion: apps/v1',
    'kind: DaemonSet',
    'metadata:',
    '  name: agent',
    '  namespace: monitoring',
    'spec:',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: agent',
    '    spec:',
    '      containers: [{name: a, image: a}]',
    '---',
    'apiVersion: v1',
    'kind: ServiceAccount',
    'metadata:',
    '  name: agent-sa',
    '  namespace: monitoring',
    '---',
    'apiVersion: rbac.authorization.k8s.io/v1',
    'kind: Role',
    'metadata:',
    '  name: agent-role',
    '  namespace: monitoring',
  ),
};

describe('completions: templates where a document starts', () => {
  it('an empty file: every snippet', () => {
    assert.deepEqual(labels(complete(CURSOR).items), SNIPPETS.map((s) => s.prefix));
  });

  it('after --- with a prefix typed: the template replaces the prefix; inserted with defaults it lints as the snippet does', () => {
    const { items, text } = complete(lines('apiVersion: v1', 'kind: ServiceAccount', 'metadata:', '  name: a', '  namespace: apps', 'automountServiceAccountToken: false', '---', `kw-netpol${CURSOR}`));
    const item = items.find((i) => i.label === 'kw-netpol-deny-all')!;
    const out = apply(text, item);
    assert.equal(out.split('---\n')[1], `${expandSnippet(snippetByPrefix('kw-netpol-deny-all')!.body)}\n`);
    assert.deepEqual(lint(out).parseErrors, []);
  });

  it('with content after the cursor in the same document, the template ends with --- so both stay separate documents', () => {
    const { items, text } = complete(`${CURSOR}\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n`);
    const item = items.find((i) => i.label === 'kw-serviceaccount')!;
    assert.ok(item.snippet.endsWith('\n---'));
    const out = apply(text, item);
    const docs = out.split(/^---$/m);
    assert.equal(docs.length, 2);
    assert.match(docs[0], /kind: ServiceAccount/);
    assert.match(docs[1], /kind: Namespace/);
  });

  it('not inside a document that already has content, nor indented', () => {
    assert.deepEqual(complete(lines('apiVersion: v1', `kw${CURSOR}`)).items, []);
    assert.deepEqual(complete(lines('metadata:', `  kw${CURSOR}`)).items, []);
  });
});

describe('completions: securityContext', () => {
  it('pod level: the pod fields that are missing, never container-only ones', () => {
    const { items } = complete(DEPLOYMENT.replace('POD', CURSOR).replace('CONTAINER', ''));
    const keys = items.map((i) => i.filterText);
    assert.deepEqual(keys.slice(1), ['runAsUser', 'runAsGroup', 'fsGroup', 'seccompProfile']);
    assert.ok(!keys.includes('runAsNonRoot'), 'already present');
    assert.ok(!keys.includes('allowPrivilegeEscalation') && !keys.includes('readOnlyRootFilesystem'), 'container-only fields');
    assert.equal(items[0].preselect, true);
  });

  it('container level: the container fields, with their safe values', () => {
    const { items } = complete(DEPLOYMENT.replace('POD', '').replace('CONTAINER', CURSOR));
    assert.deepEqual(labels(items).slice(1), [
      'allowPrivilegeEscalation: false',
      'readOnlyRootFilesystem: true',
      'runAsNonRoot: true',
      'capabilities: drop: - ALL',
      'seccompProfile: type: RuntimeDefault',
      'privileged: false',
      'runAsUser: 10001',
      'runAsGroup: 10001',
    ]);
  });

  it('inserting the combined container item clears the container-level Pod Security findings', () => {
    const marked = DEPLOYMENT.replace('        POD\n', '        seccompProfile:\n          type: RuntimeDefault\n').replace('CONTAINER', CURSOR);
    const { items, text } = complete(marked);
    const before = lint(text.replace(/\n\s*\n/g, '\n'), { pss: { level: 'restricted' } }).findings.map((f) => f.ruleId);
    assert.ok(before.includes('pss-allow-privilege-escalation') && before.includes('pss-capabilities-restricted'), before.join());
    const out = apply(text, items[0]);
    const parsed = parseChunk(out);
    assert.deepEqual(parsed.errors, []);
    const sc = getPath(parsed.doc.contents, ['spec', 'template', 'spec', 'containers']);
    assert.ok(sc);
    const after = lint(out, { pss: { level: 'restricted' } }).findings.map((f) => f.ruleId);
    for (const id of ['pss-allow-privilege-escalation', 'pss-capabilities-restricted', 'pss-run-as-non-root', 'workload-read-only-root-filesystem']) {
      assert.ok(!after.includes(id), `${id} still fires:\n${out}`);
    }
  });

  it('the combined pod item lands in the pod securityContext at the right indentation', () => {
    const { items, text } = complete(DEPLOYMENT.replace('POD', CURSOR).replace('CONTAINER', 'allowPrivilegeEscalation: false'));
    const out = apply(text, items[0]);
    const doc = parseChunk(out).doc;
    const pod = ['spec', 'template', 'spec', 'securityContext'];
    assert.equal(scalarValue(getPath(doc.contents, [...pod, 'fsGroup'])), 10001);
    assert.equal(scalarValue(getPath(doc.contents, [...pod, 'seccompProfile', 'type'])), 'RuntimeDefault');
    assert.equal(scalarValue(getPath(doc.contents, [...pod, 'runAsNonRoot'])), true);
  });

  it('works in a document that does not parse yet (a half-typed line above)', () => {
    const { items } = complete(DEPLOYMENT.replace('          image: nginx:1.27', '          image: [nginx').replace('POD', '').replace('CONTAINER', `read${CURSOR}`));
    assert.ok(items.some((i) => i.filterText === 'readOnlyRootFilesystem'));
  });

  it('safe values for a securityContext key being written', () => {
    assert.deepEqual(labels(complete(DEPLOYMENT.replace('POD', '').replace('CONTAINER', `allowPrivilegeEscalation: ${CURSOR}`)).items), ['false']);
    assert.deepEqual(labels(complete(DEPLOYMENT.replace('POD', '').replace('CONTAINER', `seccompProfile:\n              type: ${CURSOR}`)).items), ['RuntimeDefault', 'Localhost']);
  });

  it('a securityContext that is not a pod spec or container one (misplaced) offers nothing', () => {
    assert.deepEqual(complete(lines('kind: Deployment', 'spec:', '  securityContext:', `    ${CURSOR}`)).items, []);
  });
});

describe('completions: kind and apiVersion', () => {
  it('kind: every bundled kind, those the written apiVersion serves first', () => {
    const { items } = complete(lines('apiVersion: networking.k8s.io/v1', `kind: ${CURSOR}`));
    const np = items.find((i) => i.label === 'NetworkPolicy')!;
    const role = items.find((i) => i.label === 'Role')!;
    assert.ok(np.sortText! < role.sortText!, 'NetworkPolicy before Role');
    assert.ok(items.some((i) => i.label === 'AuthorizationPolicy'), 'Istio kinds too');
  });

  it('apiVersion: the versions that serve the kind written, the preferred one first', () => {
    assert.deepEqual(labels(complete(lines(`apiVersion: ${CURSOR}`, 'kind: CronJob')).items), ['batch/v1']);
    const ap = complete(lines('kind: AuthorizationPolicy', `apiVersion: secu${CURSOR}`)).items;
    assert.deepEqual(labels(ap), ['security.istio.io/v1', 'security.istio.io/v1beta1']);
    assert.equal(ap[0].preselect, true);
    const unknown = labels(complete(lines('kind: Widget', `apiVersion: ${CURSOR}`)).items);
    assert.ok(unknown.includes('apps/v1') && unknown.includes('v1'), 'an unknown kind: every apiVersion');
  });

  it('orders apiVersions stable, beta, alpha', () => {
    assert.deepEqual(['x/v1alpha1', 'x/v1beta1', 'x/v2', 'x/v1'].sort(compareApiVersions), ['x/v2', 'x/v1', 'x/v1beta1', 'x/v1alpha1']);
  });
});

describe('completions: labels, ServiceAccounts and roles from the workspace', () => {
  const graph = workspace(GRAPH_FILES);
  const netpol = (...spec: string[]): string => lines('apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata:', '  name: p', '  namespace: apps', 'spec:', ...spec);

  it('spec.podSelector.matchLabels: the pod labels of the policy\'s namespace, keys already written left out', () => {
    const { items } = complete(netpol('  podSelector:', '    matchLabels:', '      app: web', `      ${CURSOR}`), graph);
    assert.deepEqual(labels(items), ['tier: frontend', 'tier: true']);
    assert.equal(items[1].text, 'tier: "true"', 'a value YAML would read as a boolean is quoted');
    assert.match(items[0].detail!, /Deployment web \(apps\)/);
  });

  it('at podSelector itself: matchLabels with the label, indented under it', () => {
    const { items, text } = complete(netpol('  podSelector:', `    ${CURSOR}`), graph);
    const item = items.find((i) => i.label === 'app: web')!;
    const out = apply(text, item);
    assert.equal(scalarValue(getPath(parseChunk(out).doc.contents, ['spec', 'podSelector', 'matchLabels', 'app'])), 'web');
  });

  it('a peer podSelector beside a namespaceSelector: pods of every namespace', () => {
    const { items } = complete(netpol('  ingress:', '    - from:', '        - namespaceSelector: {}', '          podSelector:', '            matchLabels:', `              ${CURSOR}`), graph);
    assert.ok(labels(items).includes('app: agent'), labels(items).join());
    const own = complete(netpol('  ingress:', '    - from:', '        - podSelector:', '            matchLabels:', `              ${CURSOR}`), graph).items;
    assert.ok(!labels(own).includes('app: agent'), 'without a namespaceSelector, only the policy\'s namespace');
  });

  it('namespaceSelector: the labels namespaces carry, the automatic name label included', () => {
    const { items } = complete(netpol('  egress:', '    - to:', '        - namespaceSelector:', '            matchLabels:', `              ${CURSOR}`), graph);
    assert.ok(labels(items).includes('team: observability'));
    assert.ok(labels(items).includes('kubernetes.io/metadata.name: monitoring'));
    assert.ok(labels(items).includes('kubernetes.io/metadata.name: apps'));
  });

  it('a label value being written: the values of that key', () => {
    assert.deepEqual(labels(complete(netpol('  podSelector:', '    matchLabels:', `      tier: ${CURSOR}`), graph).items), ['frontend', 'true']);
  });

  it('Istio selector.matchLabels: the workloads of the policy\'s namespace', () => {
    const text = lines('apiVersion: security.istio.io/v1', 'kind: AuthorizationPolicy', 'metadata:', '  namespace: monitoring', 'spec:', '  selector:', '    matchLabels:', `      ${CURSOR}`);
    assert.deepEqual(labels(complete(text, graph).items), ['app: agent']);
  });

  it('serviceAccountName: the ServiceAccounts of the workload\'s namespace', () => {
    const pod = (ns: string) => lines('apiVersion: v1', 'kind: Pod', 'metadata:', `  namespace: ${ns}`, 'spec:', `  serviceAccountName: ${CURSOR}`);
    assert.deepEqual(labels(complete(pod('apps'), graph).items), ['web-sa']);
    assert.deepEqual(labels(complete(pod('monitoring'), graph).items), ['agent-sa']);
    const cron = lines('kind: CronJob', 'metadata:', '  namespace: apps', 'spec:', '  jobTemplate:', '    spec:', '      template:', '        spec:', `          serviceAccountName: w${CURSOR}`);
    assert.deepEqual(labels(complete(cron, graph).items), ['web-sa']);
  });

  it('roleRef.name: Roles of the namespace and ClusterRoles, narrowed by roleRef.kind and by the binding kind', () => {
    const rb = (kind?: string) => lines('apiVersion: rbac.authorization.k8s.io/v1', 'kind: RoleBinding', 'metadata:', '  namespace: apps', 'roleRef:', '  apiGroup: rbac.authorization.k8s.io', ...(kind ? [`  kind: ${kind}`] : []), `  name: ${CURSOR}`);
    assert.deepEqual(labels(complete(rb('Role'), graph).items), ['config-reader']);
    assert.deepEqual(labels(complete(rb('ClusterRole'), graph).items), ['metrics-reader']);
    assert.deepEqual(labels(complete(rb(), graph).items).sort(), ['config-reader', 'metrics-reader']);
    const crb = lines('kind: ClusterRoleBinding', 'roleRef:', `  name: ${CURSOR}`, '  kind: Role');
    assert.deepEqual(labels(complete(crb, graph).items), ['metrics-reader'], 'a ClusterRoleBinding can only reference a ClusterRole');
    assert.deepEqual(labels(complete(lines('kind: ClusterRoleBinding', 'roleRef:', `  kind: ${CURSOR}`), graph).items), ['ClusterRole']);
  });

  it('a binding subject of kind ServiceAccount: the accounts of the subject\'s namespace', () => {
    const text = lines('kind: RoleBinding', 'metadata:', '  namespace: apps', 'subjects:', '  - kind: ServiceAccount', '    namespace: monitoring', `    name: ${CURSOR}`);
    assert.deepEqual(labels(complete(text, graph).items), ['agent-sa']);
  });

  it('without a graph, the graph contexts offer nothing (and do not fail)', () => {
    assert.deepEqual(complete(lines('kind: Pod', 'spec:', `  serviceAccountName: ${CURSOR}`)).items, []);
  });
});

describe('completions: plain text equals the snippet with its defaults', () => {
  it('for every candidate of every context above', () => {
    const graph = workspace(GRAPH_FILES);
    const samples = [CURSOR, DEPLOYMENT.replace('POD', CURSOR).replace('CONTAINER', ''), DEPLOYMENT.replace('POD', '').replace('CONTAINER', CURSOR), lines(`kind: ${CURSOR}`)];
    for (const s of samples) {
      for (const c of complete(s, graph).items) assert.equal(c.text, expandSnippet(c.snippet), c.label);
    }
  });
});

describe('completions: a value right after the colon', () => {
  it('gets the space YAML needs', () => {
    const { items, text } = complete(lines('apiVersion: apps/v1', `kind:${CURSOR}`));
    const dep = items.find((i) => i.label === 'Deployment')!;
    assert.equal(apply(text, dep), lines('apiVersion: apps/v1', 'kind: Deployment'));
  });
});

describe('completions: never throw, wherever the cursor is', () => {
  it('at 400 places of each example manifest and of truncated copies of it', () => {
    const dir = join(resolve(__dirname, '..', '..', '..'), 'examples');
    const graph = workspace(GRAPH_FILES);
    for (const f of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n))) {
      const text = readFileSync(join(dir, f), 'utf8');
      const step = Math.max(1, Math.floor(text.length / 400));
      for (let o = 0; o <= text.length; o += step) {
        for (const t of [text, text.slice(0, o)]) {
          const items = completionsAt(t, o, { graph });
          for (const c of items) assert.ok(c.start <= c.end && c.end <= t.length, `${f}@${o}: range out of the text`);
        }
      }
    }
  });
});
