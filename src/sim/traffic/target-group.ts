/**
 * ALB target groups and the target health machine (reference A7.2, A7.3, E5). Pure data plus pure
 * transitions: every function returns new records and never mutates its input.
 */

/** ALB target health states [ALB-UG] target-group-health-checks (reference A7.2). */
export type TargetHealthState =
  'initial' | 'healthy' | 'unhealthy' | 'draining' | 'unused' | 'unavailable';

/** Result of one health-check probe against a target. */
export type ProbeResult =
  | { readonly kind: 'ok' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'code'; readonly code: number }
  | { readonly kind: 'failed' };

/** Health-check settings; defaults for instance/ip targets are in DEFAULT_HEALTH_CHECK. */
export interface HealthCheckConfig {
  readonly path: string;
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly healthyThresholdCount: number;
  readonly unhealthyThresholdCount: number;
  /** Success codes, e.g. "200" or "200-299". */
  readonly matcher: string;
}

/**
 * ALB defaults for instance/ip targets [ALB-UG] (reference A7.2): interval 30 s, timeout 5 s (the
 * guide's value; the newer API text says 6 s, F.17 picks 5 s), healthy 5, unhealthy 2, matcher 200.
 */
export const DEFAULT_HEALTH_CHECK: HealthCheckConfig = {
  path: '/',
  intervalSeconds: 30,
  timeoutSeconds: 5,
  healthyThresholdCount: 5,
  unhealthyThresholdCount: 2,
  matcher: '200',
};

/** `deregistration_delay.timeout_seconds` default [ALB-UG] (reference A7.3). */
export const DEFAULT_DEREGISTRATION_DELAY_SECONDS = 300;

export type RoutingAlgorithm = 'round_robin' | 'least_outstanding_requests';

/** One registered target: an ECS task (ip target) or task host port (instance target). */
export interface Target {
  /** The ECS task id this target stands for. */
  readonly id: string;
  readonly port: number;
  /** EC2 instance id for `instance` target groups (bridge/host tasks). */
  readonly instanceId?: string;
  readonly registeredAt: number;
  readonly state: TargetHealthState;
  /** ALB reason code, e.g. Elb.InitialHealthChecking, Target.Timeout. */
  readonly reason?: string;
  /** ALB description, e.g. "Health checks failed with these codes: [502]". */
  readonly description?: string;
  readonly consecutiveSuccesses: number;
  readonly consecutiveFailures: number;
  /** Simulated ms of the next health-check probe. */
  readonly nextCheckAt: number;
  /** Set while draining: when the deregistration delay ends. */
  readonly drainingUntil?: number;
  /** When the target last entered `unhealthy` (ECS replaces it after the grace period, E6). */
  readonly unhealthySince?: number;
}

/** A target group attached to one ECS service. */
export interface TargetGroup {
  readonly name: string;
  readonly arn: string;
  readonly serviceName: string;
  readonly targetType: 'ip' | 'instance';
  readonly port: number;
  readonly healthCheck: HealthCheckConfig;
  readonly deregistrationDelaySeconds: number;
  readonly algorithm: RoutingAlgorithm;
  readonly targets: Readonly<Record<string, Target>>;
  /** Round-robin position carried between steps so remainders rotate fairly. */
  readonly cursor: number;
}

/** Pure: a fresh target just registered at `now` (state initial, first probe one interval later). */
export function newTarget(
  id: string,
  port: number,
  now: number,
  hc: HealthCheckConfig,
  instanceId?: string,
): Target {
  // First ALB health pass ≥ one interval after registration (reference A2.5 table).
  return {
    id,
    port,
    ...(instanceId === undefined ? {} : { instanceId }),
    registeredAt: now,
    state: 'initial',
    reason: 'Elb.RegistrationInProgress',
    consecutiveSuccesses: 0,
    consecutiveFailures: 0,
    nextCheckAt: now + hc.intervalSeconds * 1000,
  };
}

/** Pure: whether an HTTP status is within a matcher such as "200", "200,302" or "200-299". */
export function matchesCode(matcher: string, code: number): boolean {
  return matcher.split(',').some((part) => {
    const [lo, hi] = part.trim().split('-').map(Number);
    if (lo === undefined || Number.isNaN(lo)) return false;
    return hi === undefined ? code === lo : code >= lo && code <= (Number.isNaN(hi) ? lo : hi);
  });
}

function failure(probe: ProbeResult): { reason: string; description: string } {
  // Reason codes and descriptions as ALB reports them (reference A7.2).
  if (probe.kind === 'timeout')
    return { reason: 'Target.Timeout', description: 'Request timed out' };
  if (probe.kind === 'code') {
    return {
      reason: 'Target.ResponseCodeMismatch',
      description: `Health checks failed with these codes: [${probe.code}]`,
    };
  }
  return { reason: 'Target.FailedHealthChecks', description: 'Health checks failed' };
}

/**
 * Pure: applies one probe result to a target following E5: initial → healthy on the first success
 * [ALB-UG: a newly registered target must pass one check]; initial/healthy → unhealthy after
 * UnhealthyThresholdCount consecutive failures; unhealthy → healthy after HealthyThresholdCount
 * consecutive successes. Draining/unused targets are not probed.
 */
export function applyProbe(
  target: Target,
  probe: ProbeResult,
  hc: HealthCheckConfig,
  at: number,
): Target {
  if (target.state === 'draining' || target.state === 'unused') return target;
  const ok = probe.kind === 'ok' || (probe.kind === 'code' && matchesCode(hc.matcher, probe.code));
  const nextCheckAt = at + hc.intervalSeconds * 1000;
  if (ok) {
    const successes = target.consecutiveSuccesses + 1;
    const becomesHealthy =
      target.state === 'initial' ||
      target.state === 'healthy' ||
      successes >= hc.healthyThresholdCount;
    const base = {
      ...target,
      consecutiveSuccesses: successes,
      consecutiveFailures: 0,
      nextCheckAt,
    };
    if (!becomesHealthy) return base;
    const { reason: _r, description: _d, unhealthySince: _u, ...rest } = base;
    return { ...rest, state: 'healthy' };
  }
  const failures = target.consecutiveFailures + 1;
  const { reason, description } = failure(probe);
  const base = { ...target, consecutiveSuccesses: 0, consecutiveFailures: failures, nextCheckAt };
  if (target.state === 'unhealthy') return { ...base, reason, description };
  if (failures >= hc.unhealthyThresholdCount) {
    return { ...base, state: 'unhealthy', reason, description, unhealthySince: at };
  }
  return target.state === 'initial' ? { ...base, reason: 'Elb.InitialHealthChecking' } : base;
}
