#!/usr/bin/env node
// Generates the bundled JSON schemas (schemas/) and the ahead-of-time compiled ajv validators
// (server/src/engine/schema/generated/) from the kubernetes-models and @kubernetes-models/istio
// packages.
//
// Where the schemas come from: both packages ship TypeScript declarations (.d.ts) generated from
// the upstream OpenAPI documents (Kubernetes v1.36 swagger, Istio CRDs) and, per definition, a
// precompiled validator. They do not ship the JSON schemas themselves, so this script rebuilds them
// from the declarations with the TypeScript compiler API (properties, required fields, enums,
// arrays, maps, references), then asks the packages' own validators which numeric fields are
// integers (a value of 0.5 is refused with "must be integer"). Descriptions are left out to keep
// the committed size small; the status subtree of every kind is left open ({}), as nobody writes it.
//
// `node scripts/gen-schemas.mjs` writes the files; `--check` regenerates in memory and fails when
// anything on disk differs (CI runs it through test/schema/regenerate.test.ts).
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const ts = require('typescript');
const Ajv = require('ajv');
const standaloneCode = require('ajv/dist/standalone').default;
const esbuild = require('esbuild');

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NM = path.join(ROOT, 'node_modules');
const K8S_PKG = path.join(NM, 'kubernetes-models');
const ISTIO_PKG = path.join(NM, '@kubernetes-models', 'istio');
const SCHEMA_DIR = path.join(ROOT, 'schemas');
const GEN_DIR = path.join(ROOT, 'server', 'src', 'engine', 'schema', 'generated');

/**
 * kubernetes-models merges the OpenAPI documents of old releases so that removed APIs keep their
 * types. The latest release (v1.36) serves none of these group/versions any more (see the
 * Kubernetes deprecation guide); a beta that is not listed here makes the script stop, so that
 * someone decides whether it is served.
 */
const REMOVED_K8S_VERSIONS = new Set([
  'admissionregistration.k8s.io/v1beta1', // 1.22
  'apiextensions.k8s.io/v1beta1', // 1.22
  'apiregistration.k8s.io/v1beta1', // 1.22
  'apps/v1beta1', // 1.16
  'apps/v1beta2', // 1.16
  'authentication.k8s.io/v1beta1', // 1.22
  'authorization.k8s.io/v1beta1', // 1.22
  'autoscaling/v2beta1', // 1.25
  'autoscaling/v2beta2', // 1.26
  'batch/v1beta1', // 1.25
  'certificates.k8s.io/v1beta1', // 1.22
  'coordination.k8s.io/v1beta1', // 1.22
  'discovery.k8s.io/v1beta1', // 1.25
  'events.k8s.io/v1beta1', // 1.25
  'extensions/v1beta1', // 1.16 / 1.22
  'flowcontrol.apiserver.k8s.io/v1beta1', // 1.26
  'flowcontrol.apiserver.k8s.io/v1beta2', // 1.29
  'flowcontrol.apiserver.k8s.io/v1beta3', // 1.32
  'networking.k8s.io/v1beta1', // 1.22
  'node.k8s.io/v1beta1', // 1.25
  'policy/v1beta1', // 1.25
  'rbac.authorization.k8s.io/v1beta1', // 1.22
  'scheduling.k8s.io/v1beta1', // 1.22
  'storage.k8s.io/v1beta1', // 1.22 / 1.27
]);

/**
 * The Kubernetes validators come in three modules, so that a file of workloads does not load the
 * code for every other API: what most manifests hold (the core group and the workload controllers),
 * access control and networking, and the rest. Each module is loaded on first use.
 */
const K8S_MODULES = ['kubernetes-workloads', 'kubernetes-access', 'kubernetes-other'];
function k8sModuleOf(apiVersion) {
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  if (['', 'apps', 'batch', 'autoscaling', 'policy'].includes(group)) return 'kubernetes-workloads';
  if (['rbac.authorization.k8s.io', 'networking.k8s.io', 'admissionregistration.k8s.io', 'certificates.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io'].includes(group)) return 'kubernetes-access';
  return 'kubernetes-other';
}

/** Istio API groups shipped; install.istio.io (IstioOperator) is an installer input, not cluster config. */
const ISTIO_GROUPS = ['networking.istio.io', 'security.istio.io', 'telemetry.istio.io', 'extensions.istio.io'];

// ---------------------------------------------------------------------------------------------
// Discovery of the kinds

