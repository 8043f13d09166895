// The worker pool of `kubeward lint` (cli/parallel.ts, lint-command.ts, inputs.ts) on generated
// trees: workers started during the walk, files handed out a batch at a time for indexing and for
// linting, an idle worker taking the last batch of the busiest (reading and parsing it again),
// index entries passed on after every batch, the Kustomize-patch check asked only near a
// kustomization, and JSON built without fixes or related locations. Each run with workers
// (KUBEWARD_JOBS unset, 2 and 3) must print what the one-thread run (KUBEWARD_JOBS=1) prints: the
// same standard output byte for byte in json, sarif and text, the same standard error and the
// same exit code; then what it prints is checked by value.
//
// Every run is started with a preload (`node --require`, written below into a temporary folder)
// that logs which thread reads which YAML file with fs.readFileSync. Worker threads inherit
// the preload, so the log shows, without any hook in the CLI, that the workers did the reading
// (the pool really ran), and which files an idle worker read again (a batch it took from another).
//
// Permission errors: chmod 000 does not stop root. When the tests run as root, the CLI is run as
// user "nobody" (uid 65534) for the tree with an unreadable file, as test/robustness/cli-inputs does.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { manifest, smallFile } from '../../bench/generate';
import { CLI, PRIVILEGED_POD, y, type JsonReport } from './helpers';
import { SHOP_SECRET_READER } from '../helpers/shop-fixtures';
import { tempFolders } from '../helpers/temp-folder';

const IS_ROOT = process.getuid?.() === 0;
const NOBODY = 65534;
const FORMATS = ['json', 'sarif', 'text'] as const;
type Format = (typeof FORMATS)[number];
/** The pool runs: KUBEWARD_JOBS unset (one worker per CPU but one), 2 and 3. */
const POOL_JOBS: (number | undefined)[] = [undefined, 2, 3];
const CPUS = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
/** KUBEWARD_JOBS unset: as parallel.ts, one worker per CPU but one. */
const DEFAULT_JOBS = Math.max(1, CPUS - 1);
/** As parallel.ts: below 16 files per worker, fewer workers. */
const FILES_PER_WORKER = 16;

// --- Temporary folders, readable by everyone (so "nobody" can run in them) ----------------------

const folder = tempFolders('kubeward-pool-');

// --- The read log -------------------------------------------------------------------------------

const HOOK_SOURCE = `'use strict';
// Test preload (test/cli/parallel-pool.test.ts): logs "<threadId>\\t<path>" for each YAML file read.
const fs = require('node:fs');
const { threadId } = require('node:worker_threads');
const log = process.env.KUBEWARD_TEST_READ_LOG;
const readFileSync = fs.readFileSync;
fs.readFileSync = function (p, ...rest) {
  if (log && typeof p === 'string' && /\\.ya?ml$/i.test(p)) fs.appendFileSync(log, threadId + '\\t' + p + '\\n');
  return readFileSync.call(this, p, ...rest);
};
`;
const hookDir = folder({ 'read-log.js': HOOK_SOURCE });
const hook = path.join(hookDir, 'read-log.js');
let logs = 0;

interface Read {
  /** 0: the main thread. */
  thread: number;
  /** Relative to the run's working directory. */
  file: string;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  reads: Read[];
}

/** Runs the CLI as users do, with the read log; two at a time (see inTwos). */
function run(args: string[], cwd: string, jobs: number | undefined, opts: { asNobody?: boolean } = {}): Promise<Run> {
  assert.ok(fs.existsSync(CLI), `${CLI} is missing: run npm run build first`);
  const log = path.join(hookDir, `reads-${logs++}.log`);
  fs.writeFileSync(log, '');
  fs.chmodSync(log, 0o666);
  const env: NodeJS.ProcessEnv = { ...process.env, KUBEWARD_TEST_READ_LOG: log };
  delete env.KUBEWARD_JOBS;
  if (jobs !== undefined) env.KUBEWARD_JOBS = String(jobs);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--require', hook, CLI, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], ...(opts.asNobody ? { uid: NOBODY, gid: NOBODY } : {}) });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    // A run that hangs (a worker never answering) fails its test instead of stopping the file.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const reads = fs
        .readFileSync(log, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => {
          const [thread, file] = l.split('\t');
          return { thread: Number(thread), file: path.relative(cwd, file) };
        });
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), reads });
    });
  });
}

/** Runs `tasks` two at a time (the runs are independent; this halves the time the tests take). */
async function inTwos<T>(tasks: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await tasks[i]();
    }
  };
  await Promise.all([lane(), lane()]);
  return out;
}

