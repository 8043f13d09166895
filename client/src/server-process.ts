// How the VS Code client starts the language server process. bench/main.ts starts the server the
// same way for its "as VS Code runs it" rows, so the figures and the extension cannot drift apart.
import * as os from 'node:os';

/**
 * Node options for the server process. Node gives V8 a pool of 4 background threads whatever the
 * machine (concurrent compilation, GC helpers); on 2 CPUs they take the CPU the server's own thread
 * needs to answer a keystroke, just after a file is opened, while V8 compiles the edit path. With
 * one thread fewer than the CPUs (at least 1, at most Node's 4) the server answered keystrokes 3-26
 * after opening a 10,000-line file in 6.2-7.0 ms instead of 11.5-12.1 ms, using 12-14 ms of CPU per
 * keystroke instead of 23-24 (bench/, 2 vCPUs). On 5 CPUs and more this is Node's default.
 */
export function serverExecArgv(parallelism: number = availableParallelism()): string[] {
  return [`--v8-pool-size=${v8PoolSize(parallelism)}`];
}

export function v8PoolSize(parallelism: number): number {
  const n = Number.isFinite(parallelism) ? Math.floor(parallelism) : 1;
  return Math.max(1, Math.min(4, n - 1));
}

/** CPUs this process may use (os.availableParallelism from Node 18.14; cpus() before). */
function availableParallelism(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : Math.max(1, os.cpus().length);
}
