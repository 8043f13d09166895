// SARIF 2.1.0, as code-scanning services read it: one run; every rule with its help; results with
// the exact region of the finding (never a placeholder line 1), a snippet, a line-independent
// fingerprint and the finding's fixes as SARIF fixes. URIs are relative to %SRCROOT% (the working
// directory), whose absolute URI is given in originalUriBaseIds. Columns are UTF-16 code units.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES, ruleDocUrl, type RuleMeta, type Severity } from '../../engine';
import { FINGERPRINT_KEY, fingerprintList, fingerprints } from '../fingerprint';
import { STDIN_NAME } from '../inputs';
import { regionOf, YAML_SYNTAX_ID, type CliFinding, type CliFix, type CliSuppressed, type FileReport, type Region, type RunReport } from '../report';
import type { FormatContext } from './index';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/kubeward/kubeward';
const SRCROOT = '%SRCROOT%';
/** Snippets longer than this are left out: a region that spans a whole workload is not a snippet. */
const MAX_SNIPPET = 2000;

type Json = Record<string, unknown>;

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };
/** GitHub code scanning ranks security alerts by this score (0.1 to 10). */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

type DescriptorMeta = Pick<RuleMeta, 'title' | 'description' | 'why' | 'how' | 'severity'> &
  Partial<Pick<RuleMeta, 'enabledByDefault' | 'standards' | 'peers' | 'fix'>> & { category: string };

const YAML_SYNTAX_META: DescriptorMeta = {
  title: 'YAML syntax error',
  description: 'The file is not valid YAML, so Kubernetes would reject it and the parts that do not parse are not checked.',
  why: 'kubectl and the API server refuse a manifest that does not parse; worse, a YAML mistake can silently change the structure (a key at the wrong indentation ends up in another object), so a security setting that looks present is not applied.',
  how: 'Fix the syntax at the reported position: unclosed quotes, tabs used for indentation, inconsistent indentation, duplicate keys.',
  category: 'syntax',
  severity: 'error',
};

interface Descriptor {
  id: string;
  meta: DescriptorMeta;
}

export function ruleDescriptors(): Descriptor[] {
  return [...RULES.map((r) => ({ id: r.id, meta: r.meta })), { id: YAML_SYNTAX_ID, meta: YAML_SYNTAX_META }];
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());
}

function sentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

function describeRule(d: Descriptor): Json {
  const m = d.meta;
  const url = ruleDocUrl(d.id);
  const tags = ['security', m.category];
  const pss = m.standards?.pss;
  if (pss) tags.push(`pss-${pss.level}`);
  if (m.standards?.cis?.length) tags.push('cis');
  if (m.standards?.nsa?.length) tags.push('nsa');
  const properties: Json = { category: m.category, tags, 'security-severity': SECURITY_SEVERITY[m.severity], precision: 'high' };
  if (m.standards) properties.standards = m.standards;
  if (m.peers) properties.peers = m.peers;
  if (m.fix) properties.fix = m.fix;
  return {
    id: d.id,
    name: pascalCase(d.id),
    shortDescription: { text: sentence(m.title) },
    fullDescription: { text: sentence(m.description) },
    help: {
      text: `${m.why}\n\nHow to fix: ${m.how}\n\n${url}`,
      markdown: `**Why it matters:** ${m.why}\n\n**How to fix it:** ${m.how}\n\n[Rule documentation](${url})`,
    },
    helpUri: url,
    defaultConfiguration: { enabled: m.enabledByDefault !== false, level: LEVEL[m.severity] },
    properties,
  };
}

