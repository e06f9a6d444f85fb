import { describe, expect, it } from 'vitest';
import { STEP_MS } from '../../src/sim/index.ts';
import {
  MAX_WALL_MS_PER_TICK,
  SPEEDS,
  clampSpeed,
  completesStep,
  formatSimTime,
  formatSpeed,
  planSteps,
  stepSpeed,
} from '../../src/machine/sim-clock.ts';

describe('speed list', () => {
  it('clamps any number to the nearest allowed speed', () => {
    expect(clampSpeed(3)).toBe(2);
    expect(clampSpeed(5)).toBe(4);
    expect(clampSpeed(1000)).toBe(64);
    expect(clampSpeed(-5)).toBe(0.25);
    expect(clampSpeed(Number.NaN)).toBe(1);
    for (const s of SPEEDS) expect(clampSpeed(s)).toBe(s);
  });

  it('steps up and down through the list and stops at the ends', () => {
    expect(stepSpeed(1, 1)).toBe(2);
    expect(stepSpeed(1, -1)).toBe(0.5);
    expect(stepSpeed(64, 1)).toBe(64);
    expect(stepSpeed(0.25, -1)).toBe(0.25);
  });
});

describe('planSteps', () => {
  it('turns wall time × speed into whole steps and carries the remainder', () => {
    expect(planSteps(0, 100, 4)).toEqual({ steps: 0, accumulatorMs: 400 });
    expect(planSteps(400, 150, 4)).toEqual({ steps: 1, accumulatorMs: 0 });
    expect(planSteps(900, 250, 64)).toEqual({ steps: 16, accumulatorMs: 900 });
  });

  it('caps a long pause so a resumed background tab does not simulate minutes at once', () => {
    const plan = planSteps(0, 60_000, 64);
    expect(plan.steps).toBe((MAX_WALL_MS_PER_TICK * 64) / STEP_MS);
  });

  it('ignores negative and non-finite wall time', () => {
    expect(planSteps(10, -500, 1)).toEqual({ steps: 0, accumulatorMs: 10 });
    expect(planSteps(10, Number.POSITIVE_INFINITY, 1)).toEqual({ steps: 0, accumulatorMs: 10 });
  });
});

describe('formatting', () => {
  it('shows simulated time as hh:mm:ss', () => {
    expect(formatSimTime(0)).toBe('00:00:00');
    expect(formatSimTime(3_723_999)).toBe('01:02:03');
    expect(formatSimTime(26 * 3600 * 1000)).toBe('26:00:00');
  });

  it('shows speeds with a multiplication sign', () => {
    expect(formatSpeed(4)).toBe('4×');
    expect(formatSpeed(0.25)).toBe('0.25×');
  });
});

describe('completesStep', () => {
  it('agrees with planSteps on whether a step completes, for every speed', () => {
    let checked = 0;
    for (const speed of SPEEDS)
      for (let acc = 0; acc < 1000; acc += 37.5)
        for (let wall = 0; wall <= MAX_WALL_MS_PER_TICK; wall += 12.5) {
          expect(completesStep(acc, wall, speed), `${acc} + ${wall} at ${speed}×`).toBe(
            planSteps(acc, wall, speed).steps > 0,
          );
          checked++;
        }
    expect(checked).toBeGreaterThan(1000);
    // Both sides of the edge: 999 owed + 1 ms at 1× completes a step, + 0.5 ms does not.
    expect(completesStep(999, 1, 1)).toBe(true);
    expect(completesStep(999, 0.5, 1)).toBe(false);
  });
});
