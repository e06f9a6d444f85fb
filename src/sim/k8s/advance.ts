/**
 * advanceK8s: the whole cluster moves forward in fixed 1 s steps. Each step runs the control-plane
 * controllers (only while the API server is reachable) and the kubelets (which keep running pods
 * even when the control plane is down, like a real data plane).
 */
import type { Draft } from './draft.ts';
import { beginDraft, commitDraft } from './draft.ts';
import type { K8sState } from './model.ts';
import { K8S_STEP_MS } from './model.ts';
import { reconcileNodeGroups, runClusterAutoscaler, runFargateScheduler } from './autoscaler.ts';
import { runDeploymentController } from './deployment-controller.ts';
import { runHpaController } from './hpa.ts';
import { runKubelets } from './kubelet.ts';
import { runNodeLifecycle } from './node-lifecycle.ts';
import { runReplicaSetController } from './replicaset-controller.ts';
import { runScheduler } from './scheduler.ts';
import { runEndpointsController } from './services.ts';
import { runServiceTraffic } from './service-traffic.ts';
import { runMetricsServer } from './metrics-server.ts';
import { runKarpenterConsolidation, runKarpenterProvisioner } from './karpenter.ts';

/**
 * Pure: true while the EKS control plane serves requests: at least one API server and an etcd
 * quorum (2 of 3) healthy [EKS-UG eks-architecture, B1].
 */
export function isApiAvailable(state: Pick<K8sState, 'controlPlane'>): boolean {
  const cp = state.controlPlane;
  const etcdUp = cp.etcd.filter((e) => e.healthy).length;
  return cp.apiServers.some((a) => a.healthy) && etcdUp * 2 > cp.etcd.length;
}

/** One fixed step on a draft (exported for commands that settle immediately). */
export function stepDraft(d: Draft): void {
  d.now += K8S_STEP_MS;
  if (isApiAvailable(d.base)) {
    reconcileNodeGroups(d);
    runNodeLifecycle(d);
    runHpaController(d);
    runDeploymentController(d);
    runReplicaSetController(d);
    runScheduler(d, d.base.scoringStrategy);
    runFargateScheduler(d);
    runClusterAutoscaler(d);
    runKarpenterProvisioner(d);
    runKarpenterConsolidation(d);
  }
  runKubelets(d);
  if (isApiAvailable(d.base)) runEndpointsController(d);
  // The data plane keeps serving (kube-proxy rules stay) while the control plane is down.
  runServiceTraffic(d);
  runMetricsServer(d);
}

/**
 * Pure: advances the cluster by `ms` (rounded down to whole 1 s steps); returns a new state and
 * never mutates its input. Same state + same ms → same result.
 */
export function advanceK8s(state: K8sState, ms: number): K8sState {
  const steps = Math.floor(ms / K8S_STEP_MS);
  let s = state;
  for (let i = 0; i < steps; i++) {
    const d = beginDraft(s);
    stepDraft(d);
    s = commitDraft(d);
  }
  return s;
}
