/**
 * The active set BatchPlacer starts from (src/sim/placement-cache.ts) is carried from state to state
 * and patched with the instances written since it was last used. After every command and step of
 * random sessions (services scaling, tasks run and stopped, instances added, drained, terminated,
 * an AZ down and back) it must equal a set built from scratch over the same draft: the same
 * instances in the same order, the same per-instance fit and buckets. A stale entry fails here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Draft } from '../../src/sim/draft.ts';
import { ActiveSet, activeSet } from '../../src/sim/placement-cache.ts';
import { BatchPlacer, firstFailedCheck } from '../../src/sim/placement.ts';
import { createTask } from '../../src/sim/task-ops.ts';
import { taskRequirements, type TaskRequirements } from '../../src/sim/resources.ts';
import {
  STEP_MS,
  advance,
  applyCommand,
  type SimCommand,
  type SimState,
} from '../../src/sim/index.ts';
import type { TaskDefinition } from '../../src/sim/model.ts';
import { clusterWith, container, register, taskDef } from './helpers.ts';

const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'] as const;
const TYPES = ['t3.medium', 'm5.large', 'c5.large'] as const;

type Op =
  | { kind: 'scale'; service: number; count: number }
  | { kind: 'run'; count: number }
  | { kind: 'stop'; pick: number }
  | { kind: 'add'; type: number; az: number }
  | { kind: 'drain' | 'activate' | 'terminate'; pick: number }
  | { kind: 'outage' | 'restore'; az: number }
  | { kind: 'advance'; steps: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('scale' as const), service: fc.nat(1), count: fc.nat(12) }),
  fc.record({ kind: fc.constant('run' as const), count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('stop' as const), pick: fc.nat(1_000) }),
  fc.record({ kind: fc.constant('add' as const), type: fc.nat(2), az: fc.nat(2) }),
  fc.record({
    kind: fc.constantFrom('drain' as const, 'activate' as const, 'terminate' as const),
    pick: fc.nat(1_000),
  }),
  fc.record({ kind: fc.constantFrom('outage' as const, 'restore' as const), az: fc.nat(2) }),
  fc.record({ kind: fc.constant('advance' as const), steps: fc.integer({ min: 1, max: 40 }) }),
);

function pick<T>(xs: readonly T[], n: number): T | undefined {
  return xs.length ? xs[n % xs.length] : undefined;
}

function command(s: SimState, o: Op): SimCommand | undefined {
  const instances = Object.keys(s.instances).sort();
  switch (o.kind) {
    case 'scale':
      return {
        type: 'UPDATE_SERVICE',
        serviceName: o.service ? 'web' : 'api',
        desiredCount: o.count,
      };
    case 'run':
      return { type: 'RUN_TASK', taskDefinition: 'big', launchType: 'EC2', count: o.count };
    case 'stop': {
      const live = Object.values(s.tasks).filter((t) => t.desiredStatus !== 'STOPPED');
      const t = pick(live, o.pick);
      return t ? { type: 'STOP_TASK', taskId: t.id } : undefined;
    }
    case 'add':
      return {
        type: 'ADD_INSTANCE',
        instanceType: TYPES[o.type] as string,
        availabilityZone: AZS[o.az] as string,
      };
    case 'drain':
    case 'activate':
    case 'terminate': {
      const id = pick(instances, o.pick);
      if (!id) return undefined;
      const type =
        o.kind === 'drain'
          ? 'DRAIN_INSTANCE'
          : o.kind === 'activate'
            ? 'ACTIVATE_INSTANCE'
            : 'TERMINATE_INSTANCE';
      return { type, instanceId: id };
    }
    case 'outage':
      return { type: 'AZ_OUTAGE', availabilityZone: AZS[o.az] as string };
    case 'restore':
      return { type: 'AZ_RESTORE', availabilityZone: AZS[o.az] as string };
    case 'advance':
      return undefined;
  }
}

/** The carried set of a draft on `s` next to one built from scratch over the same draft. */
function compare(s: SimState, reqs: readonly TaskRequirements[]): void {
  const d = new Draft(s);
  const carried = activeSet(d, false, firstFailedCheck);
  const fresh = new ActiveSet(d, d.instanceEpoch, d.downAzs.join('\n'), false);
  expect(carried.active.map((i) => i.id)).toEqual(fresh.active.map((i) => i.id));
  carried.active.forEach((inst) => expect(inst).toBe(d.instances[inst.id]));
  expect([...carried.pos]).toEqual([...fresh.pos]);
  expect(carried.azNames).toEqual(fresh.azNames);
  expect([...carried.azIds]).toEqual([...fresh.azIds]);
  for (const req of reqs)
    expect([...carried.fit(req, firstFailedCheck)]).toEqual([...fresh.fit(req, firstFailedCheck)]);
  const field = 'attribute:ecs.instance-type';
  const bucket = (set: ActiveSet): string[] => {
    const b = set.bucketsOf(field, (i, f) => i.attributes[f.slice('attribute:'.length)] ?? '');
    return [...b.ids].map((k) => b.names[k] as string);
  };
  expect(bucket(carried)).toEqual(bucket(fresh));
  // Hand the set on with this draft's state, as a real operation would.
  d.finish();
}