function readModel(jsFile) {
  const src = fs.readFileSync(jsFile, 'utf8');
  const kind = /this\.kind="([^"]+)"/.exec(src)?.[1];
  const apiVersion = /this\.apiVersion="([^"]+)"/.exec(src)?.[1];
  const schema = /_schemas\/([A-Za-z0-9]+)\.js"/.exec(src)?.[1];
  return { kind, apiVersion, schema };
}

function listKinds(pkgDir, groupDirs) {
  const kinds = [];
  for (const gv of groupDirs) {
    const dir = path.join(pkgDir, gv);
    for (const f of fs.readdirSync(dir).sort()) {
      if (!f.endsWith('.js') || f === 'index.js') continue;
      const m = readModel(path.join(dir, f));
      if (!m.kind || !m.apiVersion || m.kind.endsWith('List')) continue;
      kinds.push({ ...m, dts: path.join(dir, f.replace(/\.js$/, '.d.ts')), pkgDir });
    }
  }
  return kinds;
}

function k8sGroupVersionDirs() {
  const out = [];
  for (const g of fs.readdirSync(K8S_PKG).sort()) {
    const gdir = path.join(K8S_PKG, g);
    if (g.startsWith('_') || !fs.statSync(gdir).isDirectory()) continue;
    if (g === 'v1') {
      out.push('v1');
      continue;
    }
    for (const v of fs.readdirSync(gdir).sort()) {
      if (!fs.statSync(path.join(gdir, v)).isDirectory()) continue;
      const gv = `${g}/${v}`;
      if (/^v\d+$/.test(v)) out.push(gv);
      else if (!REMOVED_K8S_VERSIONS.has(gv)) throw new Error(`${gv}: a non-GA version that is not known to be removed; decide whether v1.36 serves it`);
    }
  }
  return out;
}

