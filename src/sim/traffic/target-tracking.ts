/**
 * Application Auto Scaling target tracking for ECS services (reference A6.2): the policy, the two
 * CloudWatch alarms AWS creates for it, and the capacity it asks for. Pure.
 */
import { nextHex, type RngState } from '../rng.ts';
import type { AlarmConfig, AlarmStatus } from './alarms.ts';
import { serviceMetricKeys, targetGroupMetricKeys } from './metric-samples.ts';
import type { Statistic } from './metrics.ts';

export type PredefinedMetricType =
  | 'ECSServiceAverageCPUUtilization'
  | 'ECSServiceAverageMemoryUtilization'
  | 'ALBRequestCountPerTarget';

/** Cooldown defaults for ECS services: 300 s each (reference A6.2, CDK quoting AAS defaults). */
export const DEFAULT_SCALE_OUT_COOLDOWN_SECONDS = 300;
export const DEFAULT_SCALE_IN_COOLDOWN_SECONDS = 300;
/**
 * Alarm shape of target tracking (reference A6.2 and F.1, UNVERIFIED there; commonly observed):
 * AlarmHigh = 3 of 3 one-minute datapoints above target; AlarmLow = 15 of 15 below 90 % of target.
 */
export const HIGH_ALARM_DATAPOINTS = 3;
export const LOW_ALARM_DATAPOINTS = 15;
export const LOW_ALARM_THRESHOLD_RATIO = 0.9;

export interface TargetTrackingPolicy {
  readonly policyType: 'TargetTrackingScaling';
  readonly policyName: string;
  readonly predefinedMetricType: PredefinedMetricType;
  /** Percent for CPU/memory; requests per target per minute for ALBRequestCountPerTarget. */
  readonly targetValue: number;
  readonly scaleOutCooldown: number;
  readonly scaleInCooldown: number;
  readonly disableScaleIn: boolean;
  readonly alarmHigh: AlarmConfig;
  /** Absent when disableScaleIn is true (AWS creates no scale-in alarm then). */
  readonly alarmLow?: AlarmConfig;
}

/** What PutScalingPolicy receives (only policyName, metric and target are required). */
export interface TargetTrackingInput {
  readonly policyName: string;
  readonly predefinedMetricType: PredefinedMetricType;
  readonly targetValue: number;
  readonly scaleOutCooldown?: number;
  readonly scaleInCooldown?: number;
  readonly disableScaleIn?: boolean;
}

/** Where the policy's metric lives; `targetGroup` ("app/…/targetgroup/…" split) for ALB metrics. */
export interface ScalingResource {
  readonly cluster: string;
  readonly service: string;
  readonly loadBalancer?: string;
  readonly targetGroup?: string;
}

function uuid(rng: RngState): [string, RngState] {
  const [h, next] = nextHex(rng, 32);
  const v4 = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  return [v4, next];
}

function metricOf(
  type: PredefinedMetricType,
  r: ScalingResource,
): { key: string; statistic: Statistic } {
  if (type === 'ALBRequestCountPerTarget') {
    const k = targetGroupMetricKeys(r.loadBalancer ?? '', r.targetGroup ?? '');
    return { key: k.requestCountPerTarget, statistic: 'Sum' };
  }
  const k = serviceMetricKeys(r.cluster, r.service);
  const key = type === 'ECSServiceAverageCPUUtilization' ? k.cpuUtilization : k.memoryUtilization;
  return { key, statistic: 'Average' };
}

/**
 * Pure: a target-tracking policy with its alarms, named as AWS names them
 * (`TargetTracking-service/<cluster>/<service>-AlarmHigh-<uuid>`, reference A6.2). Draws the two
 * uuids from `rng`; returns the policy and the advanced RNG state.
 */
