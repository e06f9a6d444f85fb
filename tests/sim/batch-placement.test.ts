/**
 * BatchPlacer (src/sim/placement.ts) must answer exactly what placeOnInstances answers task after
 * task — same instance, same reason text, same RNG draws — while it caches the filter and the
 * per-instance counts across a batch. These tests place the same batch both ways on random clusters
 * (random instance types, AZs, existing tasks, a down AZ, strategies and constraints) and compare
 * every placement and the final states; they fail as soon as a cached figure goes stale.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Draft } from '../../src/sim/draft.ts';
import {
  BatchPlacer,
  placeOnInstances,
  type PlacementRequest,
  type PlacementResult,
} from '../../src/sim/placement.ts';
import { createTask } from '../../src/sim/task-ops.ts';
import { taskRequirements } from '../../src/sim/resources.ts';
import type {
  PlacementConstraint,
  PlacementStrategy,
  SimState,
  TaskDefinition,
} from '../../src/sim/index.ts';
import { apply, clusterWith, container, register, taskDef } from './helpers.ts';

const TYPES = ['t3.micro', 't3.medium', 'm5.large', 'm5.xlarge', 'c5.large'] as const;
const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'] as const;

const STRATEGIES: readonly (readonly PlacementStrategy[])[] = [
  [],
  [{ type: 'random' }],
  [{ type: 'binpack', field: 'cpu' }],
  [{ type: 'binpack', field: 'memory' }],
  [{ type: 'spread', field: 'instanceId' }],
  [{ type: 'spread', field: 'host' }],
  [{ type: 'spread', field: 'attribute:ecs.instance-type' }],
  [
    { type: 'spread', field: 'attribute:ecs.availability-zone' },
    { type: 'binpack', field: 'memory' },
  ],
  [
    { type: 'spread', field: 'attribute:ecs.instance-type' },
    { type: 'spread', field: 'instanceId' },
  ],
];

const CONSTRAINTS: readonly (readonly PlacementConstraint[])[] = [
  [],
  [{ type: 'distinctInstance' }],
  [{ type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t3.*' }],
  [{ type: 'memberOf', expression: 'runningTasksCount < 3' }],
];

interface Case {
  readonly instances: readonly (readonly [number, number])[];
  readonly existing: number;
  readonly cpu: number;
  readonly hostPort: boolean;
  readonly strategy: number;
  readonly constraint: number;
  readonly downAz: boolean;
  readonly count: number;
  readonly seed: number;
}

const cases = fc.record({
  instances: fc.array(fc.tuple(fc.nat(TYPES.length - 1), fc.nat(AZS.length - 1)), {
    minLength: 0,
    maxLength: 12,
  }),
  existing: fc.nat(12),
  cpu: fc.constantFrom(128, 256, 512, 1024),
  hostPort: fc.boolean(),
  strategy: fc.nat(STRATEGIES.length - 1),
  constraint: fc.nat(CONSTRAINTS.length - 1),
  downAz: fc.boolean(),
  count: fc.integer({ min: 1, max: 40 }),
  seed: fc.nat(1_000),
});

/** A cluster of the case's instances, already running some tasks of the group and of another. */
function setUp(c: Case): { state: SimState; td: TaskDefinition } {
  let s = clusterWith(
    c.instances.map(([t, a]) => [TYPES[t] as string, AZS[a] as string] as const),
    c.seed,
  );
  s = register(
    s,
    taskDef({
      containerDefinitions: [
        container({
          cpu: c.cpu,
          memory: c.cpu * 2,
          portMappings: c.hostPort ? [{ containerPort: 80, hostPort: 8080, protocol: 'tcp' }] : [],
        }),
      ],
    }),
  );
  s = register(s, taskDef({ family: 'other' }));
  if (c.instances.length > 0 && c.existing > 0) {
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'api',
      taskDefinition: 'app',
      desiredCount: Math.min(c.existing, 10),
      launchType: 'EC2',
    });
    const other = applyOrSame(s, 'other', Math.min(c.existing, 10));
    s = other;
  }
  if (c.downAz) s = apply(s, { type: 'AZ_OUTAGE', availabilityZone: 'us-east-1b' });
  return { state: s, td: s.taskDefinitions['app:1'] as TaskDefinition };
}

function applyOrSame(s: SimState, family: string, count: number): SimState {
  try {
    return apply(s, { type: 'RUN_TASK', taskDefinition: family, launchType: 'EC2', count });
  } catch {
    return s; // nothing fits: the batch is tried on a full cluster, which is a case too
  }
}

/** Places `count` tasks one after another (creating each), with the given placer. */
function placeAll(
  state: SimState,
  td: TaskDefinition,
  request: PlacementRequest,
  count: number,
  batch: boolean,
): { results: PlacementResult[]; state: SimState } {
  const d = new Draft(state);
  const placer = batch ? new BatchPlacer(d, request) : undefined;
  const results: PlacementResult[] = [];
  for (let i = 0; i < count; i++) {
    const r = placer ? placer.place() : placeOnInstances(d, request);
    results.push(r);
    if (!r.ok) break;
    createTask(d, {
      td,
      key: 'app:1',
      launchType: 'EC2',
      requirements: request.requirements,
      group: request.group,
      startedBy: 'test',
      serviceName: 'api',
      ...(r.instanceId ? { containerInstanceId: r.instanceId } : {}),
      availabilityZone: r.availabilityZone,
      placementReason: r.reason,
    });
  }
  return { results, state: d.finish() };
}

describe('BatchPlacer', () => {
  it('places a batch exactly as placeOnInstances does task by task', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const { state, td } = setUp(c);
        const request: PlacementRequest = {
          requirements: taskRequirements(td, 'EC2'),
          group: 'service:api',
          groupLabel: 'service api',
          constraints: CONSTRAINTS[c.constraint] as readonly PlacementConstraint[],
          strategies: STRATEGIES[c.strategy] as readonly PlacementStrategy[],
        };
        const one = placeAll(state, td, request, c.count, false);
        const batch = placeAll(state, td, request, c.count, true);
        expect(batch.results).toEqual(one.results);
        expect(batch.state.rng).toEqual(one.state.rng);
        expect(batch.state.instances).toEqual(one.state.instances);
      }),
      { numRuns: 150, seed: 8 },
    );
  });

  it('fills a cluster to the last slot and then reports the closest instance, like the full check', () => {
    const { state, td } = setUp({
      instances: [
        [0, 0],
        [1, 1],
        [2, 2],
      ],
      existing: 0,
      cpu: 512,
      hostPort: false,
      strategy: 0,
      constraint: 0,
      downAz: false,
      count: 0,
      seed: 3,
    });
    const request: PlacementRequest = {
      requirements: taskRequirements(td, 'EC2'),
      group: 'service:api',
      groupLabel: 'service api',
      constraints: [],
      strategies: [],
    };
    const batch = placeAll(state, td, request, 50, true);
    const last = batch.results.at(-1) as PlacementResult;
    expect(batch.results.filter((r) => r.ok).length).toBeGreaterThan(3);
    expect(last.ok).toBe(false);
    expect(batch.results).toEqual(placeAll(state, td, request, 50, false).results);
  });
});
