/**
 * Acceptance (issue 3): the guide's worked example through the whole simulation — a Fargate service
 * of 2 behind an ALB, target tracking at 70 % CPU, min 2, max 10 — under a traffic spike.
 * Times and counts are derived from the rules cited next to each assertion, and checked again
 * against the CloudWatch datapoints the simulation recorded.
 */
import { describe, expect, it } from 'vitest';
import { advance, traffic, type SimState } from '../../../src/sim/index.ts';
import { advanceUntil, apply, fargateTaskDef, register } from '../helpers.ts';
import { createSimulation } from '../../../src/sim/index.ts';

const MIN = 60_000;
const TARGET = 70;

/** Fargate 0.5 vCPU: 512 units / 1024 × 1000 ms / 10 ms per request = 50 requests/s per task
 *  (utilisation model, DEFAULT_APP_PROFILE.cpuMsPerRequest = 10). */
const PER_TASK_RPS = 50;
const BASE_RPS = 50;
const PEAK_RPS = 270;

function setup(): SimState {
  let s = createSimulation({ seed: 42 });
  s = register(
    s,
    fargateTaskDef({
      family: 'web-app',
      cpu: 512,
      memory: 1024,
      containerDefinitions: [
        {
          name: 'web',
          image: 'nginx:latest',
          cpu: 0,
          essential: true,
          portMappings: [{ containerPort: 80, protocol: 'tcp' }],
          environment: [],
        },
      ],
    }),
  );
  s = apply(s, {
    type: 'CREATE_SERVICE',
    serviceName: 'web-app',
    taskDefinition: 'web-app',
    desiredCount: 2,
    launchType: 'FARGATE',
  });
  s = apply(s, {
    type: 'ATTACH_LOAD_BALANCER',
    serviceName: 'web-app',
    loadBalancerName: 'web-alb',
  });
  s = apply(s, {
    type: 'REGISTER_SCALABLE_TARGET',
    serviceName: 'web-app',
    minCapacity: 2,
    maxCapacity: 10,
  });
  s = apply(s, {
    type: 'PUT_SCALING_POLICY',
    serviceName: 'web-app',
    policyName: 'cpu70',
    targetTracking: {
      predefinedMetricType: 'ECSServiceAverageCPUUtilization',
      targetValue: TARGET,
    },
  });
  s = apply(s, {
    type: 'SET_LOAD',
    serviceName: 'web-app',
    load: { kind: 'constant', rps: BASE_RPS },
  });
  return s;
}

function tg(s: SimState) {
  const lb = s.traffic!.loadBalancers['web-alb']!;
  return lb.targetGroups['web-app-tg']!;
}

function cpuDatapoints(s: SimState) {
  const key = traffic.serviceMetricKeys('default', 'web-app').cpuUtilization;
  return traffic.datapoints(s.traffic!.metrics, key, s.now);
}

/** Runs second by second, recording desiredCount changes as [time, count]. */
function runUntil(s0: SimState, until: number, changes: [number, number][]): SimState {
  let s = s0;
  while (s.now < until) {
    const before = s.services['web-app']!.desiredCount;
    s = advance(s, 1000);
    const after = s.services['web-app']!.desiredCount;
    if (after !== before) changes.push([s.now, after]);
  }
  return s;
}

