import { describe, expect, it } from 'vitest';
import {
  accrueCost,
  costOfEc2,
  costOfFargateTask,
  emptyLedger,
  hourlyBurn,
  type BillableUsage,
} from '../../../src/sim/cost/index.ts';

const close = (actual: number, expected: number) => expect(actual).toBeCloseTo(expected, 10);

function run(usage: BillableUsage, steps: number, dt: number, ledger = emptyLedger()) {
  let l = ledger;
  for (let i = 0; i < steps; i++) l = accrueCost(l, usage, dt);
  return l;
}

describe('accrueCost', () => {
  const task = { id: 't1', vcpu: 0.25, memoryGb: 0.5 };
  it('charges the Fargate one-minute minimum on the first step, then nothing until 60 s', () => {
    const first = accrueCost(emptyLedger(), { fargateTasks: [task] }, 1);
    // 0.0123425 $/h × 60 s / 3600 = 0.000205708333
    close(first.totalUsd, 0.000205708333);
    const at30 = run({ fargateTasks: [task] }, 29, 1, first);
    close(at30.totalUsd, 0.000205708333);
    expect(at30.entries['fargate:t1']?.runningSeconds).toBe(30);
  });
  it('adds up to the one-shot cost for the whole run', () => {
    const l = run(
      { fargateTasks: [task], ec2Instances: [{ id: 'i-1', instanceType: 'm5.large' }] },
      60,
      10,
    );
    close(l.entries['fargate:t1']!.usd, costOfFargateTask(0.25, 0.5, 600));
    close(l.byCategory.ec2, costOfEc2('m5.large', 600));
    close(l.totalUsd, costOfFargateTask(0.25, 0.5, 600) + costOfEc2('m5.large', 600));
    expect(l.elapsedSeconds).toBe(600);
  });
  it('keeps Fargate Spot, EKS and the free ECS control plane in their own categories', () => {
    const l = run(
      {
        fargateTasks: [{ ...task, id: 's1', spot: true }],
        eksClusters: [{ id: 'eks' }],
        ecsClusters: [{ id: 'ecs' }],
      },
      36,
      100,
    );
    // EKS: 0.10 × 3600 s / 3600 = 0.10; Spot 0.25×0.012144 + 0.5×0.0013335 = 0.00370275 per hour.
    close(l.byCategory.eksControlPlane, 0.1);
    close(l.byCategory.fargateSpot, 0.00370275);
    expect(l.byCategory.ecsControlPlane).toBe(0);
    expect(l.entries['ecsControlPlane:ecs']?.runningSeconds).toBe(3600);
  });
  it('does not mutate its input and ignores non-positive steps', () => {
    const before = emptyLedger();
    const snapshot = JSON.stringify(before);
    accrueCost(before, { fargateTasks: [task] }, 5);
    expect(JSON.stringify(before)).toBe(snapshot);
    expect(accrueCost(before, { fargateTasks: [task] }, 0)).toBe(before);
  });
  it('reports the live burn rate', () => {
    // 0.0123425 (Fargate) + 0.096 (m5.large) + 0.10 (EKS) = 0.2083425 $/h
    close(
      hourlyBurn({
        fargateTasks: [task],
        ec2Instances: [{ id: 'i', instanceType: 'm5.large' }],
        eksClusters: [{ id: 'c' }],
      }),
      0.2083425,
    );
  });
});
