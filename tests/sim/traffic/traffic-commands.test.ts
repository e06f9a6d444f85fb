/**
 * Traffic commands through applyCommand: AWS-style refusals leave the state unchanged; ALB health
 * checks drive ECS replacement (E6); capacity provider strategies split Fargate tasks (A5.4, E3).
 */
import { describe, expect, it } from 'vitest';
import { advance, createSimulation, type SimState } from '../../../src/sim/index.ts';
import { advanceUntil, apply, applyError, fargateTaskDef, register } from '../helpers.ts';

function fargateService(desiredCount = 2, grace = 0): SimState {
  let s = register(createSimulation({ seed: 5 }), fargateTaskDef({ family: 'web' }));
  s = apply(s, {
    type: 'CREATE_SERVICE',
    serviceName: 'web',
    taskDefinition: 'web',
    desiredCount,
    launchType: 'FARGATE',
    healthCheckGracePeriodSeconds: grace,
  });
  return s;
}

describe('traffic commands', () => {
  it('refuses with the AWS API wording and leaves the state unchanged', () => {
    const s = fargateService();
    expect(
      applyError(s, { type: 'SET_LOAD', serviceName: 'nope', load: { kind: 'constant', rps: 1 } }),
    ).toBe('ServiceNotFoundException: Service not found.');
    expect(
      applyError(s, { type: 'SET_LOAD', serviceName: 'web', load: { kind: 'constant', rps: 1 } }),
    ).toMatch(/^InvalidParameterException: Service web has no load balancer/);
    expect(
      applyError(s, {
        type: 'ATTACH_LOAD_BALANCER',
        serviceName: 'web',
        loadBalancerName: 'alb',
        healthCheck: { intervalSeconds: 4 },
      }),
    ).toBe('ValidationError: HealthCheckIntervalSeconds must be an integer between 5 and 300.');
    expect(
      applyError(s, {
        type: 'PUT_SCALING_POLICY',
        serviceName: 'web',
        policyName: 'p',
        targetTracking: {
          predefinedMetricType: 'ECSServiceAverageCPUUtilization',
          targetValue: 70,
        },
      }),
    ).toBe(
      'ObjectNotFoundException: No scalable target registered for service namespace: ecs, resource ID: service/default/web, scalable dimension: ecs:service:DesiredCount',
    );
    expect(
      applyError(s, {
        type: 'REGISTER_SCALABLE_TARGET',
        serviceName: 'web',
        minCapacity: 5,
        maxCapacity: 2,
      }),
    ).toBe('ValidationException: Minimum capacity cannot be greater than maximum capacity');
    expect(
      applyError(s, {
        type: 'REGISTER_SCALABLE_TARGET',
        serviceName: 'x',
        minCapacity: 1,
        maxCapacity: 2,
      }),
    ).toBe("ValidationException: ECS service doesn't exist: service/default/x");
    expect(
      applyError(s, {
        type: 'SET_CAPACITY_PROVIDER_STRATEGY',
        serviceName: 'web',
        capacityProviderStrategy: [
          { capacityProvider: 'FARGATE', base: 1, weight: 1 },
          { capacityProvider: 'FARGATE_SPOT', base: 1, weight: 1 },
        ],
      }),
    ).toBe(
      'InvalidParameterException: A base value can be specified for only one capacity provider in a strategy.',
    );
    expect(
      applyError(s, {
        type: 'CREATE_CAPACITY_PROVIDER',
        name: 'cp',
        instanceType: 'x9.huge',
        minSize: 0,
        maxSize: 1,
      }),
    ).toBe("InvalidParameterValue: Invalid value 'x9.huge' for InstanceType.");
    const withTarget = apply(s, {
      type: 'REGISTER_SCALABLE_TARGET',
      serviceName: 'web',
      minCapacity: 1,
      maxCapacity: 4,
    });
    expect(
      applyError(withTarget, {
        type: 'PUT_SCALING_POLICY',
        serviceName: 'web',
        policyName: 'req',
        targetTracking: { predefinedMetricType: 'ALBRequestCountPerTarget', targetValue: 1000 },
      }),
    ).toMatch(/^ValidationException: ResourceLabel is required/);
  });

  it('an ALB target failing health checks is replaced by ECS after the grace period (E6)', () => {
    let s = fargateService(2, 120);
    s = apply(s, { type: 'ATTACH_LOAD_BALANCER', serviceName: 'web', loadBalancerName: 'alb' });
    const tg = (x: SimState) => x.traffic!.loadBalancers['alb']!.targetGroups['web-tg']!;
    s = advanceUntil(
      s,
      (x) => Object.values(tg(x).targets).filter((t) => t.state === 'healthy').length === 2,
    );
    const [victim] = Object.keys(tg(s).targets).sort();
    const task = s.tasks[victim!]!;
    // Still inside the grace period: make it fail, watch it turn unhealthy but stay RUNNING.
    expect(s.now - task.startedAt!).toBeLessThan(120_000);
    s = apply(s, { type: 'FAIL_HEALTH_CHECKS', taskId: victim! });
    const failedFrom = s.now;
    s = advanceUntil(s, (x) => tg(x).targets[victim!]?.state === 'unhealthy', 120_000);
    // UnhealthyThresholdCount 2 × interval 30 s (A7.2): unhealthy within 60 s of the first failing probe.
    expect(s.now - failedFrom).toBeLessThanOrEqual(60_000);
    expect(s.events.at(-1)!.message).toMatch(
      /^\(service web\) \(port 80\) is unhealthy in \(target-group arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup\/web-tg\/[0-9a-f]{16}\) due to \(reason Health checks failed with these codes: \[503\]\)\.$/,
    );
    s = advanceUntil(s, (x) => x.tasks[victim!]!.desiredStatus === 'STOPPED', 300_000);
    // Not before healthCheckGracePeriodSeconds after the task started (E6).
    expect(s.now).toBeGreaterThanOrEqual(task.startedAt! + 120_000);
    const stopped = s.tasks[victim!]!;
    expect(stopped.stopCode).toBe('ServiceSchedulerInitiated');
    expect(stopped.stoppedReason).toBe(
      `Task failed ELB health checks in (target-group ${tg(s).arn})`,
    );
    // The scheduler starts a replacement; the failing task drains, then stops.
    s = advanceUntil(
      s,
      (x) =>
        Object.values(x.tasks).filter((t) => t.serviceName === 'web' && t.lastStatus === 'RUNNING')
          .length === 2 && x.tasks[victim!]!.lastStatus === 'STOPPED',
      600_000,
    );
    expect(Object.values(s.tasks).filter((t) => t.serviceName === 'web').length).toBe(3);
  });

  it('splits Fargate tasks over FARGATE and FARGATE_SPOT by base and weight (A5.4, E3)', () => {
    let s = fargateService(0);
    s = apply(s, {
      type: 'SET_CAPACITY_PROVIDER_STRATEGY',
      serviceName: 'web',
      capacityProviderStrategy: [
        { capacityProvider: 'FARGATE', base: 2, weight: 1 },
        { capacityProvider: 'FARGATE_SPOT', weight: 4 },
      ],
    });
    s = apply(s, { type: 'UPDATE_SERVICE', serviceName: 'web', desiredCount: 12 });
    s = advance(s, 1000);
    const by = (p: string) =>
      Object.values(s.tasks).filter((t) => t.capacityProviderName === p).length;
    // base 2 on FARGATE, then the other 10 in 1:4 → 2 FARGATE, 8 FARGATE_SPOT.
    expect(by('FARGATE')).toBe(4);
    expect(by('FARGATE_SPOT')).toBe(8);
  });
});
