import { describe, expect, it } from 'vitest';
import type { AlarmConfig } from '../../../src/sim/traffic/alarms.ts';
import { createScalingState, evaluateScaling } from '../../../src/sim/traffic/autoscaling.ts';
import {
  createMetricsStore,
  recordSamples,
  type MetricsStore,
} from '../../../src/sim/traffic/metrics.ts';
import { firesBetween, parseSchedule } from '../../../src/sim/traffic/scheduled-scaling.ts';
import {
  applyAdjustment,
  findStep,
  validateStepAdjustments,
  type StepAdjustment,
  type StepScalingPolicy,
} from '../../../src/sim/traffic/step-scaling.ts';

// The AAS guide's example shape (reference A6.3): threshold 50; steps relative to it.
const STEPS: StepAdjustment[] = [
  { metricIntervalLowerBound: 0, metricIntervalUpperBound: 10, scalingAdjustment: 10 },
  { metricIntervalLowerBound: 10, metricIntervalUpperBound: 20, scalingAdjustment: 20 },
  { metricIntervalLowerBound: 20, scalingAdjustment: 30 },
];

describe('step scaling (reference A6.3)', () => {
  it('bounds: above the threshold lower is inclusive and upper exclusive', () => {
    expect(findStep(STEPS, 0)?.scalingAdjustment).toBe(10);
    expect(findStep(STEPS, 9.99)?.scalingAdjustment).toBe(10);
    expect(findStep(STEPS, 10)?.scalingAdjustment).toBe(20);
    expect(findStep(STEPS, 20)?.scalingAdjustment).toBe(30);
    expect(findStep(STEPS, 1000)?.scalingAdjustment).toBe(30);
  });

  it('bounds: below the threshold lower is exclusive and upper inclusive', () => {
    const down: StepAdjustment[] = [
      { metricIntervalLowerBound: -10, metricIntervalUpperBound: 0, scalingAdjustment: -10 },
      { metricIntervalUpperBound: -10, scalingAdjustment: -30 },
    ];
    expect(findStep(down, -10)?.scalingAdjustment).toBe(-30);
    expect(findStep(down, -9.5)?.scalingAdjustment).toBe(-10);
  });

  it('rejects gaps, overlaps and a step with both bounds null', () => {
    expect(validateStepAdjustments(STEPS)).toEqual([]);
    expect(
      validateStepAdjustments([STEPS[0] as StepAdjustment, STEPS[2] as StepAdjustment]),
    ).toContain('Step adjustment intervals cannot have gaps.');
    expect(
      validateStepAdjustments([
        { metricIntervalLowerBound: 0, metricIntervalUpperBound: 15, scalingAdjustment: 1 },
        STEPS[1] as StepAdjustment,
      ]),
    ).toContain('Step adjustment intervals cannot overlap.');
    expect(validateStepAdjustments([{ scalingAdjustment: 1 }])).toHaveLength(1);
  });

  it('adjustment types, percent rounding and MinAdjustmentMagnitude', () => {
    expect(applyAdjustment('ChangeInCapacity', 3, 4)).toBe(7);
    expect(applyAdjustment('ChangeInCapacity', -10, 4)).toBe(0);
    expect(applyAdjustment('ExactCapacity', 6, 4)).toBe(6);
    expect(applyAdjustment('PercentChangeInCapacity', 30, 10)).toBe(13);
    expect(applyAdjustment('PercentChangeInCapacity', 10, 4)).toBe(5); // 0.4 rounds to 1
    expect(applyAdjustment('PercentChangeInCapacity', 25, 4, 2)).toBe(6); // A6.3: 25 % of 4 = 1, min magnitude 2 → +2
    expect(applyAdjustment('PercentChangeInCapacity', -30, 10)).toBe(7);
  });

  it('acts when its alarm goes to ALARM, then waits for its cooldown', () => {
    const alarm: AlarmConfig = {
      alarmName: 'web-cpu-gt-50',
      metricKey: 'cpu',
      statistic: 'Average',
      threshold: 50,
      comparisonOperator: 'GreaterThanThreshold',
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
    };
    const policy: StepScalingPolicy = {
      policyType: 'StepScaling',
      policyName: 'web-step-out',
      adjustmentType: 'ChangeInCapacity',
      cooldown: 300,
      alarm,
      stepAdjustments: [
        { metricIntervalLowerBound: 0, metricIntervalUpperBound: 20, scalingAdjustment: 1 },
        { metricIntervalLowerBound: 20, scalingAdjustment: 3 },
      ],
    };
    let scaling = createScalingState('default', 'web', { minCapacity: 1, maxCapacity: 20 }, [
      policy,
    ]);
    let store: MetricsStore = createMetricsStore();
    let desired = 2;
    const changes: [number, number][] = [];
    for (let now = 1000; now <= 420_000; now += 1000) {
      store = recordSamples(store, now - 1000, { cpu: 75 });
      const r = evaluateScaling(scaling, store, now, desired);
      scaling = r.state;
      if (r.newDesired !== undefined) changes.push([now, (desired = r.newDesired)]);
    }
    // 75 − 50 = 25 ≥ 20 → +3 at the first complete minute (60 s); the cooldown (300 s) holds the
    // same step (base 2 + 3 = 5 is not larger), so the next +3 comes at 360 s.
    expect(changes).toEqual([
      [60_000, 5],
      [360_000, 8],
    ]);
  });
});

