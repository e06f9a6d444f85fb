/**
 * One target group's ALB step as the simulation runs it (sim-step.ts): the rules of `stepAlb`
 * (alb.ts) — registration, deregistration and draining (A7.1, A7.3), health checks (E5), routing
 * (A7.2) — with work proportional to what changes rather than to the number of targets (issue 8:
 * 10,000 targets × 3,600 steps an hour).
 *
 * One representation choice makes that possible: a passing health check of a HEALTHY target
 * changes nothing observable (the target stays healthy; only its success counter and next probe
 * time move), so those probes are not written into the target every time. A healthy target's
 * `consecutiveSuccesses` and `nextCheckAt` are those of its last written probe; `targetAsOf`
 * replays the skipped passing probes (they run on a fixed schedule, A7.2). It is applied before a
 * healthy target changes (a failing probe, deregistration), so every target the step writes is the
 * record `stepAlb` would have written. Everything else (state, reason, events, routing, metrics)
 * is what `stepAlb` computes; tests/sim/traffic/incremental-step.test.ts checks it against stepAlb.
 *
 * Derived views of a targets record (which targets need a look, which are routable, counts) are
 * memoised by the record's identity: records are immutable and shared from step to step while
 * nothing in them changes (pure memoisation; never observable).
 */
import { apportion, routingWeights } from './routing.ts';
import { unhealthyMessage } from './alb.ts';
import {
  applyProbe,
  newTarget,
  type HealthCheckConfig,
  type ProbeResult,
  type Target,
  type TargetGroup,
} from './target-group.ts';

const OK: ProbeResult = { kind: 'ok' };
const FAILING: ProbeResult = { kind: 'code', code: 503 };

/**
 * Pure: `t` with the passing probes a healthy target skipped up to and including time `at` applied
 * (the record stepAlb would hold after its step at `at`). Other targets are returned as they are.
 */
export function targetAsOf(t: Target, hc: HealthCheckConfig, at: number): Target {
  if (t.state !== 'healthy' || t.nextCheckAt > at) return t;
  const interval = hc.intervalSeconds * 1000;
  const k = Math.floor((at - t.nextCheckAt) / interval) + 1;
  const first = applyProbe(t, OK, hc, t.nextCheckAt);
  if (k === 1) return first;
  return {
    ...first,
    consecutiveSuccesses: first.consecutiveSuccesses + k - 1,
    nextCheckAt: first.nextCheckAt + (k - 1) * interval,
  };
}

/** What a step needs to know about a targets record; memoised by the record's identity. */
export interface TargetsView {
  /** Every target id, in record order (what a copy of the record iterates). */
  readonly ids: readonly string[];
  /** Targets that are not healthy (they may change this step), in record order. */
  readonly attention: readonly string[];
  /** Unhealthy targets, sorted by id (ECS replaces their tasks, E6). */
  readonly unhealthy: readonly string[];
  /** Targets that are not draining, in record order. */
  readonly registered: readonly string[];
  /** Draining targets, in record order. */
  readonly draining: readonly string[];
  /**
   * Routable targets in record order: the healthy ones, or — failing open when none is healthy —
   * every initial or unhealthy one [ALB-UG] (routing.ts `routableTargets`).
   */
  readonly routed: readonly string[];
  readonly failOpen: boolean;
  readonly healthy: number;
  /**
   * The earliest time one of the `attention` targets can change by itself: its next probe, or the
   * end of its deregistration delay. Before then a step with nothing to register, deregister or
   * fail leaves the record as it is.
   */
  readonly nextDue: number;
}

const views = new WeakMap<object, TargetsView>();
const NO_IDS: readonly string[] = [];

/** Pure (memoised): the view of a targets record. */
export function targetsView(targets: Readonly<Record<string, Target>>): TargetsView {
  let v = views.get(targets);
  if (v) return v;
  const ids: string[] = [];
  const attention: string[] = [];
  const unhealthy: string[] = [];
  const registered: string[] = [];
  let draining: string[] | undefined;
  const healthyIds: string[] = [];
  const openIds: string[] = [];
  let nextDue = Infinity;
  for (const id in targets) {
    ids.push(id);
    const t = targets[id]!;
    const s = t.state;
    if (s !== 'healthy') {
      attention.push(id);
      const due = s === 'draining' ? t.drainingUntil : s === 'unused' ? undefined : t.nextCheckAt;
      if (due !== undefined && due < nextDue) nextDue = due;
    }
    if (s === 'unhealthy') unhealthy.push(id);
    if (s !== 'draining') registered.push(id);
    else (draining ??= []).push(id);
    if (s === 'healthy') healthyIds.push(id);
    else if (s === 'initial' || s === 'unhealthy') openIds.push(id);
  }
  const failOpen = healthyIds.length === 0 && openIds.length > 0;
  v = {
    ids,
    attention,
    unhealthy: unhealthy.sort(),
    registered,
    draining: draining ?? NO_IDS,
    routed: healthyIds.length > 0 ? healthyIds : openIds,
    failOpen,
    healthy: healthyIds.length,
    nextDue,
  };
  views.set(targets, v);
  return v;
}

