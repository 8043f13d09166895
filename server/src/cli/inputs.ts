// Finds the files to lint and reads them. Directories are walked for *.yaml and *.yml, in sorted
// order, skipping .git and node_modules; symbolic links are followed, each directory at most once
// (so a link back up the tree cannot loop). Every problem becomes an InputError with a message a
// person can act on; the other inputs are still linted.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeInput } from './decode';

export type Input = { kind: 'file'; path: string; abs: string } | { kind: 'stdin'; path: string };

export interface InputError {
  /** The path as shown to the user. */
  file: string;
  message: string;
  /** ENOENT, EACCES, ELOOP, broken-symlink, too-large, binary, encoding, write-failed... */
  code: string;
}

export interface ReadInput {
  text: string;
  /** The file started with a UTF-8 byte-order mark (removed from `text`). */
  bom: boolean;
}

const SKIPPED_DIRS = new Set(['.git', 'node_modules']);
const YAML_FILE = /\.ya?ml$/i;
/** Kubeward's own config files are YAML too, but not manifests: a directory walk leaves them out. */
const CONFIG_FILES = new Set(['.kubeward.yaml', '.kubeward.yml']);

export const STDIN_NAME = '<stdin>';

/** Shown paths are relative to the working directory when inside it, absolute otherwise. */
export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
}

/** `many`: called once, as soon as that many files are found. */
export function collectInputs(args: readonly string[], cwd: string, stdinName = STDIN_NAME, many?: { files: number; then: () => void }): { inputs: Input[]; errors: InputError[] } {
  const inputs: Input[] = [];
  const errors: InputError[] = [];
  /** Real path -> where it is in `inputs`: a file reached twice (through a link) is linted once. */
  const seenFiles = new Map<string, { index: number; viaLink: boolean }>();
  const seenDirs = new Set<string>();

  /** `real`: the real path of a file the walk found (not a link, in a folder whose real path it knows). */
  const addFile = (abs: string, real?: string) => {
    let key = real ?? abs;
    let viaLink = false;
    if (real === undefined) {
      try {
        key = fs.realpathSync(abs);
        viaLink = fs.lstatSync(abs).isSymbolicLink();
      } catch {
        // keep the path as given; reading it will report the problem
      }
    }
    const seen = seenFiles.get(key);
    if (seen !== undefined) {
      // Prefer the file's own name to the name of a link to it.
      if (seen.viaLink && !viaLink) {
        inputs[seen.index] = { kind: 'file', path: displayPath(abs, cwd), abs };
        seen.viaLink = false;
      }
      return;
    }
    seenFiles.set(key, { index: inputs.length, viaLink });
    inputs.push({ kind: 'file', path: displayPath(abs, cwd), abs });
    if (inputs.length === many?.files) many.then();
  };

  const walk = (dir: string) => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch (e) {
      errors.push(ioError(displayPath(dir, cwd), e));
      return;
    }
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      errors.push(ioError(displayPath(dir, cwd), e));
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const ent of entries) {
      const p = path.join(dir, ent.name);
      if (ent.isDirectory()) {
        if (!SKIPPED_DIRS.has(ent.name)) walk(p);
      } else if (ent.isFile()) {
        if (YAML_FILE.test(ent.name) && !CONFIG_FILES.has(ent.name)) addFile(p, path.join(real, ent.name));
      } else if (ent.isSymbolicLink()) {
        let st: fs.Stats;
        try {
          st = fs.statSync(p);
        } catch (e) {
          // A dangling link is only an error when it would have been linted.
          if (YAML_FILE.test(ent.name)) errors.push(ioError(displayPath(p, cwd), e, p));
          continue;
        }
        if (st.isDirectory()) {
          if (!SKIPPED_DIRS.has(ent.name)) walk(p);
        } else if (st.isFile() && YAML_FILE.test(ent.name)) addFile(p);
      }
    }
  };

  for (const arg of args) {
    if (arg === '-') {
      inputs.push({ kind: 'stdin', path: stdinName });
      continue;
    }
    const abs = path.resolve(cwd, arg);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch (e) {
      errors.push(ioError(arg, e, abs));
      continue;
    }
    if (st.isDirectory()) {
      const before = inputs.length + errors.length;
      walk(abs);
      // A directory the user named that holds no YAML is almost always a wrong path: say so, and
      // fail the run (exit 2) while the other paths are still linted.
      if (inputs.length + errors.length === before) errors.push({ file: arg, code: 'no-yaml', message: 'directory contains no *.yaml or *.yml files' });
    } else if (st.isFile()) addFile(abs);
    else errors.push({ file: arg, code: 'not-a-file', message: 'not a regular file or directory' });
  }
  return { inputs, errors };
}

/** Reads and decodes one file, refusing files over `maxSize` bytes before reading them. */
export function readInputFile(input: { path: string; abs: string }, maxSize: number): ReadInput | InputError {
  try {
    const size = fs.statSync(input.abs).size;
    if (size > maxSize) return tooLarge(input.path, size, maxSize);
    return decodeOrError(input.path, fs.readFileSync(input.abs));
  } catch (e) {
    return ioError(input.path, e, input.abs);
  }
}

export function decodeOrError(file: string, buf: Uint8Array): ReadInput | InputError {
  const d = decodeInput(buf);
  if (!d.ok) return { file, code: d.code, message: d.message };
  return { text: d.text, bom: d.bom };
}

export function tooLarge(file: string, size: number, maxSize: number): InputError {
  return { file, code: 'too-large', message: `too large to lint: ${formatSize(size)}, over the limit of ${formatSize(maxSize)} (raise it with --max-file-size)` };
}

export function isInputError(x: ReadInput | InputError): x is InputError {
  return (x as InputError).code !== undefined;
}

export function formatSize(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} kB`;
  return `${n} bytes`;
}

/** A clear message for a file-system error; `abs` lets a dangling symbolic link be told apart. */
export function ioError(file: string, e: unknown, abs?: string): InputError {
  const err = e as NodeJS.ErrnoException;
  const code = err?.code ?? 'EIO';
  if (code === 'ENOENT' && abs !== undefined) {
    try {
      if (fs.lstatSync(abs).isSymbolicLink()) {
        return { file, code: 'broken-symlink', message: `broken symbolic link (its target ${fs.readlinkSync(abs)} does not exist)` };
      }
    } catch {
      // not a link: the path itself is missing
    }
  }
  const messages: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ELOOP: 'too many levels of symbolic links (a link loop)',
    EISDIR: 'is a directory',
    ENOTDIR: 'a component of the path is not a directory',
    ENAMETOOLONG: 'file name too long',
    EMFILE: 'too many open files',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on device',
  };
  return { file, code, message: messages[code] ?? (err?.message || String(e)) };
}
