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
import { podMetricsOf } from './metrics-server.ts';

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

/** What one metric proposes: the raw value for status, and the replica count (or an error). */
interface MetricProposal {
  /** Raw average over the pods with metrics (utilisation % or average value) for the status. */
  readonly value: number;
  readonly replicas: number;
}

/**
 * Pure: the replica calculator for one Resource metric, as kube-controller-manager's
 * replica_calculator.go does it [K8S-WEB horizontal-pod-autoscale.md "Algorithm details"; B8]:
 * pods being deleted or failed are ignored; not-ready pods are set aside; the usage ratio is taken
 * over ready pods with metrics; within tolerance nothing changes. When pods lack metrics or are not
 * ready the ratio is recomputed conservatively — missing pods at 100 % of the target on scale-down
 * and 0 % on scale-up, not-ready pods at 0 % on scale-up — and if that flips the direction or lands
 * in tolerance, nothing changes. Returns undefined when no pod has a metric (FailedGetResourceMetric).
 */
export function calculateReplicas(
  current: number,
  pods: readonly {
    readonly ready: boolean;
    readonly usage?: number;
    readonly request: number;
  }[],
  target: { readonly utilization?: number; readonly averageValue?: number },
): MetricProposal | undefined {
  const withMetric = pods.filter((p) => p.ready && p.usage !== undefined);
  const unready = pods.filter((p) => !p.ready && p.usage !== undefined);
  const missing = pods.filter((p) => p.usage === undefined);
  if (withMetric.length === 0 && unready.length === 0) return undefined;
  const util = target.utilization;
  // Ratio over a set of (usage, request) samples; utilisation needs requests on every pod [B8].
  const ratioOf = (xs: readonly { usage: number; request: number }[]): number | undefined => {
    if (util !== undefined) {
      const req = xs.reduce((a, x) => a + x.request, 0);
      if (req <= 0 || util <= 0) return undefined;
      return (xs.reduce((a, x) => a + x.usage, 0) * 100) / req / util;
    }
    const avg = target.averageValue;
    if (!avg || xs.length === 0) return undefined;
    return xs.reduce((a, x) => a + x.usage, 0) / xs.length / avg;
  };
  const ready = withMetric.map((p) => ({ usage: p.usage as number, request: p.request }));
  if (ready.length === 0) return undefined;
  const ratio = ratioOf(ready);
  if (ratio === undefined) return undefined;
  const raw =
    util !== undefined
      ? (ready.reduce((a, x) => a + x.usage, 0) * 100) / ready.reduce((a, x) => a + x.request, 0)
      : ready.reduce((a, x) => a + x.usage, 0) / ready.length;
  const value = Math.round(raw);
  const scaleUpWithUnready = unready.length > 0 && ratio > 1;
  if (!scaleUpWithUnready && missing.length === 0) {
    if (Math.abs(1 - ratio) <= HPA_TOLERANCE) return { value, replicas: current };
    return { value, replicas: Math.ceil(ratio * ready.length) };
  }
  const filled = [...ready];
  // The value a missing pod is assumed to use: 100 % of target when scaling down, 0 when up.
  const atTarget = (request: number): number =>
    util !== undefined ? (request * util) / 100 : (target.averageValue ?? 0);
  if (ratio < 1)
    for (const p of missing) filled.push({ usage: atTarget(p.request), request: p.request });
  else if (ratio > 1) for (const p of missing) filled.push({ usage: 0, request: p.request });
  if (scaleUpWithUnready) for (const p of unready) filled.push({ usage: 0, request: p.request });
  const next = ratioOf(filled);
  if (
    next === undefined ||
    Math.abs(1 - next) <= HPA_TOLERANCE ||
    (ratio < 1 && next > 1) ||
    (ratio > 1 && next < 1)
  )
    return { value, replicas: current };
  const replicas = Math.ceil(next * filled.length);
  if ((next < 1 && replicas > current) || (next > 1 && replicas < current))
    return { value, replicas: current };
  return { value, replicas };
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
  // Pods of the Deployment: deleted and failed ones are ignored [B8].
  const pods = ownedReplicaSets(d, dep)
    .flatMap((rs) => owned.get(rs.meta.uid) ?? [])
    .filter(isActivePod);
  const current = dep.spec.replicas;
  const metrics: readonly HpaMetric[] = hpa.spec.metrics ?? [
    {
      type: 'Resource',
      resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } },
    },
  ];
  // The Resource Metrics API (metrics-server's last scrape), never the live usage.
  const api = {
    metricsServer: d.base.metricsServer,
    podMetrics: d.extra.podMetrics ?? d.base.podMetrics,
  };
  const proposals = metrics.map((m) => {
    const res = m.resource.name;
    const samples = pods.map((p) => {
      const pm = podMetricsOf(api, `${p.meta.namespace}/${p.meta.name}`);
      const request = p.spec.containers.reduce(
        (a, c) =>
          a + ((res === 'cpu' ? c.resources?.requests?.cpu : c.resources?.requests?.memory) ?? 0),
        0,
      );
      // Only CPU sets not-ready pods aside (the readiness rules are about CPU samples) [B8].
      const ready = res !== 'cpu' || isPodReady(p);
      return pm
        ? { ready, request, usage: res === 'cpu' ? pm.cpu : pm.memory }
        : { ready, request };
    });
    const t = m.resource.target;
    return calculateReplicas(
      current,
      samples,
      t.type === 'Utilization'
        ? { ...(t.averageUtilization !== undefined ? { utilization: t.averageUtilization } : {}) }
        : { ...(t.averageValue !== undefined ? { averageValue: t.averageValue } : {}) },
    );
  });
  let hpaNext: Hpa = { ...hpa, nextSyncAt: d.now + HPA_SYNC_MS };
  const status = {
    ...hpa.status,
    currentReplicas: current,
    currentMetrics: proposals.map((v) => v?.value),
  };
  if (current === 0) {
    d.hpas[key] = { ...hpaNext, status }; // replicas 0 disables the HPA (ScalingActive=False) [B8]
    return;
  }
  proposals.forEach((v, i) => {
    if (v) return;
    const res = metrics[i]?.resource.name ?? 'cpu';
    recordEvent(
      d,
      ref('HorizontalPodAutoscaler', hpa.meta),
      'Warning',
      'FailedGetResourceMetric',
      `failed to get ${res} utilization: unable to get metrics for resource ${res}: no metrics returned from resource metrics API`,
      'horizontal-pod-autoscaler',
    );
  });
  // Several metrics: the largest proposal wins; if one failed, never scale down [B8].
  let proposal = current;
  let reason = '';
  let res: string | undefined;
  proposals.forEach((v, i) => {
    if (!v) return;
    if (res === undefined || v.replicas > proposal) {
      proposal = v.replicas;
      res = metrics[i]?.resource.name ?? 'cpu';
    }
  });
  if (proposals.some((v) => !v) && proposal < current) proposal = current;
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
  // stabilizeRecommendationWithBehaviors: scale-up window 0 (the proposal), scale-down the highest
  // recommendation in the window — but never above the current count [K8S-SRC horizontal.go; B8].
  let desired =
    proposal < current
      ? Math.min(current, stabilise(hpa.recommendations, d.now, window, proposal))
      : proposal;
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
