import { describe, expect, it } from 'vitest';
import {
  advance,
  applyCommand,
  createDefaultCluster,
  type SimCommand,
  type SimState,
} from '../../src/sim/index.ts';
import {
  albNameFor,
  dropCommands,
  type DropTarget,
  type PaletteItem,
} from '../../src/machine/index.ts';

const steady = (): SimState => advance(createDefaultCluster(3), 60_000);

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

function reason(s: SimState, item: PaletteItem, target: DropTarget): string {
  const r = dropCommands(s, item, target);
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.commands)}`);
  return r.reason;
}

const running = (s: SimState, service: string) =>
  Object.values(s.tasks).filter((t) => t.serviceName === service && t.lastStatus === 'RUNNING');

describe('palette: Fargate and Fargate Spot capacity', () => {
  it('Fargate Spot on a Fargate service: capacity provider strategy + a new deployment moves the tasks to FARGATE_SPOT', () => {
    let s = steady();
    const commands = ok(
      s,
      { kind: 'capacity', provider: 'FARGATE_SPOT' },
      { kind: 'service', name: 'web' },
    );
    expect(commands).toEqual([
      {
        type: 'SET_CAPACITY_PROVIDER_STRATEGY',
        serviceName: 'web',
        capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
      },
      { type: 'UPDATE_SERVICE', serviceName: 'web', forceNewDeployment: true },
    ]);
    s = advance(applyAll(s, commands), 600_000);
    const tasks = running(s, 'web');
    expect(tasks.length).toBe(3);
    expect(tasks.every((t) => t.capacityProviderName === 'FARGATE_SPOT')).toBe(true);
    // Dropping it on one of the service's tasks means the same service.
    const task = tasks[0]!;
    expect(
      ok(s, { kind: 'capacity', provider: 'FARGATE' }, { kind: 'task', id: task.id })[0],
    ).toMatchObject({
      serviceName: 'web',
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
    });
  });

  it('on an EC2 service ECS refuses (not the cluster’s EC2 capacity); on the cluster it says where to drop it', () => {
    const s = steady();
    expect(
      reason(s, { kind: 'capacity', provider: 'FARGATE' }, { kind: 'service', name: 'api' }),
    ).toMatch(
      /^InvalidParameterException: The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster's EC2 capacity/,
    );
    expect(reason(s, { kind: 'capacity', provider: 'FARGATE_SPOT' }, { kind: 'cluster' })).toMatch(
      /drop it on a Fargate service/,
    );
  });
});

describe('palette: spot interruption fault', () => {
  it('on a FARGATE_SPOT task: SIGTERM and the task stops; on an On-Demand Fargate task ECS refuses', () => {
    let s = steady();
    const onDemand = running(s, 'web')[0]!;
    expect(
      reason(s, { kind: 'fault', fault: 'spotInterruption' }, { kind: 'task', id: onDemand.id }),
    ).toBe(`InvalidParameterException: Task ${onDemand.id} does not run on FARGATE_SPOT capacity.`);
    s = advance(
      applyAll(
        s,
        ok(s, { kind: 'capacity', provider: 'FARGATE_SPOT' }, { kind: 'service', name: 'web' }),
      ),
      600_000,
    );
    const spot = running(s, 'web')[0]!;
    const c = ok(s, { kind: 'fault', fault: 'spotInterruption' }, { kind: 'task', id: spot.id });
    expect(c).toEqual([{ type: 'SPOT_INTERRUPTION', taskId: spot.id }]);
    expect(applyAll(s, c).tasks[spot.id]!.desiredStatus).toBe('STOPPED');
  });

  it('on an EC2 Spot instance it drains; on an On-Demand instance ECS refuses; on an AZ it explains', () => {
    let s = steady();
    const onDemand = Object.values(s.instances)[0]!;
    expect(
      reason(
        s,
        { kind: 'fault', fault: 'spotInterruption' },
        { kind: 'instance', id: onDemand.id },
      ),
    ).toBe(
      `InvalidParameterException: Instance ${onDemand.ec2InstanceId} is an On-Demand instance, not a Spot instance.`,
    );
    const add = ok(
      s,
      { kind: 'instance', instanceType: 'm5.large', spot: true },
      { kind: 'availabilityZone', az: 'us-east-1a' },
    );
    expect(add).toEqual([
      { type: 'ADD_SPOT_INSTANCE', instanceType: 'm5.large', availabilityZone: 'us-east-1a' },
    ]);
    const before = new Set(Object.keys(s.instances));
    s = advance(applyAll(s, add), 30_000);
    const spot = Object.values(s.instances).find((i) => !before.has(i.id))!;
    expect(spot.attributes.spot).toBe('true');
    s = applyAll(
      s,
      ok(s, { kind: 'fault', fault: 'spotInterruption' }, { kind: 'instance', id: spot.id }),
    );
    expect(s.instances[spot.id]!.status).toBe('DRAINING');
    expect(
      reason(
        s,
        { kind: 'fault', fault: 'spotInterruption' },
        { kind: 'availabilityZone', az: 'us-east-1a' },
      ),
    ).toMatch(/FARGATE_SPOT or on an EC2 Spot instance/);
  });
});

describe('palette: load balancer and load generator', () => {
  it('ALB on a service attaches a load balancer; a second one is refused; on an AZ it explains', () => {
    let s = steady();
    const c = ok(s, { kind: 'loadBalancer' }, { kind: 'service', name: 'web' });
    expect(c).toEqual([
      { type: 'ATTACH_LOAD_BALANCER', serviceName: 'web', loadBalancerName: 'web-alb' },
    ]);
    s = applyAll(s, c);
    expect(s.traffic?.serviceLoadBalancers.web?.loadBalancerName).toBe('web-alb');
    expect(reason(s, { kind: 'loadBalancer' }, { kind: 'service', name: 'web' })).toBe(
      'InvalidParameterException: Service web already has a load balancer.',
    );
    expect(
      reason(s, { kind: 'loadBalancer' }, { kind: 'availabilityZone', az: 'us-east-1a' }),
    ).toMatch(/drop it on a service/);
    expect(albNameFor('a_very_long_service_name_for_the_alb_limit')).toMatch(
      /^[A-Za-z0-9-]{1,32}$/,
    );
  });

  it('the load generator needs the service’s load balancer first', () => {
    let s = steady();
    expect(
      reason(s, { kind: 'loadGenerator', rps: 200 }, { kind: 'service', name: 'web' }),
    ).toMatch(/has no load balancer/);
    s = applyAll(s, ok(s, { kind: 'loadBalancer' }, { kind: 'service', name: 'web' }));
    const c = ok(s, { kind: 'loadGenerator', rps: 200 }, { kind: 'service', name: 'web' });
    expect(c).toEqual([
      { type: 'SET_LOAD', serviceName: 'web', load: { kind: 'constant', rps: 200 } },
    ]);
    expect(applyAll(s, c).traffic?.loads.web?.profile.shape).toEqual({
      kind: 'constant',
      rps: 200,
    });
  });
});

describe('palette: external (on-premises) instance', () => {
  it('on the cluster it registers at an on-premises site; in an AWS AZ or on Fargate it is refused', () => {
    let s = steady();
    const c = ok(s, { kind: 'externalInstance' }, { kind: 'cluster' });
    expect(c).toEqual([{ type: 'REGISTER_EXTERNAL_INSTANCE', site: 'on-premises' }]);
    s = applyAll(s, c);
    const ext = Object.values(s.instances).find((i) => i.external === true)!;
    expect(ext.availabilityZone).toBe('on-premises');
    // Dropped on that site (or on a server there), it joins the same site.
    expect(
      ok(s, { kind: 'externalInstance' }, { kind: 'availabilityZone', az: 'on-premises' }),
    ).toEqual(c);
    expect(ok(s, { kind: 'externalInstance' }, { kind: 'instance', id: ext.id })).toEqual(c);
    expect(
      reason(s, { kind: 'externalInstance' }, { kind: 'availabilityZone', az: 'us-east-1a' }),
    ).toMatch(/not in an AWS Availability Zone/);
    expect(reason(s, { kind: 'externalInstance' }, { kind: 'fargate', az: 'us-east-1a' })).toMatch(
      /cannot run on Fargate/,
    );
    expect(reason(s, { kind: 'externalInstance' }, { kind: 'service', name: 'web' })).toMatch(
      /not with a service/,
    );
  });
});
