// Runs the extension-host suite (out/test/vscode/suite) inside a real VS Code: the VS Code server
// from the npm package code-server, driven by headless Chromium (../shared/notes/vscode-e2e.md).
//   node scripts/vscode/run-tests.mjs          the extension from this checkout
//   node scripts/vscode/run-tests.mjs --vsix   the packaged kubeward-<version>.vsix, unpacked as installed
// The window does not close when the suite ends, so the suite writes a result file we wait for.
// Prints "vscode: N passed, N failed" and exits non-zero on any failure.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureInstalled, extensionFolder, log, ROOT, startWorkbench } from './server.mjs';

const TIMEOUT_MS = Number(process.env.KUBEWARD_VSCODE_TIMEOUT ?? 300000);

async function main() {
  ensureInstalled();
  const suite = path.join(ROOT, 'out', 'test', 'vscode', 'suite', 'index.js');
  if (!fs.existsSync(suite)) throw new Error('out/test/vscode/suite/index.js is missing: run npm run compile first');
  const resultsDir = fs.mkdtempSync(path.join(ROOT, 'out', 'vscode-results-'));
  const results = path.join(resultsDir, 'results.json');
  const useVsix = process.argv.includes('--vsix');
  const ext = extensionFolder(useVsix, resultsDir);
  const wb = await startWorkbench({
    payload: [['extensionDevelopmentPath', ext], ['extensionTestsPath', suite]],
    env: { KUBEWARD_TEST_RESULTS: results },
  });
  log(`workbench open (${useVsix ? 'packaged .vsix' : 'development folder'}); waiting for the suite`);
  const started = Date.now();
  try {
    while (!fs.existsSync(results)) {
      if (Date.now() - started > TIMEOUT_MS) {
        console.error(wb.serverLog.join('').slice(-6000));
        console.error(wb.consoleLines.slice(-60).join('\n'));
        throw new Error('the extension-host suite did not finish in time');
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const r = JSON.parse(fs.readFileSync(results, 'utf8'));
    for (const t of r.passedTitles ?? []) console.log(`  ✔ ${t}`);
    for (const n of r.notes ?? []) console.log(`  note: ${n}`);
    for (const f of r.failures) console.error(`FAIL ${f.title}\n${f.error}\n`);
    // What the workbench logged (errors from the editor itself) helps tell its part from ours.
    if (r.failures.length > 0) console.error(`[vscode-e2e] last workbench console lines:\n${wb.consoleLines.slice(-40).join('\n')}`);
    // The client asks for pull diagnostics; the server's first log line says whether it got them.
    const modes = serverModes(wb.tmp);
    const pulled = modes.length > 0 && modes.every((m) => m.endsWith('diagnostics pulled by the client'));
    if (!pulled) console.error(`FAIL the language server was not pulled diagnostics by the VS Code client; its log says: ${modes.join(' | ') || '(no start line found)'}`);
    // The client starts the server with V8's thread pool sized to the machine (client/src/server-process.ts).
    const pooled = modes.length > 0 && modes.every((m) => /\(node v[\d.]+ [^)]*--v8-pool-size=\d/.test(m));
    if (!pooled) console.error(`FAIL the language server did not run with the client's Node options (--v8-pool-size); its log says: ${modes.join(' | ') || '(no start line found)'}`);
    console.log(`vscode${useVsix ? ' (vsix)' : ''}: ${r.passed} passed, ${r.failed} failed${pulled ? '' : ', and the server did not run with pull diagnostics'}${pooled ? '' : ", and the server did not run with the client's Node options"}`);
    return r.failed === 0 && r.passed > 0 && pulled && pooled ? 0 : 1;
  } finally {
    await wb.close();
    fs.rmSync(resultsDir, { recursive: true, force: true });
  }
}

/** The start lines ("... started with N rules ...; diagnostics ...") in the Kubeward output logs under `dir`. */
function serverModes(dir) {
  const out = [];
  for (const rel of fs.readdirSync(dir, { recursive: true })) {
    if (path.basename(String(rel)) !== 'Kubeward.log') continue;
    for (const line of fs.readFileSync(path.join(dir, String(rel)), 'utf8').split('\n')) {
      const m = / started with \d+ rules .*$/.exec(line);
      if (m) out.push(m[0].trim());
    }
  }
  return out;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[vscode-e2e] ${err.stack ?? err}`);
    process.exit(1);
  },
);