function session(seed: number): { state: SimState; reqs: TaskRequirements[] } {
  let s = clusterWith(
    [
      ['m5.large', 'us-east-1a'],
      ['t3.medium', 'us-east-1b'],
      ['c5.large', 'us-east-1c'],
      ['m5.large', 'us-east-1b'],
    ],
    seed,
  );
  s = register(s, taskDef({ containerDefinitions: [container({ cpu: 256, memory: 512 })] }));
  s = register(
    s,
    taskDef({
      family: 'big',
      containerDefinitions: [
        container({
          cpu: 1024,
          memory: 1536,
          portMappings: [{ containerPort: 80, hostPort: 8080, protocol: 'tcp' }],
        }),
      ],
    }),
  );
  for (const serviceName of ['api', 'web'])
    s = applyCommand(s, {
      type: 'CREATE_SERVICE',
      serviceName,
      taskDefinition: serviceName === 'api' ? 'app' : 'big',
      desiredCount: 3,
      launchType: 'EC2',
    }).state;
  const tds = s.taskDefinitions as Record<string, TaskDefinition>;
  return {
    state: s,
    reqs: [
      taskRequirements(tds['app:1'] as TaskDefinition, 'EC2'),
      taskRequirements(tds['big:1'] as TaskDefinition, 'EC2'),
    ],
  };
}

describe('placement cache (ActiveSet)', () => {
  it('equals a set built from scratch after every command and step of random sessions', () => {
    fc.assert(
      fc.property(fc.nat(1_000), fc.array(op, { minLength: 1, maxLength: 25 }), (seed, ops) => {
        const { state, reqs } = session(seed);
        let s = state;
        compare(s, reqs);
        for (const o of ops) {
          const c = command(s, o);
          if (c) {
            const r = applyCommand(s, c);
            s = r.state;
          } else if (o.kind === 'advance') s = advance(s, o.steps * STEP_MS);
          compare(s, reqs);
        }
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it('is taken over by one draft: an older state used again builds its own', () => {
    const { state, reqs } = session(5);
    compare(state, reqs); // the state now carries a set
    // A draft on it places a task (an instance write) and looks at the set again (it follows the
    // write), then finishes: its set describes its own state, not `state`.
    const d1 = new Draft(state);
    const req = reqs[0] as TaskRequirements;
    const placer = new BatchPlacer(d1, {
      requirements: req,
      group: 'service:api',
      groupLabel: 'service api',
      constraints: [],
      strategies: [],
    });
    const placed = placer.place();
    if (!placed.ok) throw new Error('the task should fit');
    createTask(d1, {
      td: state.taskDefinitions['app:1'] as TaskDefinition,
      key: 'app:1',
      launchType: 'EC2',
      requirements: req,
      group: 'service:api',
      startedBy: 'test',
      serviceName: 'api',
      containerInstanceId: placed.instanceId as string,
      availabilityZone: placed.availabilityZone,
      placementReason: placed.reason,
    });
    activeSet(d1, false, firstFailedCheck);
    const after = d1.finish();
    expect(after.instances[placed.instanceId as string]).not.toBe(
      state.instances[placed.instanceId as string],
    );
    // `state` again: its own instances, not the ones d1 wrote.
    compare(state, reqs);
    compare(after, reqs);
  });
});
