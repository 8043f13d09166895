// Whether a file on disk is a Kustomize patch: listed under patches, patchesStrategicMerge or
// patchesJson6902 by a kustomization in its folder or the folder above. The CLI and the language
// server set LintOptions.kustomizePatch from this; the engine then skips the file's partial
// objects with one notice (templating.ts). Kustomizations are read once per change of their mtime.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KUSTOMIZATION_FILES, kustomizationPatchPaths } from './templating';

const cache = new Map<string, { mtimeMs: number; patches: Set<string> }>();

/** Absolute paths of the patch files a kustomization lists, or undefined when there is none. */
function patchesOf(kustomization: string): Set<string> | undefined {
  let st: fs.Stats | undefined;
  try {
    // Asked on every keystroke (LSP), for six paths that mostly do not exist: no exception for those.
    st = fs.statSync(kustomization, { throwIfNoEntry: false });
    if (!st || !st.isFile() || st.size > 1024 * 1024) return undefined;
  } catch {
    return undefined;
  }
  const hit = cache.get(kustomization);
  if (hit && hit.mtimeMs === st.mtimeMs) return hit.patches;
  let patches = new Set<string>();
  try {
    const dir = path.dirname(kustomization);
    patches = new Set(kustomizationPatchPaths(fs.readFileSync(kustomization, 'utf8')).map((p) => path.resolve(dir, p)));
  } catch {
    // unreadable: no patches known
  }
  cache.set(kustomization, { mtimeMs: st.mtimeMs, patches });
  return patches;
}

export function isKustomizePatchFile(absPath: string): boolean {
  const file = path.resolve(absPath);
  const dir = path.dirname(file);
  for (const d of [dir, path.dirname(dir)]) {
    for (const name of KUSTOMIZATION_FILES) {
      if (patchesOf(path.join(d, name))?.has(file)) return true;
    }
  }
  return false;
}
