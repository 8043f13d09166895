// The extension's own security: no network access, no child processes, no eval or other dynamic
// code, no telemetry. Two checks:
//   1. A scan of the built bundles (dist/client.js, dist/server.js, dist/cli.js; `npm run build`)
//      for every way in: requiring network or process modules, eval, new Function, global fetch
//      and sockets, dynamic import, process.binding, native addons, and telemetry packages. Each
//      occurrence must be on the allow-list below, which names its bundle, the bundled module it
//      is in, how many there are and why it is acceptable; anything new, or an entry that no
//      longer matches, fails the test.
//   2. The built server (a whole LSP session) and CLI (lint and fix the examples) run with every
//      network and process API wrapped (forbid-io.ts): none may be called, and the server never
//      sends a telemetry event.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LspTestClient } from '../protocol/lsp-client';
import { ROOT } from './corpus';
import { PRIVILEGED_POD } from './hostile-inputs';

const BUNDLES = ['client', 'server', 'cli'] as const;
type Bundle = (typeof BUNDLES)[number];

/** What is searched for: a name and a pattern that finds it in bundled JavaScript. */
const PATTERNS: Record<string, RegExp> = {
  'require(network or process module)': /require\(\s*["'](?:node:)?(?:http|https|http2|net|tls|dgram|dns|child_process|cluster|worker_threads|inspector|vm)["']\s*\)/g,
  'eval(': /(?<![\w.$])eval\s*\(/g,
  'new Function(': /new\s+Function\s*\(/g,
  'Function( called without new': /(?<![\w.$]|new\s+)Function\s*\(\s*["'`]/g,
  'global fetch(': /(?<![\w.$]|async\s+|function\s+)fetch\s*\(/g,
  'new WebSocket / XMLHttpRequest / EventSource': /new\s+(?:WebSocket|XMLHttpRequest|EventSource)\b|globalThis\.(?:fetch|WebSocket)\b/g,
  'dynamic import(': /(?<![\w.$])import\s*\(/g,
  'process.binding / dlopen': /process\.(?:binding|_linkedBinding|dlopen)\b/g,
  'native addon (.node)': /require\([^)]*\.node["']\)/g,
  'setTimeout/setInterval with code in a string': /set(?:Timeout|Interval)\(\s*["'`]/g,
};

/** Packages that send telemetry or crash reports; none may be bundled. */
const TELEMETRY_PACKAGES = /^(?:applicationinsights|@vscode\/extension-telemetry|vscode-extension-telemetry|@sentry\/|posthog|mixpanel|amplitude|@amplitude\/|analytics-node|@segment\/|universal-analytics|@opentelemetry\/|dd-trace|newrelic|@bugsnag\/|bugsnag|rollbar|logrocket)/;

interface Allowed {
  bundle: Bundle;
  pattern: keyof typeof PATTERNS;
  /** The bundled module (esbuild's `// <path>` header) the occurrences are in. */
  module: string;
  count: number;
  why: string;
}

const ALLOWED: Allowed[] = [
  { bundle: 'client', pattern: 'require(network or process module)', module: 'node_modules/vscode-languageclient/lib/node/main.js', count: 1, why: 'child_process: the VS Code client starts Kubeward\'s own language server (dist/server.js) as a Node process' },
  { bundle: 'client', pattern: 'require(network or process module)', module: 'node_modules/vscode-languageclient/lib/node/processes.js', count: 1, why: 'child_process: terminates that server process when the client stops' },
  { bundle: 'client', pattern: 'require(network or process module)', module: 'node_modules/vscode-jsonrpc/lib/node/main.js', count: 1, why: 'net: vscode-jsonrpc\'s socket and named-pipe transports to a local process; the client talks to the server over IPC' },
  { bundle: 'server', pattern: 'require(network or process module)', module: 'node_modules/vscode-languageserver/lib/node/files.js', count: 1, why: 'child_process: vscode-languageserver\'s Files.resolveGlobalNodePath helpers, never called by Kubeward (the session below starts no process)' },
  { bundle: 'server', pattern: 'require(network or process module)', module: 'node_modules/vscode-jsonrpc/lib/node/main.js', count: 1, why: 'net: the --socket=<port> and --pipe=<name> transports an editor may start the server with, to the editor itself' },
  { bundle: 'server', pattern: 'require(network or process module)', module: 'server/src/boot/code-cache.ts', count: 1, why: 'vm: dist/server.js compiles the server bundle and the schema validator modules, files of the extension itself, with V8\'s code cache (vm.Script with cachedData) kept in the user\'s own 0700 cache folder' },
  { bundle: 'server', pattern: 'new Function(', module: 'node_modules/ajv/dist/compile/index.js', count: 1, why: 'ajv compiles the user\'s own CRD schemas (kubeward.schema.customSchemas, a restricted setting in untrusted workspaces) on first use; the bundled schemas are precompiled standalone validators' },
  { bundle: 'cli', pattern: 'require(network or process module)', module: 'server/src/cli.ts', count: 1, why: 'worker_threads: the CLI entry runs as a lint worker when started by its own pool (isMainThread false)' },
  { bundle: 'cli', pattern: 'require(network or process module)', module: 'server/src/cli/parallel.ts', count: 1, why: 'worker_threads: the CLI lints large trees on a pool of worker threads running dist/cli-main.js itself; no other process or network' },
  { bundle: 'cli', pattern: 'require(network or process module)', module: 'server/src/boot/code-cache.ts', count: 1, why: 'vm: dist/cli.js compiles the CLI bundle and the schema validator modules, files of the package itself, with V8\'s code cache (vm.Script with cachedData) kept in the user\'s own 0700 cache folder' },
  { bundle: 'cli', pattern: 'new Function(', module: 'node_modules/ajv/dist/compile/index.js', count: 1, why: 'ajv compiles CRD schemas the user names (.kubeward.yaml customSchemas) on first use; the bundled schemas are precompiled standalone validators' },
];

function bundleText(b: Bundle): string {
  // The server and the CLI are each a loader (dist/server.js, dist/cli.js) and the bundle it runs.
  const files = b === 'server' ? ['server.js', 'server-main.js'] : b === 'cli' ? ['cli.js', 'cli-main.js'] : [`${b}.js`];
  return files
    .map((f) => {
      const file = path.join(ROOT, 'dist', f);
      assert.ok(fs.existsSync(file), `${file} is missing: run npm run build first`);
      return fs.readFileSync(file, 'utf8');
    })
    .join('\n');
}

/** esbuild starts each bundled module with a `// <path>` comment line; the module holding `at`. */
function moduleAt(headers: { at: number; path: string }[], at: number): string {
  let lo = 0;
  let hi = headers.length - 1;
  let found = '(bundle prelude)';
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (headers[mid].at <= at) {
      found = headers[mid].path;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function modulesOf(text: string): { at: number; path: string }[] {
  return [...text.matchAll(/^\/\/ ((?:node_modules|server|client)\/[^\n]+\.(?:js|ts|mjs|cjs|json))$/gm)].map((m) => ({ at: m.index!, path: m[1] }));
}

describe('the extension\'s own security', { timeout: 120_000 }, () => {
  for (const b of BUNDLES) {
    it(`dist/${b}.js: every network, process and dynamic-code occurrence is on the allow-list, and every entry still matches`, () => {
      const text = bundleText(b);
      const headers = modulesOf(text);
      assert.ok(headers.length > 10, 'esbuild module headers are present');
      const found = new Map<string, number>();
      const samples = new Map<string, string>();
      for (const [name, re] of Object.entries(PATTERNS)) {
        for (const m of text.matchAll(re)) {
          const key = `${name} @ ${moduleAt(headers, m.index!)}`;
          found.set(key, (found.get(key) ?? 0) + 1);
          if (!samples.has(key)) samples.set(key, text.slice(Math.max(0, m.index! - 60), m.index! + 60).replace(/\s+/g, ' '));
        }
      }
      const allowed = new Map(ALLOWED.filter((a) => a.bundle === b).map((a) => [`${a.pattern} @ ${a.module}`, a]));
      const unexpected = [...found].filter(([k, n]) => allowed.get(k)?.count !== n).map(([k, n]) => `${n} x ${k}: ...${samples.get(k)}...`);
      const stale = [...allowed].filter(([k]) => !found.has(k)).map(([k]) => k);
      assert.deepEqual(unexpected, [], 'occurrences not on the allow-list (or with another count)');
      assert.deepEqual(stale, [], 'allow-list entries that no longer match: remove them');
      for (const [k, n] of found) console.log(`dist/${b}.js: allowed ${n} x ${k} (${allowed.get(k)!.why})`);
    });
  }

  it('no telemetry: no telemetry or crash-report package is bundled, and no Kubeward source sends telemetry events', () => {
    for (const b of BUNDLES) {
      const packages = new Set(modulesOf(bundleText(b)).map((h) => /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(h.path)?.[1]).filter((p): p is string => !!p));
      assert.deepEqual([...packages].filter((p) => TELEMETRY_PACKAGES.test(p)), [], `dist/${b}.js`);
    }
    const sources: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.ts$/.test(e.name) && !e.name.endsWith('.test.ts')) sources.push(p);
      }
    };
    walk(path.join(ROOT, 'server', 'src'));
    walk(path.join(ROOT, 'client', 'src'));
    const senders = sources.filter((f) => /\.telemetry\.logEvent|telemetry\/event|createTelemetryLogger|TelemetryReporter/.test(fs.readFileSync(f, 'utf8')));
    assert.deepEqual(senders.map((f) => path.relative(ROOT, f)), []);
  });

  describe('at run time, with every network and process API watched', () => {
    const preload = path.join(__dirname, 'forbid-io.js');
    let c: LspTestClient;
    const telemetry: unknown[] = [];
    let stderr = '';
    before(async () => {
      const saved = process.env.NODE_OPTIONS;
      process.env.NODE_OPTIONS = `${saved ?? ''} --require ${preload}`.trim();
      try {
        c = await LspTestClient.start();
      } finally {
        if (saved === undefined) delete process.env.NODE_OPTIONS;
        else process.env.NODE_OPTIONS = saved;
      }
      c.proc.stderr.on('data', (d: Buffer | string) => {
        stderr += String(d);
      });
      c.conn.onNotification('telemetry/event', (p: unknown) => {
        telemetry.push(p);
      });
    });
    after(async () => {
      await c?.stop();
    });

    it('the preload is active (a control: it notes what it watches)', () => {
      const r = spawnSync(process.execPath, ['--require', preload, '-e', 'require("node:dns").lookup("localhost", () => {})'], { encoding: 'utf8' });
      assert.match(r.stderr, /^KUBEWARD-FORBIDDEN dns\.lookup$/m);
    });

    it('the language server: a session of opens, edits, hovers, quick fixes and harden actions starts no process, opens no connection, sends no telemetry', async () => {
      const uri = 'file:///secure/web.yaml';
      const p = await c.open(uri, PRIVILEGED_POD);
      const d = p.diagnostics.find((x) => x.code === 'pss-privileged')!;
      assert.ok(d);
      await c.hover(uri, d.range.start);
      const actions = await c.codeActions(uri, d.range, p.diagnostics);
      for (const a of actions) if (a.data) await c.resolve(a);
      await c.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source']);
      await c.change(uri, 2, [{ text: PRIVILEGED_POD.replace('privileged: true', 'privileged: false') }]);
      for (const f of fs.readdirSync(path.join(ROOT, 'examples')).filter((n) => n.endsWith('.yaml'))) {
        await c.open(`file:///secure/${f}`, fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8'));
      }
      assert.ok(c.alive);
      assert.doesNotMatch(stderr + c.serverLog(), /KUBEWARD-FORBIDDEN/);
      assert.deepEqual(telemetry, []);
    });

    it('the CLI: linting and fixing the examples in every format starts no process and opens no connection', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-secure-'));
      try {
        fs.cpSync(path.join(ROOT, 'examples'), dir, { recursive: true });
        const cli = path.join(ROOT, 'dist', 'cli.js');
        for (const args of [['lint', '.'], ['lint', '.', '--format', 'json'], ['lint', '.', '--format', 'sarif'], ['lint', '.', '--fix-suggestions'], ['rules']]) {
          const r = spawnSync(process.execPath, ['--require', preload, cli, ...args], { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
          assert.ok(r.status === 0 || r.status === 1, `${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
          assert.doesNotMatch(r.stderr, /KUBEWARD-FORBIDDEN/, args.join(' '));
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
