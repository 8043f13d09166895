// Runs the built CLI (dist/cli.js, from `npm run build`) as a child process, the way users and CI
// run it, and makes temporary directories of fixtures.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');
export const EXAMPLES = path.join(ROOT, 'examples');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function kubeward(args: string[], opts: { cwd?: string; input?: string | Buffer } = {}): RunResult {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? ROOT,
    input: opts.input ?? '',
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temporary directory holding `files` (path -> content), removed when the test file ends. */
export function tempDir(files: Record<string, string | Buffer> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-cli-'));
  for (const [name, content] of Object.entries(files)) {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  created.push(dir);
  return dir;
}

const created: string[] = [];
after(() => {
  for (const d of created) fs.rmSync(d, { recursive: true, force: true });
});

/** Joins lines with \n and a final newline. */
export function y(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

/** A Pod with `hostPID: true` on line 6 (column 12) and `privileged: true` on line 11 (column 19). */
export const PRIVILEGED_POD = y(
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: web',
  'spec:',
  '  hostPID: true',
  '  containers:',
  '  - name: app',
  '    image: nginx:1.27.2',
  '    securityContext:',
  '      privileged: true',
);

/** A Pod that passes the restricted Pod Security Standard and the default rules' errors. */
export const RESTRICTED_POD = y(
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: ok',
  '  namespace: apps',
  'spec:',
  '  automountServiceAccountToken: false',
  '  securityContext:',
  '    runAsNonRoot: true',
  '    seccompProfile:',
  '      type: RuntimeDefault',
  '  containers:',
  '  - name: app',
  '    image: nginx:1.27.2',
  '    securityContext:',
  '      allowPrivilegeEscalation: false',
  '      readOnlyRootFilesystem: true',
  '      capabilities:',
  '        drop: ["ALL"]',
);

export interface JsonFinding {
  file: string;
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  resource: { kind: string; name: string | null; namespace: string | null } | null;
  fingerprint: string;
  source?: string;
}

export interface JsonReport {
  findings: JsonFinding[];
  errors: { file: string; message: string; code: string }[];
  fixed?: { file: string; line: number; ruleId: string; title: string }[];
  suppressed?: number;
  excluded?: string[];
  baseline?: { file: string; matched: number };
}

export function json(r: RunResult): JsonReport {
  return JSON.parse(r.stdout) as JsonReport;
}

/** `[line, column, endLine, endColumn]` of the findings of one rule. */
export function spans(report: JsonReport, ruleId: string, file?: string): number[][] {
  return report.findings.filter((f) => f.ruleId === ruleId && (file === undefined || f.file === file)).map((f) => [f.line, f.column, f.endLine, f.endColumn]);
}
