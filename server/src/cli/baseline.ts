// --baseline FILE: a JSON report of kubeward (`--format json` or `--write-baseline FILE`), whose
// findings carry line-independent fingerprints. Findings with one of those fingerprints are known
// and not reported, so a large repository can adopt kubeward and fail only on new findings.
import * as fs from 'node:fs';

/** The fingerprints of a baseline file, or a message saying why it cannot be used. */
export function readBaseline(file: string): Set<string> | string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'no such file (write one with --write-baseline)' : `cannot read it (${code ?? String(e)})`;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return `not JSON (${e instanceof Error ? e.message : String(e)})`;
  }
  const findings = (data as { findings?: unknown } | null)?.findings;
  if (!Array.isArray(findings)) return 'not a kubeward JSON report: it has no "findings" list';
  const out = new Set<string>();
  for (const f of findings) {
    const fp = (f as { fingerprint?: unknown } | null)?.fingerprint;
    if (typeof fp !== 'string') return 'its findings have no "fingerprint": write it with --write-baseline or --format json of this version';
    out.add(fp);
  }
  return out;
}
