// Finds credentials written into a container's command line: `--client-secret=abc`,
// `--password abc`, `PASSWORD=abc` (also inside `sh -c` scripts), `mysql -pabc`, `redis-cli -a abc`,
// `curl -u user:abc`, passwords in URLs and secrets recognisable by their shape. Offsets are into
// each item's decoded value; the rule maps them to the source with scalarSpan.
import { classifyValue, envNameFor, findValueSecrets, isSensitiveName, type ValueKind } from './credentials';

export interface ArgvItem {
  /** The decoded string of the `command` or `args` item. */
  value: string;
  /** 'command', 'args', or the path of an exec handler (`livenessProbe.exec.command`). */
  list: string;
  index: number;
}

export interface CommandLineSecret {
  item: ArgvItem;
  /** [start, end) of the secret in item.value. */
  start: number;
  end: number;
  /** The token that holds it (flag and value), for locating the span in the source. */
  tokenStart: number;
  tokenEnd: number;
  /** How the secret is passed, for messages: `--client-secret`, `PASSWORD=`, `mysql -p`. */
  label: string;
  /** A name for an env var that would carry it instead. */
  envName: string;
  kind: Exclude<ValueKind, 'none'>;
  /** True when the item is a shell script (its `$VAR` are shell expansions). */
  shell: boolean;
  /** False when the span is only the recognisable part of a larger secret (a private key's header). */
  movable: boolean;
}

interface Token {
  text: string;
  start: number;
  end: number;
  item: ArgvItem;
  shell: boolean;
  /** `;`, `&&`, `||`, `|` or an item boundary that ends a statement. */
  sep?: boolean;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'busybox']);
const PREFIX_WORDS = new Set(['exec', 'sudo', 'env', 'nohup', 'time', 'command', 'then', 'do', 'else', 'if', 'while', 'until', '!', '{', '(', 'export']);
/** Tools whose `-p<password>` (attached) is a password. */
const MYSQL_LIKE = new Set(['mysql', 'mysqladmin', 'mysqldump', 'mysqlimport', 'mysqlshow', 'mysqlcheck', 'mariadb', 'mariadb-dump', 'mariadb-admin']);
/** Tools whose `-p <password>` (separate) is a password. */
const P_SEPARATE = new Set(['mongo', 'mongosh', 'mongodump', 'mongorestore', 'mongoexport', 'mongoimport', 'sshpass']);
const A_PASSWORD = new Set(['redis-cli', 'keydb-cli']);
const USER_COLON_PASSWORD = new Set(['curl', 'wget']);

function basename(word: string): string {
  const w = unquote(word);
  const i = w.lastIndexOf('/');
  return (i === -1 ? w : w.slice(i + 1)).toLowerCase();
}

function unquote(s: string): string {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) return s.slice(1, -1);
  return s;
}

/** The value part of a token without its surrounding quotes, as [start, end) in the item. */
function valueSpan(tokenStart: number, raw: string, offset: number): [number, number] {
  let s = tokenStart + offset;
  let e = tokenStart + raw.length;
  const v = raw.slice(offset);
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) {
    s++;
    e--;
  }
  return [s, e];
}

/** Splits a shell script into words (quotes kept together) and statement separators. */
function shellTokens(item: ArgvItem): Token[] {
  const s = item.value;
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\n' || c === ';' || c === '|' || c === '&' || c === '(' || c === ')' || c === '`') {
      let j = i + 1;
      while (j < s.length && (s[j] === '|' || s[j] === '&') && (c === '|' || c === '&')) j++;
      out.push({ text: s.slice(i, j), start: i, end: j, item, shell: true, sep: true });
      i = j;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(s[i - 1]))) {
      while (i < s.length && s[i] !== '\n') i++;
      continue;
    }
    let j = i;
    while (j < s.length && !/[\s;|&()`]/.test(s[j])) {
      if (s[j] === '"' || s[j] === "'") {
        const q = s[j];
        let k = j + 1;
        while (k < s.length && s[k] !== q) k += s[k] === '\\' && q === '"' ? 2 : 1;
        j = Math.min(k + 1, s.length);
      } else if (s[j] === '$' && s[j + 1] === '(') {
        // $(...) command substitution or Kubernetes reference: keep it in the word.
        let depth = 0;
        let k = j + 1;
        for (; k < s.length; k++) {
          if (s[k] === '(') depth++;
          else if (s[k] === ')' && --depth === 0) break;
        }
        j = Math.min(k + 1, s.length);
      } else {
        j++;
      }
    }
    out.push({ text: s.slice(i, j), start: i, end: j, item, shell: true });
    i = j;
  }
  return out;
}

/** True when `items[i]` is the script of `sh -c <script>`. */
function isShellScript(items: ArgvItem[], i: number): boolean {
  if (i === 0) return false;
  const prev = items[i - 1].value.trim();
  if (!/^-[a-z]*c[a-z]*$/.test(prev)) return false;
  const hasCommand = items.some((it) => it.list !== 'args');
  const shellBefore = items.slice(0, i - 1).some((it) => SHELLS.has(basename(it.value.trim().split(/\s+/)[0] ?? '')));
  // `args: [-c, "..."]` with the image's entrypoint: most likely a shell too.
  return shellBefore || !hasCommand;
}

/** Scans a container's `command` followed by its `args`. */
export function findCommandLineSecrets(items: ArgvItem[]): CommandLineSecret[] {
  const streams: Token[][] = [];
  const argv: Token[] = [];
  items.forEach((item, i) => {
    if (isShellScript(items, i)) {
      streams.push(shellTokens(item));
      argv.push({ text: '', start: 0, end: 0, item, shell: false, sep: true });
    } else {
      argv.push({ text: item.value, start: 0, end: item.value.length, item, shell: false });
    }
  });
  streams.unshift(argv);
  const found: CommandLineSecret[] = [];
  for (const stream of streams) scanStream(stream, found);
  return dedupe(found);
}

