// File globs of .kubeward.yaml (`exclude`, `overrides[].files`), matched against paths relative to
// the folder of the config file, with `/` separators. The rules people know from .gitignore:
// - a pattern without a slash matches a file or folder name at any depth (`*.tpl.yaml`, `charts`);
// - a pattern with a slash is anchored at the config's folder (`deploy/legacy/*.yaml`; a leading
//   `/` anchors a pattern without another slash: `/kustomization.yaml`);
// - a pattern that matches a folder matches everything in it (`vendor`, `generated/`);
// - `*` and `?` stay within a path segment, `**` crosses segments, `{a,b}` and `[a-z]` work.

export function globToRegExp(pattern: string): RegExp {
  let p = pattern.trim().replace(/\\/g, '/');
  if (p.startsWith('./')) p = p.slice(2);
  p = p.replace(/\/+$/, '');
  let anchored = p.includes('/');
  if (p.startsWith('/')) {
    p = p.slice(1);
    anchored = true;
  }
  const body = translate(p);
  return new RegExp(`${anchored ? '^' : '^(?:.*/)?'}${body}(?:/.*)?$`);
}

function translate(p: string): string {
  let out = '';
  let i = 0;
  let braces = 0;
  while (i < p.length) {
    const c = p[i];
    if (c === '*') {
      if (p[i + 1] === '*') {
        const atStart = i === 0 || p[i - 1] === '/';
        const slashAfter = p[i + 2] === '/';
        if (atStart && slashAfter) {
          out += '(?:.*/)?';
          i += 3;
          continue;
        }
        out += '.*';
        i += 2;
        continue;
      }
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const close = p.indexOf(']', i + 2);
      if (close === -1) out += '\\[';
      else {
        let cls = p.slice(i + 1, close);
        if (cls.startsWith('!')) cls = `^${cls.slice(1)}`;
        out += `[${cls.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) {
      out += '|';
    } else {
      out += c.replace(/[.+^$()|\\]/g, '\\$&').replace(/[{}]/g, '\\$&');
    }
    i++;
  }
  return out + ')'.repeat(braces);
}

/** Whether a relative path (`/` separators) matches any of the patterns. */
export function matchesAny(relPath: string, patterns: readonly RegExp[]): boolean {
  return patterns.some((re) => re.test(relPath));
}
