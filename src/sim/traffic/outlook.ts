/**
 * Pure read-only views of the traffic state for the panels and canvas: a service's alarms in short
 * form and the next scaling action the rules would take if the metric stays where it is.
 */
import type { SimState } from '../model.ts';
import type { AlarmStatus } from './alarms.ts';
import type { ScalingState } from './autoscaling.ts';

export interface AlarmView {
  /** "AlarmHigh" / "AlarmLow" for target tracking, the alarm name for step scaling. */
  readonly label: string;
  readonly state: AlarmStatus['state'];
  readonly breaching: number;
  readonly needed: number;
  readonly threshold: number;
}

export interface ScalingOutlook {
  readonly alarms: readonly AlarmView[];
  /** One sentence: what Application Auto Scaling will do next, and when. */
  readonly next: string;
  readonly minCapacity: number;
  readonly maxCapacity: number;
  /** Target value of the first target-tracking policy (for the chart's target line). */
  readonly targetValue?: number;
}

function label(name: string): string {
  const m = /-(AlarmHigh|AlarmLow)-/.exec(name);
  return m ? (m[1] as string) : name;
}

/** Pure: the outlook of a service's scalable target, or undefined when it has none. */
export function scalingOutlook(state: SimState, service: string): ScalingOutlook | undefined {
  const sc: ScalingState | undefined = state.traffic?.scaling[service];
  const svc = state.services[service];
  if (!sc || !svc) return undefined;
  const alarms = Object.values(sc.alarms).map((a) => ({
    label: label(a.alarmName),
    state: a.state,
    breaching: a.breaching,
    needed: a.datapointsToAlarm,
    threshold: a.threshold,
  }));
  const tt = sc.policies.find((p) => p.policyType === 'TargetTrackingScaling');
  const base = {
    alarms,
    minCapacity: sc.target.minCapacity,
    maxCapacity: sc.target.maxCapacity,
    ...(tt && tt.policyType === 'TargetTrackingScaling' ? { targetValue: tt.targetValue } : {}),
  };
  if (!tt || tt.policyType !== 'TargetTrackingScaling') {
    return {
      ...base,
      next: sc.policies.length
        ? 'step scaling: acts while its alarm is in ALARM'
        : 'no scaling policy',
    };
  }
  const high = sc.alarms[tt.alarmHigh.alarmName];
  const low = tt.alarmLow ? sc.alarms[tt.alarmLow.alarmName] : undefined;
  const rt = sc.runtime[tt.policyName];
  const now = state.now;
  const desired = svc.desiredCount;
  let next: string;
  if (!high || high.state === 'INSUFFICIENT_DATA') {
    next = 'waiting for CloudWatch datapoints (1 per minute)';
  } else if (high.state === 'ALARM') {
    const until = (rt?.lastScaleOutAt ?? -Infinity) + tt.scaleOutCooldown * 1000;
    next =
      desired >= sc.target.maxCapacity
        ? `at max capacity ${sc.target.maxCapacity}: cannot scale out further`
        : now < until
          ? `scale-out cooldown: next scale-out possible in ${Math.ceil((until - now) / 1000)} s`
          : 'scale out at the next minute';
  } else if (high.breaching > 0) {
    const left = high.datapointsToAlarm - high.breaching;
    next = `scale out in ${left} min if CPU stays above ${tt.targetValue} %`;
  } else if (low && low.state === 'ALARM') {
    next =
      desired <= sc.target.minCapacity
        ? `at min capacity ${sc.target.minCapacity}: nothing to scale in`
        : 'scale in at the next minute';
  } else if (low && low.breaching > 0) {
    const left = low.datapointsToAlarm - low.breaching;
    next =
      desired <= sc.target.minCapacity
        ? `at min capacity ${sc.target.minCapacity}`
        : `scale in after ${left} more min below ${low.threshold.toFixed(0)} %`;
  } else {
    next = `steady: between ${(tt.targetValue * 0.9).toFixed(0)} % and ${tt.targetValue} %`;
  }
  return { ...base, next };
}
