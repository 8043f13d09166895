// Line-independent identities of findings: the same finding keeps its fingerprint when lines are
// added above it. SARIF carries them as partialFingerprints (code scanning tracks alerts by them);
// a baseline file (--baseline, baseline.ts) stores them to report only new findings.
import { createHash } from 'node:crypto';
import type { ResourceRef } from '../engine';
import type { FileReport } from './report';

export const FINGERPRINT_KEY = 'kubeward/v1';

interface Identified {
  ruleId: string;
  message: string;
  resource?: ResourceRef;
  fingerprint?: string;
}

/** One fingerprint per finding of the file, in the same order. */
export function fingerprints(file: FileReport): string[] {
  return fingerprintList(file.path, file.findings);
}

/** Fingerprints of findings of one file; identical findings in one resource are told apart by their order. */
export function fingerprintList(filePath: string, items: readonly Identified[]): string[] {
  const seen = new Map<string, number>();
  return items.map((f) => {
    // Computed once per run (lint-command), before --baseline removes any: keep those.
    if (f.fingerprint !== undefined) return f.fingerprint;
    const r = f.resource;
    const base = [filePath, f.ruleId, r?.kind ?? '', r?.namespace ?? '', r?.name ?? '', f.message].join('\u0000');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return createHash('sha256').update(`${base}\u0000${n}`).digest('hex').slice(0, 32);
  });
}
