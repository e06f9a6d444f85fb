import { describe, expect, it } from 'vitest';
import { seedRng } from '../../../src/sim/rng.ts';
import {
  createScalingState,
  evaluateScaling,
  type ScalingActivity,
  type ScalingState,
} from '../../../src/sim/traffic/autoscaling.ts';
import { serviceMetricKeys } from '../../../src/sim/traffic/metric-samples.ts';
import {
  createMetricsStore,
  recordSamples,
  type MetricsStore,
} from '../../../src/sim/traffic/metrics.ts';
import {
  createTargetTrackingPolicy,
  HIGH_ALARM_DATAPOINTS,
  LOW_ALARM_DATAPOINTS,
  type TargetTrackingInput,
} from '../../../src/sim/traffic/target-tracking.ts';

const CPU = serviceMetricKeys('default', 'web').cpuUtilization;

function setup(
  desired: number,
  range: { minCapacity: number; maxCapacity: number },
  extra: Partial<TargetTrackingInput> = {},
) {
  const [policy] = createTargetTrackingPolicy(
    {
      policyName: 'cpu70',
      predefinedMetricType: 'ECSServiceAverageCPUUtilization',
      targetValue: 70,
      ...extra,
    },
    { cluster: 'default', service: 'web' },
    seedRng(1),
  );
  return {
    scaling: createScalingState('default', 'web', range, [policy]),
    store: createMetricsStore(),
    desired,
    policy,
  };
}

interface Run {
  scaling: ScalingState;
  store: MetricsStore;
  desired: number;
  changes: { at: number; to: number; activity: ScalingActivity }[];
}

/** Each simulated second: record the CPU sample of the second that just ended, then evaluate. */
function drive(
  r: Omit<Run, 'changes'> & { changes?: Run['changes'] },
  untilMs: number,
  cpu: (tMs: number, desired: number) => number,
  opts = {},
): Run {
  let { scaling, store, desired } = r;
  const changes = [...(r.changes ?? [])];
  for (let now = scaling.lastEvaluatedAt + 1000; now <= untilMs; now += 1000) {
    store = recordSamples(store, now - 1000, { [CPU]: cpu(now - 1000, desired) });
    const res = evaluateScaling(scaling, store, now, desired, opts);
    scaling = res.state;
    if (res.newDesired !== undefined && res.activity) {
      desired = res.newDesired;
      changes.push({ at: now, to: desired, activity: res.activity });
    }
  }
  return { scaling, store, desired, changes };
}