function istioGroupVersionDirs() {
  const out = [];
  for (const g of ISTIO_GROUPS) for (const v of fs.readdirSync(path.join(ISTIO_PKG, g)).sort()) if (fs.statSync(path.join(ISTIO_PKG, g, v)).isDirectory()) out.push(`${g}/${v}`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// .d.ts -> JSON schema

class Converter {
  constructor(program) {
    this.program = program;
    this.checker = program.getTypeChecker();
    /** definition name -> schema */
    this.defs = new Map();
    /** definition name -> { validatorFile } */
    this.defInfo = new Map();
    this.inProgress = new Set();
  }

  /** The definition name of an interface declared in a model file: the name of its validator module. */
  defNameOf(decl) {
    const file = decl.getSourceFile().fileName;
    const js = file.replace(/\.d\.ts$/, '.js');
    if (!fs.existsSync(js)) return undefined;
    const m = readModel(js);
    if (!m.schema) return undefined;
    const schemaDir = js.includes(`${path.sep}apimachinery${path.sep}`) ? path.join(NM, '@kubernetes-models', 'apimachinery', '_schemas')
      : js.startsWith(ISTIO_PKG) ? path.join(ISTIO_PKG, '_schemas') : path.join(K8S_PKG, '_schemas');
    return { name: m.schema, validatorFile: path.join(schemaDir, `${m.schema}.js`) };
  }

  interfaceIn(dtsFile) {
    const sf = this.program.getSourceFile(dtsFile);
    if (!sf) throw new Error(`not in program: ${dtsFile}`);
    for (const st of sf.statements) if (ts.isInterfaceDeclaration(st) && st.name.text.startsWith('I')) return st;
    throw new Error(`no interface in ${dtsFile}`);
  }

  /** Converts an interface into a definition and returns its name. */
  define(decl, opts = {}) {
    const info = this.defNameOf(decl);
    if (!info) throw new Error(`no validator for ${decl.name.text} in ${decl.getSourceFile().fileName}`);
    const { name } = info;
    if (this.defs.has(name) || this.inProgress.has(name)) return name;
    this.inProgress.add(name);
    const schema = this.objectFromMembers(decl.members, opts);
    this.inProgress.delete(name);
    this.defs.set(name, schema);
    this.defInfo.set(name, info);
    return name;
  }

  objectFromMembers(members, opts = {}) {
    const properties = {};
    const required = [];
    let additional;
    for (const m of members) {
      if (ts.isPropertySignature(m)) {
        const key = ts.isStringLiteral(m.name) || ts.isIdentifier(m.name) ? m.name.text : undefined;
        if (key === undefined) throw new Error('computed property name');
        properties[key] = opts.skipStatus && key === 'status' ? {} : this.convert(m.type);
        if (!m.questionToken) required.push(key);
      } else if (ts.isIndexSignatureDeclaration(m)) {
        additional = this.convert(m.type);
      }
    }
    const s = { type: 'object' };
    const keys = Object.keys(properties);
    if (keys.length > 0) {
      s.properties = properties;
      if (required.length > 0) s.required = required;
      s.additionalProperties = additional ?? false;
    } else if (additional !== undefined) {
      s.additionalProperties = additional;
    }
    return s;
  }

  resolveDecl(typeName) {
    let sym = this.checker.getSymbolAtLocation(typeName);
    if (!sym) throw new Error(`unresolved type ${typeName.getText()}`);
    if (sym.flags & ts.SymbolFlags.Alias) sym = this.checker.getAliasedSymbol(sym);
    return sym.declarations?.[0];
  }

  convert(node) {
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword: return { type: 'string' };
      case ts.SyntaxKind.NumberKeyword: return { type: 'number' };
      case ts.SyntaxKind.BooleanKeyword: return { type: 'boolean' };
      case ts.SyntaxKind.AnyKeyword:
      case ts.SyntaxKind.UnknownKeyword: return {};
      case ts.SyntaxKind.ObjectKeyword: return { type: 'object' };
      case ts.SyntaxKind.NullKeyword: return { type: 'null' };
      case ts.SyntaxKind.ParenthesizedType: return this.convert(node.type);
      case ts.SyntaxKind.ArrayType: return { type: 'array', items: this.convert(node.elementType) };
      case ts.SyntaxKind.TypeLiteral: return this.objectFromMembers(node.members);
      case ts.SyntaxKind.LiteralType: return this.literal(node.literal);
      case ts.SyntaxKind.UnionType: return this.union(node.types);
      case ts.SyntaxKind.IntersectionType: return this.intersection(node.types);
      case ts.SyntaxKind.TypeReference: return this.reference(node);
      default:
        throw new Error(`unsupported type node ${ts.SyntaxKind[node.kind]}: ${node.getText()}`);
    }
  }

  literal(lit) {
    if (ts.isStringLiteral(lit)) return { type: 'string', enum: [lit.text] };
    if (ts.isNumericLiteral(lit)) return { type: 'number', enum: [Number(lit.text)] };
    if (lit.kind === ts.SyntaxKind.TrueKeyword) return { type: 'boolean', enum: [true] };
    if (lit.kind === ts.SyntaxKind.FalseKeyword) return { type: 'boolean', enum: [false] };
    if (lit.kind === ts.SyntaxKind.NullKeyword) return { type: 'null' };
    throw new Error(`unsupported literal ${lit.getText()}`);
  }

  union(types) {
    const parts = types.map((t) => this.convert(t));
    const nonNull = parts.filter((p) => p.type !== 'null');
    // A union of string literals is an enum.
    if (nonNull.length > 0 && nonNull.every((p) => p.type === 'string' && p.enum)) return { type: 'string', enum: nonNull.flatMap((p) => p.enum) };
    if (nonNull.every((p) => p.type === 'boolean')) return { type: 'boolean' };
    // Scalars of several types (int-or-string, quantities).
    if (nonNull.every((p) => typeof p.type === 'string' && Object.keys(p).length === 1 && p.type !== 'object' && p.type !== 'array')) {
      return { type: [...new Set(nonNull.map((p) => p.type))].sort() };
    }
    return { anyOf: nonNull };
  }

  intersection(types) {
    // kubernetes-models renders a protobuf oneof as `{...all fields} & ({...one required} | ... |
    // Exclude<...>)`: the first part holds every field; the rest only says which fields exclude
    // each other, which is not checked here.
    if (!ts.isTypeLiteralNode(types[0])) throw new Error(`intersection that does not start with an object: ${types[0].getText().slice(0, 80)}`);
    return this.convert(types[0]);
  }

  reference(node) {
    const name = node.typeName.getText();
    if (name === 'Array' && node.typeArguments?.length === 1) return { type: 'array', items: this.convert(node.typeArguments[0]) };
    if (name === 'Record' && node.typeArguments?.length === 2) return { type: 'object', additionalProperties: this.convert(node.typeArguments[1]) };
    const decl = this.resolveDecl(node.typeName);
    if (!decl) throw new Error(`no declaration for ${name}`);
    if (ts.isTypeAliasDeclaration(decl)) return this.convert(decl.type);
    if (ts.isInterfaceDeclaration(decl)) return { $ref: `#/definitions/${this.define(decl)}` };
    throw new Error(`unsupported reference ${name} (${ts.SyntaxKind[decl.kind]})`);
  }
}

// ---------------------------------------------------------------------------------------------
// Integer probing with the packages' own validators

/** Paths (segments) to every schema node of type number inside `schema`, without crossing $refs. */
function numberNodes(schema, segs = [], out = []) {
  if (!schema || typeof schema !== 'object') return out;
  const t = schema.type;
  if (t === 'number' || (Array.isArray(t) && t.includes('number'))) out.push({ segs, node: schema });
  if (schema.properties) for (const [k, v] of Object.entries(schema.properties)) numberNodes(v, [...segs, { prop: k }], out);
  if (schema.items) numberNodes(schema.items, [...segs, { item: true }], out);
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') numberNodes(schema.additionalProperties, [...segs, { value: true }], out);
  for (const s of schema.anyOf ?? []) numberNodes(s, segs, out);
  return out;
}

function dataAt(segs, leaf) {
  let v = leaf;
  for (let i = segs.length - 1; i >= 0; i--) {
    const s = segs[i];
    v = s.prop !== undefined ? { [s.prop]: v } : s.item ? [v] : { k: v };
  }
  return v;
}

function pointerOf(segs) {
  return segs.map((s) => (s.prop !== undefined ? `/${s.prop.replace(/~/g, '~0').replace(/\//g, '~1')}` : s.item ? '/0' : '/k')).join('');
}

async function probeIntegers(conv) {
  let integers = 0;
  for (const [name, schema] of conv.defs) {
    const { validatorFile } = conv.defInfo.get(name);
    const mod = await import(pathToFileURL(validatorFile).href);
    for (const { segs, node } of numberNodes(schema)) {
      mod.validate(dataAt(segs, 0.5));
      const ptr = pointerOf(segs);
      const isInt = (mod.validate.errors ?? []).some((e) => e.instancePath === ptr && e.keyword === 'type' && [].concat(e.params.type).includes('integer'));
      if (!isInt) continue;
      integers++;
      node.type = Array.isArray(node.type) ? node.type.map((x) => (x === 'number' ? 'integer' : x)).sort() : 'integer';
    }
  }
  return integers;
}

// ---------------------------------------------------------------------------------------------
// Output

function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out = {};
    for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]);
    return out;
  }
  return v;
}

