/**
 * The Application Load Balancer step: registers and deregisters ECS tasks as targets, runs the
 * health checks (E5), ends draining after the deregistration delay, and spreads the step's requests
 * over routable targets. Pure: returns a new balancer, never mutates its input.
 */
import type { SimEventKind } from '../model.ts';
import { apportion, routableTargets, routingWeights } from './routing.ts';
import {
  applyProbe,
  DEFAULT_DEREGISTRATION_DELAY_SECONDS,
  DEFAULT_HEALTH_CHECK,
  newTarget,
  type ProbeResult,
  type Target,
  type TargetGroup,
} from './target-group.ts';

/** A load balancer and its target groups (one per load-balanced service), keyed by name. */
export interface LoadBalancer {
  readonly name: string;
  readonly arn: string;
  readonly targetGroups: Readonly<Record<string, TargetGroup>>;
}

/** An event for the simulation log; the core assigns the monotonic id when it appends it. */
export interface TrafficEvent {
  readonly at: number;
  readonly kind: SimEventKind;
  readonly subject: string;
  readonly message: string;
}

/** What happens to the balancer during one step that ends at simulated time `now`. */
export interface AlbInputs {
  readonly now: number;
  readonly register?: readonly {
    readonly targetGroup: string;
    readonly taskId: string;
    readonly port: number;
    readonly instanceId?: string;
  }[];
  readonly deregister?: readonly { readonly targetGroup: string; readonly taskId: string }[];
  /** Probe outcome per task id for probes due this step; a task not listed answers 200. */
  readonly probes?: Readonly<Record<string, ProbeResult>>;
  /** Whole requests arriving this step, per target group name. */
  readonly requests?: Readonly<Record<string, number>>;
  /** Last observed response time per task id (least_outstanding_requests uses it). */
  readonly latencyMs?: Readonly<Record<string, number>>;
}

export interface AlbStepResult {
  readonly alb: LoadBalancer;
  /** Requests routed to each task this step, per target group name, then task id. */
  readonly perTarget: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** The same as a rate (requests per second of simulated time). */
  readonly perTargetRps: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly events: readonly TrafficEvent[];
  /** Targets whose deregistration delay ended this step (their tasks may leave DEACTIVATING). */
  readonly drained: readonly { readonly targetGroup: string; readonly taskId: string }[];
  /**
   * Requests with no target to go to, per target group; the ALB answers them itself with 503
   * (CloudWatch HTTPCode_ELB_503_Count) [ALB-UG].
   */
  readonly unrouted: Readonly<Record<string, number>>;
  /** Target groups that routed to all targets this step because none was healthy. */
  readonly failOpen: readonly string[];
}

/** Pure: a target group with ALB defaults (A7.2, A7.3) unless overridden. */
export function createTargetGroup(
  init: Pick<TargetGroup, 'name' | 'arn' | 'serviceName' | 'port'> & Partial<TargetGroup>,
): TargetGroup {
  return {
    targetType: 'ip',
    healthCheck: DEFAULT_HEALTH_CHECK,
    deregistrationDelaySeconds: DEFAULT_DEREGISTRATION_DELAY_SECONDS,
    algorithm: 'round_robin',
    targets: {},
    cursor: 0,
    ...init,
  };
}

const OK: ProbeResult = { kind: 'ok' };

