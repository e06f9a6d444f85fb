/**
 * The traffic step is incremental (issue 8): target groups are stepped by target-step.ts, which
 * skips passing probes of healthy targets and memoises views of target records; service rosters
 * are cached by ClusterIndex.serviceVersion; per-task traffic is derived from TrafficState.routing;
 * the minute being filled is a list of sample rows. This test runs a busy scenario step by step and
 * checks every step against a from-scratch computation with the reference ALB step (`stepAlb`,
 * which probes every target every time) and per-task utilisation sums — so a stale cache fails it.
 */
import { describe, expect, it } from 'vitest';
import {
  advance,
  createSimulation,
  traffic,
  type SimCommand,
  type SimState,
  type Task,
} from '../../../src/sim/index.ts';
import type { LoadBalancer } from '../../../src/sim/traffic/alb.ts';
import type { ProbeResult, TargetGroup } from '../../../src/sim/traffic/target-group.ts';
import { apply, fargateTaskDef, register } from '../helpers.ts';

const { stepAlb, targetAsOf, taskTrafficOf, taskUtilization, DEFAULT_APP_PROFILE } = traffic;

/** Targets as the reference (eager) step holds them at `at`: skipped passing probes replayed. */
function eager(lb: LoadBalancer, at: number): LoadBalancer {
  const targetGroups: Record<string, TargetGroup> = {};
  for (const [name, tg] of Object.entries(lb.targetGroups)) {
    const targets: TargetGroup['targets'] = Object.fromEntries(
      Object.entries(tg.targets).map(([id, t]) => [id, targetAsOf(t, tg.healthCheck, at)]),
    );
    targetGroups[name] = { ...tg, targets };
  }
  return { ...lb, targetGroups };
}

