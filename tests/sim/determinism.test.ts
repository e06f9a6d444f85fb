import { describe, expect, it } from 'vitest';
import {
  advance,
  applyCommand,
  createDefaultCluster,
  tasksOfService,
  WEB_TASK_DEFINITION,
  type SimCommand,
  type SimState,
} from '../../src/sim/index.ts';
import { deepFreeze } from './helpers.ts';

function script(seed: number): SimState {
  let s = createDefaultCluster(seed);
  const steps: ((x: SimState) => SimCommand)[] = [
    () => ({ type: 'ADD_INSTANCE', instanceType: 'm5.xlarge' }),
    (x) => ({ type: 'CRASH_TASK', taskId: (tasksOfService(x, 'api')[0] as { id: string }).id }),
    () => ({ type: 'UPDATE_SERVICE', serviceName: 'web', desiredCount: 5 }),
    () => ({
      type: 'RUN_TASK',
      taskDefinition: 'api',
      launchType: 'EC2',
      count: 3,
      placementStrategy: [{ type: 'random' }],
    }),
    () => ({ type: 'AZ_OUTAGE', availabilityZone: 'us-east-1c' }),
    () => ({ type: 'AZ_RESTORE', availabilityZone: 'us-east-1c' }),
  ];
  for (const make of steps) {
    s = applyCommand(s, make(s)).state;
    s = advance(s, 17_000);
  }
  return advance(s, 120_000);
}

describe('determinism', () => {
  it('same seed and same commands give deep-equal states', () => {
    expect(script(42)).toEqual(script(42));
  });

  it('different seeds give different runs', () => {
    const a = script(1);
    const b = script(2);
    expect(Object.keys(a.tasks).sort()).not.toEqual(Object.keys(b.tasks).sort());
    expect(a.rng).not.toEqual(b.rng);
  });

  it('never mutates its input (deep-frozen states and commands)', () => {
    const s = deepFreeze(createDefaultCluster(9));
    const snapshot = JSON.stringify(s);
    const commands: SimCommand[] = [
      {
        type: 'REGISTER_TASK_DEFINITION',
        taskDefinition: { ...WEB_TASK_DEFINITION, family: 'web' },
      },
      {
        type: 'UPDATE_SERVICE',
        serviceName: 'web',
        taskDefinition: 'web:1',
        forceNewDeployment: true,
      },
      { type: 'CRASH_TASK', taskId: (tasksOfService(s, 'api')[0] as { id: string }).id },
      { type: 'DRAIN_INSTANCE', instanceId: Object.keys(s.instances)[0] as string },
      { type: 'TERMINATE_INSTANCE', instanceId: Object.keys(s.instances)[1] as string },
      { type: 'AZ_OUTAGE', availabilityZone: 'us-east-1a' },
      { type: 'RUN_TASK', taskDefinition: 'web', launchType: 'FARGATE', count: 2 },
      { type: 'DELETE_SERVICE', serviceName: 'api', force: true },
    ];
    for (const c of commands) {
      const r = applyCommand(s, deepFreeze(c));
      expect(r.error).toBeUndefined();
      const later = advance(deepFreeze(r.state), 90_000);
      expect(later.now).toBe(s.now + 90_000);
    }
    expect(JSON.stringify(s)).toBe(snapshot);
  });

  it('returns the same object when less than one step is requested, and bumps version on change', () => {
    const s = createDefaultCluster(3);
    expect(advance(s, 999)).toBe(s);
    const r = applyCommand(s, { type: 'UPDATE_SERVICE', serviceName: 'api', desiredCount: 5 });
    expect(r.state.version).toBeGreaterThan(s.version);
    const quiet = advance(s, 1000);
    expect(quiet.now).toBe(s.now + 1000);
    expect(quiet.version).toBe(s.version);
    expect(quiet.tasks).toBe(s.tasks);
  });
});

describe('advance in chunks', () => {
  it('advance(N s) equals N × advance(1 s) while tasks start, crash and get replaced (exact replay)', async () => {
    const { advance, applyCommand, createDefaultCluster } = await import('../../src/sim/index.ts');
    let s = advance(createDefaultCluster(5), 125_000);
    const t = Object.values(s.tasks).find(
      (x) => x.serviceName === 'api' && x.lastStatus === 'RUNNING',
    );
    s = applyCommand(s, { type: 'CRASH_TASK', taskId: t!.id }).state;
    const strip = (x: typeof s): string => JSON.stringify({ ...x, version: 0 });
    let stepped = s;
    for (let i = 0; i < 60; i++) stepped = advance(stepped, 1000);
    expect(strip(advance(s, 60_000))).toBe(strip(stepped));
    expect(strip(advance(advance(s, 7_000), 53_000))).toBe(strip(stepped));
  });
});
