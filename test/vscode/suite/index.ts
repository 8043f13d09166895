// Extension-host test entry, in the form @vscode/test-electron's runTests takes (a module that
// exports run()). It runs every *.test.js beside it with mocha and, because the VS Code server's
// window never closes by itself, also writes a result file the driver waits for.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { testNotes } from './notes';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false });
  const dir = __dirname;
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort()) mocha.addFile(path.join(dir, f));
  const resultsFile = process.env.KUBEWARD_TEST_RESULTS;
  const failures: { title: string; error: string }[] = [];
  let passed = 0;
  const passedTitles: string[] = [];
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (t) => {
      passed++;
      passedTitles.push(t.fullTitle());
      console.log(`  ✔ ${t.fullTitle()}`);
    });
    runner.on('fail', (t, err) => {
      failures.push({ title: t.fullTitle(), error: String(err && (err as Error).stack ? (err as Error).stack : err) });
      console.log(`  ✘ ${t.fullTitle()}: ${err}`);
    });
  });
  // Lines tests want shown even when they pass (a retried step, say): see notes.ts.
  const summary = { passed, failed: failures.length, passedTitles, failures, notes: testNotes };
  if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(summary, null, 2));
  if (failures.length > 0) throw new Error(`${failures.length} extension tests failed`);
}