/** The order ECS registers a service's tasks in and the step visits them: (createdAt, id). */
function byAge(a: Task, b: Task): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Checks the step s0 → s1 against stepAlb and per-task sums computed from scratch. */
function checkStep(s0: SimState, s1: SimState): void {
  const tr0 = s0.traffic!;
  const tr1 = s1.traffic!;
  const now = s1.now;
  const newMessages = s1.events
    .filter((e) => e.id > (s0.events.at(-1)?.id ?? 0))
    .map((e) => e.message);
  for (const [svcName, binding] of Object.entries(tr0.serviceLoadBalancers)) {
    const svc = s0.services[svcName]!;
    const lb0 = eager(tr0.loadBalancers[binding.loadBalancerName]!, s0.now);
    const tg0 = lb0.targetGroups[binding.targetGroupName]!;
    // ECS replaces tasks whose targets stayed unhealthy past the grace period before the ALB step (E6).
    const replaced = new Set(
      Object.values(tg0.targets)
        .filter((t) => t.state === 'unhealthy')
        .map((t) => s0.tasks[t.id])
        .filter(
          (t): t is Task =>
            t !== undefined &&
            t.lastStatus === 'RUNNING' &&
            t.desiredStatus !== 'STOPPED' &&
            now >= (t.startedAt ?? t.createdAt) + svc.healthCheckGracePeriodSeconds * 1000,
        )
        .map((t) => t.id),
    );
    const tasks = Object.values(s0.tasks)
      .filter((t) => t.serviceName === svcName && t.lastStatus !== 'STOPPED')
      .sort(byAge);
    const eligible = (t: Task | undefined): boolean =>
      t !== undefined &&
      t.lastStatus === 'RUNNING' &&
      t.desiredStatus !== 'STOPPED' &&
      !replaced.has(t.id);
    const register = tasks
      .filter((t) => eligible(t) && !tg0.targets[t.id])
      .map((t) => ({ targetGroup: tg0.name, taskId: t.id, port: tg0.port }));
    const deregister = Object.values(tg0.targets)
      .filter((t) => t.state !== 'draining' && !eligible(s0.tasks[t.id]))
      .map((t) => ({ targetGroup: tg0.name, taskId: t.id }));
    const probes: Record<string, ProbeResult> = {};
    for (const id of Object.keys(tr0.failingTasks)) probes[id] = { kind: 'code', code: 503 };
    const latencyMs: Record<string, number> = {};
    for (const id of Object.keys(tg0.targets)) {
      const tt = taskTrafficOf(tr0, s0.tasks, id);
      if (tt) latencyMs[id] = tt.latencyMs;
    }
    const stats = tr1.stats[svcName]!;
    const requests = Math.round(stats.offeredRps);
    const ref = stepAlb(
      { ...lb0, targetGroups: { [tg0.name]: tg0 } },
      { now, register, deregister, probes, requests: { [tg0.name]: requests }, latencyMs },
      1000,
    );
    // The same targets (as the eager step holds them), cursor and events.
    const lb1 = eager(tr1.loadBalancers[binding.loadBalancerName]!, now);
    expect(lb1.targetGroups[tg0.name], `${svcName} targets at ${now}`).toEqual(
      ref.alb.targetGroups[tg0.name],
    );
    const albMessages = newMessages.filter(
      (m) =>
        m.startsWith(`(service ${svcName})`) &&
        / (registered|deregistered|has begun draining|is unhealthy in) /.test(m),
    );
    expect(albMessages).toEqual(ref.events.map((e) => e.message));
    // Per task: the requests stepAlb routed to it, and utilisation summed in (createdAt, id) order.
    const rates = ref.perTargetRps[tg0.name] ?? {};
    const app = tr0.apps[svcName] ?? DEFAULT_APP_PROFILE;
    const sums = { cpuUsed: 0, cpuRes: 0, served: 0, errors: 0, latW: 0, memUsed: 0, memRes: 0 };
    // A replaced task has begun stopping (DEACTIVATING) by the time utilisation is measured.
    const running = tasks.filter((t) => t.lastStatus === 'RUNNING' && !replaced.has(t.id));
    for (const t of running) {
      const rps = rates[t.id] ?? 0;
      const failing = tr0.failingTasks[t.id] === true;
      const u = taskUtilization(
        {
          taskId: t.id,
          serviceName: svcName,
          cpu: t.cpu,
          memory: t.memory,
          rps,
          ...(failing ? { failing } : {}),
        },
        app,
      );
      expect(taskTrafficOf(tr1, s1.tasks, t.id), `task ${t.id} at ${now}`).toEqual({
        rps,
        cpuPercent: u.cpuPercent,
        latencyMs: u.latencyMs,
      });
      sums.cpuUsed += u.cpuUnitsUsed;
      sums.cpuRes += t.cpu;
      sums.memUsed += u.memoryMiBUsed;
      sums.memRes += t.memory;
      sums.served += u.servedRps;
      sums.errors += u.errorRps;
      sums.latW += u.latencyMs * u.servedRps;
    }
    // The step sums a service's tasks as counts × values when they share a size and are round
    // robin (sim-step.ts sumTasks): fractional sums agree up to rounding, whole ones exactly.
    const cpu = running.length && sums.cpuRes > 0 ? (sums.cpuUsed * 100) / sums.cpuRes : 0;
    expect(stats.cpuPercent, `${svcName} CPU at ${now}`).toBeCloseTo(cpu, 9);
    expect(stats.memoryPercent).toBeCloseTo(
      running.length && sums.memRes > 0 ? (sums.memUsed * 100) / sums.memRes : 0,
      9,
    );
    expect(stats.servedRps).toBe(sums.served);
    expect(stats.errorRps).toBe(sums.errors);
    expect(stats.latencyMs).toBeCloseTo(sums.served > 0 ? sums.latW / sums.served : 0, 9);
    expect(stats.elb5xxRps).toBe(ref.unrouted[tg0.name] ?? 0);
    const tgRef = ref.alb.targetGroups[tg0.name]!;
    const live = Object.values(tgRef.targets).filter((t) => t.state !== 'draining');
    expect(stats.targets).toBe(live.length);
    expect(stats.healthyTargets).toBe(live.filter((t) => t.state === 'healthy').length);
    // The CloudWatch samples of this step: the last row of the minute being filled.
    const keys = traffic.serviceMetricKeys(s1.cluster.clusterName, svcName);
    const row = tr1.metrics.filling!.rows.at(-1)!;
    const sample = (key: string) => {
      const i = row.keys.indexOf(key);
      return i < 0 ? undefined : row.values[i];
    };
    expect(sample(keys.runningTaskCount)).toBe(running.length);
    // The sample is the service's CPU figure itself.
    expect(sample(keys.cpuUtilization)).toBe(running.length > 0 ? stats.cpuPercent : undefined);
    const tgKeys = traffic.targetGroupMetricKeys(
      traffic.lbDimension(lb1.arn),
      traffic.tgDimension(tgRef.arn),
    );
    expect(sample(tgKeys.requestCount)).toBe(requests);
    expect(sample(tgKeys.healthyHostCount)).toBe(stats.healthyTargets);
  }
}

