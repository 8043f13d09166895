// `npm run bench`: Kubeward against yaml-language-server and the parse floor, in one run.
// bench/run.mjs bundles this file (with the engine and `yaml`) and runs it; see bench/README.md.
//
// Options: --generate (only write the inputs), --skip=<floor,lsp,cold,cli,workspace>, --no-yls.
import { cpus, loadavg } from 'node:os';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { generate, SIZES, smallFile } from './generate';
import { measureFloor, measureIndexing, parseFloorFiles, parseFloorFilesOnWorkers, type FloorResult } from './in-process';
import { findingTypingPoint, runLsp, runLspSessions, MEASURED_EDITS, STEADY_EDITS, WARMUP_EDITS, type LspRun } from './lsp-bench';
import type { ServerSpec } from './lsp';
import { coldStart, runCliInterleaved, type ColdStart } from './process-bench';
import { defaultJobs } from '../server/src/cli/parallel';
import { mb, median, ms, ratio, table } from './stats';
import { runWorkspace, type WorkspaceRun } from './workspace-bench';
import { serverExecArgv } from '../client/src/server-process';

const ROOT = resolve(__dirname, '..', '..');
const GENERATED = join(ROOT, 'bench', '.generated');
const args = process.argv.slice(2);
const skip = new Set((args.find((a) => a.startsWith('--skip='))?.slice(7) ?? '').split(',').filter(Boolean));
const withYls = !args.includes('--no-yls');

/**
 * The server keeps V8's code cache (server/src/boot/code-cache.ts) in a folder of the bench's own,
 * emptied at the start of each run, so no run depends on what an earlier one left.
 */
const CODE_CACHE = join(GENERATED, 'code-cache');

const SERVER = join(ROOT, 'dist', 'server.js');

/**
 * Kubeward as its VS Code client runs it: started with the client's Node options
 * (client/src/server-process.ts: V8's thread pool one thread smaller than the CPUs), diagnostics
 * pulled after each change (LSP 3.17).
 */
export const KUBEWARD: ServerSpec = {
  name: 'kubeward (pull)',
  command: [process.execPath, ...serverExecArgv(), SERVER, '--stdio'],
  settings: { kubeward: {} },
  pull: true,
  pullDiagnostics: true,
  env: { ...process.env, KUBEWARD_CODE_CACHE_DIR: CODE_CACHE },
};

/** Sessions pooled for each Kubeward row of the language-server table (runLspSessions). */
const KUBEWARD_SESSIONS = 3;

/**
 * Kubeward as other editors run it: the `kubeward-language-server` bin as it is (Node's default
 * options), every lint's diagnostics published (publishDiagnostics).
 */
export const KUBEWARD_PUSH: ServerSpec = { ...KUBEWARD, name: 'kubeward (push)', command: [process.execPath, SERVER, '--stdio'], pullDiagnostics: false };

/**
 * yaml-language-server as a user without network access has it: validation on, the schema store
 * off (its catalog and the `kubernetes` schema are downloaded, which cannot happen here), so it
 * checks YAML syntax, duplicate keys and its own YAML rules, with no schema.
 */
export const YLS: ServerSpec = {
  name: 'yaml-language-server',
  command: [process.execPath, join(ROOT, 'node_modules', 'yaml-language-server', 'out', 'server', 'src', 'server.js'), '--stdio'],
  settings: {
    yaml: { validate: true, hover: true, completion: true, schemaStore: { enable: false }, schemas: {}, format: { enable: false } },
    http: {},
    '[yaml]': {},
    editor: {},
    files: {},
  },
  pull: true,
};

const log = (s = ''): void => void process.stdout.write(`${s}\n`);

function listYaml(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) listYaml(p, out);
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

interface Target {
  name: string;
  measured: string;
  pass: boolean | undefined;
}

