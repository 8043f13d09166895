// `kubeward lint`: collect the inputs, read each one, apply fixes when asked, lint, and write the
// report in the chosen format. One unreadable input never stops the others; it is reported on
// standard error and makes the exit status 2.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyFixes, isValidYamlChange, LineIndex, type AppliedFix, type Edit, type FixSafety, type LintOptions } from '../engine';
import { isKustomizePatchFile } from '../engine/kustomize-files';
import { KUSTOMIZATION_FILES } from '../engine/templating';
import { WorkspaceGraph } from '../engine/workspace';
import type { LintArgs } from './args';
import { readBaseline } from './baseline';
import { ConfigResolver, type ConfigProblem, type ResolvedOptions } from './config-resolver';
import { FORMAT_DETAIL, FORMATTERS } from './formatters';
import { collectInputs, decodeOrError, ioError, isInputError, readInputFile, tooLarge, type InputError, type ReadInput } from './inputs';
import { fileReport, indexText, lintText, ParseCache, ruleFailedWarning, withLineIndex } from './lint-file';
import { lintOptionsFrom } from './options';
import { LintPool, MIN_FILES_PER_WORKER, workerCount, type FileTask } from './parallel';
import { atOrAbove, type AppliedChange, type RunReport } from './report';

export interface CliIO {
  cwd: string;
  stdout(s: string): void;
  stderr(s: string): void;
  readStdin(): Promise<Buffer>;
  version: string;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

export async function runLint(args: LintArgs, io: CliIO): Promise<number> {
  const workers: { pool?: LintPool } = {};
  try {
    return await lintRun(args, io, workers);
  } finally {
    await workers.pool?.close();
  }
}

const GRAPH_SCOPE = 'the linted files';

async function lintRun(args: LintArgs, io: CliIO, workers: { pool?: LintPool }): Promise<number> {
  const { lint: cliOptions, yamlSyntax: cliYamlSyntax } = lintOptionsFrom(args);
  const warn = (m: string) => io.stderr(`kubeward: warning: ${m}\n`);
  const explicitConfig = args.config === undefined ? undefined : args.config === false ? false : path.resolve(io.cwd, args.config);
  const resolver = new ConfigResolver(io.cwd, cliOptions, cliYamlSyntax, explicitConfig, warn);
  // Many files, nothing to fix, no standard input: the files are linted on worker threads
  // (parallel.ts), started as soon as the walk has found enough files for two of them, so that
  // they load while the rest is listed.
  const startWorkers = () => (workers.pool = LintPool.start(workerCount(Infinity), GRAPH_SCOPE, args.maxFileSize, FORMAT_DETAIL[args.format]));
  const mayUseWorkers = !args.fix && !args.paths.includes('-') && workerCount(Infinity) > 1;
  const { inputs, errors } = collectInputs(args.paths, io.cwd, args.stdinFilename, mayUseWorkers ? { files: 2 * MIN_FILES_PER_WORKER, then: startWorkers } : undefined);
  const report: RunReport = { cwd: io.cwd, files: [], errors, fixMode: args.fix, includeSuppressed: args.includeSuppressed };
  let fixedStdin: string | undefined;

  // Configs first: an invalid one stops the run before anything is linted or fixed.
  const problems: ConfigProblem[] = resolver.explicitErrors();
  const resolvedFor = new Map<(typeof inputs)[number], ResolvedOptions>();
  if (problems.length === 0) {
    for (const input of inputs) {
      const r = resolver.resolve(input.kind === 'file' ? input.abs : args.stdinFilename !== undefined ? path.resolve(io.cwd, args.stdinFilename) : undefined);
      if ('errors' in r) problems.push(...r.errors);
      else resolvedFor.set(input, r);
    }
  }
  if (problems.length > 0) {
    const seen = new Set<string>();
    for (const p of problems) {
      const line = `kubeward: ${p.file}:${p.error.line}:${p.error.column}: ${p.error.message}\n`;
      if (!seen.has(line)) io.stderr(line);
      seen.add(line);
    }
    io.stderr(`kubeward: the configuration is invalid; nothing was linted\n`);
    return EXIT_ERROR;
  }
  let baseline: Set<string> | undefined;
  if (args.baseline !== undefined) {
    const b = readBaseline(path.resolve(io.cwd, args.baseline));
    if (typeof b === 'string') {
      io.stderr(`kubeward: --baseline ${args.baseline}: ${b}\n`);
      return EXIT_ERROR;
    }
    baseline = b;
    report.baseline = { file: args.baseline, matched: 0 };
  }

  // Enough files for the workers: they lint them, with the same output as below.
  const detail = FORMAT_DETAIL[args.format];
  const isPatch = kustomizePatchCheck();
  const pool = workers.pool;
  const candidates = pool ? inputs.filter((i) => !resolvedFor.get(i)!.excluded) : [];
  const jobs = pool && candidates.every((i) => i.kind === 'file') ? Math.min(pool.size, workerCount(candidates.length)) : 1;
  const outcomes = pool && jobs > 1 ? await pool.lint(candidates.map((i) => fileTask(i as FileInput, resolvedFor.get(i)!, isPatch)), jobs) : undefined;
  // Not needed any more (or not at all: too few files); runLint waits for them to stop.
  void pool?.close();

  // Cross-resource rules (a NetworkPolicy in one file selecting a Deployment in another) see every
  // file given, not only the one being linted: read and index them all first. Each file is parsed
  // once: the lint reuses the parses made for the index.
  const workspace = new WorkspaceGraph({ scope: GRAPH_SCOPE });
  const parsed = new ParseCache();
  const preRead = new Map<(typeof inputs)[number], ReadInput | InputError>();
  for (const input of outcomes ? [] : inputs) {
    if (input.kind !== 'file' || resolvedFor.get(input)?.excluded) continue;
    const r = readInputFile(input, args.maxFileSize);
    preRead.set(input, r);
    if (!isInputError(r)) indexText(workspace, input.path, r.text, parsed);
  }

  let next = 0;
  for (const input of inputs) {
    if (outcomes && !resolvedFor.get(input)!.excluded) {
      const o = outcomes[next++];
      if (o.error) errors.push(o.error);
      for (const w of o.warnings) io.stderr(w);
      if (o.file) report.files.push(withLineIndex(o.file));
      continue;
    }
    const resolved = resolvedFor.get(input)!;
    if (resolved.excluded) {
      (report.excluded ??= []).push(input.path);
      continue;
    }
    const baseOptions = resolved.options;
    const yamlSyntax = resolved.yamlSyntax;
    let read: ReadInput | InputError;
    if (input.kind === 'stdin') {
      const buf = await io.readStdin();
      read = buf.length > args.maxFileSize ? tooLarge(input.path, buf.length, args.maxFileSize) : decodeOrError(input.path, buf);
    } else {
      read = preRead.get(input) ?? readInputFile(input, args.maxFileSize);
    }
    if (isInputError(read)) {
      errors.push(read);
      continue;
    }
    const options: LintOptions = { ...baseOptions, fileName: input.path };
    // A patch a kustomization lists is a partial object: skipped with a note, not misreported.
    if (input.kind === 'file' && isPatch(input.abs)) options.kustomizePatch = true;
    let text = read.text;
    let applied: AppliedChange[] = [];
    if (args.fix) {
      const fixed = fixText(text, options, args.fix);
      if (fixed.text !== text) {
        if (!isValidYamlChange(text, fixed.text)) {
          // The engine validates every pass; this is the last line of defence before writing.
          errors.push({ file: input.path, code: 'fix-invalid', message: 'fixes not written: the result would not be valid YAML (please report this)' });
        } else if (input.kind === 'file' && !writeFile(input.abs, fixed.text, read.bom, input.path, errors)) {
          // left as it was; the error says why
        } else {
          text = fixed.text;
          applied = fixed.applied;
        }
      }
      if (input.kind === 'stdin') fixedStdin = (read.bom ? '\ufeff' : '') + text;
    }
    const result = lintText(workspace, text, options, parsed, (ruleId, message) => io.stderr(ruleFailedWarning(input.path, ruleId, message)));
    if (text !== read.text) parsed.forget(read.text);
    report.files.push(fileReport(input.path, input.kind === 'file' ? input.abs : undefined, text, result, yamlSyntax, applied, detail));
  }

  report.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (args.writeBaseline !== undefined) {
    try {
      fs.writeFileSync(path.resolve(io.cwd, args.writeBaseline), FORMATTERS.json(report, { version: io.version }));
    } catch (e) {
      errors.push({ ...ioError(args.writeBaseline, e), code: 'write-failed' });
    }
  }
  if (baseline && report.baseline) {
    for (const f of report.files) {
      const before = f.findings.length;
      f.findings = f.findings.filter((x) => x.fingerprint === undefined || !baseline.has(x.fingerprint));
      f.baselined = before - f.findings.length;
      report.baseline.matched += f.baselined;
    }
  }
  for (const e of errors) io.stderr(`kubeward: ${e.file}: ${e.message}\n`);
  const output = FORMATTERS[args.format](report, { version: io.version });
  if (fixedStdin !== undefined) {
    // Standard output carries the fixed text, as a filter would; the report goes to standard error.
    io.stdout(fixedStdin);
    io.stderr(output);
  } else {
    io.stdout(output);
    if (args.fix && args.format !== 'text') {
      for (const f of report.files) for (const a of f.applied) io.stderr(`fixed ${f.path}:${a.line} ${a.ruleId} ${a.title}\n`);
    }
  }
  return exitCode(report, args);
}

type FileInput = Extract<ReturnType<typeof collectInputs>['inputs'][number], { kind: 'file' }>;

function fileTask(input: FileInput, resolved: ResolvedOptions, isPatch: (abs: string) => boolean): FileTask {
  const options: LintOptions = { ...resolved.options, fileName: input.path };
  if (isPatch(input.abs)) options.kustomizePatch = true;
  return { path: input.path, abs: input.abs, options, yamlSyntax: resolved.yamlSyntax };
}

/**
 * isKustomizePatchFile, asked only for files with a kustomization in their folder or the one above
 * (it looks for three names in both, six failed stats per file of a tree without kustomizations:
 * 0.25 s for 2,000 files); whether a folder has one is looked up once per folder.
 */
function kustomizePatchCheck(): (abs: string) => boolean {
  const has = new Map<string, boolean>();
  const near = (dir: string): boolean => {
    let h = has.get(dir);
    if (h === undefined) {
      h = KUSTOMIZATION_FILES.some((name) => fs.existsSync(path.join(dir, name)));
      has.set(dir, h);
    }
    return h;
  };
  return (abs) => {
    const dir = path.dirname(path.resolve(abs));
    return (near(dir) || near(path.dirname(dir))) && isKustomizePatchFile(abs);
  };
}

export function exitCode(report: RunReport, args: Pick<LintArgs, 'failOn'>): number {
  if (report.errors.length > 0) return EXIT_ERROR;
  if (args.failOn === 'never') return EXIT_OK;
  const threshold = args.failOn;
  return report.files.some((f) => f.findings.some((x) => atOrAbove(x.severity, threshold))) ? EXIT_FINDINGS : EXIT_OK;
}

/**
 * Applies fixes one pass at a time, then reports each applied fix at the line where its change
 * is in the fixed text (its first edit, carried forward through the later passes' edits).
 */
export function fixText(text: string, options: LintOptions, safety: FixSafety): { text: string; applied: AppliedChange[] } {
  const passes: { edits: Edit[]; applied: AppliedFix[] }[] = [];
  let current = text;
  for (let pass = 0; pass < 20; pass++) {
    const r = applyFixes(current, options, { safety, maxPasses: 1 });
    if (r.applied.length === 0 || r.text === current) break;
    passes.push({ edits: r.applied.flatMap((a) => a.edits).sort((a, b) => a.start - b.start), applied: r.applied });
    current = r.text;
  }
  const index = new LineIndex(current);
  const applied: AppliedChange[] = [];
  passes.forEach((pass, k) => {
    for (const a of pass.applied) {
      let at = Math.min(...a.edits.map((e) => e.start));
      for (let j = k; j < passes.length; j++) at = afterEdits(at, passes[j].edits);
      // An insertion that starts with a line break shows on the next line.
      while (at < current.length && (current[at] === '\n' || current[at] === '\r')) at++;
      applied.push({ line: index.positionAt(at).line + 1, ruleId: a.ruleId, title: a.title });
    }
  });
  return { text: current, applied: applied.sort((a, b) => a.line - b.line) };
}

/** Where an offset of the text before `edits` (sorted, not overlapping) is after them. */
export function afterEdits(offset: number, edits: readonly Edit[]): number {
  let shift = 0;
  for (const e of edits) {
    if (e.start >= offset) break;
    // Inside a replaced range: the start of its replacement.
    if (offset < e.end) return e.start + shift;
    shift += e.text.length - (e.end - e.start);
  }
  return offset + shift;
}

function writeFile(abs: string, text: string, bom: boolean, shown: string, errors: InputError[]): boolean {
  try {
    fs.writeFileSync(abs, (bom ? '\ufeff' : '') + text);
    return true;
  } catch (e) {
    const err = ioError(shown, e);
    errors.push({ ...err, code: 'write-failed', message: `fixes not written: ${err.message}` });
    return false;
  }
}