/** Pure: advances every target group of `alb` by one step of `dtMs` ending at `inputs.now`. */
export function stepAlb(alb: LoadBalancer, inputs: AlbInputs, dtMs: number): AlbStepResult {
  const now = inputs.now;
  const events: TrafficEvent[] = [];
  const drained: { targetGroup: string; taskId: string }[] = [];
  const perTarget: Record<string, Record<string, number>> = {};
  const perTargetRps: Record<string, Record<string, number>> = {};
  const failOpen: string[] = [];
  const unrouted: Record<string, number> = {};
  const groups: Record<string, TargetGroup> = {};
  const say = (tg: TargetGroup, message: string): void => {
    events.push({ at: now, kind: 'service', subject: tg.serviceName, message });
  };

  for (const [name, tg0] of Object.entries(alb.targetGroups)) {
    const hc = tg0.healthCheck;
    const targets: Record<string, Target> = { ...tg0.targets };
    const added = (inputs.register ?? []).filter((r) => r.targetGroup === name);
    for (const r of added) targets[r.taskId] = newTarget(r.taskId, r.port, now, hc, r.instanceId);
    // ECS service event wording (reference A3.6): "(service X) registered N targets in (target-group arn)".
    if (added.length > 0)
      say(
        tg0,
        `(service ${tg0.serviceName}) registered ${added.length} targets in (target-group ${tg0.arn})`,
      );

    const removed = (inputs.deregister ?? []).filter(
      (d) => d.targetGroup === name && targets[d.taskId] !== undefined,
    );
    for (const d of removed) {
      const t = targets[d.taskId] as Target;
      if (t.state === 'draining') continue;
      // Draining lasts deregistration_delay.timeout_seconds (A7.3, E5).
      targets[d.taskId] = {
        ...t,
        state: 'draining',
        reason: 'Target.DeregistrationInProgress',
        description: 'Target deregistration is in progress',
        drainingUntil: now + tg0.deregistrationDelaySeconds * 1000,
      };
    }
    if (removed.length > 0) {
      say(
        tg0,
        `(service ${tg0.serviceName}) deregistered ${removed.length} targets in (target-group ${tg0.arn})`,
      );
      // Wording UNVERIFIED (reference A3.6, F.5).
      say(
        tg0,
        `(service ${tg0.serviceName}) has begun draining connections on ${removed.length} tasks.`,
      );
    }

    for (const [id, t0] of Object.entries(targets)) {
      if (t0.state === 'draining') {
        if (t0.drainingUntil !== undefined && now >= t0.drainingUntil) {
          delete targets[id];
          drained.push({ targetGroup: name, taskId: id });
        }
        continue;
      }
      let t = t0;
      // Response time does not shift the schedule (A7.2): probes run every interval.
      while (t.nextCheckAt <= now && t.state !== 'unused') {
        const before = t.state;
        t = applyProbe(t, inputs.probes?.[id] ?? OK, hc, t.nextCheckAt);
        if (before !== 'unhealthy' && t.state === 'unhealthy') say(tg0, unhealthyMessage(tg0, t));
      }
      targets[id] = t;
    }

    const all = Object.values(targets);
    const { targets: routable, failOpen: open } = routableTargets(all);
    if (open) failOpen.push(name);
    const weights = routingWeights(tg0.algorithm, routable, inputs.latencyMs ?? {});
    const requests = Math.max(0, Math.floor(inputs.requests?.[name] ?? 0));
    const split = apportion(requests, weights, tg0.cursor);
    const counts: Record<string, number> = {};
    const rates: Record<string, number> = {};
    routable.forEach((t, i) => {
      counts[t.id] = split[i] ?? 0;
      rates[t.id] = dtMs > 0 ? ((split[i] ?? 0) * 1000) / dtMs : 0;
    });
    unrouted[name] = routable.length === 0 ? requests : 0;
    perTarget[name] = counts;
    perTargetRps[name] = rates;
    const cursor = routable.length > 0 ? (tg0.cursor + requests) % routable.length : 0;
    groups[name] = { ...tg0, targets, cursor };
  }
  return {
    alb: { ...alb, targetGroups: groups },
    perTarget,
    perTargetRps,
    events,
    drained,
    unrouted,
    failOpen,
  };
}

/**
 * The ECS service event for a target turning unhealthy: the ip form
 * "(service X) (port P) is unhealthy in (target-group arn) due to (reason Health checks failed)."
 * (reference A3.6, hackforla/CivicTechJobs#436); instance targets add "(instance i-…)".
 */
export function unhealthyMessage(tg: TargetGroup, t: Target): string {
  const instance = t.instanceId === undefined ? '' : ` (instance ${t.instanceId})`;
  const reason = t.description ?? 'Health checks failed';
  return `(service ${tg.serviceName})${instance} (port ${t.port}) is unhealthy in (target-group ${tg.arn}) due to (reason ${reason}).`;
}

/** Pure: the health state of a task's target in a target group, or undefined if not registered. */
export function targetHealth(
  alb: LoadBalancer,
  targetGroup: string,
  taskId: string,
): Target | undefined {
  return alb.targetGroups[targetGroup]?.targets[taskId];
}
