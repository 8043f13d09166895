// The CLI bundle, dist/cli-main.js, which dist/cli.js (cli-boot.ts, bin `kubeward`) runs with V8's
// code cache. Sets the exit status rather than calling process.exit, so that everything written to
// a pipe is flushed first.
import { isMainThread } from 'node:worker_threads';
import { saveCodeCache } from './boot/code-cache';
import { main } from './cli/main';
import { workersLinted } from './cli/parallel';
import { VERSION } from './cli/version';

function readStdin(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks)));
    process.stdin.on('error', reject);
  });
}

// dist/cli-main.js is also the lint worker (cli/parallel.ts starts it with workerData): the command
// runs on the main thread only.
if (isMainThread) {
  // A closed pipe (`kubeward lint . | head`) is not an error worth a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });

  main(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readStdin,
    version: VERSION,
  }).then((code) => {
    process.exitCode = code;
    // The code cache holds what this run compiled: worth keeping after a lint on this thread.
    if (process.argv[2] === 'lint' && !workersLinted()) saveCodeCache();
  });
}
