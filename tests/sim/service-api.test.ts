import { describe, expect, it } from 'vitest';
import {
  MAX_EVENTS,
  advance,
  applyCommand,
  createDefaultCluster,
  createSimulation,
  serviceCounts,
  tasksOfService,
  WEB_TASK_DEFINITION,
} from '../../src/sim/index.ts';
import {
  apply,
  applyError,
  advanceUntil,
  clusterWith,
  fargateTaskDef,
  register,
  taskDef,
} from './helpers.ts';

describe('task definitions', () => {
  it('assigns revision = max + 1, the ECS ARN, ACTIVE status and computed compatibilities', () => {
    let s = createSimulation({ seed: 1 });
    s = register(s, taskDef());
    s = register(s, taskDef());
    s = register(s, fargateTaskDef({ family: 'app' }));
    const td = s.taskDefinitions['app:3'];
    expect(td?.taskDefinitionArn).toBe('arn:aws:ecs:us-east-1:123456789012:task-definition/app:3');
    expect(td?.status).toBe('ACTIVE');
    expect(td?.compatibilities).toEqual(['EC2', 'EXTERNAL', 'FARGATE']);
    expect(s.taskDefinitions['app:1']?.compatibilities).toEqual(['EC2', 'EXTERNAL']);
  });

  it('refuses a FARGATE task definition that is not awsvpc (exact AWS text)', () => {
    const err = applyError(createSimulation({ seed: 1 }), {
      type: 'REGISTER_TASK_DEFINITION',
      taskDefinition: fargateTaskDef({ networkMode: 'bridge' }),
    });
    expect(err).toBe('ClientException: Fargate only supports network mode ‘awsvpc’.');
  });

  it('deregisters a revision to INACTIVE; services can no longer start from it by family name', () => {
    let s = register(clusterWith([['m5.large', 'us-east-1a']]), taskDef());
    s = apply(s, { type: 'DEREGISTER_TASK_DEFINITION', taskDefinition: 'app:1' });
    expect(s.taskDefinitions['app:1']?.status).toBe('INACTIVE');
    expect(
      applyError(s, {
        type: 'CREATE_SERVICE',
        serviceName: 'x',
        taskDefinition: 'app',
        desiredCount: 1,
        launchType: 'EC2',
      }),
    ).toBe('ClientException: TaskDefinition not found.');
  });
});

describe('service API errors leave the state unchanged', () => {
  const s = createDefaultCluster(1);
  it.each([
    [
      { type: 'UPDATE_SERVICE', serviceName: 'nope', desiredCount: 1 } as const,
      'ServiceNotFoundException: Service not found.',
    ],
    [
      { type: 'DELETE_SERVICE', serviceName: 'api' } as const,
      'InvalidParameterException: The service cannot be stopped while it is scaled above 0.',
    ],
    [
      {
        type: 'CREATE_SERVICE',
        serviceName: 'web',
        taskDefinition: 'web',
        desiredCount: 1,
        launchType: 'FARGATE',
      } as const,
      'InvalidParameterException: Creation of service was not idempotent.',
    ],
    [
      {
        type: 'CREATE_SERVICE',
        serviceName: 'api2',
        taskDefinition: 'api',
        desiredCount: 1,
        launchType: 'FARGATE',
      } as const,
      'InvalidParameterException: Task definition does not support launch_type FARGATE.',
    ],
    [
      {
        type: 'CREATE_SERVICE',
        serviceName: 'x',
        taskDefinition: 'missing',
        desiredCount: 1,
        launchType: 'EC2',
      } as const,
      'ClientException: TaskDefinition not found.',
    ],
    [
      { type: 'STOP_TASK', taskId: 'f'.repeat(32) } as const,
      'InvalidParameterException: The referenced task was not found.',
    ],
    [
      { type: 'RUN_TASK', taskDefinition: 'api', launchType: 'EC2', count: 11 } as const,
      'InvalidParameterException: count must be between 1 and 10.',
    ],
    [
      { type: 'ADD_INSTANCE', instanceType: 'x9.huge' } as const,
      "InvalidParameterValue: Invalid value 'x9.huge' for InstanceType.",
    ],
    [
      { type: 'TERMINATE_INSTANCE', instanceId: 'i-00000000000000000' } as const,
      "InvalidInstanceID.NotFound: The instance ID 'i-00000000000000000' does not exist",
    ],
  ])('%o → %s', (command, error) => {
    expect(applyError(s, command)).toBe(error);
  });
});

