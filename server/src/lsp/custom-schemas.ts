// Custom resource schemas named by `kubeward.schema.customSchemas`: paths relative to the
// document's workspace folder. Loaded once per folder and list (the engine compiles each schema on
// first use and keys that on the object, so the same array must come back every time), and
// loaded again after a configuration change, when the files may have changed too.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CustomSchema } from '../engine';
import { loadCustomSchemas } from '../engine/schema/custom';

const NONE: readonly CustomSchema[] = [];

export class CustomSchemaLoader {
  private readonly cache = new Map<string, readonly CustomSchema[]>();
  private readonly reported = new Set<string>();
  private readonly folders: string[];

  /** `folderUris`: the workspace folders from initialize (file: URIs; others are ignored). */
  constructor(folderUris: readonly string[], private readonly warn: (message: string) => void) {
    this.folders = folderUris.map(toPath).filter((p): p is string => p !== undefined).sort((a, b) => b.length - a.length);
  }

  forDocument(uri: string, paths: readonly string[]): readonly CustomSchema[] {
    if (paths.length === 0) return NONE;
    const base = this.baseDir(uri);
    const usable = base ? paths : paths.filter((p) => path.isAbsolute(p));
    if (usable.length === 0) return NONE;
    const key = `${base ?? ''}\u0000${JSON.stringify(usable)}`;
    let schemas = this.cache.get(key);
    if (!schemas) {
      const loaded = loadCustomSchemas(usable, base ?? '/');
      for (const p of loaded.problems) this.warnOnce(`kubeward.schema.customSchemas: ${p.file}: ${p.message}`);
      schemas = loaded.schemas;
      this.cache.set(key, schemas);
    }
    return schemas;
  }

  clear(): void {
    this.cache.clear();
    this.reported.clear();
  }

  /** The innermost workspace folder holding the document, else the document's own folder. */
  private baseDir(uri: string): string | undefined {
    const file = toPath(uri);
    if (!file) return this.folders[this.folders.length - 1];
    return this.folders.find((f) => file === f || file.startsWith(f.endsWith(path.sep) ? f : f + path.sep)) ?? path.dirname(file);
  }

  private warnOnce(message: string): void {
    if (this.reported.has(message)) return;
    this.reported.add(message);
    this.warn(message);
  }
}

function toPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
