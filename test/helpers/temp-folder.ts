// Temporary folders of files for tests that run the CLI on real trees, readable by everyone (the
// robustness tests run the CLI as "nobody"), removed after the test file's tests, permissions a
// test took away restored first.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';

/** A function that makes such a folder with `files` (relative path -> content); `prefix` names them. */
export function tempFolders(prefix: string): (files?: Record<string, string | Buffer>) => string {
  const dirs: string[] = [];
  after(() => {
    for (const d of dirs) {
      try {
        fs.chmodSync(d, 0o755);
        for (const p of fs.readdirSync(d, { recursive: true }) as string[]) {
          try {
            fs.chmodSync(path.join(d, p), 0o755);
          } catch {
            // a dangling link
          }
        }
      } catch {
        // already gone
      }
      fs.rmSync(d, { recursive: true, force: true });
    }
  });
  return (files = {}) => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    fs.chmodSync(d, 0o755);
    for (const [name, content] of Object.entries(files)) {
      const p = path.join(d, name);
      fs.mkdirSync(path.dirname(p), { recursive: true, mode: 0o755 });
      fs.writeFileSync(p, content, { mode: 0o644 });
    }
    dirs.push(d);
    return d;
  };
}