function json(v) {
  return JSON.stringify(sortKeys(v), null, 1) + '\n';
}

/** The definitions reachable from `roots`. */
function closure(defs, roots) {
  const seen = new Set();
  const walk = (s) => {
    if (!s || typeof s !== 'object') return;
    if (Array.isArray(s)) return s.forEach(walk);
    if (typeof s.$ref === 'string') {
      const n = s.$ref.replace('#/definitions/', '');
      if (!seen.has(n)) {
        seen.add(n);
        walk(defs.get(n));
      }
    }
    for (const v of Object.values(s)) walk(v);
  };
  roots.forEach(walk);
  return [...seen].sort();
}

/**
 * The compile-time form of a schema: every closed object lists its allowed keys in
 * `propertyNames.enum` instead of `additionalProperties: false`, so that an unknown key's error
 * carries the sibling names for "did you mean" without shipping the schemas to the runtime.
 */
function forCompile(s) {
  if (Array.isArray(s)) return s.map(forCompile);
  if (!s || typeof s !== 'object') return s;
  const out = {};
  for (const [k, v] of Object.entries(s)) out[k] = k === 'enum' || k === 'required' ? v : forCompile(v);
  if (out.additionalProperties === false && out.properties) {
    delete out.additionalProperties;
    out.propertyNames = { enum: Object.keys(out.properties).sort() };
  }
  return out;
}

/**
 * Istio's CRD schemas are inline trees in which the same parts recur (a DestinationRule's traffic
 * policy at three levels). Each object subtree that occurs more than once becomes a definition of
 * its own, so that the compiled code checks it in one function instead of one copy per place.
 */
