import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import {
  advance,
  applyCommand,
  createDefaultCluster,
  type SimCommand,
  type SimState,
} from '../../src/sim/index.ts';
import {
  BROKEN_TAG,
  TASK_DEFINITION_LIBRARY,
  clusterMachine,
  dropCommands,
  libraryTaskDefinition,
  type DropTarget,
  type PaletteItem,
} from '../../src/machine/index.ts';

const steady = (): SimState => advance(createDefaultCluster(2), 150_000);

function applyAll(s: SimState, commands: readonly SimCommand[]): SimState {
  for (const c of commands) {
    const r = applyCommand(s, c);
    if (r.error !== undefined) throw new Error(r.error);
    s = r.state;
  }
  return s;
}

function ok(s: SimState, item: PaletteItem, target: DropTarget): readonly SimCommand[] {
  const r = dropCommands(s, item, target);
  if (!r.ok) throw new Error(r.reason);
  return r.commands;
}

const instanceIn = (s: SimState, az: string) =>
  Object.values(s.instances).find((i) => i.availabilityZone === az && i.status === 'ACTIVE')!;
const serviceTask = (s: SimState, service: string) =>
  Object.values(s.tasks).find((t) => t.serviceName === service && t.lastStatus === 'RUNNING')!;

describe('palette drops → ECS API calls', () => {
  it('every library task definition passes the RegisterTaskDefinition validator', () => {
    for (const e of TASK_DEFINITION_LIBRARY) expect(libraryTaskDefinition(e.id).family).toBe(e.id);
  });

  it('an instance dropped in an AZ registers there; on the background, in a balanced AZ', () => {
    const s = steady();
    expect(
      ok(
        s,
        { kind: 'instance', instanceType: 'c5.xlarge' },
        { kind: 'availabilityZone', az: 'us-east-1b' },
      ),
    ).toEqual([
      { type: 'ADD_INSTANCE', instanceType: 'c5.xlarge', availabilityZone: 'us-east-1b' },
    ]);
    const onFargate = ok(
      s,
      { kind: 'instance', instanceType: 't3.micro' },
      { kind: 'fargate', az: 'us-east-1c' },
    );
    expect(onFargate).toEqual([
      { type: 'ADD_INSTANCE', instanceType: 't3.micro', availabilityZone: 'us-east-1c' },
    ]);
    expect(ok(s, { kind: 'instance', instanceType: 'm5.large' }, { kind: 'cluster' })).toEqual([
      { type: 'ADD_INSTANCE', instanceType: 'm5.large' },
    ]);
    const after = applyAll(
      s,
      ok(
        s,
        { kind: 'instance', instanceType: 'c5.xlarge' },
        { kind: 'availabilityZone', az: 'us-east-1b' },
      ),
    );
    const added = Object.values(after.instances).find((i) => s.instances[i.id] === undefined);
    expect(added?.availabilityZone).toBe('us-east-1b');
    expect(added?.instanceType).toBe('c5.xlarge');
  });

  it('a task definition on Fargate runs a FARGATE task; on an instance, a task placed on that instance', () => {
    const s = steady();
    const fargate = ok(
      s,
      { kind: 'taskDefinition', libraryId: 'nginx-web' },
      { kind: 'fargate', az: 'us-east-1a' },
    );
    expect(fargate.map((c) => c.type)).toEqual(['REGISTER_TASK_DEFINITION', 'RUN_TASK']);
    expect(fargate[1]).toMatchObject({ taskDefinition: 'nginx-web:1', launchType: 'FARGATE' });
    const inst = instanceIn(s, 'us-east-1c');
    const onInstance = ok(
      s,
      { kind: 'taskDefinition', libraryId: 'worker' },
      { kind: 'instance', id: inst.id },
    );
    const after = applyAll(s, onInstance);
    const started = Object.values(after.tasks).filter((t) => s.tasks[t.id] === undefined);
    expect(started).toHaveLength(1);
    expect(started[0]?.containerInstanceId).toBe(inst.id);
    expect(started[0]?.taskDefinitionKey).toBe('worker:1');
  });

  it('a task definition on an AZ runs an EC2 task in that AZ', () => {
    const s = steady();
    const after = applyAll(
      s,
      ok(
        s,
        { kind: 'taskDefinition', libraryId: 'nginx-web' },
        { kind: 'availabilityZone', az: 'us-east-1b' },
      ),
    );
    const started = Object.values(after.tasks).filter((t) => s.tasks[t.id] === undefined);
    expect(started.map((t) => [t.launchType, t.availabilityZone])).toEqual([['EC2', 'us-east-1b']]);
  });

  it('a task definition on a service (or one of its tasks) registers a new revision and deploys it', () => {
    let s = steady();
    s = applyAll(s, [
      { type: 'REGISTER_TASK_DEFINITION', taskDefinition: libraryTaskDefinition('nginx-web') },
    ]);
    const cmds = ok(
      s,
      { kind: 'taskDefinition', libraryId: 'nginx-web' },
      { kind: 'task', id: serviceTask(s, 'web').id },
    );
    expect(cmds[1]).toEqual({
      type: 'UPDATE_SERVICE',
      serviceName: 'web',
      taskDefinition: 'nginx-web:2',
    });
    const after = applyAll(s, cmds);
    const deployments = after.services.web!.deployments;
    expect(deployments[0]).toMatchObject({
      status: 'PRIMARY',
      taskDefinitionKey: 'nginx-web:2',
      rolloutState: 'IN_PROGRESS',
    });
    expect(deployments[1]).toMatchObject({ status: 'ACTIVE', taskDefinitionKey: 'web:1' });
  });

  it('refuses a Fargate-incompatible task definition on Fargate with AWS’s reason, and changes nothing', () => {
    const s = steady();
    const r = dropCommands(
      s,
      { kind: 'taskDefinition', libraryId: 'api-sidecar' },
      { kind: 'fargate', az: 'us-east-1a' },
    );
    expect(r).toEqual({
      ok: false,
      reason: 'InvalidParameterException: Task definition does not support launch_type FARGATE.',
    });
    // Sent through the machine as one action, the refused drop leaves no trace at all.
    const actor = createActor(clusterMachine, { input: { sim: s } });
    actor.start();
    const svc = dropCommands(
      s,
      { kind: 'service', libraryId: 'worker' },
      { kind: 'fargate', az: 'us-east-1a' },
    );
    expect(svc.ok).toBe(false);
    actor.send({
      type: 'COMMANDS',
      commands: [
        { type: 'REGISTER_TASK_DEFINITION', taskDefinition: libraryTaskDefinition('worker') },
        { type: 'RUN_TASK', taskDefinition: 'worker:1', launchType: 'FARGATE' },
      ],
    });
    expect(actor.getSnapshot().context.sim).toBe(s);
    expect(actor.getSnapshot().context.commandLog).toHaveLength(0);
    expect(actor.getSnapshot().context.lastError).toMatch(/does not support launch_type FARGATE/);
  });

  it('a service creates 2 tasks on the capacity it was dropped on, under a free name', () => {
    const s = steady();
    const cmds = ok(
      s,
      { kind: 'service', libraryId: 'nginx-web' },
      { kind: 'fargate', az: 'us-east-1b' },
    );
    expect(cmds.at(-1)).toEqual({
      type: 'CREATE_SERVICE',
      serviceName: 'nginx-web-svc',
      taskDefinition: 'nginx-web:1',
      desiredCount: 2,
      launchType: 'FARGATE',
    });
    const s2 = applyAll(s, cmds);
    const again = ok(s2, { kind: 'service', libraryId: 'nginx-web' }, { kind: 'cluster' });
    expect(again).toEqual([
      {
        type: 'CREATE_SERVICE',
        serviceName: 'nginx-web-svc-2',
        taskDefinition: 'nginx-web:1',
        desiredCount: 2,
        launchType: 'FARGATE',
      },
    ]);
    expect(
      dropCommands(s, { kind: 'service', libraryId: 'nginx-web' }, { kind: 'service', name: 'web' })
        .ok,
    ).toBe(false);
  });

  it('faults apply to their target and explain a wrong one', () => {
    const s = steady();
    const task = serviceTask(s, 'api');
    expect(ok(s, { kind: 'fault', fault: 'crashTask' }, { kind: 'task', id: task.id })).toEqual([
      { type: 'CRASH_TASK', taskId: task.id },
    ]);
    expect(
      dropCommands(s, { kind: 'fault', fault: 'crashTask' }, { kind: 'cluster' }),
    ).toMatchObject({ ok: false, reason: /needs a task/ });
    expect(
      ok(s, { kind: 'fault', fault: 'terminateInstance' }, { kind: 'task', id: task.id }),
    ).toEqual([{ type: 'TERMINATE_INSTANCE', instanceId: task.containerInstanceId }]);
    expect(
      dropCommands(
        s,
        { kind: 'fault', fault: 'terminateInstance' },
        { kind: 'task', id: serviceTask(s, 'web').id },
      ),
    ).toMatchObject({
      ok: false,
      reason: /no EC2 instance of yours/,
    });
    expect(
      ok(s, { kind: 'fault', fault: 'azDown' }, { kind: 'availabilityZone', az: 'us-east-1a' }),
    ).toEqual([{ type: 'AZ_OUTAGE', availabilityZone: 'us-east-1a' }]);
  });

  it('a broken revision fails to start, trips the circuit breaker (threshold 3) and rolls back', () => {
    let s = steady();
    const cmds = ok(
      s,
      { kind: 'fault', fault: 'brokenRevision' },
      { kind: 'service', name: 'web' },
    );
    expect(cmds.map((c) => c.type)).toEqual([
      'ENABLE_IMAGE_PULLS',
      'REGISTER_TASK_DEFINITION',
      'UPDATE_SERVICE',
    ]);
    s = applyAll(s, cmds);
    expect(s.taskDefinitions['web:2']?.containerDefinitions[0]?.image).toBe(`nginx:${BROKEN_TAG}`);
    s = advance(s, 600_000);
    const web = s.services.web!;
    expect(web.deployments[0]).toMatchObject({
      status: 'PRIMARY',
      taskDefinitionKey: 'web:1',
      rolloutState: 'COMPLETED',
    });
    expect(web.deployments.find((d) => d.taskDefinitionKey === 'web:2')).toMatchObject({
      rolloutState: 'FAILED',
      failedTasks: 3,
    });
    expect(s.events.map((e) => e.message)).toContainEqual(
      expect.stringMatching(/deployment failed: tasks failed to start/),
    );
  });
});
