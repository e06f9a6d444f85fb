/**
 * The ClusterIndex a state carries from step to step (src/sim/draft.ts) is updated in place by every
 * task write — never rebuilt — and caches each service's task order. This test plays a busy run
 * (scale-out, scale-in, crashes, an instance lost, a rolling deployment) one step at a time and, after
 * every step and command, compares the carried index with one built from scratch from the tasks, so
 * a count, set, cached order or cached task list that went stale fails it.
 */
import { describe, expect, it } from 'vitest';
import { ClusterIndex, Draft } from '../../src/sim/draft.ts';
import { TaskTable } from '../../src/sim/task-table.ts';
import { advance, type SimCommand, type SimState, type Task } from '../../src/sim/index.ts';
import { apply, clusterWith, container, fargateTaskDef, register, taskDef } from './helpers.ts';

function plain(m: Map<string, Map<string, number>>): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [g, inner] of m) {
    const row: Record<string, number> = {};
    for (const [k, n] of inner) if (n !== 0) row[k] = n;
    if (Object.keys(row).length) out[g] = row;
  }
  return out;
}

function sets(m: Map<string, Set<string>>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, s] of m) if (s.size) out[k] = [...s].sort();
  return out;
}

function checkIndex(s: SimState): void {
  const carried = new Draft(s).index();
  const fresh = new ClusterIndex(TaskTable.fromRecord(s.tasks));
  expect(plain(carried.byInstance)).toEqual(plain(fresh.byInstance));
  expect(plain(carried.byAz)).toEqual(plain(fresh.byAz));
  expect(sets(carried.liveOnInstance)).toEqual(sets(fresh.liveOnInstance));
  expect(sets(carried.ofService)).toEqual(sets(fresh.ofService));
  for (const name of Object.keys(s.services)) {
    const expected = Object.values(s.tasks)
      .filter((t) => t.serviceName === name && t.lastStatus !== 'STOPPED')
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
      .map((t) => t.id);
    // The cached task list: the same tasks (the very objects the state holds), in that order.
    const list = carried.serviceTasks(name, TaskTable.fromRecord(s.tasks));
    expect(list.map((t) => t.id)).toEqual(expected);
    list.forEach((t) => expect(t).toBe(s.tasks[t.id]));
    expect(carried.hasFargate(name)).toBe(list.some((t) => t.launchType === 'FARGATE'));
  }
}