function setup(): SimState {
  // Fargate: no instances to manage; two web sizes so a deployment mixes them.
  let s = createSimulation({ seed: 7 });
  s = register(s, fargateTaskDef({ family: 'web', cpu: 512, memory: 1024 }));
  s = register(s, fargateTaskDef({ family: 'web', cpu: 1024, memory: 2048 }));
  s = register(s, fargateTaskDef({ family: 'api', cpu: 256, memory: 512 }));
  const cmds: SimCommand[] = [
    {
      type: 'CREATE_SERVICE',
      serviceName: 'web',
      taskDefinition: 'web:1',
      desiredCount: 5,
      launchType: 'FARGATE',
    },
    {
      type: 'CREATE_SERVICE',
      serviceName: 'api',
      taskDefinition: 'api',
      desiredCount: 4,
      launchType: 'FARGATE',
    },
    {
      type: 'ATTACH_LOAD_BALANCER',
      serviceName: 'web',
      loadBalancerName: 'web-alb',
      healthCheck: { intervalSeconds: 10, healthyThresholdCount: 2, unhealthyThresholdCount: 2 },
      deregistrationDelaySeconds: 20,
    },
    {
      type: 'ATTACH_LOAD_BALANCER',
      serviceName: 'api',
      loadBalancerName: 'api-alb',
      algorithm: 'least_outstanding_requests',
      deregistrationDelaySeconds: 0,
      healthCheck: { intervalSeconds: 7 },
    },
    // A second target group on web's load balancer (two groups step in one ALB step).
    {
      type: 'CREATE_SERVICE',
      serviceName: 'admin',
      taskDefinition: 'api',
      desiredCount: 2,
      launchType: 'FARGATE',
    },
    { type: 'ATTACH_LOAD_BALANCER', serviceName: 'admin', loadBalancerName: 'web-alb' },
    { type: 'SET_LOAD', serviceName: 'admin', load: { kind: 'constant', rps: 13 } },
    { type: 'REGISTER_SCALABLE_TARGET', serviceName: 'web', minCapacity: 2, maxCapacity: 12 },
    {
      type: 'PUT_SCALING_POLICY',
      serviceName: 'web',
      policyName: 'cpu60',
      targetTracking: { predefinedMetricType: 'ECSServiceAverageCPUUtilization', targetValue: 60 },
    },
    {
      type: 'SET_LOAD',
      serviceName: 'web',
      load: {
        shape: { kind: 'sine', mean: 300, amplitude: 200, periodSeconds: 600, phaseSeconds: 0 },
        noise: 0.1,
      },
    },
    { type: 'SET_LOAD', serviceName: 'api', load: { kind: 'constant', rps: 77 } },
  ];
  for (const c of cmds) s = apply(s, c);
  return s;
}

function runningOf(s: SimState, service: string): Task[] {
  return Object.values(s.tasks)
    .filter((t) => t.serviceName === service && t.lastStatus === 'RUNNING')
    .sort(byAge);
}

