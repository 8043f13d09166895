// What looks like a credential: sensitive names (env vars, flags, config keys), values that are
// clearly not secrets (references, paths, booleans), and values that are secrets whatever their
// name (private keys, cloud access keys, passwords inside URLs). Shared by the secret-* rules.

/** Words that make a name sensitive on their own. */
const SENSITIVE_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'credential',
  'credentials',
  'creds',
  'privatekey',
  'bearer',
  'requirepass',
  'masterauth',
]);

/** `<word> key` pairs that name a key used as a credential (API_KEY, ACCESS_KEY, ...). */
const KEY_QUALIFIERS = new Set([
  'api',
  'access',
  'private',
  'signing',
  'encryption',
  'hmac',
  'master',
  'account',
  'storage',
  'auth',
  'client',
  'session',
  'app',
  'license',
  'admin',
  'secret',
]);

/**
 * A name whose last word is one of these holds something about a secret, not the secret:
 * PASSWORD_FILE, TOKEN_PATH, SECRET_NAME, TOKEN_TTL, --password-stdin.
 */
const NOT_SECRET_SUFFIXES = new Set([
  'file',
  'files',
  'path',
  'paths',
  'dir',
  'directory',
  'name',
  'names',
  'ref',
  'ttl',
  'expiry',
  'expires',
  'expiration',
  'timeout',
  'lifetime',
  'duration',
  'interval',
  'period',
  'length',
  'len',
  'size',
  'type',
  'mode',
  'enabled',
  'enable',
  'disabled',
  'required',
  'policy',
  'provider',
  'url',
  'uri',
  'endpoint',
  'host',
  'port',
  'header',
  'audience',
  'issuer',
  'stdin',
  'env',
  'format',
  'version',
  'region',
  'location',
  'mount',
  'store',
]);

/** Splits `DB_PASSWORD`, `dbPassword`, `--client-secret`, `db.password` into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

/** True when a variable, flag or key name says it holds a credential. */
export function isSensitiveName(name: string): boolean {
  const words = nameWords(name).map((w) => w.replace(/(.)\d+$/, '$1'));
  if (words.length === 0) return false;
  const last = words[words.length - 1];
  const prev = words.length > 1 ? words[words.length - 2] : '';
  let sensitive = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (SENSITIVE_WORDS.has(w)) sensitive = true;
    else if (w === 'key' && i > 0 && KEY_QUALIFIERS.has(words[i - 1])) sensitive = true;
    else if (/^(api|access|private|signing|encryption|secret)key$/.test(w)) sensitive = true;
    // Run-together names: PGPASSWORD, ACCESSTOKEN, CLIENTSECRET.
    else if (/.(password|passwd|secret|token|apikey|privatekey)$/.test(w)) sensitive = true;
  }
  if (!sensitive) return false;
  // --tls-secret, --ssl-cert-secret, CA_SECRET name the Secret that holds a certificate.
  if (last === 'secret' && words.some((w) => w === 'tls' || w === 'ssl' || w === 'cert' || w === 'certificate' || w === 'ca')) return false;
  // A name that ends in a credential word is the credential (API_KEY, TOKEN_SECRET, DB_PASSWORD).
  if (SENSITIVE_WORDS.has(last) || (last === 'key' && KEY_QUALIFIERS.has(prev)) || /(password|passwd|secret|token|apikey|privatekey)$/.test(last)) return true;
  // ACCESS_KEY_ID and TOKEN_ID name an identifier; Vault's SECRET_ID is a credential.
  if (last === 'id') return prev === 'secret';
  return !NOT_SECRET_SUFFIXES.has(last);
}

/** How a value that names a credential should be treated. */
export type ValueKind =
  /** A literal: hard-coded. */
  | 'literal'
  /** `${VAR}` or `$VAR`: not expanded by Kubernetes, so a template placeholder or a mistake. */
  | 'template'
  /** Nothing to report: empty, a `$(VAR)` reference, a path, a boolean, a URL without a password. */
  | 'none';

const NOT_A_SECRET = /^(true|false|yes|no|on|off|y|n|enabled|disabled|none|null|nil|~)$/i;