function hoistRepeated(defs) {
  const canon = (v) => JSON.stringify(sortKeys(v));
  const counts = new Map();
  const count = (node) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(count);
    if (node.type === 'object' && node.properties) {
      const c = canon(node);
      if (c.length > 300) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'enum' && k !== 'required') count(v);
  };
  Object.values(defs).forEach(count);
  const out = {};
  const hoist = (node, isDefRoot) => {
    if (!node || typeof node !== 'object') return node;
    if (Array.isArray(node)) return node.map((n) => hoist(n, false));
    if (!isDefRoot && node.type === 'object' && node.properties) {
      const c = canon(node);
      if ((counts.get(c) ?? 0) > 1) {
        const name = `S${createHash('sha1').update(c).digest('hex').slice(0, 10)}`;
        if (!out[name]) {
          out[name] = {}; // placeholder against cycles
          out[name] = hoist(node, true);
        }
        return { $ref: `#/definitions/${name}` };
      }
    }
    const copy = {};
    for (const [k, v] of Object.entries(node)) copy[k] = k === 'enum' || k === 'required' ? v : hoist(v, false);
    return copy;
  };
  for (const [name, s] of Object.entries(defs)) out[name] = hoist(s, true);
  return out;
}

function fileNameOf(apiVersion, kind) {
  const [g, v] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return `${kind.toLowerCase()}${g ? `-${g.split('.')[0]}` : ''}-${v}.json`;
}

function exportNameOf(apiVersion, kind) {
  return `v_${apiVersion.replace(/[^A-Za-z0-9]/g, '_')}_${kind}`;
}

const AJV_OPTIONS = { allErrors: true, strict: false, messages: false, inlineRefs: false, code: { source: true, esm: true, lines: false } };

async function compileModule(schemas, exportsMap) {
  const ajv = new Ajv(AJV_OPTIONS);
  for (const s of schemas) ajv.addSchema(s);
  const code = pruneEmbeddedSchemas(standaloneCode(ajv, exportsMap));
  const min = await esbuild.transform(code, { minify: true, format: 'esm', target: 'es2020', legalComments: 'none' });
  return min.code;
}

/**
 * ajv's standalone code embeds every schema object whose parts it refers to at run time (the
 * allowed values of an enum, for an error's params), whole. Keep only the parts the code reads.
 */
