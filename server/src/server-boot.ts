// Entry of dist/server.js, the `kubeward-language-server` bin: runs the server bundle
// (dist/server-main.js, from server.ts) with V8's code cache (boot/code-cache.ts), which cuts the
// time to compile it from a cold start.
import * as path from 'node:path';
import { runWithCodeCache } from './boot/code-cache';

runWithCodeCache(path.join(__dirname, 'server-main.js'));
