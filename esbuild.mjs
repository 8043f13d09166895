// Bundles the three entry points. Everything the extension runs is bundled, so the .vsix
// carries no node_modules.
import { readdirSync } from 'node:fs';
import { build } from 'esbuild';
import { yamlEsm } from './scripts/esbuild-yaml.mjs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: true,
  minify: process.argv.includes('--minify'),
  logLevel: 'warning',
  legalComments: 'none',
};

// The generated schema validators (server/src/engine/schema/generated, ~1.9 MB once bundled) are
// files of their own, dist/validators/<module>.js, which catalog.ts requires on first use: inside
// the server or CLI bundle, node would read and V8 pre-parse them at every start.
const GENERATED = 'server/src/engine/schema/generated';
const validators = readdirSync(GENERATED).filter((f) => f.endsWith('.ts') && f !== 'catalog.ts').map((f) => f.slice(0, -3));
const splitValidators = {
  name: 'split-validators',
  setup(b) {
    b.onResolve({ filter: /^\.\/[a-z-]+$/ }, (args) =>
      args.importer.replace(/\\/g, '/').endsWith(`${GENERATED}/catalog.ts`) && validators.includes(args.path.slice(2)) ? { path: `./validators/${args.path.slice(2)}.js`, external: true } : undefined,
    );
  },
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  // dist/server.js is a small loader that runs dist/server-main.js with V8's code cache (server/src/boot/code-cache.ts).
  build({ ...common, entryPoints: ['server/src/server-boot.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server-main.js', plugins: [splitValidators, yamlEsm()] }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [splitValidators, yamlEsm()] }),
  // Generated code: minified whatever the build (stack traces into it would not help anyone).
  build({ ...common, minify: true, entryPoints: validators.map((v) => `${GENERATED}/${v}.ts`), outdir: 'dist/validators' }),
]);