const label = (jobs: number | undefined) => `KUBEWARD_JOBS=${jobs ?? '(unset)'}`;

/** How many workers lint `inputs` files (parallel.ts workerCount); 1: none. */
function expectedWorkers(jobs: number | undefined, inputs: number): number {
  return Math.max(1, Math.min(jobs ?? DEFAULT_JOBS, Math.floor(inputs / FILES_PER_WORKER)));
}

/** The worker threads that read input files. */
const workerThreads = (r: Run) => new Set(r.reads.filter((x) => x.thread !== 0).map((x) => x.thread));

interface Matrix {
  /** KUBEWARD_JOBS=1, per format. */
  one: Record<Format, Run>;
  /** Per format, the pool runs in the order of POOL_JOBS. */
  pool: Record<Format, { jobs: number | undefined; run: Run }[]>;
}

/**
 * Runs `kubeward lint <args> --format <format>` in every format with one thread and with the pool,
 * and asserts the same standard output, standard error and exit code; and that the pool ran: the
 * input files were read by as many worker threads as there should be, each file the one-thread run
 * read among them. `inputs`: how many inputs the run has (for the number of workers).
 */
async function sameAsOneThread(
  dir: string,
  args: string[],
  inputs: number,
  opts: { asNobody?: boolean; formats?: readonly Format[]; poolJobs?: (number | undefined)[]; oneThread?: Partial<Record<Format, Promise<Run>>> } = {},
): Promise<Matrix> {
  const formats = opts.formats ?? FORMATS;
  // KUBEWARD_JOBS unset means one worker per CPU but one: where that is 2 or 3 workers, a count run in
  // every format anyway, the unset case is run in JSON only (to keep the tests fast).
  const poolJobs = (format: Format) => (opts.poolJobs ?? POOL_JOBS).filter((jobs) => !(jobs === undefined && format !== 'json' && POOL_JOBS.includes(DEFAULT_JOBS)));
  const runs = await inTwos(
    formats.flatMap((format) => {
      const full = ['lint', ...args, '--format', format];
      // Kept in opts.oneThread (when given) for other tests to use.
      const one = () => (opts.oneThread ? (opts.oneThread[format] ??= run(full, dir, 1, opts)) : run(full, dir, 1, opts));
      return [one, ...poolJobs(format).map((jobs) => () => run(full, dir, jobs, opts))];
    }),
  );
  const m = { one: {}, pool: {} } as Matrix;
  for (const format of formats) {
    const one = runs.shift()!;
    m.one[format] = one;
    assert.deepEqual(workerThreads(one), new Set(), 'KUBEWARD_JOBS=1 reads on the main thread');
    m.pool[format] = [];
    for (const jobs of poolJobs(format)) {
      const many = runs.shift()!;
      m.pool[format].push({ jobs, run: many });
      const what = `${format}, ${label(jobs)} vs KUBEWARD_JOBS=1`;
      assert.equal(many.code, one.code, `exit code, ${what}: ${many.stderr}`);
      assert.equal(many.stderr, one.stderr, `standard error, ${what}`);
      assert.equal(many.stdout, one.stdout, `standard output, ${what}`);
      const workers = expectedWorkers(jobs, inputs);
      assert.equal(workerThreads(many).size, workers === 1 ? 0 : workers, `worker threads that read inputs, ${what}`);
      if (workers > 1) {
        const onWorkers = new Set(many.reads.filter((x) => x.thread !== 0).map((x) => x.file));
        for (const f of new Set(one.reads.map((x) => x.file))) assert.ok(onWorkers.has(f), `${f} is read by a worker (${what})`);
      }
    }
  }
  return m;
}

const jsonOf = (r: Run) => JSON.parse(r.stdout) as JsonReport;

/** Files of a report that have a finding of `ruleId`. */
const filesWith = (report: JsonReport, ruleId: string) => [...new Set(report.findings.filter((f) => f.ruleId === ruleId).map((f) => f.file))].sort();

/** The fingerprint fingerprint.ts gives the first finding of its kind in a file. */
function fingerprintOf(file: string, ruleId: string, kind: string, namespace: string, name: string, message: string): string {
  return createHash('sha256')
    .update(`${[file, ruleId, kind, namespace, name, message].join('\u0000')}\u00000`)
    .digest('hex')
    .slice(0, 32);
}

const pad = (i: number) => String(i).padStart(2, '0');

