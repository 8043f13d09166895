// Schemas of custom resources, from settings (`kubeward.schema.customSchemas`) or `.kubeward.yaml`.
//
// Unlike the bundled schemas these are only known at run time, so they are compiled with ajv when
// the first object of their kind is checked: a runtime compile (ajv generates code with
// `new Function`) is unavoidable here, and it happens only for the user's own CRDs, lazily, never
// for the bundled schemas and never at startup. ajv itself is required on that first use.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseChunk, rootMap, splitDocuments } from '../parse';
import type { CustomSchema } from '../types';
import { toData } from './data';
import type { ValidateFunction } from './validator-types';

const compiled = new WeakMap<CustomSchema, ValidateFunction | null>();
const compileErrors = new WeakMap<CustomSchema, string>();

/** The validator of a custom schema, compiled on first use; undefined when the schema does not compile. */
export function compileCustomSchema(schema: CustomSchema): ValidateFunction | undefined {
  const cached = compiled.get(schema);
  if (cached !== undefined) return cached ?? undefined;
  let fn: ValidateFunction | null = null;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const AjvModule = require('ajv');
    const Ajv = AjvModule.default ?? AjvModule;
    const ajv = new Ajv({ allErrors: true, strict: false, messages: false, validateFormats: false, logger: false });
    fn = ajv.compile(strictify(schema.schema, true)) as ValidateFunction;
  } catch (err) {
    compileErrors.set(schema, err instanceof Error ? err.message : String(err));
  }
  compiled.set(schema, fn);
  return fn ?? undefined;
}

/** Why a custom schema did not compile, if it did not. */
export function customSchemaError(schema: CustomSchema): string | undefined {
  return compileErrors.get(schema);
}

const ENVELOPE = ['apiVersion', 'kind', 'metadata'];

/**
 * The compile-time form of a structural (CRD) schema, as the generator makes for the bundled ones:
 * closed objects list their keys in `propertyNames.enum` so that an unknown key's error carries the
 * allowed siblings; `x-kubernetes-int-or-string` becomes a type union; objects that keep unknown
 * fields (`x-kubernetes-preserve-unknown-fields`) stay open.
 */
