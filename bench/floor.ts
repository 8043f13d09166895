// The parse floor: `yaml` as published, loaded at run time from node_modules (its CommonJS build,
// what `require('yaml')` gives any Node program). bench/run.mjs keeps this one import external;
// everywhere else the bench bundles `yaml` as dist/ does (scripts/esbuild-yaml.mjs), so the
// engine measured here is the one the server and the CLI run.
export { parseAllDocuments } from 'yaml';
