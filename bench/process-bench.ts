// Measurements that start processes: cold start of the language server (spawn to the first
// diagnostics of a small file) and CLI throughput over a tree of files.
import { spawn } from 'node:child_process';
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
  exitCode: number | null;
  stdoutBytes: number;
}

/** Runs `node <cli> <args>` `runs` times and returns the median wall time (process start to exit). */
export async function runCli(cli: string, args: string[], runs: number, env: NodeJS.ProcessEnv = process.env): Promise<CliRun> {
  const times: number[] = [];
  let exitCode: number | null = null;
  let stdoutBytes = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = await new Promise<{ code: number | null; bytes: number; stderr: string }>((resolve) => {
      const p = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
      let bytes = 0;
      let stderr = '';
      p.stdout.on('data', (d: Buffer) => (bytes += d.length));
      p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      p.on('close', (code) => resolve({ code, bytes, stderr }));
    });
    times.push(performance.now() - t);
    exitCode = r.code;
    stdoutBytes = r.bytes;
    if (r.code !== 0 && r.code !== 1) throw new Error(`${cli} ${args.join(' ')} exited ${r.code}: ${r.stderr.slice(0, 2000)}`);
  }
  return { ms: median(times), runs: times, exitCode, stdoutBytes };
}