/** A small file to fill a tree (small, so that the many runs stay fast): a privileged Pod when i % 4 is 1. */
function filler(i: number): string {
  const ns = `team-${i % 3}`;
  switch (i % 4) {
    case 0:
      return y('apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: config-${i}`, `  namespace: ${ns}`, 'data: {mode: production}');
    case 1:
      return PRIVILEGED_POD.replace('name: web', `name: pod-${i}\n  namespace: ${ns}`);
    case 2:
      return y('apiVersion: v1', 'kind: Service', 'metadata:', `  name: svc-${i}`, `  namespace: ${ns}`, 'spec:', `  selector: {app: app-${i - 1}}`, '  ports: [{port: 80}]');
    default:
      return y(
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        `  name: app-${i}`,
        `  namespace: ${ns}`,
        'spec:',
        `  selector: {matchLabels: {app: app-${i}}}`,
        '  template:',
        `    metadata: {labels: {app: app-${i}}}`,
        '    spec:',
        '      containers:',
        `      - {name: app, image: "registry.example.com/${ns}/app:1.${i}"}`,
      );
  }
}

// --- 1. Unreadable and non-YAML inputs ----------------------------------------------------------

describe('cli pool: unreadable and non-YAML inputs among many files', () => {
  const files: Record<string, string | Buffer> = {};
  for (let i = 0; i < 44; i++) files[`apps/app-${pad(i)}.yaml`] = i < 4 ? smallFile(21, i) : filler(i);
  // Named so that they fall among the apps in the listing (and two of them first, on workers 0 and 1).
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  const gzip = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]);
  const latin1 = Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf\xe9\ndata: {a: b}\n', 'latin1');
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('apiVersion: v1\nkind: ConfigMap\n', 'utf16le')]);
  files['apps/app-00-logo.yaml'] = png;
  files['apps/app-00-z-archive.yaml'] = gzip;
  files['apps/app-07-latin1.yaml'] = latin1;
  files['apps/app-13-utf16.yaml'] = utf16;
  files['apps/app-19-locked.yaml'] = PRIVILEGED_POD;
  files['apps/app-25-huge.yaml'] = smallFile(21, 0).repeat(40);
  files['apps/app-31-prose.yaml'] = y('This is a note, not a manifest: it says', '  - what: [it, does', 'and: it never ends {');
  files['apps/app-32-tabs.yaml'] = y('apiVersion: v1', 'kind: Pod', 'metadata:', '\tname: tabbed');
  files['apps/app-33-empty.yaml'] = '';
  files['apps/app-34-comments.yaml'] = y('# kept for later', '# nothing here yet');
  files['apps/app-35-json.yaml'] =
    JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'json-pod' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27.2', securityContext: { privileged: true } }] } }) + '\n';
  files['apps/app-40-binary-late.yaml'] = Buffer.concat([Buffer.from('apiVersion: v1\n'), Buffer.from([0x00, 0x01, 0x02])]);
  files['apps/locked-dir/inner.yaml'] = PRIVILEGED_POD;
  const dir = folder(files);
  fs.chmodSync(path.join(dir, 'apps/app-19-locked.yaml'), 0o000);
  fs.chmodSync(path.join(dir, 'apps/locked-dir'), 0o000);
  fs.symlinkSync(path.join(dir, 'gone.yaml'), path.join(dir, 'apps/app-05-dangling.yaml'));
  // Links to a file and to a folder already listed: each file is linted once, under its own name.
  fs.symlinkSync('app-05.yaml', path.join(dir, 'apps/aa-link-to-app-05.yaml'));
  fs.symlinkSync('apps', path.join(dir, 'linked-apps'));
  // 44 apps and 12 odd files are inputs; the dangling link and the locked folder fail in the walk.
  const inputs = 44 + 12;
  const args = ['.', '--fail-on', 'never', '--max-file-size', '20000'];

  it(`gives the one-thread output, errors and exit code with workers${IS_ROOT ? ' (run as nobody: root reads anything)' : ''}`, async () => {
    for (const [name, content] of Object.entries(files)) assert.equal(Buffer.byteLength(content) > 20000, name.includes('huge'), `${name}: only the huge file is over --max-file-size`);
    const m = await sameAsOneThread(dir, args, inputs, { asNobody: IS_ROOT });
    const one = m.one.json;
    assert.equal(one.code, 2, one.stderr);
    const nulAt = (b: Buffer) => b.indexOf(0);
    const bad = latin1.indexOf(0xe9);
    // The walk's errors first (in walk order), then the unreadable inputs in input order.
    assert.equal(
      one.stderr,
      [
        `kubeward: ${path.join('apps', 'app-05-dangling.yaml')}: broken symbolic link (its target ${path.join(dir, 'gone.yaml')} does not exist)`,
        `kubeward: ${path.join('apps', 'locked-dir')}: permission denied`,
        `kubeward: ${path.join('apps', 'app-00-logo.yaml')}: not a text file (NUL byte at offset ${nulAt(png)}); binary input is not linted`,
        `kubeward: ${path.join('apps', 'app-00-z-archive.yaml')}: not a text file (NUL byte at offset ${nulAt(gzip)}); binary input is not linted`,
        `kubeward: ${path.join('apps', 'app-07-latin1.yaml')}: not valid UTF-8 (invalid byte 0xe9 at offset ${bad}, line 4)`,
        `kubeward: ${path.join('apps', 'app-13-utf16.yaml')}: the file is UTF-16 encoded; Kubernetes manifests must be UTF-8 (convert it with iconv -f UTF-16 -t UTF-8)`,
        `kubeward: ${path.join('apps', 'app-19-locked.yaml')}: permission denied`,
        `kubeward: ${path.join('apps', 'app-25-huge.yaml')}: too large to lint: ${+(Buffer.byteLength(files['apps/app-25-huge.yaml']) / 1024).toFixed(1)} kB, over the limit of 19.5 kB (raise it with --max-file-size)`,
        `kubeward: ${path.join('apps', 'app-40-binary-late.yaml')}: not a text file (NUL byte at offset 15); binary input is not linted`,
        '',
      ].join('\n'),
    );
    const report = jsonOf(one);
    assert.deepEqual(
      report.errors.map((e) => [path.basename(e.file), e.code]),
      [
        ['app-05-dangling.yaml', 'broken-symlink'],
        ['locked-dir', 'EACCES'],
        ['app-00-logo.yaml', 'binary'],
        ['app-00-z-archive.yaml', 'binary'],
        ['app-07-latin1.yaml', 'encoding'],
        ['app-13-utf16.yaml', 'encoding'],
        ['app-19-locked.yaml', 'EACCES'],
        ['app-25-huge.yaml', 'too-large'],
        ['app-40-binary-late.yaml', 'binary'],
      ],
    );
    // The text that is not YAML is reported as such; the JSON Pod and the apps are linted.
    assert.deepEqual(filesWith(report, 'yaml-syntax'), [path.join('apps', 'app-31-prose.yaml'), path.join('apps', 'app-32-tabs.yaml')]);
    assert.ok(filesWith(report, 'pss-privileged').includes(path.join('apps', 'app-35-json.yaml')));
    const linted = new Set(report.findings.map((f) => f.file));
    for (let i = 4; i < 44; i++) if (i % 4 === 1) assert.ok(filesWith(report, 'pss-privileged').includes(path.join('apps', `app-${pad(i)}.yaml`)), `app-${pad(i)} linted`);
    for (const e of report.errors) assert.ok(!linted.has(e.file), `${e.file} has no findings`);
    assert.deepEqual(
      [...linted].filter((f) => /aa-link|linked-apps/.test(f)),
      [],
      'files reached through links are shown under their own names',
    );
    assert.equal(report.findings.filter((f) => f.file === path.join('apps', 'app-05.yaml') && f.ruleId === 'pss-privileged').length, 1, 'app-05.yaml, also reached through a link, is linted once');
    assert.match(m.one.text.stdout, /9 inputs could not be linted \(listed on standard error\)\./);
  });
});

