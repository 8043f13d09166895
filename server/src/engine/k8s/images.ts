// Container image references, read the way the container runtime reads them (the reference grammar
// of distribution/reference, with Docker Hub's defaults), and the image fields of a pod spec.
import { getPair, isScalar, type Scalar } from '../parse';
import { containersOf, type ContainerRef, type PodSpecRef } from './resource';

export interface ImageRef {
  /** The reference as written. */
  raw: string;
  /** Registry host (with port) as written, or '' when the reference names none (Docker Hub). */
  registry: string;
  /** The registry a runtime pulls from: Docker Hub's aliases become 'docker.io'; lower case. */
  domain: string;
  /** Repository path with Docker Hub's implicit `library/` for one-part names. */
  path: string;
  tag?: string;
  digest?: string;
}

const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/**
 * Parses an image reference. Returns undefined for values that are not a literal reference: empty,
 * templated (`{{ }}`, `${}`, `$()`), or containing white space; other rules or the schema judge those.
 */
export function parseImage(raw: string): ImageRef | undefined {
  const s = raw.trim();
  if (s === '' || /\s/.test(s) || /\{\{|\$\{|\$\(/.test(s)) return undefined;
  let rest = s;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  if (colon !== -1) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (rest === '') return undefined;
  // The first component is a registry when it looks like a host: has a dot or a port, is
  // localhost, or has upper case (repository names cannot); otherwise the name is on Docker Hub.
  let registry = '';
  let path = rest;
  const slash = rest.indexOf('/');
  if (slash !== -1) {
    const first = rest.slice(0, slash);
    if (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase()) {
      registry = first;
      path = rest.slice(slash + 1);
    }
  }
  let domain = registry.toLowerCase();
  if (domain === '' || DOCKER_HUB_ALIASES.has(domain)) {
    domain = 'docker.io';
    if (!path.includes('/')) path = `library/${path}`;
  }
  return { raw: s, registry, domain, path, tag: tag === '' ? undefined : tag, digest: digest === '' ? undefined : digest };
}

export interface ContainerImage {
  container: ContainerRef;
  /** The `image` value node. */
  node: Scalar;
  ref: ImageRef;
}

/** The parsable `image` values of every container of a pod spec (ephemeral containers included). */
export function imagesOf(pod: PodSpecRef): ContainerImage[] {
  const out: ContainerImage[] = [];
  for (const c of containersOf(pod)) {
    const node = getPair(c.node, 'image')?.value;
    if (!isScalar(node) || typeof node.value !== 'string') continue;
    const ref = parseImage(node.value);
    if (ref) out.push({ container: c, node, ref });
  }
  return out;
}

/** True when the tag is missing or `latest`, i.e. the runtime resolves `:latest`. */
export function usesLatest(ref: ImageRef): boolean {
  return ref.tag === undefined || ref.tag === 'latest';
}

/**
 * The [start, end) range of `part` inside the source of a scalar node, when the scalar is written
 * plainly or quoted without escapes (so an edit can touch only those characters).
 */
export function rangeInScalar(text: string, node: Scalar, part: string, from = 0): [number, number] | undefined {
  const r = node.range;
  if (!r) return undefined;
  const src = text.slice(r[0], r[1]);
  const value = String(node.value);
  const offsetInSrc = src.indexOf(value);
  if (offsetInSrc === -1) return undefined;
  const i = value.indexOf(part, from);
  if (i === -1) return undefined;
  const start = r[0] + offsetInSrc + i;
  return [start, start + part.length];
}

/** One entry of `allowedRegistries`: a registry host (`*.` wildcards allowed) and an optional path prefix. */
interface RegistryPattern {
  host: string;
  wildcard: boolean;
  prefix: string;
}

function parsePattern(entry: string): RegistryPattern | undefined {
  const s = entry.trim().replace(/^[a-z]+:\/\//i, '').replace(/\/+$/, '');
  if (s === '') return undefined;
  const slash = s.indexOf('/');
  let host = (slash === -1 ? s : s.slice(0, slash)).toLowerCase();
  const prefix = slash === -1 ? '' : s.slice(slash + 1);
  const wildcard = host.startsWith('*.');
  if (wildcard) host = host.slice(1); // keep the dot: '*.example.com' matches 'a.example.com', not 'example.com'
  if (DOCKER_HUB_ALIASES.has(host)) host = 'docker.io';
  return { host, wildcard, prefix };
}

/**
 * A predicate for `allowedRegistries` entries such as `registry.example.com`, `ghcr.io/my-org`,
 * `*.dkr.ecr.eu-west-1.amazonaws.com` or `docker.io/library` (Docker Hub's official images).
 * An image matches an entry when its registry is the entry's host and its path is the entry's path
 * or below it (`ghcr.io/my-org` does not match `ghcr.io/my-organisation/x`).
 */
export function registryMatcher(entries: readonly string[]): (ref: ImageRef) => boolean {
  const patterns = entries.map(parsePattern).filter((p): p is RegistryPattern => p !== undefined);
  return (ref) =>
    patterns.some((p) => {
      const hostOk = p.wildcard ? ref.domain.endsWith(p.host) && ref.domain.length > p.host.length : ref.domain === p.host;
      return hostOk && (p.prefix === '' || ref.path === p.prefix || ref.path.startsWith(`${p.prefix}/`));
    });
}
