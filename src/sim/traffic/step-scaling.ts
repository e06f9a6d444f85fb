/**
 * Application Auto Scaling step scaling (reference A6.3): a user-made alarm plus step adjustments
 * whose bounds are relative to the alarm threshold. Pure.
 */
import type { AlarmConfig, AlarmStatus } from './alarms.ts';
import type { ScalingProposal } from './target-tracking.ts';

export type AdjustmentType = 'ChangeInCapacity' | 'ExactCapacity' | 'PercentChangeInCapacity';

/** Bounds are offsets from the alarm threshold; undefined means −∞ (lower) or +∞ (upper). */
export interface StepAdjustment {
  readonly metricIntervalLowerBound?: number;
  readonly metricIntervalUpperBound?: number;
  readonly scalingAdjustment: number;
}

export interface StepScalingPolicy {
  readonly policyType: 'StepScaling';
  readonly policyName: string;
  readonly adjustmentType: AdjustmentType;
  readonly stepAdjustments: readonly StepAdjustment[];
  readonly minAdjustmentMagnitude?: number;
  /** Seconds; default 300 [AAS-API] StepScalingPolicyConfiguration (reference A6.3). */
  readonly cooldown: number;
  /** The CloudWatch alarm the user created for this policy. */
  readonly alarm: AlarmConfig;
}

export const DEFAULT_STEP_COOLDOWN_SECONDS = 300;

/**
 * Pure: validation errors for a step list (reference A6.3): ranges may not overlap or leave gaps;
 * at most one null lower bound and one null upper bound; no step with both null.
 */
export function validateStepAdjustments(steps: readonly StepAdjustment[]): string[] {
  const errors: string[] = [];
  const lo = (s: StepAdjustment): number => s.metricIntervalLowerBound ?? -Infinity;
  const hi = (s: StepAdjustment): number => s.metricIntervalUpperBound ?? Infinity;
  if (
    steps.some(
      (s) => s.metricIntervalLowerBound === undefined && s.metricIntervalUpperBound === undefined,
    )
  ) {
    errors.push('A step adjustment cannot have both a null lower bound and a null upper bound.');
  }
  if (steps.filter((s) => s.metricIntervalLowerBound === undefined).length > 1) {
    errors.push('Only one step adjustment can have a null lower bound.');
  }
  if (steps.filter((s) => s.metricIntervalUpperBound === undefined).length > 1) {
    errors.push('Only one step adjustment can have a null upper bound.');
  }
  const sorted = [...steps].sort((a, b) => lo(a) - lo(b));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1] as StepAdjustment;
    const cur = sorted[i] as StepAdjustment;
    if (hi(prev) > lo(cur)) errors.push('Step adjustment intervals cannot overlap.');
    else if (hi(prev) < lo(cur)) errors.push('Step adjustment intervals cannot have gaps.');
  }
  return errors;
}

/**
 * Pure: the step that applies to `breach` = metric − threshold. Above the threshold (breach ≥ 0) the
 * lower bound is inclusive and the upper exclusive; below it the lower is exclusive and the upper
 * inclusive (reference A6.3).
 */
export function findStep(
  steps: readonly StepAdjustment[],
  breach: number,
): StepAdjustment | undefined {
  return steps.find((s) => {
    const lo = s.metricIntervalLowerBound ?? -Infinity;
    const hi = s.metricIntervalUpperBound ?? Infinity;
    return breach >= 0 ? breach >= lo && breach < hi : breach > lo && breach <= hi;
  });
}

/**
 * Pure: the new capacity for `current` after a step. PercentChangeInCapacity rounds toward zero,
 * but a change between 0 and ±1 becomes ±1 (the Auto Scaling rounding rule, assumed the same in
 * AAS); then MinAdjustmentMagnitude raises a smaller change to that size (A6.3: 25 % of 4 = 1 but
 * min magnitude 2 → +2).
 */
export function applyAdjustment(
  type: AdjustmentType,
  adjustment: number,
  current: number,
  minAdjustmentMagnitude = 0,
): number {
  if (type === 'ExactCapacity') return Math.max(0, adjustment);
  let delta = adjustment;
  if (type === 'PercentChangeInCapacity') {
    const raw = (current * adjustment) / 100;
    delta = raw === 0 ? 0 : Math.abs(raw) < 1 ? Math.sign(raw) : Math.trunc(raw);
    if (delta !== 0 && Math.abs(delta) < minAdjustmentMagnitude) {
      delta = Math.sign(delta) * minAdjustmentMagnitude;
    }
  }
  return Math.max(0, current + delta);
}

/**
 * Pure: the policy's request while its alarm is in ALARM (alarm actions repeat every minute the
 * alarm stays in ALARM for Auto Scaling actions); none otherwise or when no step matches.
 */
export function proposeStepScaling(
  policy: StepScalingPolicy,
  alarm: AlarmStatus,
): ScalingProposal | undefined {
  if (alarm.state !== 'ALARM' || alarm.lastValue === undefined) return undefined;
  const step = findStep(policy.stepAdjustments, alarm.lastValue - policy.alarm.threshold);
  if (step === undefined) return undefined;
  const f = (base: number): number =>
    applyAdjustment(
      policy.adjustmentType,
      step.scalingAdjustment,
      base,
      policy.minAdjustmentMagnitude,
    );
  const grows = policy.adjustmentType === 'ExactCapacity' ? undefined : step.scalingAdjustment > 0;
  return {
    policyName: policy.policyName,
    // ExactCapacity's direction depends on the current capacity; decided by the caller via f.
    direction: grows === false ? 'in' : 'out',
    alarmName: alarm.alarmName,
    capacityFrom: f,
  };
}
