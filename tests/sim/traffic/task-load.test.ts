/**
 * The traffic view reads each task's requests and CPU with TaskLoadReader (reused arrays, a memo
 * of the model's CPU answers) instead of traffic.forEachTaskTraffic's records: it must read the
 * same tasks, in the same order, with the same numbers, at every step of a busy run (failing
 * targets, two task sizes, least outstanding requests, scaling), and with its memo full.
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
import { TaskLoadReader } from '../../../src/sim/traffic/task-load.ts';
import { makeState, syntheticCluster, withLoad } from '../../browser/render/fixtures.ts';
import { apply, fargateTaskDef, register } from '../helpers.ts';

function expected(s: SimState): { ids: string[]; rps: number[]; cpu: number[] } {
  const out = { ids: [] as string[], rps: [] as number[], cpu: [] as number[] };
  traffic.forEachTaskTraffic(s.traffic!, s.tasks, (id, t) => {
    out.ids.push(id);
    out.rps.push(t.rps);
    out.cpu.push(t.cpuPercent);
  });
  return out;
}

function read(r: TaskLoadReader, s: SimState): { ids: string[]; rps: number[]; cpu: number[] } {
  r.read(s.traffic!, s.tasks);
  return {
    ids: r.ids.slice(0, r.count),
    rps: Array.from(r.rps.subarray(0, r.count)),
    cpu: Array.from(r.cpu.subarray(0, r.count)),
  };
}

function busy(): SimState {
  let s = createSimulation({ seed: 11 });
  s = register(s, fargateTaskDef({ family: 'web', cpu: 512, memory: 1024 }));
  s = register(s, fargateTaskDef({ family: 'web', cpu: 1024, memory: 2048 }));
  s = register(s, fargateTaskDef({ family: 'api', cpu: 256, memory: 512 }));
  const cmds: SimCommand[] = [
    {
      type: 'CREATE_SERVICE',
      serviceName: 'web',
      taskDefinition: 'web:1',
      desiredCount: 6,
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
    },
    {
      type: 'ATTACH_LOAD_BALANCER',
      serviceName: 'api',
      loadBalancerName: 'api-alb',
      algorithm: 'least_outstanding_requests',
      healthCheck: { intervalSeconds: 7 },
    },
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
        shape: { kind: 'sine', mean: 400, amplitude: 300, periodSeconds: 300, phaseSeconds: 0 },
        noise: 0.2,
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
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

describe('TaskLoadReader', () => {
  it('reads what forEachTaskTraffic hands out, step by step through faults, resizing and scaling', () => {
    let s = busy();
    const reader = new TaskLoadReader();
    let failingSeen = false;
    let reroutedSeen = false;
    let loaded = 0;
    for (let i = 1; i <= 400; i++) {
      if (i === 90)
        s = apply(s, { type: 'FAIL_HEALTH_CHECKS', taskId: runningOf(s, 'web')[0]!.id });
      if (i === 120)
        s = apply(s, { type: 'FAIL_HEALTH_CHECKS', taskId: runningOf(s, 'api')[1]!.id });
      if (i === 200)
        s = apply(s, { type: 'UPDATE_SERVICE', serviceName: 'web', taskDefinition: 'web:2' });
      s = advance(s, 1000);
      const want = expected(s);
      expect(read(reader, s)).toEqual(want);
      if (want.ids.length > 0) loaded++;
      for (const r of Object.values(s.traffic!.routing)) {
        if (r.failing.length > 0) failingSeen = true;
        if (r.routed !== r.running) reroutedSeen = true;
      }
    }
    // The run covered what the reader must handle.
    expect(loaded).toBeGreaterThan(300);
    expect(failingSeen).toBe(true);
    expect(reroutedSeen).toBe(true);
  }, 60_000);

  it('reads the same numbers once its memo has started again (thousands of distinct loads)', () => {
    const reader = new TaskLoadReader();
    const distinct = new Set<number>();
    for (let v = 0; v < 6; v++) {
      // Every task gets its own request count: ~850 distinct inputs a snapshot, 5,000 in all.
      const s0 = withLoad(syntheticCluster(1000, v), v);
      const routing = Object.fromEntries(
        Object.entries(s0.traffic!.routing).map(([name, r], j) => [
          name,
          { ...r, split: { ...r.split, counts: r.routed.map((_, i) => v * 1000 + j * 100 + i) } },
        ]),
      );
      const s = { ...s0, traffic: { ...s0.traffic!, routing } };
      const want = expected(s);
      for (const x of want.rps) distinct.add(x);
      expect(read(reader, s)).toEqual(want);
    }
    expect(distinct.size).toBeGreaterThan(4000);
    const s = withLoad(syntheticCluster(40, 1), 1);
    expect(read(reader, s)).toEqual(expected(s));
  });

  it('reads nothing when no service is routed', () => {
    const reader = new TaskLoadReader();
    const s = withLoad(makeState([], []));
    reader.read(s.traffic!, s.tasks);
    expect(reader.count).toBe(0);
  });
});
