// Measurements that start processes: cold start of the language server (spawn to the first
// diagnostics of a small file) and CLI throughput over a tree of files.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { BenchClient, type ServerSpec } from './lsp';
import { median } from './stats';

export interface ColdStart {
  runs: number[];
  median: number;
  diagnostics: number;
}

/** Spawn, initialize, initialized, didOpen at once, and the time from spawn to the first publish. */
export async function coldStart(spec: ServerSpec, file: string, text: string, runs: number): Promise<ColdStart> {
  const times: number[] = [];
  let diagnostics = 0;
  for (let i = 0; i < runs; i++) {
    const client = await BenchClient.start(spec);
    try {
      const { publish } = await client.open(pathToFileURL(file).href, text, 1);
      times.push(publish.at - client.spawnedAt);
      diagnostics = publish.count;
    } finally {
      await client.stop();
    }
  }
  return { runs: times, median: median(times), diagnostics };
}

export interface CliRun {
  ms: number;
  runs: number[];
  /** Median CPU time (user + system) of the CLI process and its threads, ms; undefined off Linux. */
  cpuMs?: number;
  exitCode: number | null;
  stdoutBytes: number;
}

/**
 * CPU time of this process's waited-for children so far (cutime + cstime of /proc/self/stat), ms:
 * read before and after a child, the child's own CPU with all its threads. Undefined off Linux.
 */
function childrenCpuMs(): number | undefined {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** One run of `node <cli> <args>`: wall time from spawn to exit, and its CPU time. */
async function cliOnce(cli: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; cpuMs?: number; code: number | null; bytes: number }> {
  const cpu0 = childrenCpuMs();
  const t = performance.now();
  const r = await new Promise<{ code: number | null; bytes: number; stderr: string }>((resolve) => {
    const p = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let bytes = 0;
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (bytes += d.length));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('close', (code) => resolve({ code, bytes, stderr }));
  });
  const ms = performance.now() - t;
  const cpu1 = childrenCpuMs();
  if (r.code !== 0 && r.code !== 1) throw new Error(`${cli} ${args.join(' ')} exited ${r.code}: ${r.stderr.slice(0, 2000)}`);
  return { ms, cpuMs: cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0, code: r.code, bytes: r.bytes };
}

/**
 * Runs `node <cli> <args>` once per environment in `envs`, `rounds` times, the order reversed
 * every other round (A B, B A, ...) so that a slow stretch of the machine lands on each alike;
 * per environment, the median wall time (process start to exit) and CPU time.
 */
export async function runCliInterleaved(cli: string, args: string[], envs: NodeJS.ProcessEnv[], rounds: number): Promise<CliRun[]> {
  const got = envs.map(() => ({ runs: [] as number[], cpu: [] as number[], exitCode: null as number | null, stdoutBytes: 0 }));
  for (let round = 0; round < rounds; round++) {
    const order = envs.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const r = await cliOnce(cli, args, envs[i]);
      got[i].runs.push(r.ms);
      if (r.cpuMs !== undefined) got[i].cpu.push(r.cpuMs);
      got[i].exitCode = r.code;
      got[i].stdoutBytes = r.bytes;
    }
  }
  return got.map((g) => ({ ms: median(g.runs), runs: g.runs, cpuMs: g.cpu.length === g.runs.length ? median(g.cpu) : undefined, exitCode: g.exitCode, stdoutBytes: g.stdoutBytes }));
}
