/**
 * ECS Anywhere: external instances at an on-premises site, EXTERNAL launch type restrictions, and
 * a lost link to the Region that keeps running tasks running but places nothing new.
 */
import { describe, expect, it } from 'vitest';
import { advance, type SimState, type Task } from '../../src/sim/index.ts';
import { externalRestriction, externalSites } from '../../src/sim/anywhere.ts';
import { advanceUntil, apply, applyError, clusterWith, register, taskDef } from './helpers.ts';

const SITE = 'bank-dc1';

function withSite(servers = 2): SimState {
  let s = clusterWith([['m5.large', 'us-east-1a']]);
  for (let i = 0; i < servers; i++) {
    s = apply(s, { type: 'REGISTER_EXTERNAL_INSTANCE', site: SITE, vcpu: 4, memoryMiB: 16384 });
  }
  s = advance(s, 10_000);
  return register(s, taskDef({ family: 'ledger', requiresCompatibilities: ['EXTERNAL'] }));
}

const live = (s: SimState): Task[] =>
  Object.values(s.tasks).filter((t) => t.lastStatus !== 'STOPPED');

describe('ECS Anywhere', () => {
  it('registers external instances with an mi- id, the external capability and the site', () => {
    const s = withSite(2);
    const ext = Object.values(s.instances).filter((i) => i.external);
    expect(ext).toHaveLength(2);
    for (const i of ext) {
      expect(i.ec2InstanceId).toMatch(/^mi-[0-9a-f]{17}$/);
      expect(i.status).toBe('ACTIVE');
      expect(i.availabilityZone).toBe(SITE);
      expect(i.instanceType).toBe('external');
      expect(i.attributes['ecs.capability.external']).toBe('');
      expect(i.registeredCpu).toBe(4096);
      expect(i.registeredMemory).toBe(Math.floor(16384 * 0.975));
    }
    expect(externalSites(s.instances)).toEqual([SITE]);
    expect(s.cluster.availabilityZones).not.toContain(SITE);
  });

  it('EXTERNAL tasks are placed only on external instances; EC2 tasks never are', () => {
    let s = withSite(2);
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'ledger',
      taskDefinition: 'ledger',
      desiredCount: 4,
      launchType: 'EXTERNAL',
    });
    s = register(s, taskDef({ family: 'web' }));
    s = apply(s, { type: 'RUN_TASK', taskDefinition: 'web', launchType: 'EC2', count: 3 });
    s = advanceUntil(s, (x) => live(x).every((t) => t.lastStatus === 'RUNNING'));
    for (const t of live(s)) {
      const host = s.instances[t.containerInstanceId as string];
      expect(host?.external === true).toBe(t.launchType === 'EXTERNAL');
    }
    expect(live(s).filter((t) => t.launchType === 'EXTERNAL')).toHaveLength(4);
    expect(live(s).filter((t) => t.launchType === 'EC2')).toHaveLength(3);
  });

  it('without external instances an EXTERNAL RunTask finds no container instance', () => {
    let s = clusterWith([['m5.large', 'us-east-1a']]);
    s = register(s, taskDef({ family: 'ledger' }));
    expect(
      applyError(s, { type: 'RUN_TASK', taskDefinition: 'ledger', launchType: 'EXTERNAL' }),
    ).toMatch(/^RunTask failures: /);
  });

  it('refuses what ECS Anywhere does not support: awsvpc, load balancers, service discovery, capacity providers', () => {
    let s = withSite(1);
    s = register(s, taskDef({ family: 'vpc', networkMode: 'awsvpc' }));
    expect(
      applyError(s, {
        type: 'CREATE_SERVICE',
        serviceName: 'vpc',
        taskDefinition: 'vpc',
        desiredCount: 1,
        launchType: 'EXTERNAL',
      }),
    ).toBe('InvalidParameterException: Task definition does not support launch_type EXTERNAL.');
    expect(applyError(s, { type: 'RUN_TASK', taskDefinition: 'vpc', launchType: 'EXTERNAL' })).toBe(
      'InvalidParameterException: Task definition does not support launch_type EXTERNAL.',
    );
    s = register(s, taskDef({ family: 'ledger2' }));
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'ledger',
      taskDefinition: 'ledger2',
      desiredCount: 1,
      launchType: 'EXTERNAL',
    });
    expect(
      applyError(s, {
        type: 'ATTACH_LOAD_BALANCER',
        serviceName: 'ledger',
        loadBalancerName: 'alb',
      }),
    ).toBe(
      'InvalidParameterException: Load balancers are not supported for services with launch type EXTERNAL.',
    );
    expect(
      applyError(s, {
        type: 'SET_CAPACITY_PROVIDER_STRATEGY',
        serviceName: 'ledger',
        capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
      }),
    ).toMatch(/Capacity providers are not supported with external instances/);
    expect(externalRestriction({ loadBalancers: [{}] })).toMatch(
      /Load balancers are not supported/,
    );
    expect(externalRestriction({ serviceRegistries: [{}] })).toMatch(/Service discovery/);
    expect(externalRestriction({ capacityProviderStrategy: [{}] })).toMatch(/Capacity providers/);
    expect(externalRestriction({})).toBeUndefined();
  });

  it('a site name must not be one of the Region’s AZs', () => {
    const s = clusterWith([['m5.large', 'us-east-1a']]);
    expect(applyError(s, { type: 'REGISTER_EXTERNAL_INSTANCE', site: 'us-east-1a' })).toMatch(
      /^InvalidParameterException: Invalid site name/,
    );
    expect(applyError(s, { type: 'SITE_DISCONNECT', site: 'nowhere' })).toMatch(
      /No external instances are registered at site 'nowhere'/,
    );
  });

  it('losing the link keeps running tasks running and places nothing new until it returns', () => {
    let s = withSite(2);
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'ledger',
      taskDefinition: 'ledger',
      desiredCount: 2,
      launchType: 'EXTERNAL',
    });
    s = advanceUntil(s, (x) => x.services.ledger?.steadyState === true);
    const before = live(s)
      .map((t) => t.id)
      .sort();
    s = apply(s, { type: 'SITE_DISCONNECT', site: SITE });
    expect(
      Object.values(s.instances)
        .filter((i) => i.external)
        .every((i) => !i.agentConnected),
    ).toBe(true);
    expect(s.events.at(-1)?.message).toMatch(/lost its link to us-east-1/);
    s = apply(s, { type: 'UPDATE_SERVICE', serviceName: 'ledger', desiredCount: 3 });
    s = advance(s, 10 * 60_000);
    // The two tasks still run; the third cannot be placed (agent disconnected).
    expect(
      live(s)
        .map((t) => t.id)
        .sort(),
    ).toEqual(before);
    expect(live(s).every((t) => t.lastStatus === 'RUNNING')).toBe(true);
    expect(s.events.some((e) => e.message.includes('encountered error "AGENT"'))).toBe(true);

    s = apply(s, { type: 'SITE_RECONNECT', site: SITE });
    s = advanceUntil(s, (x) => live(x).filter((t) => t.lastStatus === 'RUNNING').length === 3);
    expect(live(s).filter((t) => t.launchType === 'EXTERNAL')).toHaveLength(3);
  });

  it('pulls on a site use the site’s slower link', () => {
    let s = apply(withSite(1), { type: 'ENABLE_IMAGE_PULLS' });
    s = apply(s, { type: 'RUN_TASK', taskDefinition: 'ledger', launchType: 'EXTERNAL' });
    s = advanceUntil(s, (x) => live(x).every((t) => t.lastStatus === 'RUNNING'));
    const t = live(s)[0] as Task;
    const pending = t.history.find((h) => h.status === 'PENDING')?.at as number;
    const activating = t.history.find((h) => h.status === 'ACTIVATING')?.at as number;
    // nginx:latest (~70 MB) at 12.5 MB/s takes ≥ 5 s, where an EC2 host needs 3 s.
    expect(activating - pending).toBeGreaterThanOrEqual(6000);
  });
});
