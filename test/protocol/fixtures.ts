// Manifests shared by the protocol tests. Line numbers in comments are 0-based, as in LSP.
import { y } from './lsp-client';

/** A Deployment with a privileged container and hostNetwork, comments kept around the findings. */
export const WEB = y(
  '# Web tier', //                                  0
  'apiVersion: apps/v1', //                         1
  'kind: Deployment', //                            2
  'metadata:', //                                   3
  '  name: web   # the web tier', //                4
  'spec:', //                                       5
  '  template:', //                                 6
  '    spec:', //                                   7
  '      hostNetwork: true', //                     8  `true` at 19..23
  '      containers:', //                           9
  '        - name: app', //                         10
  '          image: nginx:1.25', //                 11
  '          securityContext:', //                  12
  '            privileged: true   # needed?', //    13 `true` at 24..28
);

export const WEB_PRIVILEGED: [number, number, number, number] = [13, 24, 13, 28];
export const WEB_HOST_NETWORK: [number, number, number, number] = [8, 19, 8, 23];

/** A second, already hardened-looking workload, to show that actions leave other documents alone. */
export const API = y(
  '---',
  '# the API, kept as it is',
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata: {name: api}',
  'spec:',
  '  template:',
  '    spec:',
  '      containers:',
  '      - name: api',
  '        image: api:2',
  '        securityContext: {privileged: true}',
);

/** Rules of the Restricted profile that the WEB manifest breaks (and Baseline does not check). */
export const RESTRICTED_ONLY = ['pss-allow-privilege-escalation', 'pss-capabilities-restricted', 'pss-run-as-non-root'];
/** Rules of the Baseline profile that the WEB manifest breaks. */
export const BASELINE = ['pss-host-namespaces', 'pss-privileged'];