// --- 2. Kustomize patches -----------------------------------------------------------------------

describe('cli pool: Kustomize patches among many files', () => {
  // A partial Deployment as an overlay patches it: with no kind-specific directive ($patch), only
  // the kustomization listing it tells it apart from a (broken, privileged) Deployment.
  const patch = (name: string) =>
    y(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      `  name: ${name}`,
      'spec:',
      '  template:',
      '    spec:',
      '      hostNetwork: true',
      '      containers:',
      '      - name: app',
      '        securityContext:',
      '          privileged: true',
    );
  const files: Record<string, string> = {};
  for (let i = 0; i < 40; i++) files[`apps/app-${pad(i)}.yaml`] = i < 4 ? smallFile(31, i) : filler(i);
  files['base/kustomization.yaml'] = y('apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'resources: [deployment.yaml]');
  files['base/deployment.yaml'] = smallFile(31, 1);
  // In the folder of one patch, and in the parent folder of two others.
  files['overlays/prod/kustomization.yaml'] = y(
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    'resources: [../../base]',
    'patches:',
    '- path: replicas-patch.yaml',
    '- path: patches/security-patch.yaml',
    'patchesStrategicMerge:',
    '- patches/network-patch.yaml',
    '- patches/deep/too-deep-patch.yaml',
  );
  files['overlays/prod/replicas-patch.yaml'] = patch('web');
  files['overlays/prod/patches/security-patch.yaml'] = patch('web');
  files['overlays/prod/patches/network-patch.yaml'] = patch('api');
  // Not listed, next to listed ones: linted.
  files['overlays/prod/patches/unlisted-patch.yaml'] = patch('unlisted');
  // Listed, but two folders below the kustomization: not a patch for kubeward (its folder or the one above).
  files['overlays/prod/patches/deep/too-deep-patch.yaml'] = patch('deep');
  // The other names of a kustomization.
  files['overlays/staging/Kustomization'] = y('resources: [../../base]', 'patchesStrategicMerge: [hpa-patch.yaml]');
  files['overlays/staging/hpa-patch.yaml'] = patch('staging');
  files['overlays/dev/kustomization.yml'] = y('resources: [../../base]', 'patchesJson6902:', '- target: {kind: Deployment, name: web}', '  path: patches/dev-patch.yaml');
  files['overlays/dev/patches/dev-patch.yaml'] = patch('dev');
  // Named like a patch, no kustomization in its folder or the one above: linted normally.
  files['standalone/replicas-patch.yaml'] = patch('web');
  files['standalone/more/security-patch.yaml'] = patch('web');
  const dir = folder(files);
  const inputs = Object.keys(files).filter((f) => /\.ya?ml$/.test(f)).length;

  it('skips exactly the listed patches with a notice, as the one-thread run does', async () => {
    assert.ok(inputs >= 48, `${inputs} inputs: enough for 3 workers`);
    const m = await sameAsOneThread(dir, ['.', '--fail-on', 'never'], inputs);
    const one = m.one.json;
    assert.equal(one.code, 0, one.stderr);
    const report = jsonOf(one);
    const p = (...parts: string[]) => path.join(...parts);
    const patches = [
      p('overlays', 'dev', 'patches', 'dev-patch.yaml'),
      p('overlays', 'prod', 'patches', 'network-patch.yaml'),
      p('overlays', 'prod', 'patches', 'security-patch.yaml'),
      p('overlays', 'prod', 'replicas-patch.yaml'),
      p('overlays', 'staging', 'hpa-patch.yaml'),
    ];
    assert.deepEqual(filesWith(report, 'kustomize-patch'), patches);
    for (const f of patches) {
      assert.deepEqual(
        report.findings.filter((x) => x.file === f).map((x) => [x.ruleId, x.severity, x.line, x.column]),
        [['kustomize-patch', 'info', 1, 1]],
        `${f}: only the notice`,
      );
    }
    assert.match(report.findings.find((x) => x.ruleId === 'kustomize-patch')!.message, /^Kustomize patch: this file holds partial objects/);
    // The same partial object where no kustomization lists it: checked like any Deployment.
    for (const f of [
      p('standalone', 'replicas-patch.yaml'),
      p('standalone', 'more', 'security-patch.yaml'),
      p('overlays', 'prod', 'patches', 'unlisted-patch.yaml'),
      p('overlays', 'prod', 'patches', 'deep', 'too-deep-patch.yaml'),
    ]) {
      const ids = report.findings.filter((x) => x.file === f).map((x) => x.ruleId);
      assert.ok(ids.includes('pss-privileged') && ids.includes('pss-host-namespaces'), `${f} is linted: ${ids.join(', ')}`);
      assert.ok(!ids.includes('kustomize-patch'), `${f} is not a patch`);
    }
    // Text: the notices are in the text output too.
    assert.equal(m.one.text.stdout.split('\n').filter((l) => / info kustomize-patch /.test(l)).length, patches.length);
  });
});

// --- 3. An idle worker takes a batch ------------------------------------------------------------

describe('cli pool: an idle worker takes the last batch of the busiest', () => {
  // The first 20 files are large multi-document manifests, the other 40 tiny: the worker that
  // gets more of the large ones is still busy when the others have linted theirs.
  const files: Record<string, string> = {};
  for (let i = 0; i < 20; i++) files[`a-heavy-${pad(i)}.yaml`] = manifest(150, i + 1);
  for (let i = 0; i < 40; i++) {
    files[`b-tiny-${pad(i)}.yaml`] =
      i % 10 === 3
        ? PRIVILEGED_POD.replace('name: web', `name: tiny-${i}`)
        : y('apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: tiny-${i}`, '  namespace: payments', 'data: {mode: production}');
  }
  const dir = folder(files);
  const inputs = Object.keys(files).length;

  it('gives the one-thread output with KUBEWARD_JOBS=3, and some files are read again by another worker', async () => {
    // KUBEWARD_JOBS=3 in every format; 2 and unset in JSON only (the heavy files make these runs slow).
    const m = await sameAsOneThread(dir, ['.', '--fail-on', 'never'], inputs, { formats: ['json'], poolJobs: [3, 2, undefined] });
    const others = await sameAsOneThread(dir, ['.', '--fail-on', 'never'], inputs, { formats: ['sarif', 'text'], poolJobs: [3] });
    Object.assign(m.one, others.one);
    Object.assign(m.pool, others.pool);
    assert.equal(m.one.json.code, 0, m.one.json.stderr);
    assert.ok(jsonOf(m.one.json).findings.length > 100);
    // The one-thread run reads each file once.
    assert.deepEqual(m.one.json.reads.map((r) => r.file).sort(), Object.keys(files).sort());
    let taken = 0;
    for (const format of FORMATS) {
      for (const { jobs, run: r } of m.pool[format]) {
        const readers = new Map<string, number[]>();
        for (const x of r.reads) readers.set(x.file, [...(readers.get(x.file) ?? []), x.thread]);
        assert.deepEqual([...readers.keys()].sort(), Object.keys(files).sort(), `${format}, ${label(jobs)}: every file is read`);
        for (const [file, threads] of readers) {
          // Read once to be indexed; read again only by a worker that took the batch from another.
          assert.ok(threads.length <= 2, `${file} read ${threads.length} times (${format}, ${label(jobs)})`);
          // Unset on a machine of 2 CPUs: no workers (parallel.ts defaultJobs), all on the main thread.
          if (expectedWorkers(jobs, inputs) > 1) assert.ok(!threads.includes(0), `${file} read on the main thread (${format}, ${label(jobs)})`);
          else assert.deepEqual(threads, [0], `${file} read on the main thread once (${format}, ${label(jobs)})`);
          if (threads.length === 2) {
            assert.notEqual(threads[0], threads[1], `${file} read twice by the same worker (${format}, ${label(jobs)})`);
            if (jobs === 3) taken++;
          }
        }
      }
    }
    // Timing decides which batches are taken, but with one worker's share this much heavier some
    // were in every run tried while writing this test (6 to 40 of the 60 files per run, in 25 runs).
    assert.ok(taken > 0, 'in three runs with KUBEWARD_JOBS=3 no worker took a batch from another');
  });
});

// --- 4 and 5. Cross-file findings, and what JSON lists ------------------------------------------

describe('cli pool: cross-file findings between files that different workers handle', () => {
  // The first three files of the listing go to workers 0, 1 and 2 (the first batches are handed
  // out in turn); the Deployments that depend on them are at the end of the listing.
  const files: Record<string, string> = {};
  files['00-rbac.yaml'] = SHOP_SECRET_READER;
  files['01-sa.yaml'] = y('apiVersion: v1', 'kind: ServiceAccount', 'metadata: {name: web-sa, namespace: shop}');
  files['02-netpol.yaml'] = y(
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata: {name: api-only, namespace: shop}',
    'spec:',
    '  podSelector: {matchLabels: {app: api}}',
    '  policyTypes: [Ingress, Egress]',
  );
  files['03-secret.yaml'] = y('apiVersion: v1', 'kind: Secret', 'metadata: {name: api-token, namespace: shop}', 'type: Opaque', 'stringData: {token: x}');
  for (let i = 0; i < 46; i++) files[`m-${pad(i)}.yaml`] = i < 6 ? smallFile(41, i) : filler(i);
  files['m-20-privileged.yaml'] = PRIVILEGED_POD;
  const deployment = (name: string, sa: string, extra: string[] = []) =>
    y(
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      `  name: ${name}`,
      '  namespace: shop',
      'spec:',
      `  selector: {matchLabels: {app: ${name}}}`,
      '  template:',
      `    metadata: {labels: {app: ${name}}}`,
      '    spec:',
      `      serviceAccountName: ${sa}`,
      '      containers:',
      `      - name: ${name}`,
      '        image: registry.example.com/shop/web:1.0',
      ...extra,
    );
  files['z-api.yaml'] = deployment('api', 'api-sa', [
    '        env:',
    '        - name: TOKEN',
    '          valueFrom: {secretKeyRef: {name: api-token, key: token}}',
    '        - name: OTHER',
    '          valueFrom: {secretKeyRef: {name: missing-token, key: token}}',
  ]);
  files['zz-web.yaml'] = deployment('web', 'web-sa');
  const dir = folder(files);
  const inputs = Object.keys(files).length;
  const args = ['.', '--fail-on', 'never'];
  /** The one-thread runs, per format (made by the first test, or by the one that needs them). */
  const one: Partial<Record<Format, Promise<Run>>> = {};
  const oneThread = (format: Format): Promise<Run> => (one[format] ??= run(['lint', ...args, '--format', format], dir, 1));

  it('gives the one-thread findings with workers, in every format', async () => {
    assert.ok(inputs >= 48, `${inputs} inputs: enough for 3 workers`);
    const m = await sameAsOneThread(dir, args, inputs, { oneThread: one });
    assert.equal(m.one.json.code, 0, m.one.json.stderr);
    const report = jsonOf(m.one.json);
    const of = (file: string) => report.findings.filter((f) => f.file === file);
    // zz-web.yaml: its ServiceAccount (01) is bound by a RoleBinding in 00 to a Role in 00.
    const web = of('zz-web.yaml');
    assert.ok(!web.some((f) => f.ruleId === 'ref-missing-service-account'), 'web-sa is in 01-sa.yaml');
    const perm = web.filter((f) => f.ruleId === 'rbac-workload-permissions');
    assert.equal(perm.length, 1);
    assert.match(perm[0].message, /ServiceAccount shop\/web-sa, which can read all secrets in namespace shop, via RoleBinding read-all -> Role secret-reader \(00-rbac\.yaml:3\)/);
    assert.deepEqual([perm[0].line, perm[0].column], [11, 27]);
    // zz-web.yaml is selected by no policy; z-api.yaml by the one in 02.
    assert.ok(web.some((f) => f.ruleId === 'netpol-not-isolated'));
    const api = of('z-api.yaml');
    assert.ok(!api.some((f) => f.ruleId === 'netpol-not-isolated'), 'api-only in 02-netpol.yaml selects app=api');
    // z-api.yaml: api-sa is defined nowhere; api-token is in 03, missing-token nowhere.
    assert.equal(api.filter((f) => f.ruleId === 'ref-missing-service-account').length, 1);
    assert.deepEqual(
      api.filter((f) => f.ruleId === 'ref-missing-secret').map((f) => f.message.match(/Secret ([\w-]+)/)?.[1]),
      ['missing-token'],
    );
    // The policy in 02 selects pods: netpol-selects-nothing is not reported for it.
    assert.ok(!of('02-netpol.yaml').some((f) => f.ruleId === 'netpol-selects-nothing'));
  });

  it('the same Deployments alone miss the other files (the findings above come from them)', async () => {
    const alone = jsonOf(await run(['lint', 'zz-web.yaml', 'z-api.yaml', '--format', 'json', '--fail-on', 'never'], dir, 1));
    const ids = (file: string) => alone.findings.filter((f) => f.file === file).map((f) => f.ruleId);
    assert.ok(ids('zz-web.yaml').includes('ref-missing-service-account'));
    assert.ok(!ids('zz-web.yaml').includes('rbac-workload-permissions'));
    assert.ok(ids('z-api.yaml').includes('netpol-not-isolated'));
    assert.equal(alone.findings.filter((f) => f.ruleId === 'ref-missing-secret').length, 2);
  });

  it('--format json lists what it listed before for findings with fixes and related locations', async () => {
    const [pool, json, sarifRun, text] = await inTwos([() => run(['lint', ...args, '--format', 'json'], dir, 3), () => oneThread('json'), () => oneThread('sarif'), () => oneThread('text')]);
    assert.equal(pool.code, json.code, pool.stderr);
    assert.equal(pool.stdout, json.stdout, 'JSON, KUBEWARD_JOBS=3 vs KUBEWARD_JOBS=1');
    const report = jsonOf(json);
    const sarif = JSON.parse(sarifRun.stdout) as {
      runs: {
        results: {
          ruleId: string;
          partialFingerprints: Record<string, string>;
          locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
          relatedLocations?: { physicalLocation?: { artifactLocation: { uri: string } } }[];
          fixes?: unknown[];
        }[];
      }[];
    };
    const results = sarif.runs[0].results;
    // Every finding, with the same place and fingerprint as SARIF (which builds fixes and related locations).
    const key = (file: string, ruleId: string, line: number, column: number, fp: string) => `${file} ${ruleId} ${line}:${column} ${fp}`;
    assert.deepEqual(
      report.findings.map((f) => key(f.file.split(path.sep).join('/'), f.ruleId, f.line, f.column, f.fingerprint)).sort(),
      results
        .map((r) =>
          key(
            r.locations[0].physicalLocation.artifactLocation.uri,
            r.ruleId,
            r.locations[0].physicalLocation.region.startLine,
            r.locations[0].physicalLocation.region.startColumn,
            r.partialFingerprints['kubeward/v1'],
          ),
        )
        .sort(),
    );
    // The two findings looked at below do have fixes and related locations in SARIF.
    const sarifOf = (uri: string, ruleId: string) => results.find((r) => r.ruleId === ruleId && r.locations[0].physicalLocation.artifactLocation.uri === uri)!;
    assert.ok((sarifOf('m-20-privileged.yaml', 'pss-privileged').fixes ?? []).length > 0, 'pss-privileged has fixes');
    assert.deepEqual(
      (sarifOf('zz-web.yaml', 'rbac-workload-permissions').relatedLocations ?? []).map((l) => l.physicalLocation?.artifactLocation.uri),
      ['00-rbac.yaml', '00-rbac.yaml'],
    );
    // By value: the fields JSON always had, no more.
    const priv = report.findings.find((f) => f.file === 'm-20-privileged.yaml' && f.ruleId === 'pss-privileged')!;
    assert.deepEqual(Object.keys(priv), ['file', 'ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'resource', 'fingerprint']);
    assert.deepEqual([priv.severity, priv.line, priv.column, priv.endLine, priv.endColumn], ['error', 11, 19, 11, 23]);
    assert.deepEqual(priv.resource, { kind: 'Pod', name: 'web', namespace: null });
    assert.equal(priv.fingerprint, fingerprintOf('m-20-privileged.yaml', 'pss-privileged', 'Pod', '', 'web', priv.message));
    const perm = report.findings.find((f) => f.file === 'zz-web.yaml' && f.ruleId === 'rbac-workload-permissions')!;
    assert.deepEqual(Object.keys(perm), ['file', 'ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'resource', 'fingerprint']);
    assert.deepEqual(perm.resource, { kind: 'Deployment', name: 'web', namespace: 'shop' });
    assert.equal(perm.fingerprint, fingerprintOf('zz-web.yaml', 'rbac-workload-permissions', 'Deployment', 'shop', 'web', perm.message));
    // Text reads the fixes: its summary counts the fixable findings.
    assert.match(text.stdout, /fixable with --fix/);
  });
});

// --- Workers started during the walk, then not needed ---------------------------------------------

describe('cli pool: workers started during the walk and then not used', () => {
  const apps: Record<string, string> = {};
  for (let i = 0; i < 40; i++) apps[`${i < 30 ? 'vendor' : 'own'}/app-${pad(i)}.yaml`] = filler(i);

  it('an invalid config stops the run before anything is linted, with workers as with one thread', async () => {
    const dir = folder({ ...apps, '.kubeward.yaml': y('rule: {}') });
    const m = await sameAsOneThread(dir, ['.'], 0, { formats: ['json'] });
    assert.equal(m.one.json.code, 2);
    assert.equal(m.one.json.stdout, '');
    assert.match(m.one.json.stderr, /unknown key "rule".*\nkubeward: the configuration is invalid; nothing was linted\n$/);
  });

  it('31 files: no workers; 32 files: two workers (KUBEWARD_JOBS=3); the one-thread output either way', async () => {
    const some = (n: number) => Object.fromEntries(Object.entries(apps).slice(0, n));
    for (const n of [31, 32]) {
      const m = await sameAsOneThread(folder(some(n)), ['.', '--fail-on', 'never'], n, { formats: ['json'], poolJobs: [3] });
      assert.equal(workerThreads(m.pool.json[0].run).size, n === 31 ? 0 : 2);
    }
  });

  it('a config that excludes most files leaves too few for workers: the one-thread output', async () => {
    const dir = folder({ ...apps, '.kubeward.yaml': y('exclude: [vendor/]') });
    const m = await sameAsOneThread(dir, ['.', '--fail-on', 'never'], 10, { formats: ['json'], poolJobs: [3] });
    assert.equal(m.one.json.code, 0, m.one.json.stderr);
    assert.equal(jsonOf(m.one.json).excluded?.length, 30);
  });
});
