/**
 * Which CloudWatch metrics the simulation publishes and how one second of simulation becomes one
 * sample of each (reference A5.7 for AWS/ECS; ALB metric names as in the AWS/ApplicationELB
 * namespace). The minute statistics are then taken by metrics.ts.
 */
import type { ContainerInstance, ServiceCounts } from '../model.ts';
import { metricKey, type Statistic } from './metrics.ts';
import type { ServiceUtilization } from './utilization.ts';

/** Metric keys of one ECS service (dimensions ClusterName, ServiceName). */
/**
 * Metric keys are built every step for every service and target group: remembered per dimension
 * pair (pure memoisation of pure functions; bounded, so a long session does not grow it forever).
 */
const MAX_MEMO = 4096;
function memo<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let v = cache.get(key);
  if (v === undefined) {
    if (cache.size >= MAX_MEMO) cache.clear();
    cache.set(key, (v = make()));
  }
  return v;
}
const serviceKeys = new Map<string, ReturnType<typeof makeServiceMetricKeys>>();
const targetGroupKeys = new Map<string, ReturnType<typeof makeTargetGroupMetricKeys>>();

export function serviceMetricKeys(cluster: string, service: string) {
  return memo(serviceKeys, JSON.stringify([cluster, service]), () =>
    makeServiceMetricKeys(cluster, service),
  );
}

export function targetGroupMetricKeys(loadBalancer: string, targetGroup: string) {
  return memo(targetGroupKeys, JSON.stringify([loadBalancer, targetGroup]), () =>
    makeTargetGroupMetricKeys(loadBalancer, targetGroup),
  );
}

function makeServiceMetricKeys(cluster: string, service: string) {
  const d = { ClusterName: cluster, ServiceName: service };
  return {
    cpuUtilization: metricKey('AWS/ECS', 'CPUUtilization', d),
    memoryUtilization: metricKey('AWS/ECS', 'MemoryUtilization', d),
    // Task counts are Container Insights metrics (namespace ECS/ContainerInsights).
    runningTaskCount: metricKey('ECS/ContainerInsights', 'RunningTaskCount', d),
    pendingTaskCount: metricKey('ECS/ContainerInsights', 'PendingTaskCount', d),
    desiredTaskCount: metricKey('ECS/ContainerInsights', 'DesiredTaskCount', d),
  } as const;
}

/** Metric keys of one target group; `loadBalancer` is "app/<name>/<id>", `targetGroup` "targetgroup/<name>/<id>". */
function makeTargetGroupMetricKeys(loadBalancer: string, targetGroup: string) {
  const d = { LoadBalancer: loadBalancer, TargetGroup: targetGroup };
  return {
    requestCount: metricKey('AWS/ApplicationELB', 'RequestCount', d),
    requestCountPerTarget: metricKey('AWS/ApplicationELB', 'RequestCountPerTarget', {
      TargetGroup: targetGroup,
    }),
    targetResponseTime: metricKey('AWS/ApplicationELB', 'TargetResponseTime', d),
    httpCodeTarget5xx: metricKey('AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', d),
    healthyHostCount: metricKey('AWS/ApplicationELB', 'HealthyHostCount', d),
  } as const;
}

/** Metric keys of the cluster (dimension ClusterName). */
export function clusterMetricKeys(cluster: string) {
  const d = { ClusterName: cluster };
  return {
    cpuReservation: metricKey('AWS/ECS', 'CPUReservation', d),
    memoryReservation: metricKey('AWS/ECS', 'MemoryReservation', d),
  } as const;
}

/** Container Insights ContainerInstanceCount of the cluster. */
export function containerInstanceCountKey(cluster: string): string {
  return metricKey('ECS/ContainerInsights', 'ContainerInstanceCount', { ClusterName: cluster });
}

/** The statistic each published metric is read with (CloudWatch's documented one for ALB counts). */
export const METRIC_STATISTIC: Readonly<Record<string, Statistic>> = {
  CPUUtilization: 'Average',
  MemoryUtilization: 'Average',
  RunningTaskCount: 'Average',
  PendingTaskCount: 'Average',
  DesiredTaskCount: 'Average',
  RequestCount: 'Sum',
  RequestCountPerTarget: 'Sum',
  TargetResponseTime: 'Average',
  HTTPCode_Target_5XX_Count: 'Sum',
  HealthyHostCount: 'Average',
  CPUReservation: 'Average',
  MemoryReservation: 'Average',
};