export function createTargetTrackingPolicy(
  input: TargetTrackingInput,
  resource: ScalingResource,
  rng: RngState,
): [TargetTrackingPolicy, RngState] {
  const prefix = `TargetTracking-service/${resource.cluster}/${resource.service}`;
  const { key, statistic } = metricOf(input.predefinedMetricType, resource);
  const [idHigh, r1] = uuid(rng);
  const [idLow, r2] = uuid(r1);
  const disableScaleIn = input.disableScaleIn ?? false;
  const alarmHigh: AlarmConfig = {
    alarmName: `${prefix}-AlarmHigh-${idHigh}`,
    metricKey: key,
    statistic,
    threshold: input.targetValue,
    comparisonOperator: 'GreaterThanThreshold',
    evaluationPeriods: HIGH_ALARM_DATAPOINTS,
    datapointsToAlarm: HIGH_ALARM_DATAPOINTS,
  };
  const alarmLow: AlarmConfig = {
    alarmName: `${prefix}-AlarmLow-${idLow}`,
    metricKey: key,
    statistic,
    threshold: input.targetValue * LOW_ALARM_THRESHOLD_RATIO,
    comparisonOperator: 'LessThanThreshold',
    evaluationPeriods: LOW_ALARM_DATAPOINTS,
    datapointsToAlarm: LOW_ALARM_DATAPOINTS,
  };
  const policy: TargetTrackingPolicy = {
    policyType: 'TargetTrackingScaling',
    policyName: input.policyName,
    predefinedMetricType: input.predefinedMetricType,
    targetValue: input.targetValue,
    scaleOutCooldown: input.scaleOutCooldown ?? DEFAULT_SCALE_OUT_COOLDOWN_SECONDS,
    scaleInCooldown: input.scaleInCooldown ?? DEFAULT_SCALE_IN_COOLDOWN_SECONDS,
    disableScaleIn,
    alarmHigh,
    ...(disableScaleIn ? {} : { alarmLow }),
  };
  return [policy, r2];
}

/**
 * Pure: the capacity target tracking asks for when the metric is `metric` on `capacity` tasks:
 * ceil(capacity × metric / target) (reference A6.2 derived formula, F.2). Rounding up serves both
 * directions: on scale-out it adds whole tasks, on scale-in it removes only whole tasks' worth
 * (AAS rounds conservatively: up when adding, down when removing — the removal is floored).
 */
export function targetTrackingCapacity(capacity: number, metric: number, target: number): number {
  if (target <= 0) return capacity;
  return Math.ceil((capacity * metric) / target - 1e-9);
}

/** A policy's request for the scaling decision: a capacity function of the base capacity. */
export interface ScalingProposal {
  readonly policyName: string;
  readonly direction: 'out' | 'in';
  /** The alarm whose state triggered it (for the activity's cause). */
  readonly alarmName: string;
  readonly capacityFrom: (base: number) => number;
}

/**
 * Pure: what the policy wants given its alarm states this minute: scale out while AlarmHigh is in
 * ALARM; scale in while AlarmLow is in ALARM and scale-in is enabled. No action on OK or
 * INSUFFICIENT_DATA (reference A6.2). The metric value used is the newest datapoint of the alarm.
 */
export function proposeTargetTracking(
  policy: TargetTrackingPolicy,
  high: AlarmStatus,
  low: AlarmStatus | undefined,
): ScalingProposal | undefined {
  const t = policy.targetValue;
  if (high.state === 'ALARM' && high.lastValue !== undefined) {
    const v = high.lastValue;
    return {
      policyName: policy.policyName,
      direction: 'out',
      alarmName: high.alarmName,
      capacityFrom: (base) => targetTrackingCapacity(Math.max(1, base), v, t),
    };
  }
  if (!policy.disableScaleIn && low?.state === 'ALARM' && low.lastValue !== undefined) {
    const v = low.lastValue;
    return {
      policyName: policy.policyName,
      direction: 'in',
      alarmName: low.alarmName,
      capacityFrom: (base) => Math.min(base, targetTrackingCapacity(base, v, t)),
    };
  }
  return undefined;
}