describe('ClusterIndex carried across steps', () => {
  it('stays equal to an index built from scratch through a busy run', () => {
    let s = clusterWith(
      [
        ['m5.large', 'us-east-1a'],
        ['m5.large', 'us-east-1b'],
        ['m5.large', 'us-east-1c'],
        ['t3.medium', 'us-east-1a'],
      ],
      11,
    );
    s = register(s, taskDef());
    s = register(s, taskDef({ containerDefinitions: [container({ cpu: 128, memory: 256 })] }));
    s = register(s, fargateTaskDef());
    const commands: [number, (s: SimState) => SimCommand | undefined][] = [
      [
        0,
        () => ({
          type: 'CREATE_SERVICE',
          serviceName: 'api',
          taskDefinition: 'app:1',
          desiredCount: 6,
          launchType: 'EC2',
        }),
      ],
      [
        5,
        () => ({
          type: 'CREATE_SERVICE',
          serviceName: 'web',
          taskDefinition: 'app:1',
          desiredCount: 4,
          launchType: 'EC2',
        }),
      ],
      [
        8,
        () => ({
          type: 'CREATE_SERVICE',
          serviceName: 'fargate',
          taskDefinition: 'fg',
          desiredCount: 3,
          launchType: 'FARGATE',
        }),
      ],
      [40, () => ({ type: 'UPDATE_SERVICE', serviceName: 'api', desiredCount: 10 })],
      [150, () => ({ type: 'UPDATE_SERVICE', serviceName: 'fargate', desiredCount: 1 })],
      [260, () => ({ type: 'UPDATE_SERVICE', serviceName: 'fargate', desiredCount: 0 })],
      [
        70,
        (st) => {
          const t = Object.values(st.tasks).find(
            (x: Task) => x.serviceName === 'web' && x.lastStatus === 'RUNNING',
          );
          return t ? { type: 'CRASH_TASK', taskId: t.id } : undefined;
        },
      ],
      [
        90,
        (st) => ({
          type: 'TERMINATE_INSTANCE',
          instanceId: Object.keys(st.instances).sort()[0] as string,
        }),
      ],
      [120, () => ({ type: 'UPDATE_SERVICE', serviceName: 'api', taskDefinition: 'app:2' })],
      [200, () => ({ type: 'UPDATE_SERVICE', serviceName: 'web', desiredCount: 1 })],
    ];
    let touched = 0;
    for (let second = 0; second < 400; second++) {
      for (const [at, make] of commands) {
        if (at !== second) continue;
        const c = make(s);
        if (c) s = apply(s, c);
        checkIndex(s);
      }
      const next = advance(s, 1000);
      if (next.tasks !== s.tasks) touched++;
      s = next;
      checkIndex(s);
    }
    // The run really moved tasks: scale-out, replacement, a deployment and a scale-in.
    expect(touched).toBeGreaterThan(50);
    expect(s.services['api']?.deployments[0]?.taskDefinitionKey).toBe('app:2');
    expect(Object.values(s.tasks).filter((t) => t.lastStatus === 'STOPPED').length).toBeGreaterThan(
      5,
    );
  });

  it('does not grow with every host ever used: a long run of host replacements keeps it the size of a fresh index', () => {
    // One host replaced every 10 simulated minutes (the bench's memory churn): the index handed from
    // state to state must drop the tasks-per-instance counts and live sets of hosts gone, or a long
    // session grows it (and the heap) by one entry per group per host ever used.
    let s = clusterWith(
      [
        ['m5.large', 'us-east-1a'],
        ['m5.large', 'us-east-1b'],
        ['m5.large', 'us-east-1c'],
      ],
      12,
    );
    s = register(s, taskDef());
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'api',
      taskDefinition: 'app:1',
      desiredCount: 4,
      launchType: 'EC2',
    });
    s = advance(s, 120_000);
    const replaced = 24;
    for (let i = 0; i < replaced; i++) {
      const victim = Object.values(s.instances)
        .filter((x) => x.status === 'ACTIVE')
        .sort((a, b) => a.registeredAt - b.registeredAt || (a.id < b.id ? -1 : 1))[0]!;
      s = apply(s, { type: 'TERMINATE_INSTANCE', instanceId: victim.id });
      s = apply(s, {
        type: 'ADD_INSTANCE',
        instanceType: 'm5.large',
        availabilityZone: victim.availabilityZone,
      });
      for (let k = 0; k < 600; k++) s = advance(s, 1000);
    }
    const carried = new Draft(s).index();
    const fresh = new ClusterIndex(TaskTable.fromRecord(s.tasks));
    // Every key, zero counts and empty sets included (checkIndex above ignores those).
    const keys = (m: Map<string, Map<string, number>>): string[] =>
      [...m].flatMap(([g, inner]) => [...inner.keys()].map((k) => `${g}/${k}`)).sort();
    expect(keys(carried.byInstance)).toEqual(keys(fresh.byInstance));
    expect(keys(carried.byAz)).toEqual(keys(fresh.byAz));
    expect([...carried.liveOnInstance.keys()].sort()).toEqual(
      [...fresh.liveOnInstance.keys()].sort(),
    );
    const live = Object.values(s.instances).filter((x) => x.status === 'ACTIVE').length;
    expect(carried.liveOnInstance.size).toBeLessThanOrEqual(live);
    // The run really replaced every host many times over and the service kept its tasks.
    expect(Object.values(s.instances).every((x) => x.registeredAt > 120_000)).toBe(true);
    expect(Object.values(s.tasks).filter((t) => t.lastStatus === 'RUNNING').length).toBe(4);
  });

  it('never changes a task list it handed out: the next write works on a copy', () => {
    let s = clusterWith([['m5.large', 'us-east-1a']], 13);
    s = register(s, taskDef());
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'api',
      taskDefinition: 'app:1',
      desiredCount: 3,
      launchType: 'EC2',
    });
    const handed = new Draft(s).index().serviceTasks('api', TaskTable.fromRecord(s.tasks));
    const before = [...handed];
    // The next states write these tasks (PROVISIONING → … → RUNNING) through the carried index.
    const later = apply(advance(s, 60_000), {
      type: 'UPDATE_SERVICE',
      serviceName: 'api',
      desiredCount: 1,
    });
    expect(handed).toEqual(before);
    const now = new Draft(later).index().serviceTasks('api', TaskTable.fromRecord(later.tasks));
    expect(now).not.toBe(handed);
    now.forEach((t) => expect(t).toBe(later.tasks[t.id]));
    expect(now.some((t, i) => t !== handed[i])).toBe(true);
  });
});
