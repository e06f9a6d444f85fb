import { describe, expect, it } from 'vitest';
import {
  capacityProviderReservation,
  createCapacityProvider,
  estimateInstances,
  evaluateManagedScaling,
  type AsgInstance,
} from '../../../src/sim/traffic/capacity-provider.ts';
import { splitByStrategy, validateStrategy } from '../../../src/sim/traffic/capacity-strategy.ts';

const inst = (id: string, tasks: number, launchedAt = -1e9): AsgInstance => ({
  instanceId: id,
  launchedAt,
  nonDaemonTasks: tasks,
});

describe('CapacityProviderReservation (reference A5.4)', () => {
  it('is M / N × 100 when tasks wait for capacity', () => {
    // 4 running instances, 2 more needed → M = 6 → 150.
    expect(
      capacityProviderReservation([inst('a', 1), inst('b', 1), inst('c', 1), inst('d', 1)], 2),
    ).toBe(150);
  });

  it('is 200 with no instances and waiting tasks, 100 with neither', () => {
    expect(capacityProviderReservation([], 1)).toBe(200);
    expect(capacityProviderReservation([], 0)).toBe(100);
  });

  it('is 100 − (empty instances) on scale-in: 2 empty → 98 [ECS-DG]; daemon-only instances count as empty', () => {
    expect(
      capacityProviderReservation(
        [inst('a', 3), inst('b', 1), inst('c', 2), inst('d', 0), inst('e', 0)],
        0,
      ),
    ).toBe(98);
    expect(capacityProviderReservation([inst('a', 1), inst('b', 1)], 0)).toBe(100);
  });

  it('with targetCapacity below 100 is busy / running × 100 (9 of 10 busy → 90)', () => {
    const ten = Array.from({ length: 10 }, (_, i) => inst(`i${i}`, i === 0 ? 0 : 1));
    expect(capacityProviderReservation(ten, 0, 90)).toBe(90);
  });

  it('estimates instances by binpacking waiting tasks; tasks bigger than the smallest type are excluded', () => {
    const tasks = Array.from({ length: 5 }, () => ({ cpu: 1024, memory: 2048 }));
    expect(estimateInstances(tasks, { cpu: 4096, memory: 8192 })).toEqual({
      count: 2,
      excluded: 0,
    });
    expect(estimateInstances([{ cpu: 8192, memory: 1024 }], { cpu: 4096, memory: 8192 })).toEqual({
      count: 0,
      excluded: 1,
    });
  });
});

describe('managed scaling', () => {
  it('with no instances, the first step goes to 200 % (two instances)', () => {
    const cp = createCapacityProvider({ name: 'asg-cp', minSize: 0, maxSize: 10 });
    const r = evaluateManagedScaling(cp, [], 1, 60_000);
    expect(r.reservation).toBe(200);
    expect(r.alarmHigh).toBe('ALARM');
    expect(r.launch).toBe(2);
    expect(r.state.desiredCapacity).toBe(2);
  });

  it('scales out ceil(N × reservation / target) and waits instanceWarmupPeriod (300 s) before the next step', () => {
    const cp = createCapacityProvider({
      name: 'asg-cp',
      minSize: 0,
      maxSize: 10,
      desiredCapacity: 2,
    });
    const two = [inst('a', 2), inst('b', 2)];
    const first = evaluateManagedScaling(cp, two, 1, 60_000);
    expect(first.reservation).toBe(150);
    expect(first.launch).toBe(1); // ceil(2 × 150 / 100) = 3
    const three = [...two, inst('c', 0, 100_000)];
    // Still waiting tasks at 120 s, but instance c launched at 100 s is warming up until 400 s.
    expect(evaluateManagedScaling(first.state, three, 1, 120_000).launch).toBe(0);
    let s = first.state;
    let launchedAt = -1;
    for (let m = 2; m <= 8 && launchedAt < 0; m++) {
      const r = evaluateManagedScaling(s, three, 1, m * 60_000);
      s = r.state;
      if (r.launch > 0) launchedAt = m * 60_000;
    }
    expect(launchedAt).toBe(420_000); // first minute boundary ≥ 100 s + 300 s
  });

  it('scales in only after 15 datapoints below target, terminating only empty instances', () => {
    let s = createCapacityProvider({ name: 'asg-cp', minSize: 1, maxSize: 10, desiredCapacity: 4 });
    const fleet = [inst('a', 2), inst('b', 0), inst('c', 3), inst('d', 0)];
    const terminated: [number, readonly string[]][] = [];
    for (let m = 1; m <= 16; m++) {
      const r = evaluateManagedScaling(s, fleet, 0, m * 60_000);
      s = r.state;
      if (r.terminate.length > 0) terminated.push([m, r.terminate]);
    }
    // Reservation 98 < 100 from minute 1; the 15th datapoint arrives at minute 15 (A5.4).
    expect(terminated[0]?.[0]).toBe(15);
    for (const [, ids] of terminated) for (const id of ids) expect(['b', 'd']).toContain(id);
    expect(s.desiredCapacity).toBeLessThan(4);
  });
});

describe('capacity provider strategy split (reference A5.4, E3)', () => {
  const strategy = [
    { capacityProvider: 'FARGATE', base: 1, weight: 1 },
    { capacityProvider: 'FARGATE_SPOT', weight: 4 },
  ];

  it('weights 1:4 put one task on the first per four on the second', () => {
    expect(
      splitByStrategy(
        [
          { capacityProvider: 'FARGATE', weight: 1 },
          { capacityProvider: 'FARGATE_SPOT', weight: 4 },
        ],
        {},
        5,
      ),
    ).toEqual({ FARGATE: 1, FARGATE_SPOT: 4 });
  });

  it('fills base first, then splits the rest by weight', () => {
    expect(splitByStrategy(strategy, {}, 6)).toEqual({ FARGATE: 2, FARGATE_SPOT: 4 });
    expect(splitByStrategy(strategy, {}, 1)).toEqual({ FARGATE: 1, FARGATE_SPOT: 0 });
  });

  it('counts running tasks toward base and weight', () => {
    // Already 1 on FARGATE (base met) and 4 on FARGATE_SPOT: the next task restores 1:4 on FARGATE.
    expect(splitByStrategy(strategy, { FARGATE: 1, FARGATE_SPOT: 4 }, 1)).toEqual({
      FARGATE: 1,
      FARGATE_SPOT: 0,
    });
  });

  it('gives weight-0 providers nothing beyond base', () => {
    expect(
      splitByStrategy(
        [
          { capacityProvider: 'A', base: 2, weight: 0 },
          { capacityProvider: 'B', weight: 1 },
        ],
        {},
        5,
      ),
    ).toEqual({ A: 2, B: 3 });
  });

  it('validates base on one provider only and no Fargate/ASG mix', () => {
    expect(validateStrategy(strategy)).toEqual([]);
    expect(
      validateStrategy([
        { capacityProvider: 'FARGATE', base: 1, weight: 1 },
        { capacityProvider: 'FARGATE_SPOT', base: 1, weight: 1 },
      ]),
    ).toHaveLength(1);
    expect(
      validateStrategy([
        { capacityProvider: 'FARGATE', weight: 1 },
        { capacityProvider: 'my-asg-cp', weight: 1 },
      ]),
    ).toHaveLength(1);
  });
});
