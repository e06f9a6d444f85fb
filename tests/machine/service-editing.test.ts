import { describe, expect, it } from 'vitest';
import {
  advance,
  applyCommand,
  createDefaultCluster,
  type SimCommand,
  type SimState,
} from '../../src/sim/index.ts';
import { serviceEditPlan, serviceForm, type ServiceForm } from '../../src/machine/index.ts';

const apply = (s: SimState, commands: readonly SimCommand[]): SimState => {
  for (const c of commands) {
    const r = applyCommand(s, c);
    if (r.error !== undefined) throw new Error(r.error);
    s = r.state;
  }
  return s;
};

const edit = (s: SimState, name: string, patch: Partial<ServiceForm>): ServiceForm => ({
  ...serviceForm(s, name)!,
  ...patch,
});

describe('inspector service editing → UpdateService / Application Auto Scaling', () => {
  it('the form starts from the service: ECS defaults 100/200, breaker off, no scaling', () => {
    const s = createDefaultCluster(1);
    const f = serviceForm(s, 'api')!;
    expect(f.minimumHealthyPercent).toBe('100');
    expect(f.maximumPercent).toBe('200');
    expect(f.circuitBreaker).toBe(false);
    expect(f.scaling).toBe(false);
    expect(serviceForm(s, 'nope')).toBeUndefined();
  });

  it('placement on an EC2 service: UpdateService with the strategy and constraints, and a new deployment', () => {
    const s = createDefaultCluster(1);
    const p = serviceEditPlan(
      s,
      'api',
      'placement',
      edit(s, 'api', { strategy: 'binpack-memory', distinctInstance: true }),
    );
    if (!p.ok) throw new Error(p.reason);
    const after = apply(s, p.commands);
    const svc = after.services.api!;
    expect(svc.placementStrategy).toEqual([{ type: 'binpack', field: 'memory' }]);
    expect(svc.placementConstraints).toEqual([{ type: 'distinctInstance' }]);
    expect(svc.deployments.length).toBe(2);
    expect(serviceForm(after, 'api')!.strategy).toBe('binpack-memory');
  });

  it('placement on a Fargate service is refused with ECS wording; nothing is sent', () => {
    const s = createDefaultCluster(1);
    const p = serviceEditPlan(s, 'web', 'placement', edit(s, 'web', { strategy: 'binpack-cpu' }));
    expect(p).toEqual({
      ok: false,
      reason:
        'InvalidParameterException: Placement strategies and constraints are not supported with FARGATE launch type.',
    });
  });

  it('a bad memberOf expression is refused by the cluster query language parser', () => {
    const s = createDefaultCluster(1);
    const p = serviceEditPlan(
      s,
      'api',
      'placement',
      edit(s, 'api', { memberOf: 'instanceType ==' }),
    );
    expect(p.ok).toBe(false);
    if (!p.ok)
      expect(p.reason).toMatch(
        /^InvalidParameterException: Invalid placement constraint expression/,
      );
  });

  it('deployment configuration: ranges in ECS wording, non-integers as the CLI refuses them', () => {
    const s = createDefaultCluster(1);
    const low = serviceEditPlan(s, 'api', 'deployment', edit(s, 'api', { maximumPercent: '90' }));
    expect(low).toEqual({
      ok: false,
      reason:
        'InvalidParameterException: maximumPercent must be at least 100 for REPLICA services.',
    });
    const high = serviceEditPlan(
      s,
      'api',
      'deployment',
      edit(s, 'api', { minimumHealthyPercent: '120' }),
    );
    expect(high.ok).toBe(false);
    if (!high.ok) expect(high.reason).toContain('minimumHealthyPercent must be between 0 and 100');
    const frac = serviceEditPlan(
      s,
      'api',
      'deployment',
      edit(s, 'api', { minimumHealthyPercent: '50.5' }),
    );
    expect(frac.ok).toBe(false);
    if (!frac.ok)
      expect(frac.reason).toBe(
        "Parameter validation failed:\nInvalid type for parameter deploymentConfiguration.minimumHealthyPercent, value: 50.5, type: <class 'float'>, valid types: <class 'int'>",
      );
    const good = serviceEditPlan(
      s,
      'api',
      'deployment',
      edit(s, 'api', {
        minimumHealthyPercent: '50',
        maximumPercent: '150',
        circuitBreaker: true,
        rollback: true,
      }),
    );
    if (!good.ok) throw new Error(good.reason);
    const cfg = apply(s, good.commands).services.api!.deploymentConfiguration;
    expect(cfg).toEqual({
      minimumHealthyPercent: 50,
      maximumPercent: 150,
      deploymentCircuitBreaker: { enable: true, rollback: true },
    });
    // A configuration change alone starts no deployment.
    expect(apply(s, good.commands).services.api!.deployments.length).toBe(1);
  });

  it('scaling: RegisterScalableTarget + PutScalingPolicy; min > max refused; removal deletes the policy', () => {
    const s = createDefaultCluster(1);
    const bad = serviceEditPlan(
      s,
      'web',
      'scaling',
      edit(s, 'web', { scaling: true, minCapacity: '5', maxCapacity: '2' }),
    );
    expect(bad).toEqual({
      ok: false,
      reason: 'ValidationException: Minimum capacity cannot be greater than maximum capacity',
    });
    const zero = serviceEditPlan(
      s,
      'web',
      'scaling',
      edit(s, 'web', { scaling: true, targetValue: '0' }),
    );
    expect(zero).toEqual({
      ok: false,
      reason: 'ValidationException: TargetValue must be greater than 0.',
    });
    const p = serviceEditPlan(
      s,
      'web',
      'scaling',
      edit(s, 'web', { scaling: true, targetValue: '60', minCapacity: '2', maxCapacity: '6' }),
    );
    if (!p.ok) throw new Error(p.reason);
    expect(p.commands.map((c) => c.type)).toEqual([
      'REGISTER_SCALABLE_TARGET',
      'PUT_SCALING_POLICY',
    ]);
    const after = advance(apply(s, p.commands), 1000);
    const f = serviceForm(after, 'web')!;
    expect([f.scaling, f.targetValue, f.minCapacity, f.maxCapacity]).toEqual([
      true,
      '60',
      '2',
      '6',
    ]);
    const del = serviceEditPlan(after, 'web', 'scaling', { ...f, scaling: false });
    if (!del.ok) throw new Error(del.reason);
    expect(serviceForm(apply(after, del.commands), 'web')!.scaling).toBe(false);
  });
});