/** Pure: one second's samples for an ECS service (utilisation absent when it has no task). */
export function serviceSamples(
  cluster: string,
  service: string,
  counts: ServiceCounts,
  util?: ServiceUtilization,
): Record<string, number> {
  const keys: string[] = [];
  const values: number[] = [];
  pushServiceSamples(keys, values, serviceMetricKeys(cluster, service), counts, util);
  return Object.fromEntries(keys.map((k, i) => [k, values[i]!]));
}

/** Where sample keys go: an array, or anything that takes keys one at a time like one. */
export interface KeySink {
  push(key: string): unknown;
}

/** Where sample values go: an array, or anything that takes values one at a time like one. */
export interface ValueSink {
  push(value: number): unknown;
}

/** `serviceSamples` appended to parallel key and value arrays (the traffic step's sample row). */
export function pushServiceSamples(
  keys: KeySink,
  values: ValueSink,
  k: ReturnType<typeof serviceMetricKeys>,
  counts: ServiceCounts,
  util?: ServiceUtilization,
): void {
  // One key and value at a time (the sinks take one; no argument arrays in the step's hot path).
  keys.push(k.runningTaskCount);
  keys.push(k.pendingTaskCount);
  keys.push(k.desiredTaskCount);
  values.push(counts.runningCount);
  values.push(counts.pendingCount);
  values.push(counts.desiredCount);
  // No running task → no utilisation datapoint (CloudWatch then has missing data).
  if (util !== undefined && util.taskCount > 0) {
    keys.push(k.cpuUtilization);
    keys.push(k.memoryUtilization);
    values.push(util.cpuPercent);
    values.push(util.memoryPercent);
  }
}

/** What a target group did in one step. */
export interface TargetGroupStep {
  readonly requests: number;
  readonly healthyTargets: number;
  /** Registered targets that received traffic (used instead of healthy ones when failing open). */
  readonly routedTargets: number;
  readonly errors5xx: number;
  /** Mean response time in ms of the requests served. */
  readonly latencyMs: number;
}

/**
 * Pure: one step's samples for a target group. RequestCountPerTarget = RequestCount / healthy
 * targets (CloudWatch's definition; with none healthy we divide by the targets that got traffic),
 * summed per minute, so its unit is requests per target per minute as ALBRequestCountPerTarget
 * target tracking expects (reference A6.2). TargetResponseTime is in seconds.
 */
export function targetGroupSamples(
  loadBalancer: string,
  targetGroup: string,
  step: TargetGroupStep,
): Record<string, number> {
  const keys: string[] = [];
  const values: number[] = [];
  pushTargetGroupSamples(keys, values, targetGroupMetricKeys(loadBalancer, targetGroup), step);
  return Object.fromEntries(keys.map((k, i) => [k, values[i]!]));
}

/** `targetGroupSamples` appended to parallel key and value arrays (the traffic step's sample row). */
export function pushTargetGroupSamples(
  keys: KeySink,
  values: ValueSink,
  k: ReturnType<typeof targetGroupMetricKeys>,
  step: TargetGroupStep,
): void {
  const divisor = step.healthyTargets > 0 ? step.healthyTargets : step.routedTargets;
  keys.push(k.requestCount);
  keys.push(k.httpCodeTarget5xx);
  keys.push(k.healthyHostCount);
  keys.push(k.requestCountPerTarget);
  values.push(step.requests);
  values.push(step.errors5xx);
  values.push(step.healthyTargets);
  values.push(divisor > 0 ? step.requests / divisor : 0);
  if (step.requests > 0) {
    keys.push(k.targetResponseTime);
    values.push(step.latencyMs / 1000);
  }
}

/**
 * Pure: cluster CPUReservation and MemoryReservation in percent (A5.7): units reserved by tasks ×
 * 100 / units registered by ACTIVE and DRAINING instances. Undefined when nothing is registered.
 */
export function clusterReservation(
  instances: readonly ContainerInstance[],
): { readonly cpuReservation: number; readonly memoryReservation: number } | undefined {
  let cpuReg = 0;
  let cpuRes = 0;
  let memReg = 0;
  let memRes = 0;
  for (const i of instances) {
    if (i.status !== 'ACTIVE' && i.status !== 'DRAINING') continue;
    cpuReg += i.registeredCpu;
    memReg += i.registeredMemory;
    cpuRes += i.registeredCpu - i.remainingCpu;
    memRes += i.registeredMemory - i.remainingMemory;
  }
  if (cpuReg <= 0 || memReg <= 0) return undefined;
  return { cpuReservation: (cpuRes * 100) / cpuReg, memoryReservation: (memRes * 100) / memReg };
}
