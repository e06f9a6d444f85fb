/**
 * Acceptance (issue 3): an EC2 service on an Auto Scaling group capacity provider with managed
 * scaling. Tasks that cannot be placed make the provider launch instances; after the load drops
 * the service scales in, the stopped tasks drain, and the empty instances drain and leave.
 */
import { describe, expect, it } from 'vitest';
import { advance, createSimulation, type SimState } from '../../../src/sim/index.ts';
import { advanceUntil, apply, container, register, taskDef } from '../helpers.ts';

const MIN = 60_000;
const TARGET = 70;
/** 1024 CPU units = 1 vCPU: 1000 ms / 10 ms per request = 100 requests/s per task (utilisation model). */
const PER_TASK_RPS = 100;
const BASE_RPS = 100;
const PEAK_RPS = 540;
const LAUNCH_SECONDS = 60;

function groupInstances(s: SimState): string[] {
  return s.traffic!.capacityProviders['web-cp']!.instanceIds.filter(
    (id) => s.instances[id] && s.instances[id]!.status !== 'INACTIVE',
  );
}

function liveTasksOn(s: SimState, instanceId: string): number {
  return Object.values(s.tasks).filter(
    (t) => t.containerInstanceId === instanceId && t.lastStatus !== 'STOPPED',
  ).length;
}

function setup(): SimState {
  let s = createSimulation({ seed: 11 });
  // c5.large registers 2048 CPU units: two 1024-unit tasks per instance (A5.6).
  s = apply(s, {
    type: 'CREATE_CAPACITY_PROVIDER',
    name: 'web-cp',
    instanceType: 'c5.large',
    minSize: 1,
    maxSize: 10,
    desiredCapacity: 1,
    launchSeconds: LAUNCH_SECONDS,
  });
  s = advanceUntil(s, (x) => Object.values(x.instances).some((i) => i.status === 'ACTIVE'));
  s = register(
    s,
    taskDef({
      family: 'web',
      containerDefinitions: [
        container({
          name: 'web',
          cpu: 1024,
          memory: 1024,
          portMappings: [{ containerPort: 80, protocol: 'tcp' }],
        }),
      ],
    }),
  );
  s = apply(s, {
    type: 'CREATE_SERVICE',
    serviceName: 'web',
    taskDefinition: 'web',
    desiredCount: 0,
    launchType: 'EC2',
    placementStrategy: [{ type: 'binpack', field: 'cpu' }],
  });
  s = apply(s, {
    type: 'SET_CAPACITY_PROVIDER_STRATEGY',
    serviceName: 'web',
    capacityProviderStrategy: [{ capacityProvider: 'web-cp', weight: 1 }],
  });
  s = apply(s, { type: 'ATTACH_LOAD_BALANCER', serviceName: 'web', loadBalancerName: 'web-alb' });
  // Registering min 2 moves the desired count 0 into [2, 10] (A6.1), so the tasks start on web-cp.
  s = apply(s, {
    type: 'REGISTER_SCALABLE_TARGET',
    serviceName: 'web',
    minCapacity: 2,
    maxCapacity: 10,
  });
  expect(s.services['web']!.desiredCount).toBe(2);
  s = apply(s, {
    type: 'PUT_SCALING_POLICY',
    serviceName: 'web',
    policyName: 'cpu70',
    targetTracking: {
      predefinedMetricType: 'ECSServiceAverageCPUUtilization',
      targetValue: TARGET,
    },
  });
  return apply(s, {
    type: 'SET_LOAD',
    serviceName: 'web',
    load: { kind: 'constant', rps: BASE_RPS },
  });
}