/** How one step's requests were split over a target group's routed targets (`TargetsView.routed`). */
export interface Split {
  /** round_robin: every routed target got `base` requests, and the `extra` targets from position
   * `from` on (wrapping) one more (routing.ts `apportion`, equal weights). */
  readonly base: number;
  readonly extra: number;
  readonly from: number;
  /** least_outstanding_requests: requests per routed target, in `routed` order. */
  readonly counts?: readonly number[];
}

/** Pure: requests the routed target at position `i` of `n` received. */
export function requestsAt(split: Split, i: number, n: number): number {
  if (split.counts) return split.counts[i] ?? 0;
  return split.base + ((i - split.from + n) % n < split.extra ? 1 : 0);
}

export interface TargetGroupStepInput {
  readonly now: number;
  readonly dtMs: number;
  /** Tasks to register (in this order). */
  readonly register: readonly {
    readonly taskId: string;
    readonly port: number;
    readonly instanceId?: string;
  }[];
  /** Task ids to deregister (not draining targets), in this order. */
  readonly deregister: readonly string[];
  /** Tasks whose application answers health checks with 503. */
  readonly failing: Readonly<Record<string, true>>;
  /** Whole requests arriving this step. */
  readonly requests: number;
  /** least_outstanding_requests only: last response time per task id. */
  readonly latencyMs?: () => Readonly<Record<string, number>>;
}

export interface TargetGroupStepResult {
  /** The group after the step (the input object when nothing changed). */
  readonly tg: TargetGroup;
  readonly view: TargetsView;
  readonly split: Split;
  /** Requests with no target (the ALB answers 503). */
  readonly unrouted: number;
  /** Service events, in the order stepAlb emits them. */
  readonly messages: readonly string[];
}

/**
 * A copy of a targets record (same keys, same order), walking the view's list of its ids: a for…in
 * over a record of a hundred task ids (a hash-table, "dictionary mode", object in V8) first lists
 * and orders its keys, which costs more than the copy itself. The copy starts in dictionary mode
 * (deleting a property other than the last one added switches a V8 object to it), as the record
 * would end up anyway after a few dozen distinct keys, without the shapes made on the way. Nothing
 * observable changes (same keys, same order, same prototype; metrics.ts copies its streams so).
 */
function copyTargets(
  from: Readonly<Record<string, Target>>,
  ids: readonly string[],
): Record<string, Target> {
  const out: Record<string, Target> = { a: DICTIONARY_SEED, b: DICTIONARY_SEED };
  delete out.a;
  delete out.b;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    out[id] = from[id]!;
  }
  return out;
}
const DICTIONARY_SEED = {} as Target;

const NO_MESSAGES: readonly string[] = [];

/** The working state of one target group's step (copy-on-write targets record, messages). */
class GroupStep {
  targets: Record<string, Target> | undefined;
  messages: string[] | undefined;
  constructor(
    readonly tg0: TargetGroup,
    readonly input: TargetGroupStepInput,
  ) {}

  get(id: string): Target | undefined {
    return (this.targets ?? this.tg0.targets)[id];
  }

  write(): Record<string, Target> {
    return (this.targets ??= copyTargets(this.tg0.targets, targetsView(this.tg0.targets).ids));
  }

  say(message: string): void {
    (this.messages ??= []).push(message);
  }

  /** Health checks due for one target, or the end of its draining (the rules of stepAlb). */
  probe(id: string): void {
    const t0 = this.get(id);
    if (!t0) return;
    const { now, dtMs } = this.input;
    if (t0.state === 'draining') {
      if (t0.drainingUntil !== undefined && now >= t0.drainingUntil) delete this.write()[id];
      return;
    }
    const failing = this.input.failing[id] === true;
    // A passing probe leaves a healthy target as it is (see the file comment).
    if (t0.state === 'healthy' && !failing) return;
    const hc = this.tg0.healthCheck;
    let t = targetAsOf(t0, hc, now - dtMs);
    // Response time does not shift the schedule (A7.2): probes run every interval.
    while (t.nextCheckAt <= now && t.state !== 'unused') {
      const before = t.state;
      t = applyProbe(t, failing ? FAILING : OK, hc, t.nextCheckAt);
      if (before !== 'unhealthy' && t.state === 'unhealthy')
        this.say(unhealthyMessage(this.tg0, t));
    }
    if (t !== t0) this.write()[id] = t;
  }
}

/**
 * Pure: one step of one target group ending at `input.now` (see the file comment). With `inPlace`
 * saying `tg0` is a working record of the caller's own (sim-step.ts, step-owned.ts), a changed
 * group is written into `tg0` itself (then `tg` is `tg0`) instead of a copy with the same fields.
 */