describe('target tracking on ECSServiceAverageCPUUtilization, target 70 %', () => {
  it('creates the AlarmHigh (3 of 3 × 1 min above target) and AlarmLow (15 of 15 below 90 % of target) alarms', () => {
    const { policy } = setup(2, { minCapacity: 1, maxCapacity: 10 });
    // Reference A6.2 / F.1: alarm shape and naming TargetTracking-service/<cluster>/<service>-AlarmHigh-<uuid>.
    expect(policy.alarmHigh.alarmName).toMatch(
      /^TargetTracking-service\/default\/web-AlarmHigh-[0-9a-f-]{36}$/,
    );
    expect(policy.alarmHigh).toMatchObject({
      threshold: 70,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      comparisonOperator: 'GreaterThanThreshold',
    });
    expect(policy.alarmLow).toMatchObject({
      threshold: 63,
      evaluationPeriods: 15,
      datapointsToAlarm: 15,
      comparisonOperator: 'LessThanThreshold',
    });
    // Cooldowns default to 300 s for ECS (A6.2).
    expect(policy.scaleOutCooldown).toBe(300);
    expect(policy.scaleInCooldown).toBe(300);
  });

  it('at 90 % the high alarm fires after exactly 3 one-minute datapoints and desired becomes ceil(n × 90 / 70)', () => {
    for (const n of [2, 4]) {
      const r = drive(setup(n, { minCapacity: 1, maxCapacity: 10 }), 240_000 - 1000, () => 90);
      // Datapoints for minutes 0, 1, 2 are complete at 180 s (HIGH_ALARM_DATAPOINTS × 60 s).
      expect(r.changes[0]?.at).toBe(HIGH_ALARM_DATAPOINTS * 60_000);
      expect(r.changes[0]?.to).toBe(Math.ceil((n * 90) / 70)); // 2 → 3, 4 → 6 (A6.2 derived formula)
      expect(r.changes).toHaveLength(1);
    }
  });

  it('words the scaling activity as Application Auto Scaling does', () => {
    const s = setup(2, { minCapacity: 1, maxCapacity: 10 });
    const a = drive(s, 180_000, () => 90).changes[0]?.activity;
    expect(a?.description).toBe('Setting desired count to 3.');
    expect(a?.cause).toBe(
      `monitor alarm ${s.policy.alarmHigh.alarmName} in state ALARM triggered policy cpu70`,
    );
    expect(a?.statusMessage).toBe(
      'Successfully set desired count to 3. Change successfully fulfilled by ecs.',
    );
  });

  it('exposes alarm states for the UI: OK before the third breaching datapoint, ALARM at it', () => {
    const s = setup(2, { minCapacity: 1, maxCapacity: 10 });
    const at120 = drive(s, 120_000, () => 90);
    const high = at120.scaling.alarms[s.policy.alarmHigh.alarmName];
    expect(high).toMatchObject({ state: 'OK', breaching: 2, datapointsToAlarm: 3 });
    const at180 = drive(at120, 180_000, () => 90);
    expect(at180.scaling.alarms[s.policy.alarmHigh.alarmName]?.state).toBe('ALARM');
  });

  it('scale-out cooldown (300 s): no further scale-out from the same load until it ends', () => {
    const r = drive(setup(2, { minCapacity: 1, maxCapacity: 10 }), 600_000, () => 90);
    // 180 s: 2 → 3. During cooldown the base stays 2, ceil(2 × 90/70) = 3 is not larger → nothing.
    // 480 s (= 180 + 300): ceil(3 × 90/70) = 4.
    expect(r.changes.map((c) => [c.at, c.to])).toEqual([
      [180_000, 3],
      [480_000, 4],
    ]);
  });

  it('scales in only after the low alarm’s 15 datapoints, then respects the scale-in cooldown', () => {
    const r = drive(setup(4, { minCapacity: 1, maxCapacity: 10 }), 1_500_000, () => 30);
    // 30 % < 63 % (0.9 × 70) from minute 0: 15 datapoints complete at 900 s → ceil(4 × 30/70) = 2.
    // The next scale-in (ceil(2 × 30/70) = 1) waits for the 300 s scale-in cooldown: 1200 s.
    expect(r.changes.map((c) => [c.at, c.to])).toEqual([
      [LOW_ALARM_DATAPOINTS * 60_000, 2],
      [1_200_000, 1],
    ]);
  });

  it('scale-in is slower than scale-out for the same deviation', () => {
    const out =
      drive(setup(2, { minCapacity: 1, maxCapacity: 10 }), 1_000_000, () => 95).changes[0]?.at ??
      Infinity;
    const inn =
      drive(setup(4, { minCapacity: 1, maxCapacity: 10 }), 1_000_000, () => 20).changes[0]?.at ??
      Infinity;
    expect(out).toBeLessThan(inn);
  });

  it('never scales in with disableScaleIn, and creates no low alarm', () => {
    const s = setup(4, { minCapacity: 1, maxCapacity: 10 }, { disableScaleIn: true });
    expect(s.policy.alarmLow).toBeUndefined();
    expect(drive(s, 7_200_000, () => 10).changes).toEqual([]);
  });

  it('does not scale in during a deployment (A6.1)', () => {
    expect(
      drive(setup(4, { minCapacity: 1, maxCapacity: 10 }), 1_200_000, () => 10, {
        deploymentInProgress: true,
      }).changes,
    ).toEqual([]);
  });

  it('clamps to the scalable target’s min and max capacity', () => {
    const up = drive(setup(8, { minCapacity: 2, maxCapacity: 10 }), 180_000, () => 100);
    expect(up.changes.map((c) => c.to)).toEqual([10]); // ceil(8 × 100/70) = 12 → max 10
    const down = drive(setup(4, { minCapacity: 3, maxCapacity: 10 }), 900_000, () => 5);
    expect(down.changes.map((c) => c.to)).toEqual([3]); // ceil(4 × 5/70) = 1 → min 3
  });

  it('does nothing on INSUFFICIENT_DATA (no running task publishes CPU)', () => {
    const s = setup(2, { minCapacity: 1, maxCapacity: 10 });
    const res = evaluateScaling(s.scaling, createMetricsStore(), 600_000, 2);
    expect(res.newDesired).toBeUndefined();
    expect(res.alarms.map((a) => a.state)).toEqual(['INSUFFICIENT_DATA', 'INSUFFICIENT_DATA']);
  });
});
