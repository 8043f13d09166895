// Line-independent identities of findings: the same finding keeps its fingerprint when lines are
// added above it. SARIF carries them as partialFingerprints (code scanning tracks alerts by them);
// a baseline file can store them to report only new findings.
import { createHash } from 'node:crypto';
import type { FileReport } from './report';

export const FINGERPRINT_KEY = 'kubeward/v1';

/** One fingerprint per finding of the file, in the same order. */
export function fingerprints(file: FileReport): string[] {
  const seen = new Map<string, number>();
  return file.findings.map((f) => {
    const r = f.resource;
    const base = [file.path, f.ruleId, r?.kind ?? '', r?.namespace ?? '', r?.name ?? '', f.message].join('\u0000');
    // Identical findings in one resource are told apart by their order.
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return createHash('sha256').update(`${base}\u0000${n}`).digest('hex').slice(0, 32);
  });
}
