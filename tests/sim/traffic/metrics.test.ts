import { describe, expect, it } from 'vitest';
import type { ContainerInstance } from '../../../src/sim/model.ts';
import {
  clusterReservation,
  serviceMetricKeys,
  serviceSamples,
  targetGroupSamples,
  targetGroupMetricKeys,
} from '../../../src/sim/traffic/metric-samples.ts';
import {
  createMetricsStore,
  datapoints,
  datapointsFrom,
  liveDatapoints,
  metricKey,
  recordRow,
  recordSamples,
} from '../../../src/sim/traffic/metrics.ts';

describe('CloudWatch minute datapoints', () => {
  it('aggregates per-second samples into 1-minute statistics, complete only once the minute ends', () => {
    let store = createMetricsStore();
    for (let s = 0; s < 60; s++) store = recordSamples(store, s * 1000, { m: s < 30 ? 40 : 80 });
    expect(datapoints(store, 'm', 59_000)).toEqual([]);
    const [dp] = datapoints(store, 'm', 60_000);
    expect(dp).toEqual({
      timestamp: 0,
      sampleCount: 60,
      sum: 30 * 40 + 30 * 80,
      minimum: 40,
      maximum: 80,
      average: 60,
    });
    store = recordSamples(store, 60_000, { m: 10 });
    expect(datapoints(store, 'm', 60_500).map((d) => d.average)).toEqual([60]);
    expect(datapoints(store, 'm', 120_000).map((d) => d.average)).toEqual([60, 10]);
  });

  it('keeps a bounded history: the oldest minutes fall out of the ring', () => {
    let store = createMetricsStore(5);
    for (let m = 0; m < 12; m++) store = recordSamples(store, m * 60_000, { m });
    const points = datapoints(store, 'm', 12 * 60_000);
    expect(points.map((d) => d.average)).toEqual([7, 8, 9, 10, 11]);
    expect(store.streams.m?.points.items.length).toBe(5);
  });

  it('datapointsFrom is datapoints from a time on, through the ring wrap, the capacity and the pending minute', () => {
    let store = createMetricsStore(5);
    for (let m = 0; m < 13; m++) {
      // A sample each 20 s; a gap (no sample) in minutes 6 and 7.
      for (let s = 0; s < 60; s += 20)
        if (m !== 6 && m !== 7) store = recordSamples(store, m * 60_000 + s * 1000, { m: m + s });
      for (const now of [m * 60_000 + 40_000, (m + 1) * 60_000]) {
        for (let from = -2; from <= m + 2; from++) {
          const all = datapoints(store, 'm', now).filter((p) => p.timestamp >= from * 60_000);
          expect(datapointsFrom(store, 'm', now, from * 60_000)).toEqual(all);
        }
      }
    }
    expect(datapointsFrom(store, 'm', 13 * 60_000, 0).map((p) => p.timestamp / 60_000)).toEqual([
      8, 9, 10, 11, 12,
    ]);
    expect(datapointsFrom(store, 'other', 13 * 60_000, 0)).toEqual([]);
  });

  it('builds stable keys with sorted dimensions', () => {
    expect(metricKey('AWS/ECS', 'CPUUtilization', { ServiceName: 's', ClusterName: 'c' })).toBe(
      'AWS/ECS|CPUUtilization|ClusterName=c,ServiceName=s',
    );
  });

  it('publishes service utilisation only while tasks run, and counts always', () => {
    const k = serviceMetricKeys('default', 'web');
    const counts = { desiredCount: 3, runningCount: 2, pendingCount: 1 };
    const none = serviceSamples('default', 'web', counts);
    expect(none[k.cpuUtilization]).toBeUndefined();
    expect(none[k.desiredTaskCount]).toBe(3);
    const util = {
      serviceName: 'web',
      taskCount: 2,
      cpuPercent: 55,
      memoryPercent: 20,
      servedRps: 1,
      errorRps: 0,
      latencyMs: 30,
    };
    expect(serviceSamples('default', 'web', counts, util)[k.cpuUtilization]).toBe(55);
  });

  it('RequestCountPerTarget is RequestCount / healthy targets, summed per minute', () => {
    const k = targetGroupMetricKeys('app/web/1', 'targetgroup/web/2');
    let store = createMetricsStore();
    for (let s = 0; s < 60; s++) {
      const samples = targetGroupSamples('app/web/1', 'targetgroup/web/2', {
        requests: 100,
        healthyTargets: 4,
        routedTargets: 4,
        errors5xx: 1,
        latencyMs: 25,
      });
      store = recordSamples(store, s * 1000, samples);
    }
    expect(datapoints(store, k.requestCountPerTarget, 60_000)[0]?.sum).toBe(1500); // 6000 requests / 4
    expect(datapoints(store, k.requestCount, 60_000)[0]?.sum).toBe(6000);
    expect(datapoints(store, k.httpCodeTarget5xx, 60_000)[0]?.sum).toBe(60);
    expect(datapoints(store, k.targetResponseTime, 60_000)[0]?.average).toBeCloseTo(0.025);
  });
});