describe('an unknown command', () => {
  it('is refused with InvalidAction and leaves the state unchanged (no throw)', () => {
    const s = createDefaultCluster(1);
    // Not a SimCommand: what a hand-edited save or a future version's log could hold.
    const bogus = { type: 'LAUNCH_ROCKET' } as unknown as Parameters<typeof applyCommand>[1];
    const r = applyCommand(s, bogus);
    expect(r.state).toBe(s);
    expect(r.error).toBe(
      'InvalidAction: The action or operation requested is invalid. Verify that the action is typed correctly. (LAUNCH_ROCKET)',
    );
  });
});

describe('service lifecycle', () => {
  it('deletes with force: DRAINING, tasks stop, then INACTIVE; the name can be reused', () => {
    let s = createDefaultCluster(1);
    s = apply(s, { type: 'DELETE_SERVICE', serviceName: 'api', force: true });
    expect(tasksOfService(s, 'api').every((t) => t.desiredStatus === 'STOPPED')).toBe(true);
    expect(s.services.api?.status).toBe('INACTIVE');
    s = advanceUntil(s, (x) => tasksOfService(x, 'api').length === 0);
    expect(
      applyCommand(s, { type: 'UPDATE_SERVICE', serviceName: 'api', desiredCount: 1 }).error,
    ).toBe('ServiceNotActiveException: Service was not ACTIVE.');
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'api',
      taskDefinition: 'api',
      desiredCount: 1,
      launchType: 'EC2',
    });
    expect(s.services.api?.status).toBe('ACTIVE');
  });

  it('deletes after scaling to 0 without force', () => {
    let s = createDefaultCluster(1);
    s = apply(s, { type: 'UPDATE_SERVICE', serviceName: 'web', desiredCount: 0 });
    s = apply(s, { type: 'DELETE_SERVICE', serviceName: 'web' });
    expect(s.services.web?.status).toBe('INACTIVE');
  });

  it('reports steady state once, and again after it was lost and regained', () => {
    let s = createDefaultCluster(1);
    const steadyMsgs = (): number =>
      s.events.filter((e) => e.message === '(service api) has reached a steady state.').length;
    expect(steadyMsgs()).toBe(1);
    s = advance(s, 10 * 60_000);
    expect(steadyMsgs()).toBe(1);
    s = apply(s, { type: 'STOP_TASK', taskId: (tasksOfService(s, 'api')[0] as { id: string }).id });
    expect(s.services.api?.steadyState).toBe(true);
    s = advanceUntil(s, (x) => x.services.api?.steadyState === false);
    s = advanceUntil(s, (x) => x.services.api?.steadyState === true);
    expect(steadyMsgs()).toBe(2);
  });

  it('spreads Fargate tasks across AZs and requires no instance', () => {
    let s = register(createSimulation({ seed: 3 }), fargateTaskDef());
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'fg',
      taskDefinition: 'fg',
      desiredCount: 6,
      launchType: 'FARGATE',
    });
    const perAz = new Map<string, number>();
    for (const t of tasksOfService(s, 'fg')) {
      expect(t.containerInstanceId).toBeUndefined();
      perAz.set(t.availabilityZone, (perAz.get(t.availabilityZone) ?? 0) + 1);
    }
    expect([...perAz.values()]).toEqual([2, 2, 2]);
  });

  it('bounds the event log at MAX_EVENTS with monotonic ids', () => {
    let s = register(createSimulation({ seed: 3 }), fargateTaskDef());
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'fg',
      taskDefinition: 'fg',
      desiredCount: 1,
      launchType: 'FARGATE',
    });
    for (let i = 0; i < 600; i++) {
      s = apply(s, { type: 'UPDATE_SERVICE', serviceName: 'fg', desiredCount: i % 2 });
      s = advance(s, 5000);
    }
    expect(s.events.length).toBeLessThanOrEqual(MAX_EVENTS);
    expect(s.counters.event).toBeGreaterThan(MAX_EVENTS);
    const ids = s.events.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('version bumps on every observable change and now advances in whole steps', () => {
    const s = createDefaultCluster(1);
    const next = apply(s, {
      type: 'REGISTER_TASK_DEFINITION',
      taskDefinition: { ...WEB_TASK_DEFINITION },
    });
    expect(next.version).toBe(s.version + 1);
    expect(advance(next, 2500).now).toBe(next.now + 2000);
    expect(serviceCounts(next, 'web').runningCount).toBe(3);
  });
});
