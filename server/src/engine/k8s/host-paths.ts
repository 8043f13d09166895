// Host paths whose exposure to a pod hands it the node: the root filesystem, kernel interfaces,
// credentials and the container runtime's sockets. Sources: KubeLinter sensitive-host-mounts,
// Trivy KSV121/KSV006, Kubescape C-0074, Checkov CKV_K8S_27, kubesec DockerSock/ProcMount.
import { normalizeHostPath } from './volumes';

export interface SensitivePath {
  path: string;
  /** True when everything below the path is as sensitive as the path itself. */
  subtree: boolean;
  /** What the pod gets, for messages. */
  what: string;
}

const RUNTIME_SOCKET = 'a container runtime socket: whoever can reach it controls every container on the node';

export const SENSITIVE_HOST_PATHS: readonly SensitivePath[] = [
  { path: '/', subtree: false, what: "the node's whole root filesystem" },
  { path: '/etc', subtree: false, what: "the node's configuration, including password hashes and kubelet credentials" },
  { path: '/etc/kubernetes', subtree: true, what: 'the kubeconfigs and PKI of the kubelet and control plane' },
  { path: '/proc', subtree: true, what: 'every process on the node (their environment, memory and namespaces)' },
  { path: '/sys', subtree: false, what: "the kernel's and devices' settings" },
  { path: '/dev', subtree: false, what: "the node's devices (disks, memory)" },
  { path: '/boot', subtree: true, what: "the node's kernel and boot loader" },
  { path: '/lib', subtree: false, what: "the node's system libraries and kernel modules" },
  { path: '/usr', subtree: false, what: "the node's programs and libraries" },
  { path: '/root', subtree: true, what: "root's home directory (SSH keys, kubeconfigs)" },
  { path: '/var/lib/kubelet', subtree: true, what: "the kubelet's credentials and every pod's volumes, other pods' secrets included" },
  { path: '/var/lib/docker', subtree: true, what: "the container runtime's storage (every container's filesystem)" },
  { path: '/var/lib/containerd', subtree: true, what: "the container runtime's storage (every container's filesystem)" },
  { path: '/run/containerd', subtree: true, what: `the containerd socket, ${RUNTIME_SOCKET}` },
  { path: '/var/run/containerd', subtree: true, what: `the containerd socket, ${RUNTIME_SOCKET}` },
  { path: '/run/k3s/containerd', subtree: true, what: `the k3s containerd socket, ${RUNTIME_SOCKET}` },
  { path: '/run/crio', subtree: true, what: `the CRI-O socket, ${RUNTIME_SOCKET}` },
  { path: '/var/run/crio', subtree: true, what: `the CRI-O socket, ${RUNTIME_SOCKET}` },
  { path: '/var/run/docker.sock', subtree: true, what: `the Docker socket, ${RUNTIME_SOCKET}` },
  { path: '/run/docker.sock', subtree: true, what: `the Docker socket, ${RUNTIME_SOCKET}` },
  { path: '/var/run/docker', subtree: true, what: `Docker's runtime directory with its containerd socket, ${RUNTIME_SOCKET}` },
  { path: '/var/run/cri-dockerd.sock', subtree: true, what: `the cri-dockerd socket, ${RUNTIME_SOCKET}` },
];

export interface SensitiveMatch {
  /** The listed path that matched (the path itself, one it lies under, or one it contains). */
  entry: SensitivePath;
  /** 'exact' or 'below': the path is the entry or inside it; 'contains': the path is a parent of it. */
  how: 'exact' | 'below' | 'contains';
  /** For 'contains': every listed path the mount contains. */
  contained: SensitivePath[];
}

/** Whether a hostPath exposes a sensitive part of the node, and which. */
export function sensitiveHostPath(raw: string): SensitiveMatch | undefined {
  const p = normalizeHostPath(raw);
  if (!p.startsWith('/')) return undefined;
  const exact = SENSITIVE_HOST_PATHS.find((e) => e.path === p);
  if (exact) return { entry: exact, how: 'exact', contained: [] };
  // The deepest listed subtree the path lies in.
  const below = SENSITIVE_HOST_PATHS.filter((e) => e.subtree && e.path !== '/' && p.startsWith(`${e.path}/`)).sort((a, b) => b.path.length - a.path.length)[0];
  if (below) return { entry: below, how: 'below', contained: [] };
  const contained = SENSITIVE_HOST_PATHS.filter((e) => e.path !== '/' && e.path.startsWith(`${p}/`));
  if (contained.length > 0) return { entry: contained[0], how: 'contains', contained };
  return undefined;
}
