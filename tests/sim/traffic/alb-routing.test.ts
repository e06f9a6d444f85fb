import { describe, expect, it } from 'vitest';
import { createTargetGroup, stepAlb, type LoadBalancer } from '../../../src/sim/traffic/alb.ts';
import { apportion } from '../../../src/sim/traffic/routing.ts';
import type { Target, TargetGroup } from '../../../src/sim/traffic/target-group.ts';

function target(id: string, state: Target['state']): Target {
  return {
    id,
    port: 80,
    registeredAt: 0,
    state,
    consecutiveSuccesses: 0,
    consecutiveFailures: 0,
    nextCheckAt: 1e12,
  };
}

function lbWith(targets: Target[], init: Partial<TargetGroup> = {}): LoadBalancer {
  const tg = createTargetGroup({
    name: 'web',
    arn: 'arn:tg/web',
    serviceName: 'web',
    port: 80,
    ...init,
  });
  return {
    name: 'alb',
    arn: 'arn:alb',
    targetGroups: { web: { ...tg, targets: Object.fromEntries(targets.map((t) => [t.id, t])) } },
  };
}

describe('ALB routing', () => {
  it('round robin splits requests evenly over healthy targets and rotates the remainder', () => {
    let lb = lbWith([target('a', 'healthy'), target('b', 'healthy'), target('c', 'healthy')]);
    const totals: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (let i = 1; i <= 30; i++) {
      const r = stepAlb(lb, { now: i * 1000, requests: { web: 100 } }, 1000);
      lb = r.alb;
      const counts = Object.values(r.perTarget.web ?? {});
      expect(counts.reduce((x, y) => x + y, 0)).toBe(100);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      for (const [id, n] of Object.entries(r.perTarget.web ?? {}))
        totals[id] = (totals[id] ?? 0) + n;
    }
    // 3000 requests over 3 targets: exactly 1000 each once the remainder has rotated.
    expect(totals).toEqual({ a: 1000, b: 1000, c: 1000 });
  });

  it('sends nothing to initial, unhealthy or draining targets while one is healthy', () => {
    const lb = lbWith([
      target('a', 'healthy'),
      target('b', 'initial'),
      target('c', 'unhealthy'),
      { ...target('d', 'draining'), drainingUntil: 1e12 },
    ]);
    const r = stepAlb(lb, { now: 1000, requests: { web: 50 } }, 1000);
    expect(r.perTarget.web).toEqual({ a: 50 });
    expect(r.perTargetRps.web).toEqual({ a: 50 });
    expect(r.failOpen).toEqual([]);
  });

  it('fails open to all registered targets when none is healthy (reference A7.2)', () => {
    const lb = lbWith([
      target('a', 'unhealthy'),
      target('b', 'unhealthy'),
      { ...target('d', 'draining'), drainingUntil: 1e12 },
    ]);
    const r = stepAlb(lb, { now: 1000, requests: { web: 40 } }, 1000);
    expect(r.perTarget.web).toEqual({ a: 20, b: 20 });
    expect(r.failOpen).toEqual(['web']);
  });

  it('least outstanding requests favours faster targets in proportion to 1 / latency', () => {
    const lb = lbWith([target('fast', 'healthy'), target('slow', 'healthy')], {
      algorithm: 'least_outstanding_requests',
    });
    const r = stepAlb(
      lb,
      { now: 1000, requests: { web: 300 }, latencyMs: { fast: 20, slow: 40 } },
      1000,
    );
    // Equal in-flight (rate × latency) means rates 2:1 → 200 and 100.
    expect(r.perTarget.web).toEqual({ fast: 200, slow: 100 });
  });

  it('apportion conserves the total and handles empty input', () => {
    expect(apportion(7, [1, 1, 1], 0).reduce((a, b) => a + b, 0)).toBe(7);
    expect(apportion(7, [], 0)).toEqual([]);
    expect(apportion(0, [1, 2], 0)).toEqual([0, 0]);
  });
});
