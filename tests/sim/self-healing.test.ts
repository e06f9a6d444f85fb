import { describe, expect, it } from 'vitest';
import {
  advanceUntilSteady,
  applyCommand,
  createDefaultCluster,
  serviceCounts,
  tasksOfService,
  type SimState,
  type Task,
} from '../../src/sim/index.ts';
import { apply, advanceUntil, clusterWith, messagesSince, register, taskDef } from './helpers.ts';

const converged = (s: SimState, name: string): boolean => {
  const c = serviceCounts(s, name);
  return c.runningCount === c.desiredCount && c.pendingCount === 0;
};

describe('self-healing services', () => {
  it('replaces a crashed task; the crashed one records exit code and AWS stop reason', () => {
    let s = createDefaultCluster(1);
    const victim = tasksOfService(s, 'api')[0] as Task;
    s = apply(s, { type: 'CRASH_TASK', taskId: victim.id, exitCode: 137 });
    const crashed = s.tasks[victim.id] as Task;
    expect(crashed.stopCode).toBe('EssentialContainerExited');
    expect(crashed.stoppedReason).toBe('Essential container in task exited');
    expect(crashed.containers[0]?.exitCode).toBe(137);
    expect(serviceCounts(s, 'api').runningCount).toBe(3);
    s = advanceUntil(s, (x) => converged(x, 'api') && x.tasks[victim.id]?.lastStatus === 'STOPPED');
    expect(tasksOfService(s, 'api')).toHaveLength(4);
    expect(
      messagesSince(s).some((m) =>
        /^\(service api\) has started 1 tasks: \(task [0-9a-f]{32}\)\.$/.test(m),
      ),
    ).toBe(true);
  });

  it('replaces tasks of a terminated instance elsewhere and marks the instance INACTIVE', () => {
    let s = createDefaultCluster(1);
    const host = Object.values(s.instances).find((i) =>
      tasksOfService(s, 'api').some((t) => t.containerInstanceId === i.id),
    );
    if (!host) throw new Error('no api host');
    const onHost = tasksOfService(s, 'api').filter((t) => t.containerInstanceId === host.id);
    s = apply(s, { type: 'TERMINATE_INSTANCE', instanceId: host.ec2InstanceId });
    expect(s.instances[host.id]?.status).toBe('INACTIVE');
    for (const t of onHost) {
      expect(s.tasks[t.id]?.lastStatus).toBe('STOPPED');
      expect(s.tasks[t.id]?.stoppedReason).toBe(
        `Host EC2 (instance ${host.ec2InstanceId}) terminated.`,
      );
      expect(s.tasks[t.id]?.stopCode).toBe('InfrastructureHealth');
    }
    s = advanceUntil(s, (x) => converged(x, 'api'));
    expect(tasksOfService(s, 'api').every((t) => t.containerInstanceId !== host.id)).toBe(true);
  });

  it('drains an instance: replacements start first (max 200 %), old tasks stop once replacements are healthy', () => {
    let s = createDefaultCluster(1);
    const host = Object.values(s.instances).find((i) =>
      tasksOfService(s, 'api').some((t) => t.containerInstanceId === i.id),
    );
    if (!host) throw new Error('no api host');
    const onHost = tasksOfService(s, 'api')
      .filter((t) => t.containerInstanceId === host.id)
      .map((t) => t.id);
    s = apply(s, { type: 'DRAIN_INSTANCE', instanceId: host.id });
    expect(s.instances[host.id]?.status).toBe('DRAINING');
    // min 100 %: the old tasks keep running until replacements count as healthy.
    for (const id of onHost) expect(s.tasks[id]?.lastStatus).toBe('RUNNING');
    expect(serviceCounts(s, 'api').pendingCount).toBe(onHost.length);
    let minRunning = Infinity;
    s = advanceUntil(s, (x) => {
      minRunning = Math.min(minRunning, serviceCounts(x, 'api').runningCount);
      return converged(x, 'api') && onHost.every((id) => x.tasks[id]?.lastStatus === 'STOPPED');
    });
    expect(minRunning).toBeGreaterThanOrEqual(4);
    expect(tasksOfService(s, 'api').every((t) => t.containerInstanceId !== host.id)).toBe(true);
    expect(s.instances[host.id]?.status).toBe('DRAINING');
  });

  it('draining stops PENDING service tasks at once and leaves standalone tasks alone', () => {
    let s = register(
      clusterWith([
        ['m5.large', 'us-east-1a'],
        ['m5.large', 'us-east-1b'],
      ]),
      taskDef(),
    );
    const a = Object.values(s.instances).find((i) => i.availabilityZone === 'us-east-1a')
      ?.id as string;
    s = apply(s, {
      type: 'RUN_TASK',
      taskDefinition: 'app',
      launchType: 'EC2',
      count: 2,
      placementConstraints: [
        { type: 'memberOf', expression: 'attribute:ecs.availability-zone == us-east-1a' },
      ],
    });
    const standalone = Object.keys(s.tasks);
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'svc',
      taskDefinition: 'app',
      desiredCount: 2,
      launchType: 'EC2',
    });
    const pendingOnA = tasksOfService(s, 'svc').filter((t) => t.containerInstanceId === a);
    expect(pendingOnA).toHaveLength(1);
    s = apply(s, { type: 'DRAIN_INSTANCE', instanceId: a });
    expect(s.tasks[pendingOnA[0]?.id as string]?.desiredStatus).toBe('STOPPED');
    expect(s.tasks[pendingOnA[0]?.id as string]?.stopCode).toBe('ServiceSchedulerInitiated');
    for (const id of standalone) expect(s.tasks[id]?.desiredStatus).toBe('RUNNING');
    s = advanceUntil(
      s,
      (x) => converged(x, 'svc') && standalone.every((id) => x.tasks[id]?.lastStatus === 'RUNNING'),
    );
    expect(tasksOfService(s, 'svc').every((t) => t.containerInstanceId !== a)).toBe(true);
  });

  it('drain with min 50 % on 4 tasks may stop 2 before replacing them', () => {
    let s = register(
      clusterWith([
        ['m5.large', 'us-east-1a'],
        ['m5.large', 'us-east-1b'],
      ]),
      taskDef(),
    );
    const a = Object.values(s.instances).find((i) => i.availabilityZone === 'us-east-1a')
      ?.id as string;
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'svc',
      taskDefinition: 'app',
      desiredCount: 4,
      launchType: 'EC2',
      deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 100 },
    });
    s = advanceUntilSteady(s);
    s = apply(s, { type: 'DRAIN_INSTANCE', instanceId: a });
    const onA = tasksOfService(s, 'svc').filter((t) => t.containerInstanceId === a);
    expect(onA).toHaveLength(2);
    expect(onA.every((t) => t.desiredStatus === 'STOPPED')).toBe(true);
  });

  it('recovers from an AZ outage without placing into the down AZ until it is restored', () => {
    let s = createDefaultCluster(1);
    s = apply(s, { type: 'AZ_OUTAGE', availabilityZone: 'us-east-1b' });
    expect(s.downAvailabilityZones).toEqual(['us-east-1b']);
    for (const t of Object.values(s.tasks)) {
      if (t.availabilityZone === 'us-east-1b') expect(t.lastStatus).toBe('STOPPED');
    }
    s = advanceUntil(s, (x) => converged(x, 'web') && converged(x, 'api'));
    const live = Object.values(s.tasks).filter((t) => t.lastStatus !== 'STOPPED');
    expect(live.some((t) => t.availabilityZone === 'us-east-1b')).toBe(false);
    const add = applyCommand(s, {
      type: 'ADD_INSTANCE',
      instanceType: 'm5.large',
      availabilityZone: 'us-east-1b',
    });
    expect(add.error).toMatch(/^InsufficientInstanceCapacity: /);
    s = apply(s, { type: 'AZ_RESTORE', availabilityZone: 'us-east-1b' });
    s = apply(s, { type: 'ADD_INSTANCE', instanceType: 'm5.large' });
    expect(
      Object.values(s.instances).filter(
        (i) => i.availabilityZone === 'us-east-1b' && i.status !== 'INACTIVE',
      ),
    ).toHaveLength(1);
    s = apply(s, { type: 'UPDATE_SERVICE', serviceName: 'web', desiredCount: 6 });
    s = advanceUntil(s, (x) => converged(x, 'web'));
    expect(
      tasksOfService(s, 'web').filter((t) => t.availabilityZone === 'us-east-1b').length,
    ).toBeGreaterThan(0);
  });

  it('throttles launches after repeated failures to start, and reports it', () => {
    let s = register(clusterWith([['m5.large', 'us-east-1a']]), taskDef());
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'flaky',
      taskDefinition: 'app',
      desiredCount: 1,
      launchType: 'EC2',
    });
    const attempts: number[] = [];
    for (let i = 0; i < 4; i++) {
      const t = tasksOfService(s, 'flaky').find((x) => x.desiredStatus === 'RUNNING') as Task;
      attempts.push(t.createdAt);
      s = apply(s, { type: 'CRASH_TASK', taskId: t.id });
      s = advanceUntil(s, (x) =>
        tasksOfService(x, 'flaky').some((y) => y.desiredStatus === 'RUNNING'),
      );
    }
    const gaps = attempts.slice(1).map((t, i) => t - (attempts[i] as number));
    expect(gaps[2]).toBeGreaterThan(gaps[0] as number);
    expect(s.services.flaky?.launchBackoff.consecutiveFailures).toBeGreaterThanOrEqual(3);
    expect(messagesSince(s)).toContain(
      '(service flaky) is unable to consistently start tasks successfully.',
    );
  });
});
