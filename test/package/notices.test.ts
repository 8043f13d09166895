// dist/THIRD-PARTY-NOTICES.txt (written by esbuild.mjs from its metafiles) names every npm package
// whose code is in a shipped bundle, with its version and its licence text. Checked against the
// source maps esbuild writes beside the bundles, which list every source file a bundle holds: an
// independent record of what was bundled.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DIST = path.join(ROOT, 'dist');
const NOTICES = path.join(DIST, 'THIRD-PARTY-NOTICES.txt');

/** node_modules package folders (relative to ROOT) whose files a bundle's source map lists. */
function bundledPackages(): Map<string, Set<string>> {
  const maps = [
    ...fs.readdirSync(DIST).filter((f) => f.endsWith('.js.map')).map((f) => path.join(DIST, f)),
    ...fs.readdirSync(path.join(DIST, 'validators')).filter((f) => f.endsWith('.js.map')).map((f) => path.join(DIST, 'validators', f)),
  ];
  const out = new Map<string, Set<string>>();
  for (const file of maps) {
    const map = JSON.parse(fs.readFileSync(file, 'utf8')) as { sources: string[] };
    for (const source of map.sources) {
      const abs = path.resolve(path.dirname(file), source).split(path.sep).join('/');
      const at = abs.lastIndexOf('/node_modules/');
      if (at < 0) continue;
      const parts = abs.slice(at + '/node_modules/'.length).split('/');
      const dir = path.relative(ROOT, abs.slice(0, at + '/node_modules/'.length) + (parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]));
      if (!out.has(dir)) out.set(dir, new Set());
      out.get(dir)!.add(path.relative(ROOT, file).replace(/\.map$/, '').split(path.sep).join('/'));
    }
  }
  return out;
}

/** The notices file's entries: `name version` -> the entry's text. */
function entries(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of text.split(/^={80}$/m).slice(1)) {
    const [head] = part.trim().split('\n');
    out.set(head, part);
  }
  return out;
}

test('every npm package in a shipped bundle has its version, the bundles it is in and its licence text in THIRD-PARTY-NOTICES.txt', () => {
  assert.ok(fs.existsSync(NOTICES), 'run npm run build first');
  const notices = entries(fs.readFileSync(NOTICES, 'utf8'));
  const bundled = bundledPackages();
  // What the extension runs on: if these are not found the source maps were not read right.
  for (const name of ['yaml', 'ajv', 'vscode-languageserver', 'vscode-languageclient']) {
    assert.ok([...bundled.keys()].some((d) => d.endsWith(`node_modules/${name}`)), `${name} not found in the source maps`);
  }
  for (const [dir, bundles] of bundled) {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8')) as { name: string; version: string };
    const entry = notices.get(`${pkg.name} ${pkg.version}`);
    assert.ok(entry, `${pkg.name} ${pkg.version} (${dir}) is bundled into ${[...bundles].join(', ')} but has no entry`);
    const listed = /^In: (.*)$/m.exec(entry)?.[1] ?? '';
    for (const b of bundles) assert.ok(listed.includes(b.startsWith('dist/validators/') ? 'dist/validators/' : b), `${pkg.name}: "In:" does not name ${b}`);
    const licences = fs.readdirSync(path.join(ROOT, dir)).filter((f) => /^(licen[cs]e|copying)/i.test(f));
    assert.ok(licences.length > 0, `${pkg.name} ships no licence file`);
    for (const f of licences) {
      const text = fs.readFileSync(path.join(ROOT, dir, f), 'utf8').replace(/\r\n/g, '\n').trim();
      assert.ok(entry.includes(text), `${pkg.name}: the text of ${f} is not in its entry`);
    }
  }
});

test('the packages schemas/ and the validators are generated from have entries, with their upstream licence', () => {
  const notices = entries(fs.readFileSync(NOTICES, 'utf8'));
  for (const name of ['kubernetes-models', '@kubernetes-models/istio']) {
    const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    const entry = notices.get(`${name} ${version}`);
    assert.ok(entry, `${name} ${version} has no entry`);
    assert.match(entry, /^In: schemas\/ and dist\/validators\//m);
    assert.match(entry, /Apache License 2\.0/);
    assert.match(entry, /Permission is hereby granted/);
  }
});
