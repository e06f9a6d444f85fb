/**
 * Spot interruptions: Fargate Spot tasks get SIGTERM with the two-minute warning and are replaced;
 * EC2 Spot instances drain at the notice and are reclaimed two minutes later.
 */
import { describe, expect, it } from 'vitest';
import { advance, createSimulation, type SimState, type Task } from '../../src/sim/index.ts';
import {
  advanceUntil,
  apply,
  applyError,
  clusterWith,
  fargateTaskDef,
  register,
  taskDef,
} from './helpers.ts';

const live = (s: SimState, svc: string): Task[] =>
  Object.values(s.tasks).filter((t) => t.serviceName === svc && t.desiredStatus !== 'STOPPED');

describe('Spot interruptions', () => {
  it('Fargate Spot: the task stops with TerminationNotice and the service replaces it on FARGATE_SPOT', () => {
    let s = register(createSimulation({ seed: 9 }), fargateTaskDef());
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'batch',
      taskDefinition: 'fg',
      desiredCount: 0,
      launchType: 'FARGATE',
    });
    s = apply(s, {
      type: 'SET_CAPACITY_PROVIDER_STRATEGY',
      serviceName: 'batch',
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
    });
    s = apply(s, { type: 'UPDATE_SERVICE', serviceName: 'batch', desiredCount: 2 });
    s = advanceUntil(s, (x) => x.services.batch?.steadyState === true);
    const victim = live(s, 'batch')[0] as Task;
    expect(victim.capacityProviderName).toBe('FARGATE_SPOT');
    s = apply(s, { type: 'SPOT_INTERRUPTION', taskId: victim.id });
    const stopping = s.tasks[victim.id] as Task;
    expect(stopping.desiredStatus).toBe('STOPPED');
    expect(stopping.stopCode).toBe('TerminationNotice');
    expect(stopping.stoppedReason).toBe('Your Spot Task was interrupted.');
    expect(s.events.some((e) => e.message.includes('receives SIGTERM'))).toBe(true);
    s = advanceUntil(
      s,
      (x) => live(x, 'batch').filter((t) => t.lastStatus === 'RUNNING').length === 2,
    );
    const replacement = live(s, 'batch').find(
      (t) => t.id !== victim.id && t.createdAt > victim.createdAt,
    );
    expect(replacement?.capacityProviderName).toBe('FARGATE_SPOT');
    expect(s.tasks[victim.id]?.lastStatus).toBe('STOPPED');
  });

  it('refuses to interrupt what is not Spot', () => {
    let s = clusterWith([['m5.large', 'us-east-1a']]);
    s = register(s, taskDef());
    s = apply(s, { type: 'RUN_TASK', taskDefinition: 'app', launchType: 'EC2' });
    const task = Object.values(s.tasks)[0] as Task;
    expect(applyError(s, { type: 'SPOT_INTERRUPTION', taskId: task.id })).toMatch(
      /does not run on FARGATE_SPOT/,
    );
    const inst = Object.values(s.instances)[0];
    expect(applyError(s, { type: 'SPOT_INTERRUPTION', instanceId: inst?.id as string })).toMatch(
      /is an On-Demand instance/,
    );
  });

  it('EC2 Spot: two-minute notice drains the instance, tasks move, the instance is reclaimed', () => {
    let s = clusterWith([['m5.large', 'us-east-1a']]);
    s = apply(s, {
      type: 'ADD_SPOT_INSTANCE',
      instanceType: 'm5.large',
      availabilityZone: 'us-east-1b',
    });
    s = advance(s, 10_000);
    const spot = Object.values(s.instances).find((i) => i.attributes.spot === 'true');
    if (!spot) throw new Error('no spot instance');
    s = register(s, taskDef());
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'web',
      taskDefinition: 'app',
      desiredCount: 4,
      launchType: 'EC2',
      placementStrategy: [{ type: 'spread', field: 'instanceId' }],
    });
    s = advanceUntil(s, (x) => x.services.web?.steadyState === true);
    expect(live(s, 'web').some((t) => t.containerInstanceId === spot.id)).toBe(true);
    const noticeAt = s.now;
    s = apply(s, { type: 'SPOT_INTERRUPTION', instanceId: spot.id });
    expect(s.instances[spot.id]?.status).toBe('DRAINING');
    expect(
      s.events.some((e) => e.message.startsWith('EC2 Spot Instance Interruption Warning')),
    ).toBe(true);
    s = advance(s, 2 * 60_000 + 1000);
    expect(s.instances[spot.id]?.status).toBe('INACTIVE');
    expect(s.now - noticeAt).toBeGreaterThanOrEqual(120_000);
    s = advanceUntil(s, (x) => x.services.web?.steadyState === true);
    const running = live(s, 'web').filter((t) => t.lastStatus === 'RUNNING');
    expect(running).toHaveLength(4);
    expect(running.every((t) => t.containerInstanceId !== spot.id)).toBe(true);
  });

  it('EC2 Spot instances are billed at the Spot discount', () => {
    let s = apply(createSimulation({ seed: 1 }), {
      type: 'ADD_SPOT_INSTANCE',
      instanceType: 'm5.large',
    });
    s = advance(s, 3_600_000);
    // 0.096 × (1 − 0.7) = 0.0288
    expect(Math.abs((s.cost?.byCategory.ec2Spot ?? 0) - 0.0288)).toBeLessThan(1e-9);
  });

  it('reclaims each noticed instance two minutes after its notice, whether advanced a step at a time or in one call', () => {
    let s = createSimulation({ seed: 21 });
    for (const az of ['us-east-1a', 'us-east-1b', 'us-east-1c'])
      s = apply(s, { type: 'ADD_SPOT_INSTANCE', instanceType: 'm5.large', availabilityZone: az });
    s = advance(s, 30_000);
    const [a, b] = Object.keys(s.instances).sort();
    s = apply(s, { type: 'SPOT_INTERRUPTION', instanceId: a! });
    const noticeA = s.now;
    s = advance(s, 7_000);
    s = apply(s, { type: 'SPOT_INTERRUPTION', instanceId: b! });
    const noticeB = s.now;
    let stepwise = s;
    for (let i = 0; i < 200; i++) stepwise = advance(stepwise, 1000);
    const once = advance(s, 200_000);
    expect(once.instances).toEqual(stepwise.instances);
    expect(once.events).toEqual(stepwise.events);
    // Reclaimed (INACTIVE) exactly at the end of the two-minute notice; the third runs on.
    expect(once.instances[a!]?.terminatedAt).toBe(noticeA + 120_000);
    expect(once.instances[b!]?.terminatedAt).toBe(noticeB + 120_000);
    expect(Object.values(once.instances).filter((i) => i.status !== 'INACTIVE')).toHaveLength(1);
  });
});
