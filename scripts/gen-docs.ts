// Generates docs/rules/<rule-id>.md and docs/rules/README.md from the rules' metadata.
// `node out/scripts/gen-docs.js` writes them; `--check` fails when the files on disk differ.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES, type Rule } from '../server/src/engine';

const PEER_NAMES: Record<string, string> = {
  checkov: 'Checkov',
  kubeLinter: 'KubeLinter',
  polaris: 'Polaris',
  kubescape: 'Kubescape',
  trivy: 'Trivy',
  kubeScore: 'kube-score',
  kubesec: 'kubesec',
  istioctl: 'istioctl analyze',
};

export function renderRulePage(rule: Rule): string {
  const m = rule.meta;
  const lines: string[] = [];
  lines.push(`# ${rule.id}`, '', `**${m.title}**: ${m.description}`, '');
  lines.push('| | |', '|---|---|');
  lines.push(`| Category | ${m.category} |`);
  lines.push(`| Default severity | ${m.severity}${m.enabledByDefault === false ? ' (off by default)' : ''} |`);
  lines.push(`| Kinds | ${m.kinds.join(', ')} |`);
  lines.push(`| Fix | ${m.fix === 'safe' ? 'safe (applied by fix-all)' : m.fix === 'suggestion' ? 'suggestion (quick fix and "Harden")' : 'none'} |`);
  const s = m.standards;
  if (s?.pss) lines.push(`| Pod Security Standards | ${s.pss.level} (\`${s.pss.check}\`${s.pss.since ? `, from ${s.pss.since}` : ''}) |`);
  if (s?.cis?.length) lines.push(`| CIS Kubernetes Benchmark | ${s.cis.join(', ')} |`);
  if (s?.nsa?.length) lines.push(`| NSA/CISA hardening | ${s.nsa.join(', ')} |`);
  if (s?.istio?.length) lines.push(`| Istio | ${s.istio.join(', ')} |`);
  lines.push('', '## Why it matters', '', m.why, '', '## How to fix it', '', m.how, '');
  if (m.examples) {
    lines.push('## Example', '', 'Insecure:', '', '```yaml', m.examples.bad, '```', '', 'Secure:', '', '```yaml', m.examples.good, '```', '');
  }
  const peers = Object.entries(m.peers ?? {}).filter(([, ids]) => ids && ids.length > 0);
  if (peers.length > 0) {
    lines.push('## The same check in other tools', '', '| Tool | Ids |', '|---|---|');
    for (const [k, ids] of peers) lines.push(`| ${PEER_NAMES[k] ?? k} | ${(ids as string[]).map((i) => `\`${i}\``).join(', ')} |`);
    lines.push('');
  }
  lines.push('## Turning it off', '', 'For one line: `# kubeward-disable-next-line ' + rule.id + ' -- <reason>`.', '', 'Everywhere: `"kubeward.rules": { "' + rule.id + '": "off" }` in VS Code settings, or `rules: { ' + rule.id + ': off }` in `.kubeward.yaml`.', '');
  return lines.join('\n');
}

export function renderIndex(rules: readonly Rule[]): string {
  const lines = ['# Kubeward rules', '', `${rules.length} rules. Generated from the rules' metadata by \`npm run docs\`; do not edit by hand.`, ''];
  lines.push('| Rule | Title | Category | Severity | Fix |', '|---|---|---|---|---|');
  for (const r of rules) lines.push(`| [${r.id}](${r.id}.md) | ${r.meta.title} | ${r.meta.category} | ${r.meta.severity}${r.meta.enabledByDefault === false ? ' (off)' : ''} | ${r.meta.fix} |`);
  lines.push('');
  return lines.join('\n');
}

export function expectedDocs(): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of RULES) out.set(`${r.id}.md`, renderRulePage(r));
  out.set('README.md', renderIndex(RULES));
  return out;
}

function main(): void {
  const dir = path.resolve(__dirname, '..', '..', 'docs', 'rules');
  const check = process.argv.includes('--check');
  const docs = expectedDocs();
  const stale: string[] = [];
  if (!check) fs.mkdirSync(dir, { recursive: true });
  for (const [name, content] of docs) {
    const file = path.join(dir, name);
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    if (current === content) continue;
    if (check) stale.push(name);
    else fs.writeFileSync(file, content);
  }
  const extra = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => !docs.has(f)) : [];
  if (check) {
    if (stale.length || extra.length) {
      console.error(`docs/rules is out of date: ${[...stale, ...extra.map((e) => `${e} (no such rule)`)].join(', ')}. Run npm run docs.`);
      process.exit(1);
    }
    console.log(`docs/rules: ${docs.size} pages up to date`);
  } else {
    for (const e of extra) fs.unlinkSync(path.join(dir, e));
    console.log(`docs/rules: wrote ${docs.size} pages`);
  }
}

if (require.main === module) main();
