// Container resource requests and limits, for the rules that require them. A limit without a request
// makes the request default to the limit, and pod-level resources (spec.resources, cpu and memory
// only) bound the whole pod, so either makes the container field unnecessary.
import type { ContainerFieldSpec } from './container-field';
import { describeContainer, type ContainerRef } from './resource';

export type ResourceName = 'cpu' | 'memory' | 'ephemeral-storage';
export type ResourceBound = 'requests' | 'limits';

const POD_LEVEL: readonly ResourceName[] = ['cpu', 'memory'];

export function resourceFieldSpec(bound: ResourceBound, name: ResourceName, consequence: string): ContainerFieldSpec {
  const podBounds: ResourceBound[] = bound === 'requests' ? ['requests', 'limits'] : ['limits'];
  const label = name === 'cpu' ? 'CPU' : name;
  return {
    path: ['resources', bound, name],
    orContainer: bound === 'requests' ? [['resources', 'limits', name]] : [],
    orPod: POD_LEVEL.includes(name) ? podBounds.map((b) => ['resources', b, name]) : [],
    // Ephemeral containers may not set resources; they share what the pod has.
    lists: ['containers', 'initContainers'],
    missing: (c: ContainerRef) => `${describeContainer(c)} has no ${label} ${bound === 'requests' ? 'request' : 'limit'}: ${consequence}`,
  };
}