describe('cluster reservation (reference A5.7)', () => {
  const instance = (
    id: string,
    cpu: number,
    mem: number,
    usedCpu: number,
    usedMem: number,
    status: ContainerInstance['status'] = 'ACTIVE',
  ): ContainerInstance => ({
    id,
    containerInstanceArn: `arn:${id}`,
    ec2InstanceId: `i-${id}`,
    instanceType: 'm5.xlarge',
    availabilityZone: 'us-east-1a',
    status,
    agentConnected: true,
    registeredAt: 0,
    registeredCpu: cpu,
    registeredMemory: mem,
    remainingCpu: cpu - usedCpu,
    remainingMemory: mem - usedMem,
    usedPorts: [],
    usedEnis: 0,
    attributes: {},
  });

  it('reproduces the AWS example: 10 × (1024 CPU, 2048 MiB) on 18432 CPU / 33926 MiB → 55 % and 60 %', () => {
    // Spread the 10 tasks over three instances whose totals are AWS's 18432 units and 33926 MiB.
    const r = clusterReservation([
      instance('a', 6144, 11309, 4096, 8192),
      instance('b', 6144, 11309, 4096, 8192),
      instance('c', 6144, 11308, 2048, 4096),
    ]);
    expect(Math.floor(r?.cpuReservation ?? 0)).toBe(55);
    expect(Math.floor(r?.memoryReservation ?? 0)).toBe(60);
  });

  it('ignores instances that are not ACTIVE or DRAINING', () => {
    const r = clusterReservation([
      instance('a', 2048, 4096, 1024, 1024),
      instance('b', 2048, 4096, 0, 0, 'INACTIVE'),
    ]);
    expect(r?.cpuReservation).toBe(50);
    expect(clusterReservation([])).toBeUndefined();
  });
});

describe('the minute being filled (sample rows folded on read)', () => {
  it('gives the datapoints of adding sample by sample, whatever metrics each row carries', () => {
    // Reference: every sample kept; statistics folded per key and minute in arrival order.
    const seen: { t: number; key: string; value: number }[] = [];
    const naive = (key: string, now: number, live: boolean) => {
      const byMinute = new Map<number, number[]>();
      for (const x of seen)
        if (x.key === key && Number.isFinite(x.value)) {
          const m = Math.floor(x.t / 60_000);
          byMinute.set(m, [...(byMinute.get(m) ?? []), x.value]);
        }
      const out = [...byMinute]
        .filter(([m]) => live || (m + 1) * 60_000 <= now)
        .map(([m, v]) => {
          let sum = v[0]!;
          for (let i = 1; i < v.length; i++) sum += v[i]!;
          return {
            timestamp: m * 60_000,
            sampleCount: v.length,
            sum,
            minimum: Math.min(...v),
            maximum: Math.max(...v),
            average: sum / v.length,
          };
        });
      return out.slice(-4);
    };
    let store = createMetricsStore(4);
    let rows = createMetricsStore(4);
    let shared: string[] = [];
    let sharedKeys: string[] = [];
    let x = 12345;
    const rand = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let t = 0; t < 9 * 60_000; t += 1000) {
      const samples: Record<string, number> = {};
      // Metrics come and go (a service without running tasks publishes no CPU), and some are NaN.
      if (t < 200_000 || t > 400_000 || rand() < 0.8) samples.a = Math.round(rand() * 1000) / 7;
      if (t < 150_000 || t > 300_000) samples.b = rand() < 0.05 ? Number.NaN : rand() * 3;
      samples.c = t / 1000;
      store = recordSamples(store, t, samples);
      // The same samples as rows that share their keys array while the metrics stay the same
      // (as the traffic step records them): closed column by column.
      const keys = Object.keys(samples);
      shared = keys.join() === sharedKeys.join() ? shared : keys;
      sharedKeys = keys;
      rows = recordRow(rows, t, { keys: shared, values: Object.values(samples) });
      for (const [k, v] of Object.entries(samples)) seen.push({ t, key: k, value: v });
      if (t % 7000 === 0) {
        for (const key of ['a', 'b', 'c']) {
          expect(datapoints(store, key, t + 1000), `${key} at ${t}`).toEqual(
            naive(key, t + 1000, false),
          );
          expect(liveDatapoints(store, key).slice(-4)).toEqual(naive(key, t, true));
          expect(datapoints(rows, key, t + 1000)).toEqual(naive(key, t + 1000, false));
          expect(liveDatapoints(rows, key).slice(-4)).toEqual(naive(key, t, true));
        }
      }
    }
  });
});