function pruneEmbeddedSchemas(code) {
  const consts = [];
  const re = /const (schema\d+) = \{/g;
  let m;
  while ((m = re.exec(code))) {
    const start = m.index + m[0].length - 1;
    const end = jsonEnd(code, start);
    consts.push({ name: m[1], start, end });
  }
  let out = '';
  let last = 0;
  for (const c of consts) {
    const value = JSON.parse(code.slice(c.start, c.end));
    const pruned = {};
    const access = new RegExp(`\\b${c.name}((?:\\.[A-Za-z_$][\\w$]*|\\[("(?:[^"\\\\]|\\\\.)*"|\\d+)\\])+)`, 'g');
    let a;
    let used = false;
    while ((a = access.exec(code))) {
      if (a.index >= c.start - c.name.length - 10 && a.index < c.end) continue;
      const path = [...a[1].matchAll(/\.([A-Za-z_$][\w$]*)|\[("(?:[^"\\]|\\.)*"|\d+)\]/g)].map((p) => (p[1] !== undefined ? p[1] : JSON.parse(p[2])));
      copyPath(value, pruned, path);
      used = true;
    }
    if (!used && new RegExp(`\\b${c.name}\\b`).test(code.slice(0, c.start - c.name.length - 10) + code.slice(c.end))) throw new Error(`${c.name} is used whole`);
    out += code.slice(last, c.start) + JSON.stringify(pruned);
    last = c.end;
  }
  return out + code.slice(last);
}

function copyPath(from, to, path) {
  let f = from;
  let t = to;
  for (let i = 0; i < path.length; i++) {
    const k = path[i];
    if (f === undefined || f === null) return;
    if (i === path.length - 1) {
      t[k] = f[k];
      return;
    }
    f = f[k];
    if (t[k] === undefined) t[k] = Array.isArray(f) ? [] : {};
    t = t[k];
  }
}

/** End (exclusive) of the JSON object that starts at `start`. */
function jsonEnd(text, start) {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  throw new Error('unterminated JSON in generated code');
}

const GENERATED_HEADER = '// @ts-nocheck\n// Generated by scripts/gen-schemas.mjs from kubernetes-models and @kubernetes-models/istio: ajv standalone validators. Do not edit.\n';

async function generate() {
  const files = new Map(); // path relative to ROOT -> content
  const k8sKinds = listKinds(K8S_PKG, k8sGroupVersionDirs());
  const istioKinds = listKinds(ISTIO_PKG, istioGroupVersionDirs());
  const program = ts.createProgram({
    rootNames: [...k8sKinds, ...istioKinds].map((k) => k.dts),
    options: { noEmit: true, skipLibCheck: true, types: [], module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022 },
  });
  const conv = new Converter(program);
  for (const k of [...k8sKinds, ...istioKinds]) k.def = conv.define(conv.interfaceIn(k.dts), { skipStatus: true });
  const integers = await probeIntegers(conv);

  const k8sPkg = JSON.parse(fs.readFileSync(path.join(K8S_PKG, 'package.json'), 'utf8'));
  const istioPkg = JSON.parse(fs.readFileSync(path.join(ISTIO_PKG, 'package.json'), 'utf8'));
  const catalog = [];

  // Kubernetes: one _definitions.json and a small file per kind that points into it.
  const k8sDefNames = closure(conv.defs, k8sKinds.map((k) => ({ $ref: `#/definitions/${k.def}` })));
  const k8sDefs = Object.fromEntries(k8sDefNames.map((n) => [n, conv.defs.get(n)]));
  files.set('schemas/kubernetes/_definitions.json', json({ $schema: 'http://json-schema.org/draft-07/schema#', definitions: k8sDefs }));
  const k8sCompile = [{ $id: 'file:///kubernetes/_definitions.json', definitions: forCompile(k8sDefs) }];
  const k8sExports = Object.fromEntries(K8S_MODULES.map((m) => [m, {}]));
  for (const k of k8sKinds) {
    const file = fileNameOf(k.apiVersion, k.kind);
    files.set(`schemas/kubernetes/${file}`, json({ $schema: 'http://json-schema.org/draft-07/schema#', $ref: `_definitions.json#/definitions/${k.def}` }));
    const id = `file:///kubernetes/${file}`;
    k8sCompile.push({ $id: id, $ref: `_definitions.json#/definitions/${k.def}` });
    const exp = exportNameOf(k.apiVersion, k.kind);
    const mod = k8sModuleOf(k.apiVersion);
    k8sExports[mod][exp] = id;
    catalog.push({ apiVersion: k.apiVersion, kind: k.kind, file: `kubernetes/${file}`, module: mod, export: exp });
  }
  for (const m of K8S_MODULES) files.set(`server/src/engine/schema/generated/${m}.ts`, GENERATED_HEADER + (await compileModule(k8sCompile, k8sExports[m])));

  // Istio: one self-contained file per kind and version; one validator module per API group, where
  // versions with identical schemas share one validator and repeated parts share one function.
  const modules = [...K8S_MODULES];
  for (const group of ISTIO_GROUPS) {
    const kinds = istioKinds.filter((k) => k.apiVersion.startsWith(`${group}/`));
    const modDefs = {};
    const roots = [];
    const byContent = new Map();
    for (const k of kinds) {
      const names = closure(conv.defs, [{ $ref: `#/definitions/${k.def}` }]).filter((n) => n !== k.def);
      const root = conv.defs.get(k.def);
      const defs = Object.fromEntries(names.map((n) => [n, conv.defs.get(n)]));
      const schema = { $schema: 'http://json-schema.org/draft-07/schema#', ...root, definitions: defs };
      const [, version] = k.apiVersion.split('/');
      const file = `istio/${group}/${version}/${k.kind.toLowerCase()}.json`;
      const text = json(schema);
      files.set(`schemas/${file}`, text);
      // apiVersion differs between versions; compare the rest.
      const key = text.replace(/"(security|networking|telemetry|extensions)\.istio\.io\/v[0-9a-z]+"/g, '"@"');
      let exp = byContent.get(key);
      if (!exp) {
        exp = exportNameOf(k.apiVersion, k.kind);
        byContent.set(key, exp);
        Object.assign(modDefs, defs);
        const { apiVersion: _a, kind: _k, ...props } = root.properties;
        roots.push({ exp, schema: { ...root, properties: { ...props, apiVersion: { type: 'string' }, kind: { type: 'string' } } } });
      }
      catalog.push({ apiVersion: k.apiVersion, kind: k.kind, file, module: moduleName(group), export: exp });
    }
    for (const r of roots) modDefs[r.exp] = r.schema;
    const hoisted = hoistRepeated(modDefs);
    const base = `file:///istio/${group}/`;
    const compile = [{ $id: `${base}_definitions.json`, definitions: forCompile(hoisted) }];
    const exportsMap = {};
    for (const r of roots) {
      compile.push({ $id: `${base}${r.exp}.json`, $ref: `_definitions.json#/definitions/${r.exp}` });
      exportsMap[r.exp] = `${base}${r.exp}.json`;
    }
    files.set(`server/src/engine/schema/generated/${moduleName(group)}.ts`, GENERATED_HEADER + (await compileModule(compile, exportsMap)));
    modules.push(moduleName(group));
  }

  catalog.sort((a, b) => (a.apiVersion + '/' + a.kind).localeCompare(b.apiVersion + '/' + b.kind));
  files.set('schemas/index.json', json({
    description: 'JSON schemas of the built-in Kubernetes kinds (every apiVersion Kubernetes v1.36 serves) and of Istio\'s networking, security, telemetry and extensions CRDs. Generated by scripts/gen-schemas.mjs; do not edit.',
    sources: { 'kubernetes-models': k8sPkg.version, '@kubernetes-models/istio': istioPkg.version },
    integerFields: integers,
    kinds: catalog.map(({ apiVersion, kind, file }) => ({ apiVersion, kind, file })),
  }));
  files.set('server/src/engine/schema/generated/catalog.ts', renderCatalog(catalog, modules));
  return files;
}

function moduleName(group) {
  return `istio-${group.split('.')[0]}`;
}

function renderCatalog(catalog, modules) {
  const lines = [
    '// Generated by scripts/gen-schemas.mjs. Do not edit.',
    '// Which validator checks which apiVersion and kind, and how to load its module. The require()',
    '// calls are static so that esbuild bundles every module; each runs only on first use.',
    'import type { ValidateFunction } from \'../validator-types\';',
    '',
    `export type ValidatorModule = ${modules.map((m) => `'${m}'`).join(' | ')};`,
    '',
    '/** `apiVersion/kind` -> [module, export]. */',
    'export const CATALOG: Readonly<Record<string, readonly [ValidatorModule, string]>> = {',
    ...catalog.map((c) => `  '${c.apiVersion}/${c.kind}': ['${c.module}', '${c.export}'],`),
    '};',
    '',
    'export function loadValidatorModule(name: ValidatorModule): Record<string, ValidateFunction> {',
    '  switch (name) {',
    ...modules.map((m) => `    case '${m}':\n      return require('./${m}');`),
    '  }',
    '}',
    '',
  ];
  return lines.join('\n');
}

async function main() {
  const check = process.argv.includes('--check');
  const files = await generate();
  const stale = [];
  for (const [rel, content] of files) {
    const abs = path.join(ROOT, rel);
    const current = fs.existsSync(abs) ? fs.readFileSync(abs, 'utf8') : undefined;
    if (current === content) continue;
    if (check) stale.push(rel);
    else {
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, content);
    }
  }
  // Files in the generated folders that this run did not produce.
  const extra = [];
  // Hand-written schemas that live beside the generated ones (Kubeward's own config file).
  const handWritten = new Set(['schemas/kubeward-config.schema.json']);
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const f of fs.readdirSync(dir)) {
      const p = path.join(dir, f);
      if (fs.statSync(p).isDirectory()) walk(p);
      else {
        const rel = path.relative(ROOT, p).split(path.sep).join('/');
        if (!files.has(rel) && !handWritten.has(rel)) extra.push(p);
      }
    }
  };
  walk(SCHEMA_DIR);
  walk(GEN_DIR);
  if (check) {
    if (stale.length || extra.length) {
      console.error(`schemas are out of date: ${[...stale, ...extra.map((e) => `${path.relative(ROOT, e)} (not generated)`)].join(', ')}. Run node scripts/gen-schemas.mjs.`);
      process.exit(1);
    }
    console.log(`schemas: ${files.size} files up to date`);
  } else {
    for (const e of extra) fs.unlinkSync(e);
    let bytes = 0;
    for (const c of files.values()) bytes += Buffer.byteLength(c);
    console.log(`schemas: wrote ${files.size} files, ${(bytes / 1024).toFixed(0)} KiB`);
  }
}

await main();
