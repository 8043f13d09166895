// The same extension-host suite under @vscode/test-electron, for machines that can download a
// desktop VS Code (this project's CI machines cannot; there `npm run test:vscode` runs the suite in
// the VS Code server instead). The suite writes its results to KUBEWARD_TEST_RESULTS as well.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-electron-'));
const workspace = path.join(tmp, 'workspace');
fs.cpSync(path.join(ROOT, 'test', 'vscode', 'workspace'), workspace, { recursive: true });
const results = path.join(tmp, 'results.json');

try {
  await runTests({
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(ROOT, 'out', 'test', 'vscode', 'suite', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { KUBEWARD_TEST_RESULTS: results },
  });
  const r = JSON.parse(fs.readFileSync(results, 'utf8'));
  console.log(`vscode (electron): ${r.passed} passed, ${r.failed} failed`);
  process.exit(r.failed === 0 ? 0 : 1);
} catch (err) {
  console.error(`test-electron: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
