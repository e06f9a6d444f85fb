/**
 * The live cost meter in SimState.cost, against hand-computed figures from the price table:
 * m5.large $0.096/h; Fargate 0.5 vCPU + 1 GB = 0.5 × 0.04048 + 1 × 0.004445 = $0.024685/h;
 * Fargate Spot the same size = 0.5 × 0.012144 + 1 × 0.0013335 = $0.0074055/h; ECS Anywhere
 * $0.01025 per external instance-hour; the ECS control plane $0.
 */
import { describe, expect, it } from 'vitest';
import { advance, createSimulation, type SimState } from '../../../src/sim/index.ts';
import { currentRates } from '../../../src/sim/cost/meter.ts';
import { advanceUntil, apply, fargateTaskDef, register } from '../helpers.ts';

const HOUR = 3_600_000;

function close(actual: number | undefined, expected: number): void {
  expect(actual).toBeDefined();
  expect(Math.abs((actual as number) - expected)).toBeLessThan(1e-9);
}

describe('cost meter', () => {
  it('an empty ECS cluster costs nothing (no control-plane charge)', () => {
    const s = advance(createSimulation({ seed: 1 }), HOUR);
    close(s.cost?.totalUsd, 0);
    close(s.cost?.ratePerHour, 0);
  });

  it('one m5.large for an hour costs $0.096, billed from registration', () => {
    let s = apply(createSimulation({ seed: 1 }), {
      type: 'ADD_INSTANCE',
      instanceType: 'm5.large',
      availabilityZone: 'us-east-1a',
    });
    s = advance(s, HOUR);
    close(s.cost?.totalUsd, 0.096);
    close(s.cost?.byCategory.ec2, 0.096);
    close(s.cost?.ratePerHour, 0.096);
  });

  it('a terminated instance stops costing', () => {
    let s = apply(createSimulation({ seed: 1 }), {
      type: 'ADD_INSTANCE',
      instanceType: 't3.small',
    });
    s = advance(s, 30 * 60_000);
    const id = Object.keys(s.instances)[0] as string;
    s = apply(s, { type: 'TERMINATE_INSTANCE', instanceId: id });
    s = advance(s, 2 * HOUR);
    // 30 min of $0.0208/h = $0.0104.
    close(s.cost?.totalUsd, 0.0104);
    close(s.cost?.ratePerHour, 0);
  });

  it('a 0.5 vCPU / 1 GB Fargate task is billed $0.024685/h from its image pull until it stops', () => {
    let s = register(createSimulation({ seed: 2 }), fargateTaskDef({ cpu: 512, memory: 1024 }));
    s = apply(s, { type: 'RUN_TASK', taskDefinition: 'fg', launchType: 'FARGATE' });
    s = advanceUntil(s, (x) => Object.values(x.tasks)[0]?.lastStatus === 'RUNNING');
    close(s.cost?.ratePerHour, 0.024685);
    const t0 = s.now;
    const before = s.cost?.totalUsd ?? 0;
    s = advance(s, 10 * 60_000);
    close((s.cost?.totalUsd ?? 0) - before, (0.024685 * 10) / 60);
    const task = Object.values(s.tasks)[0];
    // Billed seconds so far = now − pullStartedAt (PROVISIONING is free).
    const billedSeconds = (s.now - (task?.pullStartedAt ?? 0)) / 1000;
    close(s.cost?.byCategory.fargate, (0.024685 * billedSeconds) / 3600);
    expect(s.now - t0).toBe(600_000);
  });

  it('external instances cost $0.01025 per managed instance-hour', () => {
    let s = createSimulation({ seed: 3 });
    s = apply(s, { type: 'REGISTER_EXTERNAL_INSTANCE', site: 'dc1' });
    s = apply(s, { type: 'REGISTER_EXTERNAL_INSTANCE', site: 'dc1' });
    s = advance(s, HOUR);
    close(s.cost?.byCategory.ecsAnywhere, 0.0205);
    close(s.cost?.byCategory.ec2, 0);
  });

  it('currentRates prices Fargate Spot tasks at the Spot rate', () => {
    const base = register(
      createSimulation({ seed: 4 }),
      fargateTaskDef({ cpu: 512, memory: 1024 }),
    );
    let s = apply(base, { type: 'RUN_TASK', taskDefinition: 'fg', launchType: 'FARGATE' });
    s = advanceUntil(s, (x) => Object.values(x.tasks)[0]?.lastStatus === 'RUNNING');
    const task = Object.values(s.tasks)[0];
    if (!task) throw new Error('no task');
    const spot: SimState = {
      ...s,
      tasks: { [task.id]: { ...task, capacityProviderName: 'FARGATE_SPOT' } },
    };
    close(currentRates(spot).fargateSpot, 0.0074055);
    close(currentRates(spot).fargate, 0);
  });

  it('advancing in one chunk or in steps gives the same bill', () => {
    let s = apply(createSimulation({ seed: 5 }), {
      type: 'ADD_INSTANCE',
      instanceType: 'c5.large',
    });
    s = register(s, fargateTaskDef());
    s = apply(s, { type: 'RUN_TASK', taskDefinition: 'fg', launchType: 'FARGATE', count: 3 });
    const chunk = advance(s, 5 * 60_000);
    let steps = s;
    for (let i = 0; i < 300; i++) steps = advance(steps, 1000);
    expect(steps.cost).toEqual(chunk.cost);
  });
});
