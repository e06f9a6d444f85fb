import { describe, expect, it } from 'vitest';
import {
  AGENT_RESERVED_PORTS,
  createDefaultCluster,
  describeContainerInstance,
  describeService,
  describeTask,
  describeTaskDefinition,
  isoAt,
  liveTasksOnInstance,
  tasksOfService,
} from '../../src/sim/index.ts';
import { apply } from './helpers.ts';

const s = createDefaultCluster(1);

describe('describe-* views for the inspector', () => {
  it('describeTask has ARNs, simulated ISO timestamps and container states', () => {
    const t = tasksOfService(s, 'api')[0];
    const v = describeTask(s, t?.id as string) as Record<string, unknown>;
    expect(v.taskArn).toMatch(/^arn:aws:ecs:us-east-1:123456789012:task\/default\/[0-9a-f]{32}$/);
    expect(v.taskDefinitionArn).toBe('arn:aws:ecs:us-east-1:123456789012:task-definition/api:1');
    expect(v.containerInstanceArn).toMatch(/:container-instance\/default\/[0-9a-f]{32}$/);
    expect(v.lastStatus).toBe('RUNNING');
    expect(v.desiredStatus).toBe('RUNNING');
    expect(v.group).toBe('service:api');
    expect(v.startedBy).toMatch(/^ecs-svc\/\d{19}$/);
    expect(v.createdAt).toBe(isoAt(t?.createdAt as number));
    expect(String(v.createdAt)).toMatch(/^2026-01-01T00:0\d:\d\d\.000Z$/);
    expect((v.containers as { lastStatus: string }[])[0]?.lastStatus).toBe('RUNNING');
  });

  it('describeTask shows stopCode, stoppedReason and exit code after a crash', () => {
    const id = tasksOfService(s, 'web')[0]?.id as string;
    const crashed = apply(s, { type: 'CRASH_TASK', taskId: id, exitCode: 2 });
    const v = describeTask(crashed, id) as Record<string, unknown>;
    expect(v).toMatchObject({
      desiredStatus: 'STOPPED',
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      launchType: 'FARGATE',
    });
    expect((v.containers as { exitCode?: number }[])[0]?.exitCode).toBe(2);
    expect(describeTask(s, 'nope')).toBeUndefined();
  });

  it('describeService has counts, the PRIMARY deployment and events newest first', () => {
    const v = describeService(s, 'api') as Record<string, unknown>;
    expect(v).toMatchObject({
      serviceName: 'api',
      status: 'ACTIVE',
      desiredCount: 4,
      runningCount: 4,
      pendingCount: 0,
      launchType: 'EC2',
    });
    expect(v.serviceArn).toBe('arn:aws:ecs:us-east-1:123456789012:service/default/api');
    const deps = v.deployments as { status: string; rolloutState: string; runningCount: number }[];
    expect(deps).toHaveLength(1);
    expect(deps[0]).toMatchObject({
      status: 'PRIMARY',
      rolloutState: 'COMPLETED',
      runningCount: 4,
    });
    const events = v.events as { message: string; createdAt: string }[];
    expect(events[0]?.message).toBe('(service api) has reached a steady state.');
    expect(events.map((e) => e.createdAt)).toEqual(
      [...events.map((e) => e.createdAt)].sort().reverse(),
    );
  });

  it('describeContainerInstance lists registered vs remaining resources like the API', () => {
    const inst = Object.values(s.instances).find((i) => i.instanceType === 'm5.large');
    const v = describeContainerInstance(s, inst?.id as string) as Record<string, unknown>;
    type R = { name: string; integerValue: number; stringSetValue?: string[] };
    const reg = v.registeredResources as R[];
    const rem = v.remainingResources as R[];
    expect(reg.map((r) => r.name)).toEqual(['CPU', 'MEMORY', 'PORTS', 'PORTS_UDP']);
    expect(reg[0]?.integerValue).toBe(2048);
    expect(reg[1]?.integerValue).toBe(Math.floor(8192 * 0.975));
    const used = liveTasksOnInstance(s, inst?.id as string).reduce((a, t) => a + t.cpu, 0);
    expect(rem[0]?.integerValue).toBe(2048 - used);
    expect(reg[2]?.stringSetValue).toEqual(AGENT_RESERVED_PORTS.map(String));
    expect(v.runningTasksCount).toBe(liveTasksOnInstance(s, inst?.id as string).length);
    expect(v.attributes).toContainEqual({
      name: 'ecs.availability-zone',
      value: inst?.availabilityZone,
    });
    expect(v.ec2InstanceId).toMatch(/^i-[0-9a-f]{17}$/);
  });

  it('describeTaskDefinition resolves family, family:revision and ARN', () => {
    const byFamily = describeTaskDefinition(s, 'web') as Record<string, unknown>;
    expect(byFamily).toMatchObject({
      family: 'web',
      revision: 1,
      cpu: '512',
      memory: '1024',
      networkMode: 'awsvpc',
      status: 'ACTIVE',
    });
    expect(describeTaskDefinition(s, 'web:1')).toEqual(byFamily);
    expect(describeTaskDefinition(s, byFamily.taskDefinitionArn as string)).toEqual(byFamily);
    expect(byFamily.registeredAt).toBe('2026-01-01T00:00:00.000Z');
  });
});

describe('default cluster', () => {
  it('opens with 3 instances across 3 AZs and both services steady with every task RUNNING', () => {
    const azs = Object.values(s.instances)
      .map((i) => i.availabilityZone)
      .sort();
    expect(azs).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(Object.values(s.instances).every((i) => i.status === 'ACTIVE')).toBe(true);
    expect(tasksOfService(s, 'web')).toHaveLength(3);
    expect(tasksOfService(s, 'api')).toHaveLength(4);
    expect(Object.values(s.tasks).every((t) => t.lastStatus === 'RUNNING')).toBe(true);
    expect(s.services.web?.steadyState && s.services.api?.steadyState).toBe(true);
    expect(new Set(tasksOfService(s, 'web').map((t) => t.availabilityZone)).size).toBe(3);
    expect(createDefaultCluster(1)).toEqual(s);
  });
});
