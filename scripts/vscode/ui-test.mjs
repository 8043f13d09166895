// A UI test as a person would do it, with Playwright on the VS Code workbench: open a manifest,
// see the squiggle, hover it, press Ctrl+. on it, choose the fix, see the file change. Screenshots
// go to test-results/screenshots/ (git-ignored). Prints "ui: N passed, N failed".
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureInstalled, extensionFolder, log, ROOT, startWorkbench } from './server.mjs';

const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
const useVsix = process.argv.includes('--vsix');
const results = [];

async function step(name, fn) {
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✔ ${name}`);
  } catch (err) {
    results.push({ name, ok: false, err });
    console.log(`  ✘ ${name}: ${err.message}`);
    throw err;
  }
}

async function main() {
  ensureInstalled();
  fs.mkdirSync(SHOTS, { recursive: true });
  const tmpExt = fs.mkdtempSync(path.join(ROOT, 'out', 'ui-ext-'));
  const ext = extensionFolder(useVsix, tmpExt);
  const wb = await startWorkbench({
    payload: [['extensionDevelopmentPath', ext]],
    settings: { 'workbench.colorTheme': 'Default Light Modern', 'editor.fontSize': 15, 'window.zoomLevel': 0, 'editor.minimap.enabled': false },
  });
  const { page } = wb;
  try {
    await step('the workbench loads', async () => {
      await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
      await page.waitForSelector('.explorer-folders-view, .explorer-viewlet', { timeout: 60000 });
    });
    await step('a manifest opens with a squiggle on the privileged setting', async () => {
      await openFile(page, 'insecure-pod.yaml');
      await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 60000 });
    });
    await step('hovering the squiggle explains the finding', async () => {
      const squiggle = page.locator('.monaco-editor .squiggly-error').first();
      await squiggle.hover();
      const hover = page.locator('.monaco-hover:visible').filter({ hasText: 'pss-privileged' }).first();
      await hover.waitFor({ timeout: 20000 });
      await page.screenshot({ path: path.join(SHOTS, 'hover.png') });
    });
    await step('Ctrl+. shows the quick fixes and the fix changes the file', async () => {
      await page.keyboard.press('Escape');
      const target = page.locator('.view-line', { hasText: 'privileged: true' }).first();
      const box = await target.boundingBox();
      // Put the cursor on `true` (the end of the line) and ask for quick fixes.
      await page.mouse.click(box.x + box.width - 2, box.y + box.height / 2);
      await page.keyboard.press('End');
      await page.keyboard.press('Control+.');
      const item = page.locator('.action-widget .monaco-list-row', { hasText: 'Set privileged: false' }).first();
      await item.waitFor({ timeout: 20000 });
      await page.screenshot({ path: path.join(SHOTS, 'quickfix.png') });
      await item.click();
      await page.locator('.view-line', { hasText: 'privileged: false' }).first().waitFor({ timeout: 20000 });
      const remaining = await page.locator('.view-line', { hasText: 'privileged: true' }).count();
      if (remaining !== 0) throw new Error('the old text is still there');
      await page.screenshot({ path: path.join(SHOTS, 'fixed.png') });
    });
  } catch {
    await page.screenshot({ path: path.join(SHOTS, 'failure.png') }).catch(() => {});
  } finally {
    await wb.close();
    fs.rmSync(tmpExt, { recursive: true, force: true });
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  log(`screenshots in ${path.relative(ROOT, SHOTS)}/`);
  console.log(`ui: ${passed} passed, ${failed} failed`);
  return failed === 0 && passed === 4 ? 0 : 1;
}

async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 20000 });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 20000 });
  await page.keyboard.press('Enter');
  await page.locator('.tab', { hasText: name }).first().waitFor({ timeout: 20000 });
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[vscode-e2e] ${err.stack ?? err}`);
    process.exit(1);
  },
);
