/**
 * HorizontalPodAutoscaler (autoscaling/v2) on cpu/memory Resource metrics: every 15 s,
 * desired = ceil(current × metric / target), skipped within tolerance 0.1, scale-up limited to
 * max(+100 %, +4 pods) per 15 s, scale-down stabilised over 300 s, clamped to [min, max]
 * [K8S-WEB horizontal-pod-autoscale.md; reference B8, E9].
 */
import type { Draft } from './draft.ts';
import { recordEvent, ref } from './draft.ts';
import type { Deployment, Hpa, Pod } from './model.ts';
import type { HpaMetric } from './objects.ts';
import { isActivePod, isPodReady } from './pods.ts';
import { podsByOwner } from './replicaset-controller.ts';
import { ownedReplicaSets } from './deployment-controller.ts';
import { podCpuUsage, podMemoryUsage } from './usage.ts';

export const HPA_SYNC_MS = 15_000;
export const HPA_TOLERANCE = 0.1;
export const DEFAULT_SCALE_DOWN_WINDOW_S = 300;

/**
 * Pure: the replica count one metric proposes. `usageRatio` is current/target; within tolerance the
 * current count stands [B8]. Not-ready pods count as 0 % usage on scale-up [B8].
 */
export function proposeReplicas(
  currentReplicas: number,
  usageRatio: number,
  readyPods = currentReplicas,
): number {
  if (Math.abs(usageRatio - 1) <= HPA_TOLERANCE) return currentReplicas;
  if (usageRatio > 1 && readyPods < currentReplicas) {
    // Re-run with unready pods at 0 %: ratio over all pods; if it flips or falls in tolerance, no action.
    const adjusted = (usageRatio * readyPods) / currentReplicas;
    if (adjusted <= 1 + HPA_TOLERANCE) return currentReplicas;
    return Math.ceil(adjusted * currentReplicas);
  }
  return Math.ceil(usageRatio * readyPods);
}

/** Pure: the default scale-up limit per 15 s: max(2 × current, current + 4) [B8]. */
export function scaleUpLimit(current: number): number {
  return Math.max(current * 2, current + 4);
}

/**
 * Pure: scale-down stabilisation: the highest recommendation within the window (including the
 * new one) is used, so a brief dip never removes pods [B8].
 */
export function stabilise(
  recommendations: readonly { at: number; replicas: number }[],
  now: number,
  windowSeconds: number,
  proposed: number,
): number {
  let max = proposed;
  for (const r of recommendations)
    if (now - r.at <= windowSeconds * 1000 && r.replicas > max) max = r.replicas;
  return max;
}

function metricValue(
  metric: HpaMetric,
  pods: readonly Pod[],
  cpuOf: (p: Pod) => number,
): { value: number; ratio: number } | undefined {
  const res = metric.resource.name;
  let usage = 0;
  let request = 0;
  for (const p of pods) {
    for (const c of p.spec.containers) {
      request += (res === 'cpu' ? c.resources?.requests?.cpu : c.resources?.requests?.memory) ?? 0;
    }
    // Simulated usage (src/sim/k8s/usage.ts): the Deployment's CPU load; memory ≈ 60 % of request.
    usage += res === 'cpu' ? cpuOf(p) : podMemoryUsage(p);
  }
  if (pods.length === 0) return undefined;
  const t = metric.resource.target;
  if (t.type === 'Utilization') {
    if (request === 0 || !t.averageUtilization) return undefined; // no request ⇒ no utilisation [B8]
    const util = (usage / request) * 100;
    return { value: Math.round(util), ratio: util / t.averageUtilization };
  }
  const avg = usage / pods.length;
  return t.averageValue ? { value: Math.round(avg), ratio: avg / t.averageValue } : undefined;
}

