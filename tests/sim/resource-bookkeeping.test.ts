import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  advance,
  applyCommand,
  canTransition,
  createSimulation,
  recomputeInstanceResources,
  type SimCommand,
  type SimState,
} from '../../src/sim/index.ts';
import { container, fargateTaskDef, taskDef } from './helpers.ts';

const TYPES = ['t3.micro', 't3.medium', 'm5.large', 'c5.large', 'm6g.large'];
const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

/** One abstract action; indices pick among whatever exists at the time. */
type Action =
  | { kind: 'add'; type: number; az: number }
  | { kind: 'run'; td: number; count: number }
  | { kind: 'svc'; td: number; count: number }
  | { kind: 'scale'; svc: number; count: number }
  | { kind: 'stop' | 'crash'; pick: number }
  | { kind: 'terminate' | 'drain' | 'activate'; pick: number }
  | { kind: 'outage' | 'restore'; az: number }
  | { kind: 'wait'; seconds: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), type: fc.nat(4), az: fc.nat(2) }),
  fc.record({
    kind: fc.constant('run' as const),
    td: fc.nat(3),
    count: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({
    kind: fc.constant('svc' as const),
    td: fc.nat(3),
    count: fc.integer({ min: 0, max: 6 }),
  }),
  fc.record({
    kind: fc.constant('scale' as const),
    svc: fc.nat(5),
    count: fc.integer({ min: 0, max: 8 }),
  }),
  fc.record({ kind: fc.constantFrom('stop' as const, 'crash' as const), pick: fc.nat(50) }),
  fc.record({
    kind: fc.constantFrom('terminate' as const, 'drain' as const, 'activate' as const),
    pick: fc.nat(10),
  }),
  fc.record({ kind: fc.constantFrom('outage' as const, 'restore' as const), az: fc.nat(2) }),
  fc.record({ kind: fc.constant('wait' as const), seconds: fc.integer({ min: 1, max: 90 }) }),
);

const TDS = [
  taskDef({ family: 'small' }),
  taskDef({
    family: 'ported',
    containerDefinitions: [
      container({
        cpu: 512,
        memory: 1024,
        portMappings: [{ containerPort: 80, hostPort: 8080, protocol: 'tcp' }],
      }),
    ],
  }),
  taskDef({ family: 'vpc', networkMode: 'awsvpc', cpu: 256, memory: 512 }),
  fargateTaskDef({ family: 'fg' }),
];

function toCommand(s: SimState, a: Action, serviceNo: number): SimCommand | undefined {
  const taskIds = Object.keys(s.tasks).sort();
  const instIds = Object.keys(s.instances).sort();
  const services = Object.keys(s.services).sort();
  switch (a.kind) {
    case 'add':
      return {
        type: 'ADD_INSTANCE',
        instanceType: TYPES[a.type] as string,
        availabilityZone: AZS[a.az] as string,
      };
    case 'run': {
      const family = (TDS[a.td] as { family: string }).family;
      return {
        type: 'RUN_TASK',
        taskDefinition: family,
        count: a.count,
        launchType: family === 'fg' ? 'FARGATE' : 'EC2',
      };
    }
    case 'svc': {
      const family = (TDS[a.td] as { family: string }).family;
      return {
        type: 'CREATE_SERVICE',
        serviceName: `s${serviceNo}`,
        taskDefinition: family,
        desiredCount: a.count,
        launchType: family === 'fg' ? 'FARGATE' : 'EC2',
      };
    }
    case 'scale':
      return services.length
        ? {
            type: 'UPDATE_SERVICE',
            serviceName: services[a.svc % services.length] as string,
            desiredCount: a.count,
          }
        : undefined;
    case 'stop':
      return taskIds.length
        ? { type: 'STOP_TASK', taskId: taskIds[a.pick % taskIds.length] as string }
        : undefined;
    case 'crash':
      return taskIds.length
        ? { type: 'CRASH_TASK', taskId: taskIds[a.pick % taskIds.length] as string }
        : undefined;
    case 'terminate':
      return instIds.length
        ? { type: 'TERMINATE_INSTANCE', instanceId: instIds[a.pick % instIds.length] as string }
        : undefined;
    case 'drain':
      return instIds.length
        ? { type: 'DRAIN_INSTANCE', instanceId: instIds[a.pick % instIds.length] as string }
        : undefined;
    case 'activate':
      return instIds.length
        ? { type: 'ACTIVATE_INSTANCE', instanceId: instIds[a.pick % instIds.length] as string }
        : undefined;
    case 'outage':
      return { type: 'AZ_OUTAGE', availabilityZone: AZS[a.az] as string };
    case 'restore':
      return { type: 'AZ_RESTORE', availabilityZone: AZS[a.az] as string };
    case 'wait':
      return undefined;
  }
}

/** Runs the actions and checks the invariants after every one; returns the final state. */
function runAndCheck(seed: number, actions: readonly Action[]): SimState {
  let s = createSimulation({ seed });
  for (const td of TDS)
    s = applyCommand(s, { type: 'REGISTER_TASK_DEFINITION', taskDefinition: td }).state;
  let serviceNo = 0;
  for (const a of actions) {
    const c = toCommand(s, a, serviceNo);
    if (c?.type === 'CREATE_SERVICE') serviceNo++;
    s = c ? applyCommand(s, c).state : advance(s, (a.kind === 'wait' ? a.seconds : 1) * 1000);
    s = advance(s, 3000);
    for (const inst of Object.values(s.instances)) {
      const fresh = recomputeInstanceResources(inst, s.tasks);
      expect({
        remainingCpu: inst.remainingCpu,
        remainingMemory: inst.remainingMemory,
        usedPorts: inst.usedPorts,
        usedEnis: inst.usedEnis,
      }).toEqual(fresh);
      expect(inst.remainingCpu).toBeGreaterThanOrEqual(0);
      expect(inst.remainingMemory).toBeGreaterThanOrEqual(0);
      expect(new Set(inst.usedPorts).size).toBe(inst.usedPorts.length);
    }
    for (const t of Object.values(s.tasks)) {
      for (let i = 1; i < t.history.length; i++) {
        expect(canTransition(t.history[i - 1]!.status, t.history[i]!.status)).toBe(true);
      }
      // Nothing lives in a down AZ: the outage stopped it and placement skips the AZ.
      if (t.lastStatus !== 'STOPPED')
        expect(s.downAvailabilityZones ?? []).not.toContain(t.availabilityZone);
    }
  }
  return s;
}

describe('instance resource bookkeeping', () => {
  it('always equals a from-scratch recomputation after random command sequences (seeded fuzz)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(action, { minLength: 5, maxLength: 40 }),
        (seed, actions) => {
          runAndCheck(seed, actions);
        },
      ),
      { seed: 20260101, numRuns: 60 },
    );
  });

  it('regression: drain then terminate a host with static-port tasks keeps ports balanced', () => {
    const s = runAndCheck(5, [
      { kind: 'add', type: 2, az: 0 },
      { kind: 'wait', seconds: 6 },
      { kind: 'svc', td: 1, count: 3 },
      { kind: 'wait', seconds: 20 },
      { kind: 'drain', pick: 0 },
      { kind: 'add', type: 2, az: 1 },
      { kind: 'wait', seconds: 30 },
      { kind: 'terminate', pick: 0 },
      { kind: 'wait', seconds: 90 },
    ]);
    expect(Object.values(s.instances).filter((i) => i.status === 'ACTIVE')).toHaveLength(1);
  });
});
