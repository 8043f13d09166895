// Volumes of a pod spec and the mounts that use them: which volumes are hostPath volumes, which
// containers mount them and how.
import { deref, get, getMap, getPair, getString, isMap, isScalar, seqItems, type Scalar, type YAMLMap } from '../parse';
import { containersOf, type ContainerRef, type PodSpecRef } from './resource';

export interface HostPathVolume {
  name?: string;
  /** The volume's map (an item of `spec.volumes`). */
  volume: YAMLMap;
  hostPath: YAMLMap;
  /** The `path` value node, when it is a string scalar. */
  pathNode?: Scalar;
  path?: string;
}

export function hostPathVolumes(pod: PodSpecRef): HostPathVolume[] {
  const out: HostPathVolume[] = [];
  for (const item of seqItems(get(pod.spec, 'volumes'))) {
    const volume = deref(pod.resource.doc, item);
    if (!isMap(volume)) continue;
    const hostPath = getMap(volume, 'hostPath');
    if (!hostPath) continue;
    const p = getPair(hostPath, 'path')?.value;
    const pathNode = isScalar(p) && typeof p.value === 'string' ? p : undefined;
    out.push({ name: getString(volume, 'name'), volume, hostPath, pathNode, path: pathNode?.value as string | undefined });
  }
  return out;
}

export interface VolumeMountRef {
  container: ContainerRef;
  mount: YAMLMap;
  /** Name of the volume the mount uses. */
  name: string;
}

/** Every volumeMount of every container (init and ephemeral included) that names a volume. */
export function volumeMountsOf(pod: PodSpecRef): VolumeMountRef[] {
  const out: VolumeMountRef[] = [];
  for (const container of containersOf(pod)) {
    for (const item of seqItems(get(container.node, 'volumeMounts'))) {
      const mount = deref(pod.resource.doc, item);
      if (!isMap(mount)) continue;
      const name = getString(mount, 'name');
      if (name !== undefined) out.push({ container, mount, name });
    }
  }
  return out;
}

/**
 * A host path as the kubelet resolves it: duplicate and trailing slashes and `.` segments removed.
 * (The API server rejects `..` segments in hostPath, so they need no handling.)
 */
export function normalizeHostPath(p: string): string {
  if (!p.startsWith('/')) return p; // a Windows path such as C:\data
  const parts = p.split('/').filter((s) => s !== '' && s !== '.');
  return '/' + parts.join('/');
}