async function main(): Promise<void> {
  if (!existsSync(SERVER)) throw new Error('dist/server.js is missing: run `npm run build` first');
  const gen = generate(GENERATED);
  rmSync(CODE_CACHE, { recursive: true, force: true });
  if (args.includes('--generate')) {
    log(`inputs written to ${GENERATED}`);
    return;
  }
  const cpuModel = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
  const started = Date.now();
  log(`Kubeward benchmark: ${cpus().length} CPUs (${cpuModel}), node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
  log(`Load average at start: ${loadavg().map((x) => x.toFixed(2)).join(' ')} (other processes share these CPUs: wall-clock times include their interference; ratios are measured in this one run)`);
  const texts = Object.fromEntries(SIZES.map((s) => [s, readFileSync(gen.manifests[s], 'utf8')])) as Record<number, string>;
  const targets: Target[] = [];

  // --- The floor -----------------------------------------------------------------------------
  const floors: Record<number, FloorResult> = {};
  if (!skip.has('floor')) {
    log('\n## Engine against the parse floor (in process, median of several runs)\n');
    for (const s of SIZES) floors[s] = measureFloor(texts[s], gen.manifests[s], s <= 10_000);
    log(
      table(
        ['lines', 'size', 'docs', 'findings', 'parseAllDocuments (floor)', 'full lint (fresh Linter)', 'lint / floor', "the engine's parse (split, yaml-cst, Composer)", 'lint / that', 'lint, no schema rules', 'schema / doc', 're-lint after 1 char'],
        SIZES.map((s) => {
          const f = floors[s];
          return [String(f.lines), mb(f.bytes), String(f.documents), String(f.findings), ms(f.parseMs), ms(f.lintMs), ratio(f.lintMs / f.parseMs), ms(f.parseEngineMs), ratio(f.lintMs / f.parseEngineMs), f.lintNoSchemaMs === undefined ? '-' : ms(f.lintNoSchemaMs), f.schemaPerDocMs === undefined ? '-' : `${(f.schemaPerDocMs * 1000).toFixed(0)} µs`, ms(f.relintMs)];
        }),
      ),
    );
    for (const s of SIZES) {
      const f = floors[s];
      targets.push({ name: `full lint ≤ 1.3× parse floor (${s / 1000}k lines)`, measured: `${ratio(f.lintMs / f.parseMs)} (${ms(f.lintMs)} / ${ms(f.parseMs)})`, pass: f.lintMs <= 1.3 * f.parseMs });
    }
    const f10 = floors[10_000];
    if (f10.schemaPerDocMs !== undefined) targets.push({ name: '(info) schema validation cost per YAML document (10k lines)', measured: `${(f10.schemaPerDocMs * 1000).toFixed(0)} µs (${ms(f10.lintMs - (f10.lintNoSchemaMs ?? 0))} for ${f10.documents} documents)`, pass: undefined });
  }

  // --- Language servers ------------------------------------------------------------------------
  const runs: Record<string, Record<number, LspRun>> = { kubeward: {}, push: {}, yls: {}, changing: {}, changingPush: {} };
  if (!skip.has('lsp')) {
    log(`\n## Language servers: open and edit-to-diagnostics (${MEASURED_EDITS} one-character edits in the middle after ${WARMUP_EDITS} warm-up edits)\n`);
    log(`kubeward: started and pulled as its VS Code client does (\`node ${serverExecArgv().join(' ')} dist/server.js\`; \`unchanged\` when the edit left the diagnostics as they were); kubeward (push): the bin as other editors start it (\`node dist/server.js --stdio\`, Node's default options), diagnostics published after each change.`);
    log(`Each kubeward row pools ${KUBEWARD_SESSIONS} sessions (a fresh server each: start, open, type), ${KUBEWARD_SESSIONS * MEASURED_EDITS} measured edits: one session's median moves by a third from run to run with the JIT's timing and the machine's load. yaml-language-server: one session.\n`);
    const rows: string[][] = [];
    for (const s of SIZES) {
      const k = await runLspSessions(KUBEWARD_SESSIONS, KUBEWARD, gen.manifests[s], texts[s], STEADY_EDITS);
      runs.kubeward[s] = k;
      rows.push(lspRow(k));
      const kp = await runLspSessions(KUBEWARD_SESSIONS, KUBEWARD_PUSH, gen.manifests[s], texts[s], STEADY_EDITS);
      runs.push[s] = kp;
      rows.push(lspRow(kp));
      if (withYls) {
        const y = await runLsp(YLS, gen.manifests[s], texts[s]);
        runs.yls[s] = y;
        rows.push(lspRow(y));
        rows.push([`  kubeward / yls`, '', ratio(y.openMs / k.openMs) + ' faster', '', ratio(y.editMedian / k.editMedian) + ' faster', ratio(y.editP90 / k.editP90) + ' faster', ratio(y.cpuPerEdit / k.cpuPerEdit) + ' less', '', ratio(k.peakRss / y.peakRss), '']);
      }
    }
    log(table(['server', 'lines', 'open → diags', 'diags', 'edit median', 'edit p90', 'server CPU/edit', 'diags after', 'peak RSS', 'versioned'], rows));
    log('\nyaml-language-server debounces validation by a fixed 200 ms (validationDelayMs, not configurable); its edit times include it, as its users wait for it.');
    log('Without that delay, its compute per edit would be about: ' + SIZES.filter((s) => runs.yls[s]).map((s) => `${s / 1000}k: ${ms(runs.yls[s].editMedian - 200)}`).join(', ') + '.');
    log('kubeward reports (pull): ' + SIZES.map((s) => `${s / 1000}k: ${runs.kubeward[s].reports?.full ?? 0} full, ${runs.kubeward[s].reports?.unchanged ?? 0} unchanged`).join('; ') + '.');

    // The same, typing where every keystroke changes the diagnostics (the full list goes out each time).
    log(`\n## Edits that change the diagnostics: typing at the start of an image reference (its findings' ranges grow), ${MEASURED_EDITS} edits after ${WARMUP_EDITS}\n`);
    const changingRows: string[][] = [];
    for (const s of SIZES) {
      const k = await runLsp(KUBEWARD, gen.manifests[s], texts[s], 0, findingTypingPoint);
      runs.changing[s] = k;
      changingRows.push(lspRow(k));
      const kp = await runLsp(KUBEWARD_PUSH, gen.manifests[s], texts[s], 0, findingTypingPoint);
      runs.changingPush[s] = kp;
      changingRows.push(lspRow(kp));
    }
    log(table(['server', 'lines', 'open → diags', 'diags', 'edit median', 'edit p90', 'server CPU/edit', 'diags after', 'peak RSS', 'versioned'], changingRows));
    log('kubeward reports (pull): ' + SIZES.map((s) => `${s / 1000}k: ${runs.changing[s].reports?.full ?? 0} full, ${runs.changing[s].reports?.unchanged ?? 0} unchanged`).join('; ') + '.');
    const k10 = runs.kubeward[10_000];
    const k50 = runs.kubeward[50_000];
    if (k10 && runs.yls[10_000]) {
      const y = runs.yls[10_000];
      targets.push({ name: 'edit → diagnostics at 10k lines ≥ 40× faster than yaml-language-server', measured: `${ratio(y.editMedian / k10.editMedian)} (${ms(k10.editMedian)} vs ${ms(y.editMedian)}; ${ratio((y.editMedian - 200) / k10.editMedian)} without its 200 ms debounce)`, pass: y.editMedian / k10.editMedian >= 40 });
    }
    if (k10) targets.push({ name: 'edit → diagnostics at 10k lines < 15 ms median', measured: `${ms(k10.editMedian)} (p90 ${ms(k10.editP90)})`, pass: k10.editMedian < 15 });
    if (k50) targets.push({ name: 'edit → diagnostics at 50k lines < 25 ms median', measured: `${ms(k50.editMedian)} (p90 ${ms(k50.editP90)})`, pass: k50.editMedian < 25 });
    for (const s of SIZES) {
      const k = runs.kubeward[s];
      if (k) targets.push({ name: `(info) edit → diagnostics once warm, ${s / 1000}k lines (the ${STEADY_EDITS} edits after the measured ones)`, measured: `${ms(k.steadyMedian)} median (measured edits: ${ms(k.editMedian)}); peak RSS after them ${mb(k.peakRssEnd)}`, pass: undefined });
    }
    for (const s of [10_000, 50_000]) {
      const p = runs.push[s];
      const y = runs.yls[s];
      if (p) targets.push({ name: `(info) the same with push (other editors), ${s / 1000}k lines`, measured: `${ms(p.editMedian)} median${y ? ` (${ratio(y.editMedian / p.editMedian)} faster than yaml-language-server)` : ''}; once warm ${ms(p.steadyMedian)}`, pass: undefined });
      const ch = runs.changing[s];
      const chp = runs.changingPush[s];
      if (ch && chp) targets.push({ name: `(info) edits that change the diagnostics, ${s / 1000}k lines`, measured: `${ms(ch.editMedian)} median pulled, ${ms(chp.editMedian)} pushed${y ? ` (${ratio(y.editMedian / ch.editMedian)} / ${ratio(y.editMedian / chp.editMedian)} faster than yaml-language-server)` : ''}`, pass: undefined });
    }
    if (k50 && runs.yls[50_000]) {
      const y = runs.yls[50_000];
      targets.push({ name: 'peak RSS at 50k lines ≤ 1/4 of yaml-language-server', measured: `${mb(k50.peakRss)} vs ${mb(y.peakRss)} (${ratio(k50.peakRss / y.peakRss)})`, pass: k50.peakRss <= y.peakRss / 4 });
    }
    for (const s of SIZES) {
      const k = runs.kubeward[s];
      const f = floors[s];
      if (k && f) targets.push({ name: `(info) server open → diagnostics vs parse floor (${s / 1000}k)`, measured: `${ratio(k.openMs / f.parseMs)} (${ms(k.openMs)})`, pass: undefined });
    }
  }

  // --- Cold start --------------------------------------------------------------------------------
  if (!skip.has('cold')) {
    const small = join(GENERATED, 'small.yaml');
    const smallText = smallFile(9, 0);
    writeFileSync(small, smallText);
    const runsN = 7;
    // The first start after an install or update has no code cache: each of these runs gets an
    // empty cache folder. The others find the cache an earlier start left (one unmeasured start
    // makes it), as every start after that first one does.
    const fresh: number[] = [];
    for (let i = 0; i < runsN; i++) {
      const dir = mkdtempSync(join(GENERATED, 'code-cache-empty-'));
      try {
        fresh.push((await coldStart({ ...KUBEWARD, env: { ...process.env, KUBEWARD_CODE_CACHE_DIR: dir } }, small, smallText, 1)).runs[0]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const noCache: ColdStart = { runs: fresh, median: median(fresh), diagnostics: 0 };
    await coldStart(KUBEWARD, small, smallText, 1);
    const on = await coldStart(KUBEWARD, small, smallText, runsN);
    const off = await coldStart({ ...KUBEWARD, settings: { kubeward: { schema: { enable: false } } } }, small, smallText, runsN);
    const y: ColdStart | undefined = withYls ? await coldStart(YLS, small, smallText, 3) : undefined;
    log(`\n## Cold start: spawn → initialize → didOpen → first diagnostics (${smallText.split('\n').length - 1}-line file, median of ${runsN})\n`);
    log(
      table(
        ['server', 'median', 'runs', 'diags'],
        [
          ['kubeward (schema validation on, the default)', ms(on.median), on.runs.map((x) => x.toFixed(0)).join(' '), String(on.diagnostics)],
          ['kubeward, first start after an install (no code cache yet)', ms(noCache.median), noCache.runs.map((x) => x.toFixed(0)).join(' '), String(on.diagnostics)],
          ['kubeward (kubeward.schema.enable: false)', ms(off.median), off.runs.map((x) => x.toFixed(0)).join(' '), String(off.diagnostics)],
          ...(y ? [['yaml-language-server (incl. its 200 ms debounce)', ms(y.median), y.runs.map((x) => x.toFixed(0)).join(' '), String(y.diagnostics)]] : []),
        ],
      ),
    );
    targets.push({ name: 'cold start to first diagnostics ≤ 250 ms (schemas on)', measured: `${ms(on.median)} (schemas off: ${ms(off.median)}; first start after an install, no code cache: ${ms(noCache.median)})`, pass: on.median <= 250 });
  }

  // --- CLI throughput ----------------------------------------------------------------------------
  if (!skip.has('cli')) {
    const files = listYaml(gen.tree);
    const floor = parseFloorFiles(files);
    const jobs = cpus().length;
    const floorOnWorkers = await parseFloorFilesOnWorkers(files, jobs);
    const cli = join(ROOT, 'dist', 'cli.js');
    const cliArgs = ['lint', gen.tree, '--format', 'json', '--fail-on', 'never'];
    const rate = (n: number, t: number) => (n / t) * 1000;
    const row = (what: string, t: number, vs: string, cpu?: number): string[] => [what, ms(t), cpu === undefined ? '' : ms(cpu), rate(files.length, t).toFixed(0), (rate(floor.bytes, t) / 2 ** 20).toFixed(1), vs];
    // As the CLI is run (KUBEWARD_JOBS unset: a worker per CPU but one, server/src/cli/parallel.ts),
    // then with a worker per CPU and with one thread where those differ from it; interleaved.
    const byDefault = defaultJobs();
    const configs = [{ what: `kubeward lint as run (${byDefault > 1 ? `${byDefault} workers` : 'one thread'}: a worker per CPU but one)`, env: process.env }];
    for (const n of [jobs, 1].filter((n, i, all) => n !== byDefault && all.indexOf(n) === i)) {
      configs.push({ what: `kubeward lint, KUBEWARD_JOBS=${n} (${n > 1 ? `${n} workers` : 'one thread'})`, env: { ...process.env, KUBEWARD_JOBS: String(n) } });
    }
    const cliRuns = await runCliInterleaved(cli, cliArgs, configs.map((c) => c.env), 3);
    const runs = configs.map((c, i) => ({ what: c.what, run: cliRuns[i] }));
    log(`\n## CLI throughput: kubeward lint over ${files.length} files (${mb(floor.bytes)}), JSON to a pipe, process start to exit (median of 3, the configurations interleaved)\n`);
    log(
      table(
        ['what', 'time', 'CPU', 'files/s', 'MB/s', 'vs floor'],
        [
          row('parse floor: read + parseAllDocuments, one thread, in process', floor.ms, '1x'),
          row(`the floor split over ${jobs} worker threads, in process, warm (median of 3 passes after one)`, floorOnWorkers.warm, ratio(floor.ms / floorOnWorkers.warm)),
          row(`the same, first pass of fresh threads (each compiles the hot code itself, as in a CLI run)`, floorOnWorkers.first, ratio(floor.ms / floorOnWorkers.first)),
          ...runs.map((r) => row(r.what, r.run.ms, ratio(floor.ms / r.run.ms), r.run.cpuMs)),
        ],
      ),
    );
    log('CPU: user + system time of the CLI process, all its threads (V8 compiles and collects garbage on threads of its own).');

    // One small file, as a pre-commit hook or an editor's save hook runs the CLI: with the code
    // cache an earlier run left (dist/cli.js, server/src/boot/code-cache.ts) and without it.
    const small = join(GENERATED, 'small.yaml');
    writeFileSync(small, smallFile(9, 0));
    const cacheDir = mkdtempSync(join(GENERATED, 'cli-cache-'));
    const smallArgs = ['lint', small, '--format', 'json', '--fail-on', 'never'];
    try {
      await runCliInterleaved(cli, smallArgs, [{ ...process.env, KUBEWARD_CODE_CACHE_DIR: cacheDir }], 1); // writes the cache
      const [withCache, noCache] = await runCliInterleaved(cli, smallArgs, [{ ...process.env, KUBEWARD_CODE_CACHE_DIR: cacheDir }, { ...process.env, KUBEWARD_CODE_CACHE_DIR: 'off' }], 7);
      // Node's own start, for scale: `node -e 0` (runCliInterleaved runs `node <first> <rest>`).
      const [nodeAlone] = await runCliInterleaved('-e', ['0'], [process.env], 5);
      log(`\nkubeward lint of one ${smallFile(9, 0).split('\n').length}-line file, process start to exit (median of 7, interleaved): ${ms(withCache.ms)} with the code cache an earlier run left, ${ms(noCache.ms)} without it (\`node -e 0\` alone: ${ms(nodeAlone.ms)}).`);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
    const asRun = runs[0].run.ms;
    const others = runs.slice(1).map((r) => `${r.what.replace(/^kubeward lint, /, '').replace(/ \(.*$/, '')} ${ratio(floor.ms / r.run.ms)}`);
    targets.push({
      name: 'CLI throughput ≥ 1.5× single-threaded parse floor',
      measured: `${ratio(floor.ms / asRun)} (${rate(files.length, asRun).toFixed(0)} vs ${rate(files.length, floor.ms).toFixed(0)} files/s; ${others.join(', ')}; the floor itself on ${jobs} threads ${ratio(floor.ms / floorOnWorkers.warm)} warm, ${ratio(floor.ms / floorOnWorkers.first)} in fresh threads)`,
      pass: floor.ms / asRun >= 1.5,
    });
  }

  // --- Workspace indexing --------------------------------------------------------------------------
  if (!skip.has('workspace')) {
    const files = listYaml(gen.workspace);
    const idx = measureIndexing(files);
    const w: WorkspaceRun = await runWorkspace(KUBEWARD, gen.workspace);
    log(`\n## Workspace of ${files.length} files: editing while the server indexes it\n`);
    log(`Indexing in process (indexTexts, one thread): ${ms(idx.ms)} for ${files.length} files, ${idx.objects} objects.`);
    log(w.report);
    targets.push({ name: 'edits not delayed by indexing 5,000 files (median during ≤ 1.5× without, +2 ms)', measured: w.summary, pass: w.pass });
  }

  // --- Targets -------------------------------------------------------------------------------------
  log('\n## Targets\n');
  log(table(['target', 'measured', 'result'], targets.map((t) => [t.name, t.measured, t.pass === undefined ? 'info' : t.pass ? 'PASS' : 'MISS'])));
  log(`\nLoad average at end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}; the run took ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

function lspRow(r: LspRun): string[] {
  return [r.server, String(r.lines), ms(r.openMs), String(r.openDiagnostics), ms(r.editMedian), ms(r.editP90), ms(r.cpuPerEdit), String(r.lastDiagnostics) + (r.extraPublishes ? ` (+${r.extraPublishes} extra)` : ''), mb(r.peakRss), r.versioned ? 'yes' : 'no'];
}

// The bundle is also the parse floor's worker (in-process.ts, parseFloorFilesOnWorkers).
if (isMainThread) {
  main().catch((e: unknown) => {
    process.stderr.write(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