describe('scheduled scaling (reference A6.4)', () => {
  it('parses at, rate and cron expressions over simulated UTC time (t = 0 is 2026-01-01T00:00:00Z)', () => {
    expect(parseSchedule('at(2026-01-01T00:10:00)')).toEqual({ kind: 'at', atMs: 600_000 });
    expect(parseSchedule('at(2026-01-02T00:00:30)')).toEqual({ kind: 'at', atMs: 86_430_000 });
    expect(parseSchedule('rate(5 minutes)')).toEqual({ kind: 'rate', everyMs: 300_000 });
    const cron = parseSchedule('cron(0 9 * * ? *)');
    expect(typeof cron).toBe('object');
    if (typeof cron === 'object') {
      expect(firesBetween(cron, 9 * 3_600_000 - 1000, 9 * 3_600_000)).toBe(true);
      expect(firesBetween(cron, 9 * 3_600_000, 9 * 3_600_000 + 1000)).toBe(false);
      expect(firesBetween(cron, 33 * 3_600_000 - 1000, 33 * 3_600_000)).toBe(true); // next day 09:00
    }
    expect(typeof parseSchedule('cron(0 9 1 * ? *)')).toBe('string');
    expect(typeof parseSchedule('every day')).toBe('string');
  });

  it('sets min/max at the scheduled time, moves desired into range, and ignores cooldowns', () => {
    const scaling = createScalingState(
      'default',
      'web',
      { minCapacity: 1, maxCapacity: 10 },
      [],
      [
        {
          scheduledActionName: 'morning-peak',
          schedule: 'at(2026-01-01T00:10:00)',
          minCapacity: 5,
          maxCapacity: 20,
        },
      ],
      599_000,
    );
    const before = evaluateScaling(scaling, createMetricsStore(), 599_500, 2);
    expect(before.newDesired).toBeUndefined();
    const r = evaluateScaling(before.state, createMetricsStore(), 600_000, 2);
    expect(r.newDesired).toBe(5);
    expect(r.state.target).toMatchObject({ minCapacity: 5, maxCapacity: 20 });
    expect(r.activity?.cause).toBe('scheduled action name morning-peak was triggered');
    expect(r.activity?.description).toBe('Setting min capacity to 5 and max capacity to 20');
  });

  it('does nothing while scheduled scaling is suspended', () => {
    const s = createScalingState(
      'default',
      'web',
      { minCapacity: 1, maxCapacity: 10 },
      [],
      [{ scheduledActionName: 'a', schedule: 'rate(1 minute)', minCapacity: 4 }],
    );
    const suspended = {
      ...s,
      target: {
        ...s.target,
        suspendedState: { ...s.target.suspendedState, scheduledScalingSuspended: true },
      },
    };
    expect(evaluateScaling(suspended, createMetricsStore(), 60_000, 2).newDesired).toBeUndefined();
    expect(evaluateScaling(s, createMetricsStore(), 60_000, 2).newDesired).toBe(4);
  });
});