function scanStream(tokens: Token[], out: CommandLineSecret[]): void {
  let cmd: string | undefined;
  const add = (t: Token, span: [number, number], label: string, envName: string, kind: ValueKind, movable = true): void => {
    if (kind === 'none' || span[1] <= span[0]) return;
    const v = t.item.value.slice(span[0], span[1]);
    const inner = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$|^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(v);
    out.push({
      item: t.item,
      start: span[0],
      end: span[1],
      tokenStart: t.start,
      tokenEnd: t.end,
      label,
      envName: kind === 'template' && inner ? (inner[1] ?? inner[2]) : envName,
      kind,
      shell: t.shell,
      movable,
    });
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.sep) {
      cmd = undefined;
      continue;
    }
    const raw = t.text;
    const word = unquote(raw);
    const next = tokens[i + 1] && !tokens[i + 1].sep ? tokens[i + 1] : undefined;
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(raw);
    if (cmd === undefined && !assignment && !PREFIX_WORDS.has(word) && !word.startsWith('-')) cmd = basename(word);

    const flagEq = /^(-{1,2})([A-Za-z][\w.-]*)=/.exec(raw);
    if (flagEq && isSensitiveName(flagEq[2])) {
      const span = valueSpan(t.start, raw, flagEq[0].length);
      add(t, span, `${flagEq[1]}${flagEq[2]}`, envNameFor(flagEq[2]), flagValueKind(t.item.value.slice(span[0], span[1]), t.shell));
      continue;
    }
    if (assignment && isSensitiveName(assignment[1])) {
      const span = valueSpan(t.start, raw, assignment[0].length);
      add(t, span, `${assignment[1]}=`, assignment[1].toUpperCase(), classifyValue(t.item.value.slice(span[0], span[1]), t.shell));
      continue;
    }
    const flag = /^(-{1,2})([A-Za-z][\w.-]+)$/.exec(raw);
    if (flag && flag[2].length > 1 && isSensitiveName(flag[2]) && next && !next.text.startsWith('-')) {
      const span = valueSpan(next.start, next.text, 0);
      add(next, span, `${flag[1]}${flag[2]}`, envNameFor(flag[2]), flagValueKind(next.item.value.slice(span[0], span[1]), next.shell));
      i++;
      continue;
    }
    if (cmd && MYSQL_LIKE.has(cmd) && /^-p[^=\s]/.test(raw) && !/^-p(ort|assword)/.test(raw)) {
      const span = valueSpan(t.start, raw, 2);
      add(t, span, `${cmd} -p`, 'MYSQL_PASSWORD', classifyValue(t.item.value.slice(span[0], span[1]), t.shell));
      continue;
    }
    if (cmd && ((P_SEPARATE.has(cmd) && raw === '-p') || (A_PASSWORD.has(cmd) && raw === '-a')) && next && !next.text.startsWith('-')) {
      const span = valueSpan(next.start, next.text, 0);
      const env = A_PASSWORD.has(cmd) ? 'REDIS_PASSWORD' : cmd === 'sshpass' ? 'SSH_PASSWORD' : 'MONGO_PASSWORD';
      add(next, span, `${cmd} ${raw}`, env, classifyValue(next.item.value.slice(span[0], span[1]), next.shell));
      i++;
      continue;
    }
    if (cmd && USER_COLON_PASSWORD.has(cmd)) {
      let holder: Token | undefined;
      let offset = 0;
      if ((raw === '-u' || raw === '--user') && next) {
        holder = next;
      } else if (raw.startsWith('--user=')) {
        holder = t;
        offset = '--user='.length;
      }
      if (holder) {
        const [vs, ve] = valueSpan(holder.start, holder.text, offset);
        const userPass = holder.item.value.slice(vs, ve);
        const colon = userPass.indexOf(':');
        if (colon > 0) {
          add(holder, [vs + colon + 1, ve], `${cmd} ${raw.split('=')[0]}`, 'HTTP_PASSWORD', classifyValue(userPass.slice(colon + 1), holder.shell));
        }
        if (holder === next) i++;
        continue;
      }
    }
    for (const s of findValueSecrets(t.item.value.slice(t.start, t.end))) {
      const label = s.what;
      const urlFlag = /^-{1,2}([A-Za-z][\w.-]*)=/.exec(raw);
      const env = s.what === 'a password in a URL' ? `${urlFlag ? envNameFor(urlFlag[1]) : 'URL'}_PASSWORD` : 'SECRET_VALUE';
      add(t, [t.start + s.start, t.start + s.end], label, env, 'literal', s.what !== 'a private key');
    }
  }
}

/** A flag's value; `namespace/name` is a reference to a Secret object (`--secret=ops/webhook`), not a credential. */
function flagValueKind(value: string, shell: boolean): ValueKind {
  if (/^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(value)) return 'none';
  return classifyValue(value, shell);
}

function dedupe(found: CommandLineSecret[]): CommandLineSecret[] {
  const out: CommandLineSecret[] = [];
  for (const f of found) {
    if (out.some((o) => o.item === f.item && o.start < f.end && f.start < o.end)) continue;
    out.push(f);
  }
  return out.sort((a, b) => (a.item.list === b.item.list ? 0 : a.item.list === 'args' ? 1 : -1) || a.item.index - b.item.index || a.start - b.start);
}
