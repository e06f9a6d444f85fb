import { describe, expect, it } from 'vitest';
import {
  createTargetGroup,
  stepAlb,
  type AlbInputs,
  type LoadBalancer,
} from '../../../src/sim/traffic/alb.ts';
import {
  DEFAULT_HEALTH_CHECK,
  matchesCode,
  type ProbeResult,
} from '../../../src/sim/traffic/target-group.ts';

const ARN =
  'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web-tg/0123456789abcdef';

function alb(): LoadBalancer {
  return {
    name: 'web-alb',
    arn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web-alb/1',
    targetGroups: {
      web: createTargetGroup({ name: 'web', arn: ARN, serviceName: 'web', port: 8000 }),
    },
  };
}

/** Steps 1 s at a time from `from` (exclusive) to `to` (inclusive); returns the state and events. */
function run(
  lb: LoadBalancer,
  from: number,
  to: number,
  extra: (now: number) => Partial<AlbInputs> = () => ({}),
) {
  const events: string[] = [];
  const drained: number[] = [];
  for (let now = from + 1000; now <= to; now += 1000) {
    const r = stepAlb(lb, { now, ...extra(now) }, 1000);
    lb = r.alb;
    events.push(...r.events.map((e) => e.message));
    if (r.drained.length > 0) drained.push(now);
  }
  return { lb, events, drained };
}

const stateOf = (lb: LoadBalancer, id: string) => lb.targetGroups.web?.targets[id]?.state;

describe('ALB target health machine (reference A7.2, E5)', () => {
  it('uses the ALB defaults for ip targets', () => {
    expect(DEFAULT_HEALTH_CHECK).toMatchObject({
      intervalSeconds: 30,
      timeoutSeconds: 5,
      healthyThresholdCount: 5,
      unhealthyThresholdCount: 2,
      matcher: '200',
    });
  });

  it('registers a target as initial and makes it healthy on the first passing check, one interval later', () => {
    const reg = stepAlb(
      alb(),
      { now: 0, register: [{ targetGroup: 'web', taskId: 't1', port: 8000 }] },
      1000,
    );
    expect(stateOf(reg.alb, 't1')).toBe('initial');
    expect(reg.events.map((e) => e.message)).toEqual([
      `(service web) registered 1 targets in (target-group ${ARN})`,
    ]);
    // A7.2: a newly registered target must pass one check; first check ≥ one interval (30 s) in.
    expect(stateOf(run(reg.alb, 0, 29_000).lb, 't1')).toBe('initial');
    expect(stateOf(run(reg.alb, 0, 30_000).lb, 't1')).toBe('healthy');
  });

  it('marks a healthy target unhealthy after UnhealthyThresholdCount (2) failed checks, i.e. 2 × 30 s', () => {
    const reg = stepAlb(
      alb(),
      { now: 0, register: [{ targetGroup: 'web', taskId: 't1', port: 8000 }] },
      1000,
    );
    const healthy = run(reg.alb, 0, 30_000).lb;
    const fail = (): Partial<AlbInputs> => ({ probes: { t1: { kind: 'failed' } as ProbeResult } });
    // Checks at 60 s and 90 s fail: 2 consecutive failures → unhealthy at 90 s (A7.2 derived: ≈ 60 s).
    expect(stateOf(run(healthy, 30_000, 89_000, fail).lb, 't1')).toBe('healthy');
    const r = run(healthy, 30_000, 90_000, fail);
    expect(stateOf(r.lb, 't1')).toBe('unhealthy');
    expect(r.lb.targetGroups.web?.targets.t1?.unhealthySince).toBe(90_000);
    // ECS service event wording, ip form (reference A3.6).
    expect(r.events).toEqual([
      `(service web) (port 8000) is unhealthy in (target-group ${ARN}) due to (reason Health checks failed).`,
    ]);
  });

  it('recovers only after HealthyThresholdCount (5) consecutive successes, i.e. 5 × 30 s', () => {
    const reg = stepAlb(
      alb(),
      { now: 0, register: [{ targetGroup: 'web', taskId: 't1', port: 8000 }] },
      1000,
    );
    const code502 = (): Partial<AlbInputs> => ({ probes: { t1: { kind: 'code', code: 502 } } });
    const sick = run(reg.alb, 0, 60_000, code502).lb; // checks at 30 s and 60 s fail
    expect(stateOf(sick, 't1')).toBe('unhealthy');
    expect(sick.targetGroups.web?.targets.t1?.description).toBe(
      'Health checks failed with these codes: [502]',
    );
    // Checks at 90, 120, 150, 180, 210 s pass: healthy at the 5th (210 s), not at the 4th.
    expect(stateOf(run(sick, 60_000, 209_000).lb, 't1')).toBe('unhealthy');
    expect(stateOf(run(sick, 60_000, 210_000).lb, 't1')).toBe('healthy');
  });

  it('a new target that fails its first two checks goes straight to unhealthy', () => {
    const reg = stepAlb(
      alb(),
      { now: 0, register: [{ targetGroup: 'web', taskId: 't1', port: 8000 }] },
      1000,
    );
    const timeout = (): Partial<AlbInputs> => ({ probes: { t1: { kind: 'timeout' } } });
    const r = run(reg.alb, 0, 60_000, timeout).lb;
    expect(stateOf(r, 't1')).toBe('unhealthy');
    expect(r.targetGroups.web?.targets.t1?.reason).toBe('Target.Timeout');
  });

  it('drains for the deregistration delay (300 s) and then removes the target', () => {
    const reg = stepAlb(
      alb(),
      { now: 0, register: [{ targetGroup: 'web', taskId: 't1', port: 8000 }] },
      1000,
    );
    const healthy = run(reg.alb, 0, 100_000).lb;
    const dereg = stepAlb(
      healthy,
      { now: 101_000, deregister: [{ targetGroup: 'web', taskId: 't1' }] },
      1000,
    );
    expect(stateOf(dereg.alb, 't1')).toBe('draining');
    expect(dereg.events.map((e) => e.message)[0]).toBe(
      `(service web) deregistered 1 targets in (target-group ${ARN})`,
    );
    // A7.3: draining until deregistration_delay.timeout_seconds (300 s) has passed.
    const r = run(dereg.alb, 101_000, 500_000, () => ({ requests: { web: 10 } }));
    expect(r.drained).toEqual([401_000]);
    // A draining target gets no new requests; with no other target the ALB answers them itself.
    const during = stepAlb(dereg.alb, { now: 102_000, requests: { web: 10 } }, 1000);
    expect(during.perTarget.web).toEqual({});
    expect(during.unrouted.web).toBe(10);
    expect(stateOf(r.lb, 't1')).toBeUndefined();
  });

  it('matches success codes as ALB matchers do', () => {
    expect(matchesCode('200', 200)).toBe(true);
    expect(matchesCode('200', 204)).toBe(false);
    expect(matchesCode('200-299', 204)).toBe(true);
    expect(matchesCode('200,302', 302)).toBe(true);
  });
});
