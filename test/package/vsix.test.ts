// The .vsix holds only what the extension needs at run time, and stays small. Packs into a temp
// folder with vsce (the same command as `npm run package`) and reads the zip's file list.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..', '..');

test('the .vsix holds only the bundles, their third-party notices, schemas, snippets, rule docs and manifest, and is under 3 MB', () => {
  assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'server.js')), 'run npm run build first');
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kubeward-vsix-')), 'kubeward.vsix');
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--out', out], { cwd: ROOT, stdio: 'pipe' });
  const size = fs.statSync(out).size;
  const list = execFileSync('unzip', ['-Z1', out], { encoding: 'utf8' }).trim().split('\n');
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  const files = list.filter((f) => f.startsWith('extension/')).map((f) => f.slice('extension/'.length));
  const allowed = [
    /^package\.json$/,
    /^readme\.md$/i,
    /^license(\.txt|\.md)?$/i,
    /^changelog\.md$/i,
    /^images\/icon\.png$/,
    /^dist\/(client|server|server-main|cli|cli-main)\.js$/,
    /^dist\/THIRD-PARTY-NOTICES\.txt$/,
    /^dist\/validators\/[a-z0-9-]+\.js$/,
    /^schemas\/.+\.json$/,
    /^snippets\/kubernetes\.json$/,
    /^docs\/rules\/([a-z0-9-]+|README)\.md$/,
  ];
  const unexpected = files.filter((f) => !allowed.some((re) => re.test(f)));
  assert.deepEqual(unexpected, [], 'files that should not be in the package');
  for (const needed of ['package.json', 'dist/THIRD-PARTY-NOTICES.txt', 'dist/client.js', 'dist/server.js', 'dist/server-main.js', 'dist/cli.js', 'dist/cli-main.js', 'snippets/kubernetes.json', 'images/icon.png', 'schemas/index.json']) {
    assert.ok(files.includes(needed), `${needed} is missing from the package`);
  }
  assert.ok(!files.some((f) => f.endsWith('.map') || f.startsWith('node_modules/') || f.endsWith('.ts')), 'no source maps, sources or node_modules');
  console.log(`vsix: ${files.length} files, ${(size / 1024).toFixed(0)} KB`);
  assert.ok(size < 3 * 1024 * 1024, `the package is ${size} bytes`);
});
