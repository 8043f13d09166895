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
    settings: { 'workbench.colorTheme': 'Default Light Modern', 'editor.fontSize': 15, 'window.zoomLevel': 0, 'editor.minimap.enabled': false, 'editor.stickyScroll.enabled': false, 'editor.hover.delay': 100 },
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
      // Move the mouse onto the squiggle of the line `privileged: true` (decorations sit under the text layer).
      const line = await page.locator('.view-line', { hasText: 'privileged: true' }).first().boundingBox();
      const boxes = await page.locator('.monaco-editor .squiggly-error').evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; }));
      const sq = boxes.find((b) => Math.abs(b.y - line.y) < line.height / 2);
      if (!sq) throw new Error('no squiggle on the privileged line');
      await page.mouse.move(sq.x + sq.width / 2 - 2, sq.y + sq.height / 2);
      await page.mouse.move(sq.x + sq.width / 2, sq.y + sq.height / 2, { steps: 3 });
      const hover = page.locator('.monaco-hover').filter({ hasText: 'must not be privileged' }).first();
      await hover.waitFor({ state: 'visible', timeout: 20000 });
      await page.screenshot({ path: path.join(SHOTS, 'hover.png') });
    });
    await step('Ctrl+. shows the quick fixes and the fix changes the file', async () => {
      await page.keyboard.press('Escape');
      // Put the cursor on `true` and ask for quick fixes.
      const line = await page.locator('.view-line', { hasText: 'privileged: true' }).first().boundingBox();
      const boxes = await page.locator('.monaco-editor .squiggly-error').evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; }));
      const sq = boxes.find((b) => Math.abs(b.y - line.y) < line.height / 2);
      await page.mouse.click(sq.x + sq.width / 2, sq.y + sq.height / 2);
      // The light bulb appears once the editor has the code actions for this position.
      await page.locator('.lightBulbWidget').first().waitFor({ state: 'visible', timeout: 20000 });
      await page.keyboard.press('Control+.');
      const item = page.locator('.action-widget .monaco-list-row', { hasText: 'Set privileged: false' }).first();
      await item.waitFor({ timeout: 20000 });
      await page.screenshot({ path: path.join(SHOTS, 'quickfix.png') });
      // Choose it with the keyboard, as a person does after Ctrl+. (a pointer shield covers the menu
      // for a moment after it opens).
      const rows = await page.locator('.action-widget .monaco-list-row').evaluateAll((els) => els.map((e) => ({ text: e.textContent ?? '', focused: e.classList.contains('focused'), header: e.classList.contains('group-header') || e.querySelector('.group-header') !== null })));
      const from = Math.max(0, rows.findIndex((r) => r.focused));
      const to = rows.findIndex((r) => r.text.includes('Set privileged: false'));
      const selectable = (i) => !rows[i].header;
      let moves = 0;
      for (let i = Math.min(from, to); i < Math.max(from, to); i++) if (selectable(i + (to > from ? 1 : 0))) moves++;
      for (let i = 0; i < moves; i++) await page.keyboard.press(to > from ? 'ArrowDown' : 'ArrowUp');
      await page.keyboard.press('Enter');
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
