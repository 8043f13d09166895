// Container ports of a pod spec, with the value nodes findings point at.
import { deref, get, getMap, getPair, getString, isMap, isScalar, seqItems, type Scalar, type YAMLMap } from '../parse';
import { containersOf, type ContainerRef, type PodSpecRef } from './resource';

export interface ContainerPort {
  container: ContainerRef;
  port: YAMLMap;
  /** The `containerPort` value node. */
  node: Scalar;
  number: number;
  /** Upper-cased; TCP when unset. */
  protocol: string;
}

/** `ports[].containerPort` of app and init containers (ephemeral containers may not declare ports). */
export function containerPortsOf(pod: PodSpecRef): ContainerPort[] {
  const out: ContainerPort[] = [];
  for (const container of containersOf(pod, ['containers', 'initContainers'])) {
    for (const item of seqItems(get(container.node, 'ports'))) {
      const port = deref(pod.resource.doc, item);
      if (!isMap(port)) continue;
      const node = getPair(port, 'containerPort')?.value;
      if (!isScalar(node)) continue;
      const number = typeof node.value === 'number' ? node.value : typeof node.value === 'string' && /^\d+$/.test(node.value) ? Number(node.value) : NaN;
      if (!Number.isInteger(number)) continue;
      out.push({ container, port, node, number, protocol: (getString(port, 'protocol') ?? 'TCP').toUpperCase() });
    }
  }
  return out;
}

/**
 * The pod's `net.ipv4.ip_unprivileged_port_start` sysctl: ports from it up can be bound without
 * privilege. Undefined when the pod does not set it.
 */
export function unprivilegedPortStart(pod: PodSpecRef): number | undefined {
  for (const item of seqItems(get(getMap(pod.spec, 'securityContext'), 'sysctls'))) {
    const entry = deref(pod.resource.doc, item);
    if (getString(entry, 'name') !== 'net.ipv4.ip_unprivileged_port_start') continue;
    const v = getString(entry, 'value');
    if (v !== undefined && /^\d+$/.test(v.trim())) return Number(v.trim());
  }
  return undefined;
}

