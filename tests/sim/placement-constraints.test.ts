import { describe, expect, it } from 'vitest';
import {
  advance,
  applyCommand,
  liveTasksOnInstance,
  type SimState,
  type Task,
} from '../../src/sim/index.ts';
import {
  apply,
  applyError,
  clusterWith,
  container,
  messagesSince,
  register,
  taskDef,
} from './helpers.ts';

const TROUBLESHOOTING =
  'For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.';
const liveTasks = (s: SimState): Task[] =>
  Object.values(s.tasks).filter((t) => t.lastStatus !== 'STOPPED');
const idOf = (s: SimState, type: string): string =>
  (Object.values(s.instances).find((i) => i.instanceType === type) as { id: string }).id;

describe('placement constraints', () => {
  it('distinctInstance puts each task of the group on a different instance', () => {
    let s = register(
      clusterWith([
        ['m5.large', 'us-east-1a'],
        ['m5.large', 'us-east-1a'],
        ['m5.large', 'us-east-1b'],
      ]),
      taskDef(),
    );
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'one-per-host',
      taskDefinition: 'app',
      desiredCount: 4,
      launchType: 'EC2',
      placementConstraints: [{ type: 'distinctInstance' }],
    });
    for (const id of Object.keys(s.instances)) expect(liveTasksOnInstance(s, id)).toHaveLength(1);
    expect(liveTasks(s)).toHaveLength(3);
    expect(s.events.at(-1)?.message).toBe(
      `(service one-per-host) was unable to place a task because no container instance met all of its requirements. ${TROUBLESHOOTING}`,
    );
  });

  it('memberOf restricts placement to matching instances (AZ list and instance-type pattern)', () => {
    let s = register(
      clusterWith([
        ['m5.large', 'us-east-1a'],
        ['c5.large', 'us-east-1b'],
        ['t3.large', 'us-east-1c'],
      ]),
      taskDef(),
    );
    s = apply(s, {
      type: 'RUN_TASK',
      taskDefinition: 'app',
      launchType: 'EC2',
      count: 6,
      placementConstraints: [
        {
          type: 'memberOf',
          expression:
            'attribute:ecs.availability-zone in [us-east-1a, us-east-1c] and attribute:ecs.instance-type =~ t3.*',
        },
      ],
    });
    expect(liveTasks(s).every((t) => t.containerInstanceId === idOf(s, 't3.large'))).toBe(true);
  });

  it('memberOf from the task definition applies too, and unmatched tasks fail with the MemberOf reason', () => {
    const s = register(
      clusterWith([['m5.large', 'us-east-1a']]),
      taskDef({
        placementConstraints: [
          { type: 'memberOf', expression: 'attribute:ecs.instance-type == c5.large' },
        ],
      }),
    );
    const r = applyCommand(s, { type: 'RUN_TASK', taskDefinition: 'app', launchType: 'EC2' });
    expect(r.error).toMatch(/^RunTask failures: MemberOf placement constraint unsatisfied/);
    expect(r.failures?.[0]?.reason).toBe('MemberOf placement constraint unsatisfied');
    expect(r.state).toBe(s);
  });

  it('refuses an unparsable memberOf expression with InvalidParameterException', () => {
    const s = register(clusterWith([['m5.large', 'us-east-1a']]), taskDef());
    const err = applyError(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'x',
      taskDefinition: 'app',
      desiredCount: 1,
      launchType: 'EC2',
      placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type ==' }],
    });
    expect(err).toMatch(/^InvalidParameterException: /);
  });

  it('a static host port allows one task per instance and reports the port conflict', () => {
    const td = taskDef({
      containerDefinitions: [
        container({ portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }] }),
      ],
    });
    let s = register(
      clusterWith([
        ['m5.large', 'us-east-1a'],
        ['m5.large', 'us-east-1b'],
      ]),
      td,
    );
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'static',
      taskDefinition: 'app',
      desiredCount: 3,
      launchType: 'EC2',
    });
    expect(liveTasks(s)).toHaveLength(2);
    for (const i of Object.values(s.instances)) expect(i.usedPorts).toEqual([80]);
    const last = s.events.at(-1)?.message ?? '';
    expect(last).toMatch(
      /^\(service static\) was unable to place a task because no container instance met all of its requirements\. The closest matching container-instance [0-9a-f]{32} is already using a port required by your task\. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide\.$/,
    );
    const r = applyCommand(s, { type: 'RUN_TASK', taskDefinition: 'app', launchType: 'EC2' });
    expect(r.failures?.[0]?.reason).toBe('RESOURCE:PORTS');
  });

  it('dynamic host ports (bridge, no hostPort) never conflict', () => {
    const td = taskDef({
      containerDefinitions: [
        container({ portMappings: [{ containerPort: 3000, protocol: 'tcp' }] }),
      ],
    });
    let s = register(clusterWith([['m5.large', 'us-east-1a']]), td);
    s = apply(s, { type: 'RUN_TASK', taskDefinition: 'app', launchType: 'EC2', count: 4 });
    expect(liveTasks(s)).toHaveLength(4);
    expect(Object.values(s.instances)[0]?.usedPorts).toEqual([]);
  });

  it('reports insufficient CPU with the AWS event wording, and suppresses the duplicate', () => {
    const td = taskDef({ containerDefinitions: [container({ cpu: 1536, memory: 512 })] });
    let s = register(clusterWith([['m5.large', 'us-east-1a']]), td);
    const before = s.events.length;
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'big',
      taskDefinition: 'app',
      desiredCount: 2,
      launchType: 'EC2',
    });
    const inst = Object.values(s.instances)[0] as { id: string };
    const expected = `(service big) was unable to place a task because no container instance met all of its requirements. The closest matching container-instance ${inst.id} has insufficient CPU units available. ${TROUBLESHOOTING}`;
    expect(messagesSince(s, before)).toContain(expected);
    s = advance(s, 60_000);
    expect(messagesSince(s, before).filter((m) => m === expected)).toHaveLength(1);
  });

  it('reports insufficient memory and RESOURCE:MEMORY', () => {
    const td = taskDef({ containerDefinitions: [container({ cpu: 128, memory: 7000 })] });
    let s = register(clusterWith([['c5.large', 'us-east-1a']]), td);
    const r = applyCommand(s, { type: 'RUN_TASK', taskDefinition: 'app', launchType: 'EC2' });
    expect(r.failures?.[0]).toEqual({
      arn: Object.values(s.instances)[0]?.containerInstanceArn,
      reason: 'RESOURCE:MEMORY',
    });
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'mem',
      taskDefinition: 'app',
      desiredCount: 1,
      launchType: 'EC2',
    });
    expect(s.events.at(-1)?.message).toContain('has insufficient memory available.');
  });

  it('says so when the cluster has no container instances', () => {
    let s = register(clusterWith([]), taskDef());
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'lonely',
      taskDefinition: 'app',
      desiredCount: 1,
      launchType: 'EC2',
    });
    expect(s.events.at(-1)?.message).toBe(
      `(service lonely) was unable to place a task because no container instance met all of its requirements. Reason: No Container Instances were found in your cluster. ${TROUBLESHOOTING}`,
    );
  });

  it('limits awsvpc tasks on EC2 to the free ENIs (ENIs − 1)', () => {
    let s = register(clusterWith([['m5.large', 'us-east-1a']]), taskDef({ networkMode: 'awsvpc' }));
    const r = applyCommand(s, {
      type: 'RUN_TASK',
      taskDefinition: 'app',
      launchType: 'EC2',
      count: 3,
    });
    s = r.state;
    expect(liveTasks(s)).toHaveLength(2);
    expect(r.failures).toEqual([
      { arn: Object.values(s.instances)[0]?.containerInstanceArn, reason: 'RESOURCE:ENI' },
    ]);
    expect(Object.values(s.instances)[0]?.usedEnis).toBe(2);
  });

  it('never places on DRAINING, REGISTERING or agent-disconnected instances', () => {
    let s = register(
      clusterWith([
        ['m5.large', 'us-east-1a'],
        ['m5.large', 'us-east-1b'],
      ]),
      taskDef(),
    );
    const [a] = Object.keys(s.instances).sort();
    s = apply(s, { type: 'DRAIN_INSTANCE', instanceId: a as string });
    s = apply(s, {
      type: 'ADD_INSTANCE',
      instanceType: 'm5.large',
      availabilityZone: 'us-east-1c',
    });
    s = apply(s, {
      type: 'RUN_TASK',
      taskDefinition: 'app',
      launchType: 'EC2',
      count: 5,
      placementStrategy: [{ type: 'spread', field: 'instanceId' }],
    });
    const hosts = new Set(
      liveTasks(s).map((t) => s.instances[t.containerInstanceId as string]?.status),
    );
    expect([...hosts]).toEqual(['ACTIVE']);
  });
});
