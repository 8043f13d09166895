// dist/THIRD-PARTY-NOTICES.txt: the licence of every npm package bundled into dist/, with the
// files it is in, taken from esbuild's metafiles (only inputs that left bytes in an output count),
// and of the packages that schemas/ and dist/validators/ are generated from. The build fails when
// a bundled package has no licence file: shipping its code without its notice is not an option.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const RULE = '='.repeat(80);
const THIN = '-'.repeat(80);

/** 'node_modules/a/node_modules/@s/b/lib/x.js' -> 'node_modules/a/node_modules/@s/b'; undefined outside node_modules. */
export function packageDirOf(input) {
  const path = input.replace(/\\/g, '/');
  const at = path.lastIndexOf('node_modules/');
  if (at < 0) return undefined;
  const rest = path.slice(at + 'node_modules/'.length).split('/');
  const name = rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  return path.slice(0, at + 'node_modules/'.length) + name;
}

/** The package's licence files: LICENSE, LICENCE, COPYING (any case, .md or .txt), then NOTICE. */
function licenceFiles(dir) {
  const names = readdirSync(dir);
  const licence = names.filter((f) => /^(licen[cs]e|copying)([.-][a-z0-9]+)?(\.(md|txt))?$/i.test(f)).sort();
  const notice = names.filter((f) => /^notice(\.(md|txt))?$/i.test(f));
  return [...licence, ...notice];
}

function repositoryUrl(repo) {
  const raw = typeof repo === 'string' ? repo : repo?.url;
  if (!raw) return undefined;
  let url = raw.replace(/^git\+/, '').replace(/\.git$/, '');
  url = url.replace(/^git@github\.com:/, 'https://github.com/').replace(/^git:\/\//, 'https://').replace(/^github:/, 'https://github.com/');
  if (/^[\w.-]+\/[\w.-]+$/.test(url)) url = `https://github.com/${url}`;
  return url;
}

function section(root, dir, usedIn, note) {
  const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
  const files = licenceFiles(join(root, dir));
  if (files.length === 0) throw new Error(`${pkg.name} ${pkg.version} (${dir}) is bundled but has no LICENSE file: add its licence to scripts/third-party-notices.mjs by hand`);
  const licence = typeof pkg.license === 'string' ? pkg.license : (pkg.license?.type ?? 'see below');
  const head = [RULE, `${pkg.name} ${pkg.version}`, `License: ${licence}`];
  const url = repositoryUrl(pkg.repository);
  if (url) head.push(`Source: ${url}`);
  head.push(`In: ${usedIn.join(', ')}`);
  if (note) head.push(note);
  const texts = files.map((f) => readFileSync(join(root, dir, f), 'utf8').replace(/\r\n/g, '\n').trimEnd());
  return { name: pkg.name, version: pkg.version, text: [...head, THIN, texts.join(`\n\n${THIN}\n`), ''].join('\n') };
}

/**
 * Writes `out`. `bundles`: esbuild metafiles of the builds whose outputs ship; `generatedFrom`:
 * packages whose content the shipped files are generated from ({ name, in, note }); `notes`: a
 * line to add to a bundled package's entry, by name.
 */
export function writeThirdPartyNotices(root, out, bundles, generatedFrom, notes = {}) {
  /** package dir -> output files it has bytes in */
  const used = new Map();
  for (const meta of bundles) {
    for (const [output, o] of Object.entries(meta.outputs)) {
      if (!output.endsWith('.js')) continue;
      for (const [input, i] of Object.entries(o.inputs)) {
        const dir = packageDirOf(input);
        if (!dir || i.bytesInOutput === 0) continue;
        if (!used.has(dir)) used.set(dir, new Set());
        used.get(dir).add(output.replace(/\\/g, '/').replace(/^dist\/validators\/.*$/, 'dist/validators/'));
      }
    }
  }
  const sections = [...used].map(([dir, outputs]) => section(root, dir, [...outputs].sort()));
  for (const s of sections) if (notes[s.name]) s.text = s.text.replace(`\n${THIN}\n`, `\n${notes[s.name]}\n${THIN}\n`);
  for (const g of generatedFrom) {
    const dir = `node_modules/${g.name}`;
    if (!existsSync(join(root, dir, 'package.json'))) throw new Error(`${g.name} is not installed: run npm ci`);
    if (!sections.some((s) => s.name === g.name)) sections.push(section(root, dir, g.in, g.note));
  }
  sections.sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  const intro = [
    'Kubeward (MIT, see LICENSE) ships the third-party software below, bundled into the files named',
    'under "In:", or, where the note says so, data generated from it. Each entry gives the package,',
    'its version, its licence, where its source is, and its licence text as the package ships it.',
    '',
  ].join('\n');
  writeFileSync(join(root, out), `${intro}\n${sections.map((s) => s.text).join('\n')}`);
  return sections.map((s) => `${s.name}@${s.version}`);
}
