// The fact-extractor contract: how a domain adds its own plain facts to the workspace index. An
// extractor says which objects it reads and returns plain data (strings, numbers, Loc values; never
// YAML nodes). The index runs every registered extractor (extractors.ts) when it (re)indexes a
// document and stores the result under the extractor's id; rules read it back, typed, with
// factsOf(obj, extractor).
import type { Resource } from '../k8s/resource';
import type { LocOf, ObjectFacts } from './facts';

export interface FactExtractor<T> {
  /** Stable id, `<domain>.<what>` (e.g. `rbac.role`, `istio.peerAuthentication`). */
  id: string;
  /** Cheap test on kind and API group; extract runs only when it returns true. */
  applies(resource: { kind: string; group: string }): boolean;
  /** Plain data about the object; `loc` turns a node into a Loc. Undefined stores nothing. */
  extract(resource: Resource, loc: LocOf): T | undefined;
}

export function defineFactExtractor<T>(extractor: FactExtractor<T>): FactExtractor<T> {
  return extractor;
}

/** The facts an extractor stored for an object, typed by the extractor. */
export function factsOf<T>(obj: ObjectFacts, extractor: FactExtractor<T>): T | undefined {
  return obj.ext[extractor.id] as T | undefined;
}
