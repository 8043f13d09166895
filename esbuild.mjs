// Bundles the three entry points. Everything the extension runs is bundled, so the .vsix
// carries no node_modules; the licences of what is bundled go to dist/THIRD-PARTY-NOTICES.txt.
import { readdirSync } from 'node:fs';
import { build } from 'esbuild';
import { yamlEsm } from './scripts/esbuild-yaml.mjs';
import { writeThirdPartyNotices } from './scripts/third-party-notices.mjs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: true,
  minify: process.argv.includes('--minify'),
  logLevel: 'warning',
  // Licence comments are dropped from the bundles: each bundled package's whole licence is in
  // dist/THIRD-PARTY-NOTICES.txt instead (from the metafiles).
  legalComments: 'none',
  metafile: true,
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

const builds = await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  // dist/server.js is a small loader that runs dist/server-main.js with V8's code cache (server/src/boot/code-cache.ts).
  build({ ...common, entryPoints: ['server/src/server-boot.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server-main.js', plugins: [splitValidators, yamlEsm()] }),
  // dist/cli.js is the same kind of loader for dist/cli-main.js.
  build({ ...common, entryPoints: ['server/src/cli-boot.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli-main.js', plugins: [splitValidators, yamlEsm()] }),
  // Generated code: minified whatever the build (stack traces into it would not help anyone).
  build({ ...common, minify: true, entryPoints: validators.map((v) => `${GENERATED}/${v}.ts`), outdir: 'dist/validators' }),
]);

// schemas/ and the validators are generated (scripts/gen-schemas.mjs) from these packages' type declarations and schemas.
const SCHEMA_SOURCE = 'schemas/ and dist/validators/ (generated from its type declarations and schemas)';
const apache = (who) => `Its declarations are generated from ${who} (Apache License 2.0, https://www.apache.org/licenses/LICENSE-2.0).`;
const KUBERNETES = apache('the Kubernetes OpenAPI specification (The Kubernetes Authors)');
writeThirdPartyNotices(
  '.',
  'dist/THIRD-PARTY-NOTICES.txt',
  builds.map((b) => b.metafile),
  [
    { name: 'kubernetes-models', in: [SCHEMA_SOURCE], note: KUBERNETES },
    { name: '@kubernetes-models/apimachinery', in: [SCHEMA_SOURCE], note: KUBERNETES },
    { name: '@kubernetes-models/istio', in: [SCHEMA_SOURCE], note: apache("Istio's API definitions (Istio Authors)") },
  ],
  { yaml: 'Also: server/src/engine/yaml-cst.ts, bundled into the same files, is its lexer and parser (src/parse) without generators.' },
);