describe('worked example: Fargate web app behind an ALB, target tracking 70 % CPU (min 2, max 10)', () => {
  it('scales out when the alarm rules allow, settles near 70 %, scales in later and slower', () => {
    let s = setup();
    // Warm-up: both tasks RUNNING and healthy in the target group (first check 30 s after
    // registration; a new target needs one passing check, A7.2).
    s = advanceUntil(s, (x) => {
      const targets = Object.values(tg(x).targets);
      return targets.length === 2 && targets.every((t) => t.state === 'healthy');
    });
    // Start the spike on a minute boundary, after 20 minutes of base load.
    const S = Math.ceil((s.now + 20 * MIN) / MIN) * MIN;
    s = advance(s, S - s.now);
    expect(s.now).toBe(S);
    expect(s.services['web-app']!.desiredCount).toBe(2); // 50 % CPU: between the alarms
    s = apply(s, {
      type: 'SET_LOAD',
      serviceName: 'web-app',
      load: { kind: 'constant', rps: PEAK_RPS },
    });
    const changes: [number, number][] = [];
    const E = S + 30 * MIN;
    s = runUntil(s, E, changes);

    // Rule A6.2 (AlarmHigh = 3 of 3 one-minute datapoints > 70 %): minutes [S, S+3 min) breach
    // (270 rps on 2 tasks of 50 rps is 270 % of capacity; CPU caps at 100 %), so the alarm and
    // the policy act at S + 3 min exactly. Capacity ceil(2 × 100 / 70) = 3 (A6.2 formula).
    expect(changes[0]).toEqual([S + 3 * MIN, 3]);

    // Every scale-out happened exactly when the rules allowed it, never earlier and never later:
    // at a minute boundary whose last 3 datapoints all exceed 70 %, outside the 300 s scale-out
    // cooldown (A6.2 default for ECS) unless the new capacity is larger than a scale-out from the
    // pre-cooldown base would give; capacity = ceil(current × newest datapoint / 70), clamped to max 10.
    const points = cpuDatapoints(s);
    const at = (t: number) => points.find((p) => p.timestamp === t)?.average;
    let desired = 2;
    let lastOut = -Infinity;
    let base = 2;
    for (let T = S + MIN; T <= E - MIN; T += MIN) {
      const window = [T - 3 * MIN, T - 2 * MIN, T - MIN].map(at);
      const alarm = window.every((v) => v !== undefined && v > TARGET);
      const newest = window[2] ?? 0;
      let expected = desired;
      if (alarm) {
        const inCooldown = T < lastOut + 300_000;
        const from = inCooldown ? base : desired;
        const want = Math.min(10, Math.ceil((Math.max(1, from) * newest) / TARGET - 1e-9));
        if (want > desired) {
          expected = want;
          base = inCooldown ? base : desired;
          lastOut = T;
        }
      }
      const change = changes.find(([t]) => t === T);
      expect(change?.[1] ?? desired, `desired count at ${(T - S) / MIN} min into the spike`).toBe(
        expected,
      );
      desired = expected;
    }
    // No change happened off a minute boundary (datapoints are 1 minute, A5.7).
    expect(changes.every(([t]) => t % MIN === 0)).toBe(true);

    // Settles: 270 rps needs ceil(270 / (50 × 0.7)) = 8 tasks to sit at or under 70 % (67.5 %).
    const needed = Math.ceil(PEAK_RPS / (PER_TASK_RPS * (TARGET / 100)));
    expect(needed).toBe(8);
    expect(s.services['web-app']!.desiredCount).toBe(needed);
    // The last 5 minutes of the spike sit between the low alarm (0.9 × 70 = 63 %) and 70 %.
    for (let T = E - 5 * MIN; T < E; T += MIN) {
      expect(at(T)).toBeGreaterThan(TARGET * 0.9);
      expect(at(T)).toBeLessThanOrEqual(TARGET);
    }
    // Traffic spreads: every healthy target gets the same share (round robin, ±1 request/step).
    const rates = Object.values(tg(s).targets)
      .filter((t) => t.state === 'healthy')
      .map((t) => traffic.taskTrafficOf(s.traffic!, s.tasks, t.id)!.rps);
    expect(rates.length).toBe(needed);
    expect(Math.max(...rates) - Math.min(...rates)).toBeLessThanOrEqual(1);

    // Load drops at E (a minute boundary). AlarmLow = 15 of 15 datapoints < 63 % (A6.2): the
    // minutes [E, E+15 min) are all low, so scale-in happens at E + 15 min exactly, to
    // ceil(8 × 6.25 / 70) = 1 (50 rps over 8 tasks is 6.25 % CPU), clamped to min capacity 2 (A6.1).
    s = apply(s, {
      type: 'SET_LOAD',
      serviceName: 'web-app',
      load: { kind: 'constant', rps: BASE_RPS },
    });
    const inChanges: [number, number][] = [];
    s = runUntil(s, E + 15 * MIN, inChanges);
    expect(inChanges).toEqual([[E + 15 * MIN, 2]]);
    // Slower than it scaled out: 15 minutes against 3.
    expect(inChanges[0]![0] - E).toBeGreaterThan(changes[0]![0] - S);
    const lastActivity = s.traffic!.activities.at(-1)!;
    expect(lastActivity.cause).toMatch(
      /^monitor alarm TargetTracking-service\/default\/web-app-AlarmLow-[0-9a-f-]{36} in state ALARM triggered policy cpu70$/,
    );
    expect(
      s.events.some(
        (e) =>
          e.kind === 'scaling' &&
          e.message.startsWith('(service web-app) Setting desired count to 2.'),
      ),
    ).toBe(true);

    // The 6 stopped tasks are deregistered and drain for the deregistration delay (300 s, A7.3),
    // staying DEACTIVATING (A7.1); only then do they stop.
    const tasks = () => Object.values(s.tasks).filter((t) => t.serviceName === 'web-app');
    const draining = tasks().filter(
      (t) => t.desiredStatus === 'STOPPED' && t.lastStatus !== 'STOPPED',
    );
    expect(draining.length).toBe(6);
    expect(draining.every((t) => t.lastStatus === 'DEACTIVATING')).toBe(true);
    // The ALB step of the next second deregisters them (the traffic step runs before the lifecycle).
    s = advance(s, 1000);
    expect(draining.every((t) => tg(s).targets[t.id]?.state === 'draining')).toBe(true);
    s = advance(s, 298_000);
    expect(tasks().filter((t) => t.lastStatus === 'DEACTIVATING').length).toBe(6);
    s = advanceUntil(
      s,
      (x) =>
        Object.values(x.tasks).filter(
          (t) => t.serviceName === 'web-app' && t.lastStatus === 'RUNNING',
        ).length === 2 &&
        Object.values(x.tasks).filter(
          (t) => t.serviceName === 'web-app' && t.lastStatus !== 'STOPPED',
        ).length === 2,
      60_000,
    );
    expect(Object.keys(tg(s).targets).length).toBe(2);
    expect(s.services['web-app']!.desiredCount).toBe(2);
  }, 120_000); // simulated hours, not a timed test: room for a busy machine
});
