// Preloaded (`node --require`) into the built server and CLI by bundle-security.test.ts: every
// way to reach the network or start a process is wrapped to write one line
// `KUBEWARD-FORBIDDEN <what>` to standard error before it proceeds, so a test can assert that a
// whole session never used any of them. Not a test file itself.
const WATCHED: Record<string, string[]> = {
  child_process: ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'],
  net: ['connect', 'createConnection', 'createServer'],
  tls: ['connect', 'createServer'],
  http: ['request', 'get', 'createServer'],
  https: ['request', 'get', 'createServer'],
  http2: ['connect', 'createServer', 'createSecureServer'],
  dgram: ['createSocket'],
  dns: ['lookup', 'resolve', 'resolve4', 'resolve6'],
  worker_threads: ['Worker'],
};

function note(what: string): void {
  process.stderr.write(`KUBEWARD-FORBIDDEN ${what}\n`);
}

/** The same function or class, noting each call and each `new`. */
function watched(what: string, original: (...a: unknown[]) => unknown): unknown {
  return new Proxy(original, {
    apply(target, thisArg, args) {
      note(what);
      return Reflect.apply(target, thisArg, args);
    },
    construct(target, args, newTarget) {
      note(what);
      return Reflect.construct(target, args, newTarget);
    },
  });
}

for (const [name, fns] of Object.entries(WATCHED)) {
  const mod = require(`node:${name}`) as Record<string, unknown>;
  for (const fn of fns) {
    const original = mod[fn];
    if (typeof original === 'function') mod[fn] = watched(`${name}.${fn}`, original as (...a: unknown[]) => unknown);
  }
}

const g = globalThis as Record<string, unknown>;
for (const name of ['fetch', 'WebSocket', 'EventSource', 'XMLHttpRequest']) {
  const original = g[name];
  if (typeof original === 'function') g[name] = watched(name, original as (...a: unknown[]) => unknown);
}