export function stepTargetGroup(
  tg0: TargetGroup,
  input: TargetGroupStepInput,
  inPlace?: { has(o: object): boolean },
): TargetGroupStepResult {
  const { now } = input;
  const view0 = targetsView(tg0.targets);
  // The usual step: nothing to register, deregister or fail, and no target due to change by itself
  // (view0.nextDue): the targets record stays as it is.
  const quiet =
    input.register.length === 0 &&
    input.deregister.length === 0 &&
    now < view0.nextDue &&
    !hasKey(input.failing);
  const changed = quiet ? undefined : changeTargets(tg0, input, view0);
  const finalTargets = changed?.targets ?? tg0.targets;
  const view = changed?.targets ? targetsView(finalTargets) : view0;
  const n = view.routed.length;
  const requests = Math.max(0, Math.floor(input.requests));
  let split: Split;
  if (tg0.algorithm === 'round_robin' || n === 0 || requests <= 0) {
    // apportion() with equal weights, in closed form (no per-target array).
    const base = n > 0 ? Math.floor(requests / n) : 0;
    split = { base, extra: n > 0 ? requests - base * n : 0, from: n > 0 ? tg0.cursor % n : 0 };
  } else {
    const latency = input.latencyMs?.() ?? {};
    const routable = view.routed.map((id) => finalTargets[id]!);
    split = {
      base: 0,
      extra: 0,
      from: 0,
      counts: apportion(requests, routingWeights(tg0.algorithm, routable, latency), tg0.cursor),
    };
  }
  const cursor = n > 0 ? (tg0.cursor + requests) % n : 0;
  let tg: TargetGroup = tg0;
  if (changed?.targets !== undefined || cursor !== tg0.cursor) {
    if (inPlace?.has(tg0)) {
      const w = tg0 as { targets: Readonly<Record<string, Target>>; cursor: number };
      w.targets = finalTargets;
      w.cursor = cursor;
    } else tg = { ...tg0, targets: finalTargets, cursor };
  }
  return {
    tg,
    view,
    split,
    unrouted: n === 0 ? requests : 0,
    messages: changed?.messages ?? NO_MESSAGES,
  };
}

/** Whether a record has any key (without listing them). */
function hasKey(rec: object): boolean {
  for (const _ in rec) return true;
  return false;
}

/**
 * Registrations, deregistrations, health checks and draining of one step (the rules of stepAlb):
 * the targets record it wrote (undefined when none) and its service events.
 */
function changeTargets(
  tg0: TargetGroup,
  input: TargetGroupStepInput,
  view0: TargetsView,
): GroupStep {
  const { now, dtMs } = input;
  const hc = tg0.healthCheck;
  const g = new GroupStep(tg0, input);

  if (input.register.length > 0) {
    const targets = g.write();
    for (const r of input.register)
      targets[r.taskId] = newTarget(r.taskId, r.port, now, hc, r.instanceId);
    // ECS service event wording (reference A3.6): "(service X) registered N targets in (target-group arn)".
    g.say(
      `(service ${tg0.serviceName}) registered ${input.register.length} targets in (target-group ${tg0.arn})`,
    );
  }

  let removed = 0;
  let drainingNow: string[] | undefined;
  for (const id of input.deregister) {
    const t = g.get(id);
    if (!t) continue;
    removed++;
    if (t.state === 'draining') continue;
    // Draining lasts deregistration_delay.timeout_seconds (A7.3, E5); the record as stepAlb holds it.
    g.write()[id] = {
      ...targetAsOf(t, hc, now - dtMs),
      state: 'draining',
      reason: 'Target.DeregistrationInProgress',
      description: 'Target deregistration is in progress',
      drainingUntil: now + tg0.deregistrationDelaySeconds * 1000,
    };
    (drainingNow ??= []).push(id);
  }
  if (removed > 0) {
    g.say(
      `(service ${tg0.serviceName}) deregistered ${removed} targets in (target-group ${tg0.arn})`,
    );
    // Wording UNVERIFIED (reference A3.6, F.5).
    g.say(`(service ${tg0.serviceName}) has begun draining connections on ${removed} tasks.`);
  }

  // Targets to look at, in record order (the order stepAlb emits their events in). A healthy target
  // whose task fails health checks needs probing too; then the whole record is walked (a fault, rare).
  let failingHealthy = false;
  for (const id in input.failing) {
    if (g.get(id)?.state === 'healthy') {
      failingHealthy = true;
      break;
    }
  }
  if (failingHealthy) {
    for (const id of Object.keys(g.targets ?? tg0.targets)) g.probe(id);
  } else {
    if (now >= view0.nextDue) for (const id of view0.attention) g.probe(id);
    // Targets deregistered this step were healthy (not in `attention`): a zero delay ends at once.
    if (drainingNow) for (const id of drainingNow) g.probe(id);
  }

  return g;
}
