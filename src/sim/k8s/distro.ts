/**
 * EKS Distro (EKS-D): the Kubernetes distribution Amazon EKS itself runs — upstream Kubernetes built
 * by AWS with the security patches it backports, published as open source so that the same build
 * runs on EKS, on EKS Anywhere and on any cluster someone assembles themselves.
 *
 * Rules followed (the reference is silent on EKS-D; public AWS docs):
 * - distro.eks.amazonaws.com / github.com/aws/eks-distro: releases per Kubernetes minor version,
 *   named `v1-<minor>-eks-<n>`; the Kubernetes binaries carry an `-eks-` build suffix, which is the
 *   `-eks-<hash>` `kubectl version` and `kubectl get nodes` show on EKS.
 * - EKS Anywhere "uses Amazon EKS Distro, the same Kubernetes distribution used by Amazon EKS"
 *   (EKS Anywhere docs, overview).
 * - `kubectl version` (kubectl ≥ 1.28) prints Client, Kustomize and Server versions; kubectl 1.31
 *   bundles Kustomize v5.4.2. `kubectl cluster-info` prints the control plane endpoint and CoreDNS.
 * The release number and hash below are illustrative (one fixed EKS-D 1.31 build for the simulator).
 */
import type { K8sState } from './model.ts';
import { isApiAvailable } from './advance.ts';

/** The Kubernetes minor version new simulated clusters run. */
export const KUBERNETES_MINOR = '1.31';
/** The EKS-D release the simulated control plane and kubelets come from. */
export const EKS_DISTRO_RELEASE = 'v1-31-eks-12';
/** Build suffix EKS-D binaries carry in their version string. */
const EKS_BUILD = 'eks-0f56d01';
/** Server (API server) version, as `kubectl version` prints it on EKS. */
export const SERVER_VERSION = `v${KUBERNETES_MINOR}.4-${EKS_BUILD}`;
/** Kubelet version on every node, as `kubectl get nodes` prints it. */
export const KUBELET_VERSION = SERVER_VERSION;
const CLIENT_VERSION = `v${KUBERNETES_MINOR}.2`;
const KUSTOMIZE_VERSION = 'v5.4.2';

/** Pure: a 32-hex-digit endpoint id derived from the cluster name (EKS endpoints look like this). */
function endpointId(name: string): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < 32; round++) {
    for (const ch of `${name}#${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).toUpperCase().padStart(8, '0');
  }
  return out.slice(0, 32);
}

/** Pure: the cluster's API server endpoint, shaped like EKS's (`https://<ID>.gr7.<region>.eks.amazonaws.com`). */
export function apiEndpoint(state: K8sState): string {
  // EKS Anywhere: the control plane endpoint is an address on the site's network
  // (`controlPlaneConfiguration.endpoint.host`), served on the API server's port 6443.
  if (state.anywhere) return 'https://10.20.0.10:6443';
  return `https://${endpointId(state.clusterName)}.gr7.${state.region}.eks.amazonaws.com`;
}

/** Pure: `kubectl version` output and exit code. */
export function kubectlVersion(state: K8sState): { output: string; exitCode: number } {
  const client = [`Client Version: ${CLIENT_VERSION}`, `Kustomize Version: ${KUSTOMIZE_VERSION}`];
  if (!isApiAvailable(state))
    return {
      output: [...client, unreachable(state)].join('\n'),
      exitCode: 1,
    };
  return { output: [...client, `Server Version: ${SERVER_VERSION}`].join('\n'), exitCode: 0 };
}

/** Pure: `kubectl cluster-info` output and exit code. */
export function kubectlClusterInfo(state: K8sState): { output: string; exitCode: number } {
  const endpoint = apiEndpoint(state);
  if (!isApiAvailable(state))
    return {
      output: [
        "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
        unreachable(state),
      ].join('\n'),
      exitCode: 1,
    };
  return {
    output: [
      `Kubernetes control plane is running at ${endpoint}`,
      `CoreDNS is running at ${endpoint}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy`,
      '',
      "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.",
    ].join('\n'),
    exitCode: 0,
  };
}

/** kubectl's wording when the API server does not answer (Go net/http dial timeout). */
function unreachable(state: K8sState): string {
  const url = apiEndpoint(state).slice('https://'.length);
  const host = url.includes(':') ? url : `${url}:443`;
  return `Unable to connect to the server: dial tcp ${host}: i/o timeout`;
}
