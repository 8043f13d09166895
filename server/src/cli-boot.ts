// Entry of dist/cli.js, the `kubeward` bin: runs the CLI bundle (dist/cli-main.js, from cli.ts)
// with V8's code cache (boot/code-cache.ts), as dist/server.js runs the server. Compiling the
// bundle and the schema validators is most of a short run: `kubeward lint` of one 260-line file
// took 150-190 ms with the cache against 220-270 ms without on this 2-vCPU machine (Node's own
// start: 100-120 ms).
// cli.ts writes the cache after a lint that ran on the main thread (a pool's workers compile the
// engine in their own isolates, so the main thread's cache would lack it).
import * as path from 'node:path';
import { runWithCodeCache } from './boot/code-cache';

runWithCodeCache(path.join(__dirname, 'cli-main.js'));