/**
 * Classifies a value given to a sensitive name. `shell` is true when a shell will expand `$VAR`
 * references in it (an `sh -c` script), in which case they are references, not literals.
 */
export function classifyValue(value: string, shell = false): ValueKind {
  const v = stripQuotes(value.trim());
  if (v.length === 0) return 'none';
  if (/^\$\([A-Za-z_][A-Za-z0-9_.-]*\)$/.test(v)) return 'none';
  if (/^\$\{[^}]+\}$/.test(v) || /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(v)) return shell ? 'none' : 'template';
  if (shell && (v.startsWith('$') || v.startsWith('`'))) return 'none';
  if (NOT_A_SECRET.test(v)) return 'none';
  if (v.startsWith('/') || v.startsWith('./') || v.startsWith('~/') || /^file:\/\//i.test(v)) return 'none';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) && !urlPassword(v)) return 'none';
  // Helm or Go templates left in the text: not a value of this manifest.
  if (/^\{\{.*\}\}$/.test(v)) return 'none';
  return 'literal';
}

function stripQuotes(v: string): string {
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) return v.slice(1, -1);
  return v;
}

/** The password of `scheme://user:password@host...`, as [start, end) in `s`. */
export function urlPassword(s: string, from = 0): [number, number] | undefined {
  // The lookbehind starts a scheme only where one can start: without it, a long run of scheme
  // characters was rescanned from each of its positions (quadratic: minutes for a 256 kB value).
  const re = /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/([^\s:/@'"]+):([^\s@/'"]+)@[^\s'"]/gi;
  re.lastIndex = from;
  const m = re.exec(s);
  if (!m) return undefined;
  const pw = m[2];
  if (/^\$\(.+\)$/.test(pw) || /^\$\{.+\}$/.test(pw) || /^\$[A-Za-z_]\w*$/.test(pw) || /^\*+$/.test(pw)) return undefined;
  const start = m.index + m[0].indexOf(':', m[0].indexOf('://') + 3) + 1;
  return [start, start + pw.length];
}

export interface ValueSecret {
  /** [start, end) inside the value. */
  start: number;
  end: number;
  /** What was found, for the message: "a private key", "a password in a URL". */
  what: string;
}

/** Shapes that are secrets whatever the name that holds them. */
const VALUE_PATTERNS: { re: RegExp; what: string }[] = [
  { re: /-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----/, what: 'a private key' },
  { re: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/, what: 'an AWS access key id' },
  { re: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/, what: 'a GitHub token' },
  { re: /\bgithub_pat_[A-Za-z0-9_]{40,}\b/, what: 'a GitHub token' },
  { re: /\bglpat-[A-Za-z0-9_-]{20,}\b/, what: 'a GitLab token' },
  { re: /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/, what: 'a Slack token' },
  { re: /\bsk_live_[A-Za-z0-9]{16,}\b/, what: 'a Stripe secret key' },
  { re: /\bAIza[0-9A-Za-z_-]{35}\b/, what: 'a Google API key' },
  // Not \b: after a '-' (`eyJ-eyJ-...`) every token start would rescan the rest of the value.
  { re: /(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, what: 'a JSON Web Token' },
];

/** Secrets recognisable by their shape, anywhere in a value. */
export function findValueSecrets(value: string): ValueSecret[] {
  const out: ValueSecret[] = [];
  for (const { re, what } of VALUE_PATTERNS) {
    const m = re.exec(value);
    if (m) out.push({ start: m.index, end: m.index + m[0].length, what });
  }
  let from = 0;
  for (;;) {
    const pw = urlPassword(value, from);
    if (!pw) break;
    out.push({ start: pw[0], end: pw[1], what: 'a password in a URL' });
    from = pw[1];
  }
  return out.sort((a, b) => a.start - b.start);
}

/** An env var name from a flag or key: `--client-secret` → `CLIENT_SECRET`. */
export function envNameFor(name: string): string {
  const words = nameWords(name);
  const s = words.join('_').toUpperCase();
  return /^[A-Z_]/.test(s) ? s : `_${s}`;
}

/** A Secret key from an env var name: `DB_PASSWORD` → `db-password`. */
export function secretKeyFor(envName: string): string {
  const k = nameWords(envName).join('-');
  return k.length > 0 ? k : 'value';
}