function artifactLocation(file: FileReport, cwd: string): Json {
  if (file.abs === undefined) {
    // Standard input: named by --stdin-filename (taken relative to the working directory) or not at all.
    if (file.path === STDIN_NAME) return { description: { text: 'standard input' } };
    return { uri: encodeRelative(file.path), uriBaseId: SRCROOT };
  }
  const rel = path.relative(cwd, file.abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { uri: pathToFileURL(file.abs).href };
  return { uri: encodeRelative(rel), uriBaseId: SRCROOT };
}

function encodeRelative(p: string): string {
  return p.split(/[\\/]+/).map(encodeURIComponent).join('/');
}

function region(r: Region, text?: string): Json {
  const out: Json = { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn };
  if (text !== undefined && text.length > 0 && text.length <= MAX_SNIPPET) out.snippet = { text };
  return out;
}

/** Whole lines around the region, for viewers that show context. */
function contextRegion(file: FileReport, f: Region & { start: number; end: number }): Json | undefined {
  let start = f.start;
  while (start > 0 && file.text[start - 1] !== '\n') start--;
  let end = f.end;
  while (end < file.text.length && file.text[end] !== '\n' && file.text[end] !== '\r') end++;
  const snippet = file.text.slice(start, end);
  if (snippet.length === 0 || snippet.length > MAX_SNIPPET) return undefined;
  const lastNl = snippet.lastIndexOf('\n');
  const endColumn = snippet.length - (lastNl + 1) + 1;
  return { startLine: f.line, startColumn: 1, endLine: f.endLine, endColumn, snippet: { text: snippet } };
}

function sarifFix(file: FileReport, fix: CliFix, location: Json): Json {
  return {
    description: { text: sentence(fix.title) },
    artifactChanges: [
      {
        artifactLocation: location,
        replacements: fix.edits.map((e) => {
          const rep: Json = { deletedRegion: region(regionOf(file.index, e.start, e.end)) };
          if (e.text.length > 0) rep.insertedContent = { text: e.text };
          return rep;
        }),
      },
    ],
    properties: { safety: fix.safety, preferred: fix.preferred },
  };
}

function result(file: FileReport, f: CliFinding | CliSuppressed, ruleIndex: number, fingerprint: string, cwd: string): Json {
  const location = artifactLocation(file, cwd);
  const physicalLocation: Json = { artifactLocation: location, region: region(f, file.text.slice(f.start, f.end)) };
  const context = contextRegion(file, f);
  if (context) physicalLocation.contextRegion = context;
  const out: Json = {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: sentence(f.message) },
    locations: [{ physicalLocation }],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
  };
  if ('related' in f && f.related.length > 0) {
    out.relatedLocations = f.related.map((r, i) => {
      const loc: Json = { id: i + 1, message: { text: sentence(r.message) } };
      if (r.file === undefined) loc.physicalLocation = { artifactLocation: location, region: region(r as Region) };
      else {
        const abs = path.resolve(cwd, r.file.startsWith('file://') ? new URL(r.file).pathname : r.file);
        const rel = path.relative(cwd, abs);
        const art = rel.startsWith('..') || path.isAbsolute(rel) ? { uri: pathToFileURL(abs).href } : { uri: encodeRelative(rel), uriBaseId: SRCROOT };
        loc.physicalLocation = r.line !== undefined ? { artifactLocation: art, region: region(r as Region) } : { artifactLocation: art };
      }
      return loc;
    });
  }
  if ('fixes' in f && f.fixes.length > 0) out.fixes = f.fixes.map((fix) => sarifFix(file, fix, location));
  const properties: Json = {};
  if (f.resource) properties.resource = { kind: f.resource.kind, name: f.resource.name ?? null, namespace: f.resource.namespace ?? null };
  // Rendered manifests: the template the finding's document came from (`# Source:`).
  if (f.source !== undefined) properties.renderedFrom = f.source;
  if (Object.keys(properties).length > 0) out.properties = properties;
  if ('suppression' in f) {
    const s = f.suppression;
    const justification = [s.reason, s.until ? `until ${s.until}` : undefined].filter(Boolean).join('; ');
    out.suppressions = [{ kind: 'inSource', status: 'accepted', ...(justification ? { justification } : {}), properties: { form: s.kind } }];
  }
  return out;
}

export function toSarif(report: RunReport, ctx: FormatContext): Json {
  const descriptors = ruleDescriptors();
  const indexOf = new Map(descriptors.map((d, i) => [d.id, i]));
  const results: Json[] = [];
  for (const file of report.files) {
    const prints = fingerprints(file);
    file.findings.forEach((f, i) => {
      const ruleIndex = indexOf.get(f.ruleId);
      const r = result(file, f, ruleIndex ?? -1, prints[i], report.cwd);
      if (ruleIndex === undefined) delete r.ruleIndex;
      results.push(r);
    });
    // With --include-suppressed, suppressed findings are listed as suppressed results, so a review
    // sees what was silenced and why. Off by default: not every SARIF consumer hides them.
    const suppressed = report.includeSuppressed ? (file.suppressed ?? []) : [];
    const suppressedPrints = fingerprintList(file.path, suppressed);
    suppressed.forEach((f, i) => {
      const ruleIndex = indexOf.get(f.ruleId);
      const r = result(file, f, ruleIndex ?? -1, suppressedPrints[i], report.cwd);
      if (ruleIndex === undefined) delete r.ruleIndex;
      results.push(r);
    });
  }
  const notifications = report.errors.map((e) => ({
    level: 'error',
    message: { text: sentence(`${e.file}: ${e.message}`) },
    locations: [{ physicalLocation: { artifactLocation: inputErrorLocation(e.file, report.cwd) } }],
    properties: { code: e.code },
  }));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kubeward',
            version: ctx.version,
            semanticVersion: ctx.version,
            informationUri: INFORMATION_URI,
            rules: descriptors.map(describeRule),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(report.cwd.endsWith(path.sep) ? report.cwd : report.cwd + path.sep).href } },
        invocations: [{ executionSuccessful: report.errors.length === 0, toolExecutionNotifications: notifications }],
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

function inputErrorLocation(file: string, cwd: string): Json {
  if (file === STDIN_NAME) return { description: { text: 'standard input' } };
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return { uri: pathToFileURL(abs).href };
  return { uri: encodeRelative(rel), uriBaseId: SRCROOT };
}

export function formatSarif(report: RunReport, ctx: FormatContext): string {
  return JSON.stringify(toSarif(report, ctx), null, 2) + '\n';
}
