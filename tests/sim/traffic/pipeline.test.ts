/**
 * The chain the ECS core will drive each step, wired by hand with tasks that start instantly:
 * load → ALB → utilisation → CloudWatch minutes → target tracking → desired count.
 */
import { describe, expect, it } from 'vitest';
import { seedRng } from '../../../src/sim/rng.ts';
import {
  createTargetGroup,
  stepAlb,
  type AlbInputs,
  type LoadBalancer,
} from '../../../src/sim/traffic/alb.ts';
import { createScalingState, evaluateScaling } from '../../../src/sim/traffic/autoscaling.ts';
import { requestsInStep, rpsAt, type LoadShape } from '../../../src/sim/traffic/load.ts';
import { serviceMetricKeys, serviceSamples } from '../../../src/sim/traffic/metric-samples.ts';
import { createMetricsStore, datapoints, recordSamples } from '../../../src/sim/traffic/metrics.ts';
import { createTargetTrackingPolicy } from '../../../src/sim/traffic/target-tracking.ts';
import { serviceUtilization, taskUtilization } from '../../../src/sim/traffic/utilization.ts';

describe('traffic pipeline: spike on a 2-task service with target tracking at 70 % CPU', () => {
  it('scales out when the alarm rules allow, settles near target, scales in later and slower', () => {
    // 1024 CPU units at 10 ms/request → 100 rps per task (utilisation model). 100 rps → 400 rps from 300 s to 1800 s.
    const load: LoadShape = {
      kind: 'spike',
      base: 100,
      peak: 400,
      startSeconds: 300,
      durationSeconds: 1500,
    };
    const [policy] = createTargetTrackingPolicy(
      {
        policyName: 'cpu70',
        predefinedMetricType: 'ECSServiceAverageCPUUtilization',
        targetValue: 70,
      },
      { cluster: 'default', service: 'web' },
      seedRng(3),
    );
    let scaling = createScalingState('default', 'web', { minCapacity: 2, maxCapacity: 10 }, [
      policy,
    ]);
    let store = createMetricsStore();
    let lb: LoadBalancer = {
      name: 'alb',
      arn: 'arn:alb',
      targetGroups: {
        web: createTargetGroup({ name: 'web', arn: 'arn:tg/web', serviceName: 'web', port: 80 }),
      },
    };
    let desired = 2;
    let tasks: string[] = [];
    let nextId = 0;
    let carry = 0;
    const changes: [number, number][] = [];
    const cpuKey = serviceMetricKeys('default', 'web').cpuUtilization;

    for (let now = 1000; now <= 3 * 3_600_000; now += 1000) {
      const inputs: {
        register: NonNullable<AlbInputs['register']>[number][];
        deregister: NonNullable<AlbInputs['deregister']>[number][];
      } = { register: [], deregister: [] };
      while (tasks.length < desired) {
        const id = `t${nextId++}`;
        tasks = [...tasks, id];
        inputs.register.push({ targetGroup: 'web', taskId: id, port: 80 });
      }
      while (tasks.length > desired) {
        inputs.deregister.push({ targetGroup: 'web', taskId: tasks[tasks.length - 1] as string });
        tasks = tasks.slice(0, -1);
      }
      const step = requestsInStep(rpsAt(load, now), 1000, carry);
      carry = step.carry;
      const r = stepAlb(lb, { now, ...inputs, requests: { web: step.requests } }, 1000);
      lb = r.alb;
      const perTask = r.perTargetRps.web ?? {};
      const utils = tasks.map((id) =>
        taskUtilization({
          taskId: id,
          serviceName: 'web',
          cpu: 1024,
          memory: 2048,
          rps: perTask[id] ?? 0,
        }),
      );
      const svc = serviceUtilization(utils).web;
      store = recordSamples(
        store,
        now - 1000,
        serviceSamples(
          'default',
          'web',
          { desiredCount: desired, runningCount: tasks.length, pendingCount: 0 },
          svc,
        ),
      );
      const s = evaluateScaling(scaling, store, now, desired);
      scaling = s.state;
      if (s.newDesired !== undefined) changes.push([now, (desired = s.newDesired)]);
    }

    // Spike starts at 300 s (minute 5): 3 breaching minutes (A6.2 high alarm 3 × 1 min) → 480 s.
    expect(changes[0]).toEqual([480_000, 3]); // ceil(2 × 100/70) = 3 (CPU caps at 100 %)
    // 780 s = 480 s + 300 s scale-out cooldown: 400 rps on 3 tasks still caps CPU → ceil(3 × 100/70) = 5.
    // 1080 s = 780 s + 300 s: 5 tasks at 80 % → ceil(5 × 80/70) = 6. 2700 s = 1800 s + 15 × 1 min
    // low-alarm datapoints: 100 rps on 6 tasks ≈ 16.7 % → ceil(6 × 16.7/70) = 2 (= min capacity).
    expect(changes).toEqual([
      [480_000, 3],
      [780_000, 5],
      [1_080_000, 6],
      [2_700_000, 2],
    ]);
    const peak = changes.filter(([t]) => t < 1_800_000);
    // 400 rps at 70 % of 100 rps per task needs ceil(400/70) = 6 tasks.
    expect(peak[peak.length - 1]?.[1]).toBe(6);
    const cpuAt = (t: number) =>
      datapoints(store, cpuKey, 3 * 3_600_000).find((d) => d.timestamp === t)?.average ?? NaN;
    expect(cpuAt(1_740_000)).toBeGreaterThan(63); // inside the band between the low and high alarms
    expect(cpuAt(1_740_000)).toBeLessThanOrEqual(70);
    // Load drops at 1800 s; the low alarm needs 15 minutes of datapoints below 63 % (A6.2).
    const firstIn = changes.find(([t, n]) => t >= 1_800_000 && n < 6);
    expect(firstIn?.[0]).toBeGreaterThanOrEqual(1_800_000 + 15 * 60_000);
    expect(desired).toBe(2);
    const outDelay = changes[0]![0] - 300_000;
    expect(firstIn![0] - 1_800_000).toBeGreaterThan(outDelay);
  });
});
