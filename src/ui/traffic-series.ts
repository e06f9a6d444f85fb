/**
 * Chart series of one load-balanced service, read from the CloudWatch minute datapoints in the
 * state (plus the minute being filled, so the charts move every simulated second). Pure.
 */
import { SIM_EPOCH_MS, traffic, type SimState } from '../sim/index.ts';

/** uPlot's column data: x (epoch seconds) then one array per series (null = gap). */
export type Columns = [number[], ...(number | null)[][]];

export interface TrafficSeries {
  readonly cpu: Columns; // CPU %, target line
  readonly requests: Columns; // requests/s, target 5xx/s
  readonly tasks: Columns; // desired, running, pending, instances
  readonly hasInstances: boolean;
}

/** Last `minutes` minutes shown. */
export const CHART_MINUTES = 60;

export function trafficSeries(state: SimState, service: string): TrafficSeries | undefined {
  const tr = state.traffic;
  if (!tr) return undefined;
  const store = tr.metrics;
  const cluster = state.cluster.clusterName;
  const k = traffic.serviceMetricKeys(cluster, service);
  const b = tr.serviceLoadBalancers[service];
  const lb = b ? tr.loadBalancers[b.loadBalancerName] : undefined;
  const tg = b ? lb?.targetGroups[b.targetGroupName] : undefined;
  const tk =
    lb && tg
      ? traffic.targetGroupMetricKeys(traffic.lbDimension(lb.arn), traffic.tgDimension(tg.arn))
      : undefined;
  const since = state.now - CHART_MINUTES * 60_000;
  const read = (key: string | undefined) =>
    key === undefined ? [] : traffic.liveDatapoints(store, key).filter((p) => p.timestamp >= since);
  const cpu = read(k.cpuUtilization);
  const xs = read(k.desiredTaskCount).map((p) => p.timestamp);
  const at = (points: readonly traffic.Datapoint[], f: (p: traffic.Datapoint) => number) => {
    const m = new Map(points.map((p) => [p.timestamp, f(p)]));
    return xs.map((x) => m.get(x) ?? null);
  };
  const x = xs.map((t) => (SIM_EPOCH_MS + t) / 1000);
  const target = traffic.scalingOutlook(state, service)?.targetValue;
  // A rate from a per-second Sum: sum ÷ seconds sampled (the partial minute has fewer samples).
  const rate = (p: traffic.Datapoint) => (p.sampleCount > 0 ? p.sum / p.sampleCount : 0);
  const instances = read(traffic.containerInstanceCountKey(cluster));
  return {
    cpu: [x, at(cpu, (p) => p.average), xs.map(() => target ?? null)],
    requests: [x, at(read(tk?.requestCount), rate), at(read(tk?.httpCodeTarget5xx), rate)],
    tasks: [
      x,
      at(read(k.desiredTaskCount), (p) => p.maximum),
      at(read(k.runningTaskCount), (p) => p.average),
      at(read(k.pendingTaskCount), (p) => p.average),
      at(instances, (p) => p.average),
    ],
    hasInstances: instances.length > 0,
  };
}
