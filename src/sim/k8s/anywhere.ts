/**
 * EKS Anywhere: an EKS-style Kubernetes cluster that runs entirely on your own infrastructure.
 *
 * Rules followed (the reference is silent on EKS Anywhere; EKS Anywhere documentation,
 * anywhere.eks.amazonaws.com, "Overview" and "Cluster specification"):
 * - It runs Amazon EKS Distro, the same Kubernetes build as Amazon EKS (distro.ts), and the same
 *   tools (kubectl, manifests) work.
 * - The control plane runs on your machines at the site: `controlPlaneConfiguration.count`
 *   machines (3 recommended for production) with etcd on them; you operate and upgrade it.
 *   AWS runs no part of the cluster, so there is no EKS per-cluster-hour charge (an optional
 *   EKS Anywhere Enterprise Subscription buys support; not simulated).
 * - Worker nodes are your own machines (`workerNodeGroupConfigurations`); AWS Fargate is not
 *   available on premises, and there are no EC2 instances for Karpenter to launch.
 * - Its clusters do not depend on the link to the Region to keep running (EKS Connector only
 *   shows them in the EKS console).
 * The simulator models an on-premises machine by the EC2 instance type whose size it matches.
 */
import type { ControlPlane, K8sState } from './model.ts';
import { KUBERNETES_MINOR } from './distro.ts';

/** Control-plane machines an EKS Anywhere cluster runs (`controlPlaneConfiguration.count`). */
export const ANYWHERE_CONTROL_PLANE_COUNT = 3;

/** Pure: the control plane of an EKS Anywhere cluster — 3 machines at the site, stacked etcd. */
export function anywhereControlPlane(site: string): ControlPlane {
  const members = Array.from({ length: ANYWHERE_CONTROL_PLANE_COUNT }, () => ({
    zone: site,
    healthy: true,
  }));
  return { version: KUBERNETES_MINOR, apiServers: members, etcd: members };
}

/** Pure: whether `state` is an EKS Anywhere cluster (on premises, run by you). */
export function isAnywhere(state: K8sState): boolean {
  return state.anywhere !== undefined;
}

/** The refusal for AWS-only data-plane features on an EKS Anywhere cluster. */
export function anywhereRefusal(feature: 'fargate' | 'karpenter', state: K8sState): string {
  const site = state.anywhere?.site ?? '';
  return feature === 'fargate'
    ? `EKS Anywhere cluster ${state.clusterName} runs at ${site}: AWS Fargate is not available on premises; pods run on your own worker nodes.`
    : `EKS Anywhere cluster ${state.clusterName} runs at ${site}: there are no EC2 instances to launch on premises; add machines to a worker node group instead.`;
}
