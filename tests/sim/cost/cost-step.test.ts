/**
 * The meter's rates are kept incrementally (src/sim/cost-step.ts: instances summed again only
 * after an instance write, tasks per service only when that service's tasks changed). At every
 * step of a busy run they must equal `currentRates`, the from-scratch sum over every task and
 * instance of the state the step began with — a stale cache fails this.
 */
import { describe, expect, it } from 'vitest';
import {
  advance,
  createSimulation,
  type SimCommand,
  type SimState,
} from '../../../src/sim/index.ts';
import { currentRates, METER_CATEGORIES } from '../../../src/sim/cost/meter.ts';
import { apply, fargateTaskDef, register, taskDef } from '../helpers.ts';

function spotIds(s: SimState): string[] {
  return Object.values(s.instances)
    .filter((i) => i.attributes.spot === 'true')
    .map((i) => i.id)
    .sort();
}

function expectRates(s0: SimState, s1: SimState): void {
  const want = currentRates(s0);
  for (const c of METER_CATEGORIES)
    expect(Math.abs((s1.cost?.rateByCategory[c] ?? 0) - want[c]), `${c} at ${s1.now}`).toBeLessThan(
      1e-12,
    );
}

describe('incremental cost rates', () => {
  it('equal the from-scratch rates at every step while tasks and instances come and go', () => {
    let s = createSimulation({ seed: 11 });
    s = register(s, fargateTaskDef({ family: 'fg', cpu: 512, memory: 1024 }));
    s = register(s, taskDef({ family: 'ec2' }));
    const script: Record<number, (x: SimState) => SimCommand[]> = {
      1: () => [
        { type: 'ADD_INSTANCE', instanceType: 'm5.large', availabilityZone: 'us-east-1a' },
        { type: 'ADD_INSTANCE', instanceType: 't3.small', availabilityZone: 'us-east-1b' },
        { type: 'REGISTER_EXTERNAL_INSTANCE', site: 'dc1' },
        { type: 'ADD_SPOT_INSTANCE', instanceType: 'm5.large', availabilityZone: 'us-east-1c' },
        { type: 'ADD_SPOT_INSTANCE', instanceType: 'c5.large', availabilityZone: 'us-east-1c' },
      ],
      // Both reclaimed two minutes later, 3 s apart, inside one many-step advance (two instance
      // writes in one draft).
      100: (x) => [{ type: 'SPOT_INTERRUPTION', instanceId: spotIds(x)[0]! }],
      103: (x) => [{ type: 'SPOT_INTERRUPTION', instanceId: spotIds(x)[1]! }],
      5: () => [
        {
          type: 'CREATE_SERVICE',
          serviceName: 'web',
          taskDefinition: 'fg',
          desiredCount: 3,
          launchType: 'FARGATE',
        },
        {
          type: 'CREATE_SERVICE',
          serviceName: 'spot',
          taskDefinition: 'fg',
          desiredCount: 0,
          launchType: 'FARGATE',
        },
        {
          type: 'SET_CAPACITY_PROVIDER_STRATEGY',
          serviceName: 'spot',
          capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
        },
        { type: 'UPDATE_SERVICE', serviceName: 'spot', desiredCount: 2 },
      ],
      20: () => [{ type: 'RUN_TASK', taskDefinition: 'fg', launchType: 'FARGATE', count: 2 }],
      40: () => [
        {
          type: 'CREATE_SERVICE',
          serviceName: 'batch',
          taskDefinition: 'ec2',
          desiredCount: 2,
          launchType: 'EC2',
        },
      ],
      60: () => [{ type: 'UPDATE_SERVICE', serviceName: 'web', desiredCount: 1 }],
      90: (x) => [{ type: 'TERMINATE_INSTANCE', instanceId: Object.keys(x.instances).sort()[1]! }],
      120: (x) => [
        { type: 'STOP_TASK', taskId: Object.values(x.tasks).find((t) => !t.serviceName)!.id },
      ],
      150: () => [{ type: 'UPDATE_SERVICE', serviceName: 'spot', desiredCount: 4 }],
    };
    let billedFargate = 0;
    let midAdvanceChanges = 0;
    for (let i = 1; i <= 240; i++) {
      for (const c of script[i]?.(s) ?? []) s = apply(s, c);
      // One step at a time, and sometimes many steps in one advance (one draft).
      const n = i === 110 ? 200 : 1;
      let prev = s;
      for (let k = 0; k < n; k++) {
        const next = advance(prev, 1000);
        expectRates(prev, next);
        if (n > 1 && next.cost?.rateByCategory.ec2Spot !== prev.cost?.rateByCategory.ec2Spot)
          midAdvanceChanges++;
        prev = next;
      }
      const batch = advance(s, n * 1000);
      expect(batch.cost).toEqual(prev.cost);
      s = batch;
      if (
        (s.cost?.rateByCategory.fargate ?? 0) > 0 &&
        (s.cost?.rateByCategory.fargateSpot ?? 0) > 0
      )
        billedFargate++;
    }
    expect(billedFargate).toBeGreaterThan(0);
    expect(midAdvanceChanges).toBe(2);
    expect(s.cost?.rateByCategory.ecsAnywhere).toBeGreaterThan(0);
  });
});
