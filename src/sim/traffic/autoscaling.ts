/**
 * Application Auto Scaling for one ECS service: the scalable target, its policies and scheduled
 * actions, and `evaluateScaling`, which the simulation calls every step. Pure: returns a new state.
 */
import { evaluateAlarm, type AlarmConfig, type AlarmStatus } from './alarms.ts';
import { datapointsFrom, PERIOD_MS, type Datapoint, type MetricsStore } from './metrics.ts';
import {
  applyScheduledAction,
  firesBetween,
  parseSchedule,
  type ScheduledAction,
} from './scheduled-scaling.ts';
import { decideScaling, type PolicyRuntime } from './scaling-decision.ts';
import type { StepScalingPolicy } from './step-scaling.ts';
import type { TargetTrackingPolicy } from './target-tracking.ts';

/** RegisterScalableTarget for an ECS service (reference A6.1). */
export interface ScalableTarget {
  readonly serviceNamespace: 'ecs';
  /** `service/<cluster>/<service>` */
  readonly resourceId: string;
  readonly scalableDimension: 'ecs:service:DesiredCount';
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly suspendedState: {
    readonly dynamicScalingInSuspended: boolean;
    readonly dynamicScalingOutSuspended: boolean;
    readonly scheduledScalingSuspended: boolean;
  };
}

export type ScalingPolicy = TargetTrackingPolicy | StepScalingPolicy;

export interface ScalingState {
  readonly target: ScalableTarget;
  readonly policies: readonly ScalingPolicy[];
  readonly scheduledActions: readonly ScheduledAction[];
  readonly runtime: Readonly<Record<string, PolicyRuntime>>;
  readonly alarms: Readonly<Record<string, AlarmStatus>>;
  readonly lastEvaluatedAt: number;
  readonly activityCount: number;
}

/** A DescribeScalingActivities entry, worded as AWS words it (aws-cli example output). */
export interface ScalingActivity {
  readonly activityId: string;
  readonly resourceId: string;
  readonly description: string;
  readonly cause: string;
  readonly statusCode: 'Successful';
  readonly statusMessage: string;
  readonly startTime: number;
  readonly fromDesired: number;
  readonly toDesired: number;
}

export interface ScalingResult {
  readonly state: ScalingState;
  /** Set when the service's desiredCount must change. */
  readonly newDesired?: number;
  readonly activity?: ScalingActivity;
  /** Every alarm's current status, for the UI. */
  readonly alarms: readonly AlarmStatus[];
}

/** Where datapoints come from: the metrics store, or any lookup by metric key. */
export type DatapointSource = MetricsStore | ((metricKey: string) => readonly Datapoint[]);

/** Pure: a new scaling state at simulated time `now` (no policy has acted yet). */
export function createScalingState(
  cluster: string,
  service: string,
  range: { readonly minCapacity: number; readonly maxCapacity: number },
  policies: readonly ScalingPolicy[] = [],
  scheduledActions: readonly ScheduledAction[] = [],
  now = 0,
): ScalingState {
  const target: ScalableTarget = {
    serviceNamespace: 'ecs',
    resourceId: `service/${cluster}/${service}`,
    scalableDimension: 'ecs:service:DesiredCount',
    ...range,
    suspendedState: {
      dynamicScalingInSuspended: false,
      dynamicScalingOutSuspended: false,
      scheduledScalingSuspended: false,
    },
  };
  return {
    target,
    policies,
    scheduledActions,
    runtime: {},
    alarms: {},
    lastEvaluatedAt: now,
    activityCount: 0,
  };
}

function alarmsOf(p: ScalingPolicy): AlarmConfig[] {
  if (p.policyType === 'StepScaling') return [p.alarm];
  return p.alarmLow === undefined ? [p.alarmHigh] : [p.alarmHigh, p.alarmLow];
}

/**
 * Pure: one evaluation at simulated time `now` for a service whose desiredCount is `currentDesired`.
 * Scheduled actions fire when their time falls in (lastEvaluatedAt, now] and ignore cooldowns
 * (A6.2, A6.4). Alarms and dynamic policies are evaluated once per minute boundary (1-minute
 * datapoints; Auto Scaling alarm actions repeat each minute while in ALARM). Scale out if any policy
 * says so (the largest capacity wins); scale in only if every target-tracking policy with scale-in
 * enabled agrees (A6.2); scale-in is off during a deployment (A6.1). Result clamped to [min, max].
 */
export function evaluateScaling(
  state: ScalingState,
  source: DatapointSource,
  now: number,
  currentDesired: number,
  options: { readonly deploymentInProgress?: boolean } = {},
): ScalingResult {
  let target = state.target;
  let desired = currentDesired;
  let cause: string | undefined;
  let scheduledDesc: string | undefined;
  if (!target.suspendedState.scheduledScalingSuspended) {
    for (const action of state.scheduledActions) {
      const schedule = parseSchedule(action.schedule);
      if (typeof schedule === 'string' || !firesBetween(schedule, state.lastEvaluatedAt, now))
        continue;
      const r = applyScheduledAction(action, target, desired);
      target = { ...target, minCapacity: r.minCapacity, maxCapacity: r.maxCapacity };
      desired = r.desired;
      // Cause/description as recalled from the AAS guide's examples (UNVERIFIED wording).
      cause = `scheduled action name ${action.scheduledActionName} was triggered`;
      scheduledDesc = `Setting min capacity to ${r.minCapacity} and max capacity to ${r.maxCapacity}`;
    }
  }

  let alarms = state.alarms;
  let runtime = state.runtime;
  const newMinute = Math.floor(now / PERIOD_MS) > Math.floor(state.lastEvaluatedAt / PERIOD_MS);
  if (newMinute) {
    // From a store, only the datapoints an alarm's evaluation window can hold (evaluationWindow
    // drops older ones): the last evaluationPeriods complete minutes.
    const read = (a: AlarmConfig): readonly Datapoint[] =>
      typeof source === 'function'
        ? source(a.metricKey)
        : datapointsFrom(
            source,
            a.metricKey,
            now,
            (Math.floor(now / PERIOD_MS) - a.evaluationPeriods) * PERIOD_MS,
          );
    const next: Record<string, AlarmStatus> = {};
    for (const p of state.policies) {
      for (const a of alarmsOf(p))
        next[a.alarmName] = evaluateAlarm(a, read(a), now, alarms[a.alarmName]);
    }
    alarms = next;
    const decided = decideScaling(state.policies, alarms, runtime, target, desired, now, options);
    if (decided !== undefined) {
      desired = decided.capacity;
      cause = `monitor alarm ${decided.proposal.alarmName} in state ALARM triggered policy ${decided.proposal.policyName}`;
      runtime = decided.runtime;
    }
  }

  const base: ScalingState = { ...state, target, alarms, runtime, lastEvaluatedAt: now };
  const alarmList = Object.values(alarms);
  if (desired === currentDesired || cause === undefined) return { state: base, alarms: alarmList };
  const n = state.activityCount + 1;
  const activity: ScalingActivity = {
    activityId: `${target.resourceId}/activity-${n}`,
    resourceId: target.resourceId,
    description: scheduledDesc ?? `Setting desired count to ${desired}.`,
    cause,
    statusCode: 'Successful',
    // aws-cli describe-scaling-activities example output.
    statusMessage: `Successfully set desired count to ${desired}. Change successfully fulfilled by ecs.`,
    startTime: now,
    fromDesired: currentDesired,
    toDesired: desired,
  };
  return { state: { ...base, activityCount: n }, newDesired: desired, activity, alarms: alarmList };
}
