// Runs a bundle (dist/server-main.js) with V8's code cache: compiling the 1.6 MB server bundle is
// most of a cold start (about 85 ms of a `node dist/server.js --version`, 35 ms with the cache on
// this 2-vCPU machine). Node 22 has module.enableCompileCache for this; Node 18 and 20, which
// VS Code and CI still run the server with, do not, so this is that, for one file.
//
// - The cache lives in the user's own cache folder (KUBEWARD_CODE_CACHE_DIR, else
//   $XDG_CACHE_HOME/kubeward, else ~/.cache/kubeward), created 0700. A folder another user owns or
//   can write to is not used: the cache is code the server would run.
// - Its name carries the bundle's size and modification time and Node's version: V8 checks the
//   cache against the source's length only, so a rebuilt bundle must not find the old cache.
//   V8 also rejects a cache made by another V8 or with other flags; it is then made again.
// - It is written once, after the server published its first diagnostics (saveCodeCache), so it
//   holds the code the first lint compiled too; atomically (a temporary file renamed), so two
//   servers starting together never read half a file. The schema validator modules the bundle
//   requires from dist/validators are cached the same way, one file each.
// - Any failure means running without the cache, never failing to start.
// KUBEWARD_CODE_CACHE_DIR=off turns it off.
import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { Script } from 'node:vm';

const SAVE = Symbol.for('kubeward.saveCodeCache');

/** Set by the loader; the server calls it once its first diagnostics are out. */
export function saveCodeCache(): void {
  const save = (globalThis as Record<symbol, unknown>)[SAVE];
  if (typeof save === 'function') {
    delete (globalThis as Record<symbol, unknown>)[SAVE];
    save();
  }
}

type Wrapped = (exports: unknown, require: NodeRequire, module: Module, filename: string, dirname: string) => unknown;

/**
 * Runs `file` (a CommonJS bundle) as the main module would, with the code cache when possible;
 * the modules it requires from its own folder and below (dist/validators/*.js, the schema
 * validators, 4 MB that the first lint loads) are compiled with the cache too.
 */
export function runWithCodeCache(file: string): void {
  const pending: (() => void)[] = [];
  const compile = (source: string, filename: string): Wrapped => {
    const cacheFile = cachePath(filename);
    let cached: Buffer | undefined;
    if (cacheFile) {
      try {
        cached = fs.readFileSync(cacheFile);
      } catch {
        cached = undefined;
      }
    }
    // A shebang is not JavaScript inside the function wrapper.
    const code = Module.wrap(source.startsWith('#!') ? `//${source}` : source);
    let script: Script;
    try {
      script = new Script(code, { filename, cachedData: cached });
    } catch (err) {
      // A syntax error in the bundle is reported as Node would, not hidden behind the cache.
      if (!cached) throw err;
      script = new Script(code, { filename });
      cached = undefined;
    }
    const used = cached !== undefined && script.cachedDataRejected === false;
    if (cacheFile && !used) pending.push(() => writeCache(cacheFile, script));
    return script.runInThisContext() as Wrapped;
  };
  (globalThis as Record<symbol, unknown>)[SAVE] = (): void => {
    for (const write of pending.splice(0)) write();
  };

  // Modules required from the bundle's folder go through the same compile.
  const dir = path.dirname(file) + path.sep;
  const proto = Module.prototype as unknown as { _compile(content: string, filename: string): unknown };
  const original = proto._compile;
  proto._compile = function (this: Module, content: string, filename: string): unknown {
    if (!filename.startsWith(dir)) return original.call(this, content, filename);
    const run = compile(content, filename);
    return run.call(this.exports, this.exports, createRequire(filename), this, filename, path.dirname(filename));
  };

  const mod = new Module(file);
  mod.filename = file;
  mod.loaded = true;
  const run = compile(fs.readFileSync(file, 'utf8'), file);
  run.call(mod.exports, mod.exports, createRequire(file), mod, file, path.dirname(file));
}

function writeCache(cacheFile: string, script: Script): void {
  try {
    const data = script.createCachedData();
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, data, { mode: 0o600 });
    fs.renameSync(tmp, cacheFile);
    // Caches of other builds of the same module are stale for good.
    const dir = path.dirname(cacheFile);
    const prefix = `${path.basename(cacheFile).split('@')[0]}@`;
    for (const f of fs.readdirSync(dir)) {
      if (f !== path.basename(cacheFile) && f.startsWith(prefix) && f.endsWith('.cache')) fs.rmSync(path.join(dir, f), { force: true });
    }
  } catch {
    // No cache this time: the next start compiles again.
  }
}

/** The cache file for `file`, or undefined when no safe folder is at hand. */
export function cachePath(file: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  try {
    const asked = env.KUBEWARD_CODE_CACHE_DIR;
    if (asked === 'off') return undefined;
    let dir = asked;
    if (!dir) {
      const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
      dir = path.join(base, 'kubeward');
    }
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.statSync(dir);
    if (!st.isDirectory()) return undefined;
    // On POSIX: the folder must be the user's own, and nobody else may write to it.
    if (typeof process.getuid === 'function' && (st.uid !== process.getuid() || (st.mode & 0o022) !== 0)) return undefined;
    const src = fs.statSync(file);
    // One name per module (its path, made a file name), then what identifies this build of it.
    const name = file.replace(/[^A-Za-z0-9._-]+/g, '_').slice(-120);
    return path.join(dir, `${name}@${src.size}-${Math.floor(src.mtimeMs)}-${process.version}-${process.arch}.cache`);
  } catch {
    return undefined;
  }
}