/** Runs every HPA whose 15 s sync is due. */
export function runHpaController(d: Draft): void {
  const owned = podsByOwner(d.pods);
  for (const [key, hpa] of Object.entries(d.hpas)) {
    if (hpa.nextSyncAt > d.now) continue;
    const depKey = `${hpa.meta.namespace}/${hpa.spec.scaleTargetRef.name}`;
    const dep = hpa.spec.scaleTargetRef.kind === 'Deployment' ? d.deployments[depKey] : undefined;
    if (!dep) {
      d.hpas[key] = { ...hpa, nextSyncAt: d.now + HPA_SYNC_MS };
      recordEvent(
        d,
        ref('HorizontalPodAutoscaler', hpa.meta),
        'Warning',
        'FailedGetScale',
        `deployments/scale.apps "${hpa.spec.scaleTargetRef.name}" not found`,
        'horizontal-pod-autoscaler',
      );
      continue;
    }
    syncHpa(d, key, hpa, dep, owned);
  }
}

function syncHpa(
  d: Draft,
  key: string,
  hpa: Hpa,
  dep: Deployment,
  owned: Map<string, Pod[]>,
): void {
  const pods = ownedReplicaSets(d, dep)
    .flatMap((rs) => owned.get(rs.meta.uid) ?? [])
    .filter(isActivePod);
  const ready = pods.filter(isPodReady);
  const current = dep.spec.replicas;
  const usageState = { replicaSets: d.replicaSets, workloadCpu: d.base.workloadCpu };
  const cpuOf = (p: Pod): number => podCpuUsage(usageState, p);
  const metrics = hpa.spec.metrics ?? [
    {
      type: 'Resource',
      resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
    },
  ];
  const values = d.base.metricsServer
    ? metrics.map((m) => metricValue(m, ready, cpuOf))
    : metrics.map(() => undefined);
  let hpaNext: Hpa = { ...hpa, nextSyncAt: d.now + HPA_SYNC_MS };
  const status = {
    ...hpa.status,
    currentReplicas: current,
    currentMetrics: values.map((v) => v?.value),
  };
  if (current === 0) {
    d.hpas[key] = { ...hpaNext, status }; // replicas 0 disables the HPA (ScalingActive=False) [B8]
    return;
  }
  let proposal = current;
  let reason = '';
  let res: string | undefined;
  values.forEach((v, i) => {
    if (!v) return;
    const p = proposeReplicas(current, v.ratio, ready.length);
    // Several metrics: the largest proposal wins [B8].
    if (res === undefined || p > proposal) {
      proposal = p;
      res = metrics[i]?.resource.name ?? 'cpu';
    }
  });
  if (res !== undefined) {
    reason =
      proposal > current
        ? `${res} resource utilization (percentage of request) above target`
        : 'All metrics below target';
  }
  const window =
    hpa.spec.behavior?.scaleDown?.stabilizationWindowSeconds ?? DEFAULT_SCALE_DOWN_WINDOW_S;
  const recommendations = [
    ...hpa.recommendations.filter((r) => d.now - r.at <= window * 1000),
    { at: d.now, replicas: proposal },
  ];
  let desired =
    proposal < current ? stabilise(hpa.recommendations, d.now, window, proposal) : proposal;
  if (desired > current) desired = Math.min(desired, scaleUpLimit(current));
  const min = hpa.spec.minReplicas;
  if (desired < min) {
    desired = min;
    if (current < min) reason = 'Current number of replicas below Spec.MinReplicas';
  }
  if (desired > hpa.spec.maxReplicas) {
    desired = hpa.spec.maxReplicas;
    if (current > hpa.spec.maxReplicas)
      reason = 'Current number of replicas above Spec.MaxReplicas';
  }
  hpaNext = { ...hpaNext, recommendations, status: { ...status, desiredReplicas: desired } };
  if (desired !== current) {
    const depK = depKey(dep);
    d.deployments[depK] = { ...dep, spec: { ...dep.spec, replicas: desired } };
    hpaNext = {
      ...hpaNext,
      status: { ...hpaNext.status, lastScaleTime: d.now },
      scaleEvents: [...hpa.scaleEvents.slice(-20), { at: d.now, from: current, to: desired }],
    };
    recordEvent(
      d,
      ref('HorizontalPodAutoscaler', hpa.meta),
      'Normal',
      'SuccessfulRescale',
      `New size: ${desired}; reason: ${reason}`,
      'horizontal-pod-autoscaler',
    );
  }
  d.hpas[key] = hpaNext;
  d.changed = true;
}

function depKey(dep: Deployment): string {
  return `${dep.meta.namespace}/${dep.meta.name}`;
}
