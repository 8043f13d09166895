// Bundles `yaml` from its ES module build (yaml/browser/index.js) instead of its CommonJS build
// (yaml/dist, what `require('yaml')` loads in Node). Same source, same version, two differences
// that matter on every keystroke:
// - the CommonJS parser reads `process.env.LOG_TOKENS` for every token (and the composer
//   `process.env.LOG_STREAM` for every document); in Node each read of process.env calls into C++,
//   about 170 ns, 67,000 times for a 10,000-line manifest;
// - esbuild reaches a CommonJS module's exports through a getter per access (`isScalar`, `isMap`,
//   ... are called millions of times by the rules); an ES module is bound directly.
// Measured on the 10,000-line bench manifest: parseAllDocuments 87 ms bundled this way against
// 112 ms for the CommonJS build, interleaved in one process.
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const YAML_ESM = join(dirname(require.resolve('yaml/package.json')), 'browser', 'index.js');

/**
 * @param {{ stockFrom?: RegExp }} [options] importers matching `stockFrom` keep the package's own
 *   CommonJS build, loaded at run time (the benchmark's parse floor is `yaml` as published).
 */
export function yamlEsm(options = {}) {
  return {
    name: 'yaml-esm',
    setup(b) {
      b.onResolve({ filter: /^yaml$/ }, (args) => {
        if (options.stockFrom && options.stockFrom.test(args.importer.replace(/\\/g, '/'))) return { path: 'yaml', external: true };
        return { path: YAML_ESM };
      });
    },
  };
}
