// Entry of dist/cli.js (bin `kubeward`). Sets the exit status rather than calling process.exit,
// so that everything written to a pipe is flushed first.
import { isMainThread } from 'node:worker_threads';
import { main } from './cli/main';
import { VERSION } from './cli/version';

function readStdin(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks)));
    process.stdin.on('error', reject);
  });
}

// dist/cli.js is also the lint worker (cli/parallel.ts starts it with workerData): the command runs
// on the main thread only.
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
  });
}
