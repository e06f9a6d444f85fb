import { describe, expect, it } from 'vitest';
import {
  DEFAULT_APP_PROFILE,
  serviceUtilization,
  taskUtilization,
} from '../../../src/sim/traffic/utilization.ts';

const app = { ...DEFAULT_APP_PROFILE, cpuMsPerRequest: 10, baseLatencyMs: 20, maxLatencyMs: 5000 };
// 1024 units = 1 vCPU (reference A5.6) = 1000 ms CPU per second → 100 requests/s at 10 ms each.
const task = (rps: number, cpu = 1024) =>
  taskUtilization({ taskId: 't', serviceName: 'web', cpu, memory: 2048, rps }, app);

describe('utilisation model', () => {
  it('CPU utilisation is demanded CPU time over the task CPU units', () => {
    expect(task(50).cpuPercent).toBeCloseTo(50);
    expect(task(50, 512).cpuPercent).toBeCloseTo(100); // half a vCPU saturates at 50 rps
    expect(task(70).errorRps).toBe(0);
  });

  it('latency rises as utilisation approaches 100 % (base / (1 − ρ))', () => {
    expect(task(0).latencyMs).toBeCloseTo(20);
    expect(task(50).latencyMs).toBeCloseTo(40);
    expect(task(90).latencyMs).toBeCloseTo(200);
    expect(task(99).latencyMs).toBeGreaterThan(task(90).latencyMs);
  });

  it('past 100 % a task serves no more: CPU caps at 100, the excess is 5xx at the latency cap', () => {
    const over = task(150);
    expect(over.cpuPercent).toBeCloseTo(100);
    expect(over.servedRps).toBeCloseTo(100);
    expect(over.errorRps).toBeCloseTo(50);
    expect(over.latencyMs).toBe(5000);
    expect(task(99.9).errorRps).toBe(0);
  });

  it('a failing application answers everything with 5xx', () => {
    const r = taskUtilization(
      { taskId: 't', serviceName: 'web', cpu: 1024, memory: 2048, rps: 30, failing: true },
      app,
    );
    expect(r.errorRps).toBe(30);
    expect(r.servedRps).toBe(0);
  });

  it('memory grows with in-flight requests (Little’s law) on top of the base', () => {
    const idle = task(0);
    expect(idle.memoryMiBUsed).toBe(app.baseMemoryMiB);
    expect(idle.memoryPercent).toBeCloseTo((app.baseMemoryMiB * 100) / 2048);
    // 50 rps × 0.04 s = 2 in flight × 1 MiB.
    expect(task(50).memoryMiBUsed).toBeCloseTo(app.baseMemoryMiB + 2);
  });

  it('service utilisation follows A5.7: used units × 100 / reserved units over all tasks', () => {
    const a = taskUtilization(
      { taskId: 'a', serviceName: 'web', cpu: 1024, memory: 2048, rps: 80 },
      app,
    );
    const b = taskUtilization(
      { taskId: 'b', serviceName: 'web', cpu: 1024, memory: 2048, rps: 40 },
      app,
    );
    const c = taskUtilization(
      { taskId: 'c', serviceName: 'api', cpu: 512, memory: 1024, rps: 10 },
      app,
    );
    const s = serviceUtilization([a, b, c]);
    expect(s.web?.cpuPercent).toBeCloseTo(60);
    expect(s.web?.taskCount).toBe(2);
    expect(s.api?.cpuPercent).toBeCloseTo(20);
    expect(s.web?.servedRps).toBeCloseTo(120);
  });
});
