// Builders for Istio fixtures in rule tests: one object per call, in block style, so line numbers
// in the tables are easy to count (the header takes 6 lines; spec lines start at line 7).
import { y } from '../helpers/rule-tester';

export const SECURITY_VERSIONS = ['v1beta1', 'v1'] as const;
export const NETWORKING_VERSIONS = ['v1alpha3', 'v1beta1', 'v1'] as const;

export function obj(apiVersion: string, kind: string, ns: string | undefined, name: string, ...specLines: string[]): string {
  return y(`apiVersion: ${apiVersion}`, `kind: ${kind}`, 'metadata:', `  name: ${name}`, ns === undefined ? '  labels: {}' : `  namespace: ${ns}`, 'spec:', ...specLines);
}

export const ap = (version: string, ns: string, ...specLines: string[]) => obj(`security.istio.io/${version}`, 'AuthorizationPolicy', ns, 'policy', ...specLines);
export const pa = (version: string, ns: string, ...specLines: string[]) => obj(`security.istio.io/${version}`, 'PeerAuthentication', ns, 'default', ...specLines);
export const ra = (version: string, ns: string, ...specLines: string[]) => obj(`security.istio.io/${version}`, 'RequestAuthentication', ns, 'jwt', ...specLines);
export const dr = (version: string, ns: string, ...specLines: string[]) => obj(`networking.istio.io/${version}`, 'DestinationRule', ns, 'dr', ...specLines);
export const gw = (version: string, ns: string, ...specLines: string[]) => obj(`networking.istio.io/${version}`, 'Gateway', ns, 'gw', ...specLines);
export const se = (version: string, ns: string, ...specLines: string[]) => obj(`networking.istio.io/${version}`, 'ServiceEntry', ns, 'ext', ...specLines);
export const vs = (version: string, ns: string, ...specLines: string[]) => obj(`networking.istio.io/${version}`, 'VirtualService', ns, 'vs', ...specLines);

/** Joins documents with `---`. */
export function docs(...texts: string[]): string {
  return texts.join('---\n');
}
