// `npm run bench`: bundles bench/main.ts (with the engine and `yaml` bundled as in dist/) into
// bench/.generated/bench.js and runs it, passing the arguments through.
// The language server and CLI under test are dist/server.js and dist/cli.js: run `npm run build` first.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { yamlEsm } from '../scripts/esbuild-yaml.mjs';

await build({
  entryPoints: ['bench/main.ts'],
  outfile: 'bench/.generated/bench.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // `yaml` bundled as in dist/, except for the parse floor (bench/floor.ts), which is `yaml` as published.
  plugins: [yamlEsm({ stockFrom: /\/bench\/floor\.ts$/ })],
});
const r = spawnSync(process.execPath, ['--enable-source-maps', 'bench/.generated/bench.js', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
