/**
 * Simulated resource usage of pods and nodes (what metrics-server would report): the load hook
 * `SET_WORKLOAD_CPU` sets per-pod CPU for a Deployment; memory is modelled as 60 % of the request
 * (or 10 MiB without one). Both are simulator assumptions, not AWS/Kubernetes facts.
 */
import type { K8sState, Pod } from './model.ts';
import { MI } from './quantity.ts';

/** Idle CPU of a pod whose workload has no load set (millicores). */
export const IDLE_CPU = 1;

/** Pure: the Deployment ("namespace/name") that owns a pod through its ReplicaSet, if any. */
export function owningDeployment(
  state: Pick<K8sState, 'replicaSets'>,
  pod: Pod,
): string | undefined {
  const owner = pod.meta.ownerReferences?.[0];
  if (owner?.kind !== 'ReplicaSet') return undefined;
  const rs = state.replicaSets[`${pod.meta.namespace}/${owner.name}`];
  const dep = rs?.meta.ownerReferences?.[0];
  return dep ? `${pod.meta.namespace}/${dep.name}` : undefined;
}

/**
 * Pure: a running pod's CPU usage in millicores (0 when not running): the Deployment's load hook
 * (or idle) plus the CPU its share of Service traffic uses (service-traffic.ts).
 */
export function podCpuUsage(
  state: Pick<K8sState, 'replicaSets' | 'workloadCpu'> & Partial<Pick<K8sState, 'podTraffic'>>,
  pod: Pod,
  key = `${pod.meta.namespace}/${pod.meta.name}`,
): number {
  if (pod.phase !== 'Running') return 0;
  const dep = owningDeployment(state, pod);
  const wanted =
    ((dep !== undefined ? state.workloadCpu[dep] : undefined) ?? IDLE_CPU) +
    (state.podTraffic?.[key]?.cpu ?? 0);
  // A CPU limit throttles the container (CFS quota): usage never exceeds the sum of limits.
  const limits = pod.spec.containers.map((c) => c.resources?.limits?.cpu);
  const cap = limits.every((l) => l !== undefined)
    ? limits.reduce((a: number, b) => a + (b as number), 0)
    : Infinity;
  return Math.min(wanted, cap);
}

/** Pure: a running pod's memory usage in bytes (0 when not running). */
export function podMemoryUsage(pod: Pod): number {
  if (pod.phase !== 'Running') return 0;
  return pod.spec.containers.reduce(
    (s, c) => s + Math.round((c.resources?.requests?.memory ?? (10 * MI) / 0.6) * 0.6),
    0,
  );
}