export function strictify(s: unknown, isRoot = false): unknown {
  if (Array.isArray(s)) return s.map((x) => strictify(x));
  if (!s || typeof s !== 'object') return s;
  const src = s as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === 'properties' && v && typeof v === 'object') {
      out[k] = Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([pk, pv]) => [pk, strictify(pv)]));
    } else if (k === 'items' || k === 'additionalProperties' || k === 'not') {
      out[k] = typeof v === 'object' ? strictify(v) : v;
    } else if (k === 'allOf' || k === 'anyOf' || k === 'oneOf') {
      out[k] = strictify(v);
    } else if (k === 'description' || k === 'example' || k === 'default' || k === 'x-kubernetes-validations' || k === '$schema' || k === '$id') {
      // documentation and CEL rules: not checked here
    } else {
      out[k] = v;
    }
  }
  if (src['x-kubernetes-int-or-string'] === true) {
    out.type = ['integer', 'string'];
    delete out.anyOf;
  }
  const props = src.properties && typeof src.properties === 'object' ? Object.keys(src.properties as object) : [];
  const open = src['x-kubernetes-preserve-unknown-fields'] === true || src.additionalProperties !== undefined;
  if (props.length > 0 && !open) {
    const names = new Set(props);
    if (isRoot || src['x-kubernetes-embedded-resource'] === true) for (const n of [...ENVELOPE, 'status']) names.add(n);
    out.propertyNames = { enum: [...names].sort() };
  }
  if (isRoot && out.properties && typeof out.properties === 'object') {
    const p = out.properties as Record<string, unknown>;
    for (const n of ENVELOPE) p[n] ??= n === 'metadata' ? { type: 'object' } : { type: 'string' };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading schema files

export interface LoadedCustomSchemas {
  schemas: CustomSchema[];
  /** Files that could not be read or held no usable schema, with the reason. */
  problems: { file: string; message: string }[];
}

/**
 * Reads custom schemas from files and folders (a folder: its .json, .yaml and .yml files, one
 * level deep). A file may hold CustomResourceDefinitions (YAML or JSON, several documents) or a
 * JSON schema that names its kind with `x-kubernetes-group-version-kind`, as `kubectl` and
 * kubeconform schemas do. Relative paths are resolved against `baseDir`.
 */
export function loadCustomSchemas(paths: readonly string[], baseDir: string): LoadedCustomSchemas {
  const out: LoadedCustomSchemas = { schemas: [], problems: [] };
  for (const p of paths) {
    const abs = path.resolve(baseDir, p);
    let files: string[];
    try {
      files = fs.statSync(abs).isDirectory()
        ? fs.readdirSync(abs).filter((f) => /\.(json|ya?ml)$/i.test(f)).sort().map((f) => path.join(abs, f))
        : [abs];
    } catch (err) {
      out.problems.push({ file: abs, message: err instanceof Error ? err.message : String(err) });
      continue;
    }
    for (const file of files) {
      try {
        const found = schemasInText(fs.readFileSync(file, 'utf8'), file);
        if (found.length === 0) out.problems.push({ file, message: 'no CustomResourceDefinition or schema with x-kubernetes-group-version-kind' });
        out.schemas.push(...found);
      } catch (err) {
        out.problems.push({ file, message: err instanceof Error ? err.message : String(err) });
      }
    }
  }
  return out;
}

/** The schemas in one file's text (CRDs, or JSON schemas with x-kubernetes-group-version-kind). */
export function schemasInText(text: string, source: string): CustomSchema[] {
  const docs: unknown[] = [];
  if (/\.json$/i.test(source)) {
    docs.push(JSON.parse(text));
  } else {
    for (const chunk of splitDocuments(text)) {
      const parsed = parseChunk(chunk.text);
      if (parsed.errors.some((e) => !e.warning)) throw new Error(`YAML error: ${parsed.errors[0].message}`);
      const root = rootMap(parsed.doc);
      if (root) docs.push(toData(parsed.doc, root));
    }
  }
  const out: CustomSchema[] = [];
  for (const d of docs) out.push(...schemasInObject(d, source));
  return out;
}

function schemasInObject(d: unknown, source: string): CustomSchema[] {
  if (!isObject(d)) return [];
  if (d.kind === 'List' && Array.isArray(d.items)) return d.items.flatMap((i) => schemasInObject(i, source));
  if (d.kind === 'CustomResourceDefinition' && isObject(d.spec)) {
    const spec = d.spec;
    const group = typeof spec.group === 'string' ? spec.group : undefined;
    const kind = isObject(spec.names) && typeof spec.names.kind === 'string' ? spec.names.kind : undefined;
    if (!group || !kind) return [];
    const out: CustomSchema[] = [];
    const shared = isObject(spec.validation) ? spec.validation.openAPIV3Schema : undefined; // apiextensions/v1beta1
    for (const v of Array.isArray(spec.versions) ? spec.versions : []) {
      if (!isObject(v) || typeof v.name !== 'string' || v.served === false) continue;
      const schema = isObject(v.schema) && isObject(v.schema.openAPIV3Schema) ? v.schema.openAPIV3Schema : shared;
      if (isObject(schema)) out.push({ apiVersion: `${group}/${v.name}`, kind, schema, source });
    }
    return out;
  }
  const gvk = d['x-kubernetes-group-version-kind'];
  if (Array.isArray(gvk)) {
    return gvk.filter(isObject).flatMap((g) => {
      if (typeof g.kind !== 'string' || typeof g.version !== 'string') return [];
      const apiVersion = g.group ? `${g.group}/${g.version}` : g.version;
      return [{ apiVersion, kind: g.kind, schema: d, source }];
    });
  }
  return [];
}

function isObject(v: unknown): v is Record<string, any> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}
