import { describe, expect, it } from 'vitest';
import {
  liveTasksOnInstance,
  type PlacementStrategy,
  type SimState,
  type Task,
} from '../../src/sim/index.ts';
import { apply, clusterWith, container, register, taskDef } from './helpers.ts';

const tasks = (s: SimState): Task[] =>
  Object.values(s.tasks).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
const instanceIdOf = (s: SimState, type: string, az: string): string =>
  (
    Object.values(s.instances).find(
      (i) => i.instanceType === type && i.availabilityZone === az,
    ) as { id: string }
  ).id;

function runWith(s: SimState, strategy: readonly PlacementStrategy[], count: number): SimState {
  return apply(s, {
    type: 'RUN_TASK',
    taskDefinition: 'app',
    launchType: 'EC2',
    count,
    placementStrategy: strategy,
  });
}

describe('placement strategies', () => {
  it('binpack(memory) fills the instance with the least remaining memory first', () => {
    let s = register(
      clusterWith([
        ['t3.large', 'us-east-1a'],
        ['t3.medium', 'us-east-1b'],
        ['r5.large', 'us-east-1c'],
      ]),
      taskDef(),
    );
    s = runWith(s, [{ type: 'binpack', field: 'memory' }], 3);
    const medium = instanceIdOf(s, 't3.medium', 'us-east-1b');
    expect(tasks(s).every((t) => t.containerInstanceId === medium)).toBe(true);
    const reasons = tasks(s)
      .map((t) => t.placementReason)
      .sort();
    // t3.medium registers floor(4096 × 0.975) = 3993 MiB; each task takes 512.
    expect(reasons.map((r) => r.replace(/ → .*/, ''))).toEqual([
      'binpack(memory): least remaining memory 2969 MiB',
      'binpack(memory): least remaining memory 3481 MiB',
      'binpack(memory): least remaining memory 3993 MiB',
    ]);
  });

  it('binpack(cpu) prefers the instance with the least remaining CPU', () => {
    let s = register(
      clusterWith([
        ['m5.xlarge', 'us-east-1a'],
        ['m5.large', 'us-east-1b'],
      ]),
      taskDef(),
    );
    s = runWith(s, [{ type: 'binpack', field: 'cpu' }], 8);
    const large = instanceIdOf(s, 'm5.large', 'us-east-1b');
    expect(tasks(s).filter((t) => t.containerInstanceId === large)).toHaveLength(8);
    // The 9th no longer fits on the m5.large (2048 CPU / 256 per task) and goes to the xlarge.
    s = runWith(s, [{ type: 'binpack', field: 'cpu' }], 1);
    expect(tasks(s).filter((t) => t.containerInstanceId !== large)).toHaveLength(1);
  });

  it('spread(attribute:ecs.availability-zone) balances tasks across AZs', () => {
    let s = register(
      clusterWith([
        ['m5.large', 'us-east-1a'],
        ['m5.large', 'us-east-1a'],
        ['m5.large', 'us-east-1b'],
        ['m5.large', 'us-east-1c'],
      ]),
      taskDef(),
    );
    s = runWith(s, [{ type: 'spread', field: 'attribute:ecs.availability-zone' }], 6);
    const perAz = new Map<string, number>();
    for (const t of tasks(s))
      perAz.set(t.availabilityZone, (perAz.get(t.availabilityZone) ?? 0) + 1);
    expect([...perAz.values()]).toEqual([2, 2, 2]);
    expect(tasks(s)[0]?.placementReason).toContain('spread(attribute:ecs.availability-zone)');
  });

  it('spread(instanceId) puts one task per instance before doubling up', () => {
    let s = register(
      clusterWith([
        ['m5.large', 'us-east-1a'],
        ['m5.large', 'us-east-1a'],
        ['m5.large', 'us-east-1b'],
      ]),
      taskDef(),
    );
    s = runWith(s, [{ type: 'spread', field: 'instanceId' }], 3);
    for (const id of Object.keys(s.instances)) expect(liveTasksOnInstance(s, id)).toHaveLength(1);
  });

  it('spread on a custom attribute (ecs.instance-type) balances by instance type', () => {
    let s = register(
      clusterWith([
        ['m5.large', 'us-east-1a'],
        ['m5.large', 'us-east-1b'],
        ['c5.large', 'us-east-1c'],
      ]),
      taskDef(),
    );
    s = runWith(s, [{ type: 'spread', field: 'attribute:ecs.instance-type' }], 4);
    const c5 = instanceIdOf(s, 'c5.large', 'us-east-1c');
    expect(tasks(s).filter((t) => t.containerInstanceId === c5)).toHaveLength(2);
  });

  it('random places only on instances that fit, reproducibly per seed', () => {
    const build = (seed: number): SimState => {
      const s = register(
        clusterWith(
          [
            ['m5.large', 'us-east-1a'],
            ['t3.micro', 'us-east-1b'],
            ['m5.large', 'us-east-1c'],
          ],
          seed,
        ),
        taskDef({ containerDefinitions: [container({ memory: 1024 })] }),
      );
      return runWith(s, [{ type: 'random' }], 6);
    };
    const a = build(11);
    const micro = instanceIdOf(a, 't3.micro', 'us-east-1b');
    expect(tasks(a).some((t) => t.containerInstanceId === micro)).toBe(false);
    expect(tasks(build(11)).map((t) => t.containerInstanceId)).toEqual(
      tasks(a).map((t) => t.containerInstanceId),
    );
    expect(tasks(a)[0]?.placementReason).toMatch(
      /^random: picked i-[0-9a-f]{17} among 2 candidates/,
    );
  });

  it('chains strategies in order: spread AZ, then binpack memory inside the chosen AZ', () => {
    let s = register(
      clusterWith([
        ['r5.large', 'us-east-1a'],
        ['t3.medium', 'us-east-1a'],
        ['m5.large', 'us-east-1b'],
      ]),
      taskDef(),
    );
    const chain: PlacementStrategy[] = [
      { type: 'spread', field: 'attribute:ecs.availability-zone' },
      { type: 'binpack', field: 'memory' },
    ];
    s = runWith(s, chain, 2);
    const inA = tasks(s).find((t) => t.availabilityZone === 'us-east-1a') as Task;
    expect(inA.containerInstanceId).toBe(instanceIdOf(s, 't3.medium', 'us-east-1a'));
    expect(inA.placementReason).toMatch(
      /spread\(attribute:ecs\.availability-zone\): .*; binpack\(memory\): least remaining memory/,
    );
    expect(
      tasks(s)
        .map((t) => t.availabilityZone)
        .sort(),
    ).toEqual(['us-east-1a', 'us-east-1b']);
  });

  it('services default to AZ spread, then fewest tasks of the service per instance', () => {
    let s = register(
      clusterWith([
        ['m5.large', 'us-east-1a'],
        ['m5.large', 'us-east-1a'],
        ['m5.large', 'us-east-1b'],
        ['m5.large', 'us-east-1c'],
      ]),
      taskDef(),
    );
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'svc',
      taskDefinition: 'app',
      desiredCount: 4,
      launchType: 'EC2',
    });
    const perInstance = Object.keys(s.instances)
      .map((id) => liveTasksOnInstance(s, id).length)
      .sort();
    expect(perInstance).toEqual([1, 1, 1, 1]);
    expect(new Set(tasks(s).map((t) => t.availabilityZone)).size).toBe(3);
  });

  it('never places a task on an instance of the wrong CPU architecture', () => {
    let s = register(
      clusterWith([
        ['m6g.large', 'us-east-1a'],
        ['m5.large', 'us-east-1b'],
      ]),
      taskDef({ cpuArchitecture: 'ARM64' }),
    );
    s = runWith(s, [{ type: 'spread', field: 'instanceId' }], 3);
    const graviton = instanceIdOf(s, 'm6g.large', 'us-east-1a');
    expect(tasks(s).every((t) => t.containerInstanceId === graviton)).toBe(true);
  });
});