describe('EC2 service on a capacity provider with managed scaling', () => {
  it('launches instances for tasks that cannot be placed, then drains and terminates them after the load drops', () => {
    let s = setup();
    const first = groupInstances(s);
    expect(first.length).toBe(1);
    // Two tasks fill the one instance (binpack); warm up past the 300 s instance warm-up period (A5.4).
    const S = Math.ceil((s.now + 10 * MIN) / MIN) * MIN;
    s = advance(s, S - s.now);
    expect(liveTasksOn(s, first[0]!)).toBe(2);
    s = apply(s, {
      type: 'SET_LOAD',
      serviceName: 'web',
      load: { kind: 'constant', rps: PEAK_RPS },
    });
    const from = s.events.length;

    // A6.2: 3 of 3 datapoints above 70 % → the service scales 2 → ceil(2 × 100 / 70) = 3 at S + 3 min.
    s = advance(s, 3 * MIN);
    expect(s.services['web']!.desiredCount).toBe(3);
    const since = () => s.events.slice(from).map((e) => e.message);
    // The third task does not fit (the instance has 0 CPU units left) …
    expect(
      since().some((m) =>
        m.startsWith(
          '(service web) was unable to place a task because no container instance met all of its requirements.',
        ),
      ),
    ).toBe(true);
    // … so CapacityProviderReservation = (N + 1) / N × 100 = 200 % > target 100 % (1 datapoint
    // alarm, A5.4) and the group goes from 1 to ceil(1 × 200 / 100) = 2 instances in the same minute.
    expect(s.traffic!.capacityProviders['web-cp']!.reservation).toBe(200);
    expect(s.traffic!.capacityProviders['web-cp']!.provider.desiredCapacity).toBe(2);
    // The instance registers after its launch time (60 s), then the task is placed on it.
    s = advance(s, LAUNCH_SECONDS * 1000 - 1000);
    expect(groupInstances(s).length).toBe(1);
    s = advance(s, 1000);
    expect(groupInstances(s).length).toBe(2);
    expect(since().some((m) => m.startsWith('Launching a new EC2 instance: i-'))).toBe(true);
    const second = groupInstances(s).find((id) => id !== first[0])!;
    s = advanceUntil(s, (x) => liveTasksOn(x, second) === 1, 60_000);

    // The spike goes on: 540 rps needs ceil(540 / (100 × 0.7)) = 8 tasks, two per instance → 4.
    const E = S + 40 * MIN;
    let maxInstances = 0;
    while (s.now < E) {
      s = advance(s, 1000);
      maxInstances = Math.max(maxInstances, groupInstances(s).length);
    }
    const needed = Math.ceil(PEAK_RPS / (PER_TASK_RPS * (TARGET / 100)));
    expect(s.services['web']!.desiredCount).toBe(needed);
    expect(groupInstances(s).length).toBe(needed / 2);
    expect(maxInstances).toBe(needed / 2);
    const running = Object.values(s.tasks).filter(
      (t) => t.serviceName === 'web' && t.lastStatus === 'RUNNING',
    );
    expect(running.length).toBe(needed);
    expect(running.every((t) => t.capacityProviderName === 'web-cp')).toBe(true);
    expect(s.traffic!.stats['web']!.cpuPercent).toBeGreaterThan(TARGET * 0.9);
    expect(s.traffic!.stats['web']!.cpuPercent).toBeLessThanOrEqual(TARGET);

    // Load drops at E: scale-in to 2 after 15 low datapoints (A6.2), the 6 stopped tasks drain for
    // 300 s (A7.3), then instances are empty.
    s = apply(s, {
      type: 'SET_LOAD',
      serviceName: 'web',
      load: { kind: 'constant', rps: BASE_RPS },
    });
    s = advance(s, 15 * MIN);
    expect(s.services['web']!.desiredCount).toBe(2);
    const peakIds = groupInstances(s);
    // Until the tasks have drained, no instance is empty, so nothing is terminated (managed
    // termination protection: only instances without non-daemon tasks go, A5.4).
    s = advance(s, 5 * MIN - 2000);
    expect(groupInstances(s)).toEqual(peakIds);
    // Watch second by second for the first instance to become empty.
    let firstEmpty: number | undefined;
    const liveWeb = (x: SimState) =>
      Object.values(x.tasks).filter((t) => t.serviceName === 'web' && t.lastStatus !== 'STOPPED');
    while (liveWeb(s).length > 2) {
      s = advance(s, 1000);
      if (firstEmpty === undefined && peakIds.some((id) => liveTasksOn(s, id) === 0))
        firstEmpty = s.now;
    }
    expect(firstEmpty).toBeDefined();
    const busy = new Set(liveWeb(s).map((t) => t.containerInstanceId));

    // Scale-in of the group needs the low alarm: 15 of 15 one-minute CapacityProviderReservation
    // datapoints below target (A5.4), and the reservation is below 100 only from the first minute
    // with an empty instance on. So nothing leaves before that minute + 14 minutes.
    const firstLowMinute = Math.ceil(firstEmpty! / MIN) * MIN;
    const terminatedAt: number[] = [];
    const until = s.now + 30 * MIN;
    let n = groupInstances(s).length;
    expect(n).toBe(peakIds.length);
    while (s.now < until) {
      s = advance(s, 1000);
      const m = groupInstances(s).length;
      if (m < n) terminatedAt.push(s.now);
      n = m;
    }
    expect(terminatedAt.length).toBeGreaterThan(0);
    expect(terminatedAt[0]!).toBeGreaterThanOrEqual(firstLowMinute + 14 * MIN);
    // … and instances leave within a few minutes of that (at most half the group per minute).
    expect(terminatedAt.at(-1)!).toBeLessThanOrEqual(firstLowMinute + 25 * MIN);
    // Only the empty instances left; the busy ones (holding the 2 remaining tasks) stay.
    expect(new Set(groupInstances(s))).toEqual(busy);
    expect(
      Object.values(s.tasks).some(
        (t) => t.serviceName === 'web' && (t.stoppedReason ?? '').startsWith('Host EC2'),
      ),
    ).toBe(false);
    const left = peakIds.filter((id) => !busy.has(id));
    for (const id of left) expect(s.instances[id]!.status).toBe('INACTIVE');
    expect(
      s.events.filter((e) => e.message.startsWith('Terminating EC2 instance: i-')).length,
    ).toBe(left.length);
    expect(s.events.some((e) => e.message.includes('is DRAINING'))).toBe(true);
  }, 120_000); // simulated hours, not a timed test: room for a busy machine
});
