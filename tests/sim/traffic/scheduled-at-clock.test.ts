/**
 * Regression (issue 9, found by review): `at(...)` schedules were read with a 1970 epoch while the
 * simulation's clock (isoAt, describe output, the property model) starts at 2026-01-01T00:00:00Z,
 * so an action "at" a time the app shows never fired. Both now use SIM_EPOCH_MS.
 */
import { describe, expect, it } from 'vitest';
import { SIM_EPOCH_MS, advance, isoAt } from '../../../src/sim/index.ts';
import { parseSchedule } from '../../../src/sim/traffic/scheduled-scaling.ts';
import { buildCluster, step } from '../../properties/ecs-model.ts';

describe('scheduled scaling at(...) uses the simulation clock', () => {
  it('at(<isoAt(t)>) parses back to simulated time t', () => {
    expect(new Date(SIM_EPOCH_MS).toISOString()).toBe('2026-01-01T00:00:00.000Z');
    for (const t of [0, 1000, 600_000, 86_430_000, 7 * 86_400_000 + 3_723_000])
      expect(parseSchedule(`at(${isoAt(t).slice(0, 19)})`)).toEqual({ kind: 'at', atMs: t });
  });

  it('an action scheduled at the time the app shows five minutes ahead fires then', () => {
    let s = buildCluster({ seed: 5, instances: [] });
    s = step(
      s,
      { kind: 'webApp', fargate: true, count: 1, min: 1, span: 3, target: 50, rps: 0 },
      0,
    );
    const name = Object.keys(s.services)[0]!;
    s = step(s, { kind: 'scheduledAction', pick: 0, inSeconds: 300, min: 3, max: 6 }, 1);
    const due = s.now + 299_000;
    s = advance(s, due - s.now - 30_000);
    expect(s.services[name]?.desiredCount).toBe(1);
    s = advance(s, 120_000);
    expect(s.traffic?.scaling[name]?.target).toMatchObject({
      minCapacity: 3,
      maxCapacity: 6,
    });
    expect(s.services[name]?.desiredCount).toBe(3);
    expect(s.traffic?.activities.some((a) => /scheduled action name sched/.test(a.cause))).toBe(
      true,
    );
  });
});
