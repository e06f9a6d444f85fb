/**
 * metrics-server: scrapes every kubelet every `--metric-resolution` (15 s by default
 * [kubernetes-sigs/metrics-server README, "--metric-resolution"]) and serves the Resource Metrics
 * API (`metrics.k8s.io`) that `kubectl top` and the HPA read [B1, B8]. Pods appear once scraped
 * while Running on a node whose kubelet answers; between scrapes the API serves the last values.
 * Simulator simplification: a scrape takes the pod's usage at that instant (metrics-server derives
 * a rate from two cumulative samples; our usage only changes when the load does).
 */
import type { Draft } from './draft.ts';
import type { K8sState, Pod } from './model.ts';
import { podCpuUsage, podMemoryUsage } from './usage.ts';

/** metrics-server `--metric-resolution` default. */
export const METRIC_RESOLUTION_MS = 15_000;

/** One pod's entry in the Resource Metrics API. */
export interface PodMetrics {
  /** CPU millicores. */
  readonly cpu: number;
  /** Memory bytes (working set). */
  readonly memory: number;
  /** Simulated ms of the scrape. */
  readonly timestamp: number;
}

/** Scrapes all kubelets when the resolution has elapsed (no-op without metrics-server). */
export function runMetricsServer(d: Draft): void {
  if (!d.base.metricsServer) return;
  const next = d.extra.metricsScrapeAt ?? d.base.metricsScrapeAt ?? 0;
  if (d.now < next) return;
  const usage = {
    replicaSets: d.replicaSets,
    workloadCpu: d.extra.workloadCpu ?? d.base.workloadCpu,
    podTraffic: d.extra.podTraffic ?? d.base.podTraffic,
  };
  const metrics: Record<string, PodMetrics> = {};
  for (const key of Object.keys(d.pods).sort()) {
    const pod = d.pods[key] as Pod;
    if (pod.phase !== 'Running' || pod.nodeName === undefined) continue;
    if (d.nodes[pod.nodeName]?.kubeletUp !== true) continue; // unreachable kubelet: no sample
    metrics[key] = {
      cpu: podCpuUsage(usage, pod, key),
      memory: podMemoryUsage(pod),
      timestamp: d.now,
    };
  }
  d.extra.metricsScrapeAt = d.now + METRIC_RESOLUTION_MS;
  // Same values as the last scrape: keep that record (and `version`) — nothing observable moved.
  const old = d.extra.podMetrics ?? d.base.podMetrics ?? {};
  const keys = Object.keys(metrics);
  const unchanged =
    keys.length === Object.keys(old).length &&
    keys.every((k) => old[k]?.cpu === metrics[k]?.cpu && old[k]?.memory === metrics[k]?.memory);
  if (unchanged) return;
  d.extra.podMetrics = metrics;
  d.changed = true;
}

/** Pure: the Resource Metrics API entry of a pod ("namespace/name"), if metrics-server has one. */
export function podMetricsOf(
  state: Pick<K8sState, 'podMetrics' | 'metricsServer'>,
  key: string,
): PodMetrics | undefined {
  return state.metricsServer ? state.podMetrics?.[key] : undefined;
}