/** Faults, scaling and a deployment at fixed times (seconds into the run). */
const SCRIPT: Record<number, (x: SimState) => SimCommand[]> = {
  90: (x) => [{ type: 'FAIL_HEALTH_CHECKS', taskId: runningOf(x, 'web')[0]!.id }],
  100: (x) => [{ type: 'FAIL_HEALTH_CHECKS', taskId: runningOf(x, 'api')[1]!.id }],
  160: (x) => [{ type: 'FAIL_HEALTH_CHECKS', taskId: runningOf(x, 'api')[1]!.id, failing: false }],
  200: () => [{ type: 'UPDATE_SERVICE', serviceName: 'api', desiredCount: 8 }],
  300: () => [{ type: 'UPDATE_SERVICE', serviceName: 'web', taskDefinition: 'web:2' }],
  420: () => [
    { type: 'UPDATE_SERVICE', serviceName: 'api', desiredCount: 2 },
    { type: 'UPDATE_SERVICE', serviceName: 'admin', desiredCount: 3 },
  ],
  500: () => [{ type: 'SET_LOAD', serviceName: 'web', load: { kind: 'constant', rps: 0 } }],
  540: () => [
    {
      type: 'SET_LOAD',
      serviceName: 'web',
      load: { kind: 'constant', rps: 900 },
    },
  ],
};

describe('incremental traffic step', () => {
  it('matches the from-scratch ALB step and per-task sums at every step of a busy run', () => {
    let s = setup();
    const script = SCRIPT;
    const t0 = s.now;
    let failedProbes = 0;
    let mixedSizes = false;
    for (let i = 1; i <= 720; i++) {
      for (const c of script[i]?.(s) ?? []) s = apply(s, c);
      const next = advance(s, 1000);
      checkStep(s, next);
      s = next;
      const web = runningOf(s, 'web');
      if (new Set(web.map((t) => t.cpu)).size > 1) mixedSizes = true;
      failedProbes += s.events.filter(
        (e) => e.at === s.now && e.message.includes('is unhealthy in'),
      ).length;
    }
    // The run exercised what it is meant to: unhealthy targets, mixed sizes, scaling.
    expect(failedProbes).toBeGreaterThan(0);
    expect(mixedSizes).toBe(true);
    expect(s.traffic!.activities.length).toBeGreaterThan(0);
    expect(s.now - t0).toBe(720_000);
    expect(Object.keys(s.traffic!.loadBalancers['web-alb']!.targetGroups)).toHaveLength(2);
  }, 60_000);

  it('gives the same states in long advances as a second at a time through faults, scaling and a deployment', () => {
    // A long advance updates the records its own earlier steps made in place (step-owned.ts): the
    // states handed out must be the ones a second at a time builds, field for field.
    let stepwise = setup();
    let chunked = stepwise;
    const times = Object.keys(SCRIPT).map(Number);
    let at = 0;
    for (const next of [...times, 900]) {
      for (let i = at; i < next; i++) stepwise = advance(stepwise, 1000);
      chunked = advance(chunked, (next - at) * 1000);
      const bare = (x: SimState) => ({ ...x, version: 0 });
      expect(bare(chunked)).toEqual(bare(stepwise));
      expect(JSON.stringify(bare(chunked))).toBe(JSON.stringify(bare(stepwise)));
      for (const c of SCRIPT[next]?.(stepwise) ?? []) {
        stepwise = apply(stepwise, c);
        chunked = apply(chunked, c);
      }
      at = next;
    }
    expect(stepwise.traffic!.activities.length).toBeGreaterThan(0);
  }, 60_000);

  it('gives the same states whether advanced a second at a time or in one call', () => {
    const s = setup();
    let stepwise = s;
    for (let i = 0; i < 200; i++) stepwise = advance(stepwise, 1000);
    const once = advance(s, 200_000);
    const norm = (x: SimState) => ({
      ...x.traffic!,
      loadBalancers: Object.fromEntries(
        Object.entries(x.traffic!.loadBalancers).map(([k, lb]) => [k, eager(lb, x.now)]),
      ),
    });
    expect(norm(once)).toEqual(norm(stepwise));
    expect(once.events).toEqual(stepwise.events);
  });
});
