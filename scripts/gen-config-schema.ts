// Generates schemas/kubeward-config.schema.json, the JSON schema of .kubeward.yaml that editors use
// for completion and hover (package.json contributes it to the Red Hat YAML extension through
// `yamlValidation`). Every rule is listed under `rules` with its title, so rule ids complete.
// `node out/scripts/gen-config-schema.js` writes it; test/config checks it is current.
// engine/config.ts stays the authority: it validates with positions and better messages.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../server/src/engine';
import { CONFIG_PRESETS } from '../server/src/engine/config';

export const CONFIG_SCHEMA_PATH = path.resolve(__dirname, '..', '..', 'schemas', 'kubeward-config.schema.json');

export function configSchema(): object {
  const severity = { $ref: '#/definitions/severity' };
  const rules = {
    type: 'object',
    description: 'Severity per rule id, as the kubeward.rules setting: off, info, warning or error.',
    properties: Object.fromEntries([
      ...RULES.map((r) => [r.id, { ...severity, description: `${r.meta.title} (default: ${r.meta.enabledByDefault === false ? 'off' : r.meta.severity}).` }]),
      ['yaml-syntax', { ...severity, description: 'YAML syntax errors (command line only).' }],
    ]),
    additionalProperties: severity,
  };
  const pss = {
    type: 'object',
    additionalProperties: false,
    properties: {
      level: { enum: ['privileged', 'baseline', 'restricted'], description: 'The Pod Security Standards level workloads are checked against (default: restricted).' },
      version: { type: 'string', pattern: '^(latest|v1\\.\\d{1,3})$', description: 'The policy version: latest or v1.N (default: latest).' },
    },
  };
  const istio = {
    type: 'object',
    additionalProperties: false,
    description: 'The Istio mesh the manifests belong to. The kubeward.istio.* settings and the --istio-* options override it.',
    properties: {
      rootNamespace: {
        type: 'string',
        maxLength: 63,
        pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
        description: 'The mesh root namespace (meshConfig.rootNamespace), where PeerAuthentication, AuthorizationPolicy and RequestAuthentication apply mesh-wide (default: istio-system).',
      },
      version: {
        // A number too: unquoted 1.21 is a YAML number, which config.ts reads as written (1.20 stays 1.20).
        anyOf: [
          { type: 'string', pattern: '^v?1\\.\\d{1,3}$' },
          { type: 'number', minimum: 1, exclusiveMaximum: 2 },
        ],
        description: 'The Istio minor version the manifests target, "1.N" or "v1.N" (default: the latest the rules know). Some checks and fixes depend on it.',
      },
    },
  };
  const globs = { type: 'array', items: { type: 'string', minLength: 1 } };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/kubeward/kubeward/blob/main/schemas/kubeward-config.schema.json',
    title: 'Kubeward configuration (.kubeward.yaml)',
    description: 'Configures kubeward for the files below this folder, in the editor and on the command line. Explicitly set VS Code settings and command-line options override it.',
    type: ['object', 'null'],
    additionalProperties: false,
    definitions: {
      // Unquoted `off` is false in YAML 1.1, as Kubernetes tools read YAML: both mean off.
      severity: { enum: ['off', 'info', 'warning', 'error', false] },
    },
    properties: {
      presets: {
        type: 'array',
        items: { enum: [...CONFIG_PRESETS] },
        description: 'Rule sets: recommended (the default rules), all (every rule, also those off by default), pss-baseline or pss-restricted (only the Pod Security Standards checks of that level).',
      },
      pss,
      istio,
      rules,
      exclude: { ...globs, description: 'Files not to lint: globs relative to this file (a pattern without / matches at any depth; a folder matches its content).' },
      overrides: {
        type: 'array',
        description: 'Settings for some files, applied in order over the ones above.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files'],
          properties: { files: { ...globs, description: 'Globs of the files this override applies to.' }, rules, pss, istio },
        },
      },
      allowedRegistries: {
        type: 'array',
        items: { type: 'string', pattern: '^[^\\s]+$' },
        description: 'Registries images may come from (image-registry-untrusted): hosts with an optional path prefix; *.example.com matches subdomains.',
      },
      requiredLabels: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Labels every workload must carry (workload-required-labels).' },
      suppressions: {
        type: 'object',
        additionalProperties: false,
        properties: {
          requireReason: { type: 'boolean', description: 'A suppression without a reason does not suppress and is reported (suppression-invalid).' },
          kubeLinterAnnotations: { type: 'boolean', description: "Honour KubeLinter's ignore-check.kube-linter.io/<check> and kube-linter.io/ignore-all annotations." },
          checkovAnnotations: { type: 'boolean', description: "Honour Checkov's checkov.io/skip<N>: <CKV_ID>=<reason> annotations." },
        },
      },
      schemas: {
        type: 'object',
        additionalProperties: false,
        properties: {
          custom: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'CustomResourceDefinition files or folders (relative to this file) to validate custom resources with.' },
          enable: { type: 'boolean', description: 'Schema validation of Kubernetes and Istio objects (default: true).' },
          scope: { enum: ['security', 'all'], description: 'security: only mistakes on security-relevant fields (default); all: every schema error.' },
        },
      },
    },
  };
}

export function configSchemaText(): string {
  return JSON.stringify(configSchema(), null, 2) + '\n';
}

if (require.main === module) {
  fs.writeFileSync(CONFIG_SCHEMA_PATH, configSchemaText());
  console.log(`wrote ${CONFIG_SCHEMA_PATH}`);
}
