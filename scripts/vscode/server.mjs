// Starts the VS Code server (from the npm package code-server, installed by setup.sh) on a free
// loopback port with a fresh user-data folder and a copy of the test workspace, and opens it in
// headless Chromium. Shared by the extension-host suite and the UI test.
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE = process.env.KUBEWARD_VSCODE_CACHE ?? path.join(ROOT, '.vscode-test');
const VSCODE = path.join(CACHE, 'node_modules', 'code-server', 'lib', 'vscode');
const HOST = '127.0.0.1';

export function log(msg) {
  console.log(`[vscode-e2e] ${msg}`);
}

export function ensureInstalled() {
  const setup = spawnSync('bash', [path.join(ROOT, 'scripts', 'vscode', 'setup.sh')], { stdio: 'inherit' });
  if (setup.status !== 0) throw new Error('installing the VS Code server failed');
  for (const f of ['dist/client.js', 'dist/server.js']) {
    if (!fs.existsSync(path.join(ROOT, f))) throw new Error(`${f} is missing: run npm run build first`);
  }
}

/** The folder of the extension to load: this checkout, or the packaged .vsix unpacked as VS Code installs it. */
export function extensionFolder(useVsix, tmp) {
  if (!useVsix) return ROOT;
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const vsix = path.join(ROOT, `kubeward-${pkg.version}.vsix`);
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run npm run package first`);
  const unpack = path.join(tmp, 'vsix');
  fs.mkdirSync(unpack, { recursive: true });
  execFileSync('unzip', ['-q', '-o', vsix, '-d', unpack]);
  log(`loading the packaged extension from ${path.basename(vsix)}`);
  return path.join(unpack, 'extension');
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * Starts the server and a browser page on the workbench. `payload` entries are [name, absolute path]
 * pairs (extensionDevelopmentPath, extensionTestsPath), turned into vscode-remote URIs.
 */
export async function startWorkbench({ payload = [], env = {}, settings = {}, viewport } = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-vscode-'));
  const userData = path.join(tmp, 'udata');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({
      'security.workspace.trust.enabled': false,
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'update.mode': 'none',
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      ...settings,
    }),
  );
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(path.join(ROOT, 'test', 'vscode', 'workspace'), workspace, { recursive: true });
  const port = await freePort();
  const serverLog = [];
  const server = spawn(
    process.execPath,
    [
      path.join(VSCODE, 'out', 'server-main.js'),
      '--host', HOST, '--port', String(port),
      '--without-connection-token', '--accept-server-license-terms',
      '--server-data-dir', path.join(tmp, 'sdata'),
      '--user-data-dir', userData,
      '--extensions-dir', path.join(tmp, 'ext'),
    ],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  server.stdout.on('data', (d) => serverLog.push(String(d)));
  server.stderr.on('data', (d) => serverLog.push(String(d)));
  const kill = () => {
    try { process.kill(-server.pid, 'SIGKILL'); } catch { /* already gone */ }
  };
  process.on('exit', kill);
  await waitForServer(server, port, serverLog);

  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  const page = await browser.newPage({ viewport: viewport ?? { width: 1400, height: 900 } });
  const consoleLines = [];
  page.on('console', (m) => consoleLines.push(m.text()));
  const remote = (p) => `vscode-remote://${HOST}:${port}${p}`;
  const pl = payload.map(([k, p]) => [k, remote(p)]);
  let url = `http://${HOST}:${port}/?folder=${encodeURIComponent(workspace)}`;
  if (pl.length) url += `&payload=${encodeURIComponent(JSON.stringify(pl))}`;
  await page.goto(url);
  return {
    page,
    tmp,
    workspace,
    serverLog,
    consoleLines,
    async close() {
      await browser.close().catch(() => {});
      kill();
    },
  };
}

function waitForServer(server, port, serverLog) {
  const deadline = Date.now() + 60000;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (server.exitCode !== null) return reject(new Error(`the VS Code server exited: ${serverLog.join('').slice(-2000)}`));
      if (Date.now() > deadline) return reject(new Error('the VS Code server did not start within 60 s'));
      fetch(`http://${HOST}:${port}/version`).then(() => resolve(), () => setTimeout(attempt, 200));
    };
    attempt();
  });
}
