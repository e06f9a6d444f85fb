/**
 * The traffic part of one simulation step (called by `advance` before the task lifecycle runs):
 *
 *  1. capacity providers: booted instances register, drained scale-in instances terminate;
 *  2. ECS replaces RUNNING tasks whose target failed ALB health checks after the service's
 *     healthCheckGracePeriodSeconds (reference E6);
 *  3. the ALB: RUNNING tasks register, stopping tasks deregister and stay DEACTIVATING for the
 *     deregistration delay (A7.1, A7.3), health checks run (E5), the step's requests are routed;
 *  4. utilisation per task and per service, recorded as CloudWatch samples (1-minute datapoints);
 *  5. on each minute boundary: alarms → Application Auto Scaling → desiredCount (A6), and
 *     capacity provider managed scaling → instances launched or drained and terminated (A5.4).
 *
 * Runs only when SimState.traffic exists. Mutates only the Draft.
 */
import { isLive, taskWriteSeq, type ClusterIndex, type Draft } from '../draft.ts';
import { addInstance, drainInstance, terminateInstance } from '../instance-ops.ts';
import type { Service, ServiceCounts, Task } from '../model.ts';
import { STEP_MS } from '../model.ts';
import { taskRequirements } from '../resources.ts';
import { reconcileService } from '../service-scheduler.ts';
import { requestStop } from '../task-ops.ts';
import type { LoadBalancer } from './alb.ts';
import { lbDimension, tgDimension } from './apply-traffic-command.ts';
import { evaluateScaling, type ScalingActivity, type ScalingState } from './autoscaling.ts';
import {
  estimateInstances,
  evaluateManagedScaling,
  type AsgInstance,
} from './capacity-provider.ts';
import { requestsInStepInto, rpsAt, sampleRps } from './load.ts';
import {
  containerInstanceCountKey,
  pushServiceSamples,
  pushTargetGroupSamples,
  serviceMetricKeys,
  targetGroupMetricKeys,
  type TargetGroupStep,
} from './metric-samples.ts';
import { PERIOD_MS, recordRow } from './metrics.ts';
import {
  MAX_ACTIVITIES,
  type AsgProvider,
  type ServiceLoad,
  type ServiceLoadBalancer,
  type ServiceRouting,
  type ServiceTrafficStats,
  type TrafficState,
} from './state.ts';
import type { Target, TargetGroup } from './target-group.ts';
import {
  requestsAt,
  stepTargetGroup,
  targetsView,
  type TargetGroupStepInput,
  type Split,
  type TargetGroupStepResult,
} from './target-step.ts';
import { stepOwned, UNKNOWN, type StepOwned } from './step-owned.ts';
import { routedPositions, taskTrafficOf } from './task-traffic.ts';
import {
  DEFAULT_APP_PROFILE,
  taskUtilization,
  type AppProfile,
  type ServiceUtilization,
  type TaskUtilization,
} from './utilization.ts';
import { INSTANCE_TYPES, registeredCpuUnits, registeredMemoryMiB } from '../instance-types.ts';

const PENDING_LIKE: ReadonlySet<string> = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING']);
const NONE: readonly string[] = [];
const NO_REGISTRATIONS: TargetGroupStepInput['register'] = [];

/** Services measured each step: load-balanced or scalable, sorted (memoised by both records). */
const measuredNames = new WeakMap<object, { scaling: object; names: readonly string[] }>();
function measured(tr: TrafficState): readonly string[] {
  const hit = measuredNames.get(tr.serviceLoadBalancers);
  if (hit?.scaling === tr.scaling) return hit.names;
  let names: readonly string[] = [
    ...new Set([...Object.keys(tr.serviceLoadBalancers), ...Object.keys(tr.scaling)]),
  ].sort();
  // The same names (scaling states are rewritten every minute): the same array, so what is
  // remembered by it (the step plan) carries over.
  if (hit && sameStrings(hit.names, names)) names = hit.names;
  measuredNames.set(tr.serviceLoadBalancers, { scaling: tr.scaling, names });
  return names;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * One measured service's fixed inputs (binding, application profile, metric keys, utilisation
 * memo) and the outcome of its target group in the current step, filled by stepLoadBalancers and
 * read by measure (no lookups by name in between). Pure memoisation, rebuilt with the plan.
 */
interface Slot {
  readonly name: string;
  readonly b: ServiceLoadBalancer | undefined;
  readonly app: AppProfile;
  readonly memo: UtilMemo;
  readonly keys: ReturnType<typeof serviceMetricKeys>;
  /** Last roster seen (checked against the service's version before use). */
  roster: Roster | undefined;
  /** The index and taskWriteSeq() at which `roster` was last found current. */
  rosterIndex: ClusterIndex | undefined;
  rosterSeq: number;
  /** trafficStep call whose target group outcome `step` is (0: none yet). */
  stamp: number;
  step: TargetGroupStepResult | undefined;
  requests: number;
  lbArn: string;
  groupKeys:
    { tgArn: string; lbArn: string; keys: ReturnType<typeof targetGroupMetricKeys> } | undefined;
}

/** Slots in measured() order, and per load balancer (in sorted name order) the slots it feeds. */
interface Plan {
  readonly names: readonly string[];
  readonly apps: object;
  readonly lbNames: readonly string[];
  readonly cluster: string;
  readonly slots: readonly Slot[];
  readonly byLb: readonly (readonly { readonly tg: string; readonly slot: Slot }[] | undefined)[];
}

const plans = new WeakMap<object, Plan>();
/** Numbers the trafficStep calls (a slot's outcome belongs to the step with its stamp). */
let stepStamp = 0;

function planOf(tr: TrafficState, cluster: string): Plan {
  const names = measured(tr);
  const lbNames = sortedKeys(tr.loadBalancers);
  const hit = plans.get(tr.serviceLoadBalancers);
  if (
    hit &&
    hit.names === names &&
    hit.apps === tr.apps &&
    hit.lbNames === lbNames &&
    hit.cluster === cluster
  )
    return hit;
  const slots: Slot[] = [];
  const lbIndex = new Map(lbNames.map((n, i) => [n, i]));
  const byLb: { tg: string; slot: Slot }[][] = [];
  for (const name of names) {
    const b = tr.serviceLoadBalancers[name];
    const app = tr.apps[name] ?? DEFAULT_APP_PROFILE;
    const slot: Slot = {
      name,
      b,
      app,
      memo: utilMemo(name, app),
      keys: serviceKeys(cluster, name),
      roster: undefined,
      rosterIndex: undefined,
      rosterSeq: -1,
      stamp: 0,
      step: undefined,
      requests: 0,
      lbArn: '',
      groupKeys: undefined,
    };
    slots.push(slot);
    const at = b ? lbIndex.get(b.loadBalancerName) : undefined;
    if (b && at !== undefined) (byLb[at] ??= []).push({ tg: b.targetGroupName, slot });
  }
  const plan: Plan = { names, apps: tr.apps, lbNames, cluster, slots, byLb };
  plans.set(tr.serviceLoadBalancers, plan);
  return plan;
}

/** The (first) slot reading target group `tgName` of the load balancer at `at`. */
function slotFor(plan: Plan, at: number, tgName: string): Slot | undefined {
  const wanted = plan.byLb[at];
  if (wanted) for (const w of wanted) if (w.tg === tgName) return w.slot;
  return undefined;
}

/** Hands a target group's outcome to the slots that read it. */
function deliver(
  plan: Plan,
  at: number,
  tgName: string,
  step: TargetGroupStepResult,
  requests: number,
  lbArn: string,
): void {
  const wanted = plan.byLb[at];
  if (!wanted) return;
  for (const w of wanted) {
    if (w.tg !== tgName) continue;
    const slot = w.slot;
    slot.stamp = stepStamp;
    slot.step = step;
    slot.requests = requests;
    slot.lbArn = lbArn;
  }
}

/**
 * A service's tasks as the traffic step needs them, rebuilt only when one of the service's tasks
 * was written (ClusterIndex.serviceVersion): a steady step at 10,000 tasks visits no task.
 * Pure memoisation, keyed by the draft's index (handed from state to state like the index).
 */
interface Roster {
  readonly version: number | undefined;
  /** Tasks not STOPPED, by (createdAt, id). */
  readonly tasks: readonly Task[];
  /** RUNNING tasks, by (createdAt, id). */
  readonly running: readonly Task[];
  readonly runningIds: readonly string[];
  /** CPU units and memory MiB of the RUNNING tasks (same order). */
  readonly cpus: Float64Array;
  readonly mems: Float64Array;
  /** True when every RUNNING task has the same size. */
  readonly uniform: boolean;
  readonly pending: number;
  /** Tasks that occupy a slot (isLive). */
  readonly live: number;
  /** Registrations and deregistrations against the last targets record seen. */
  sync?: {
    readonly targets: object;
    readonly register: readonly Task[];
    readonly deregister: readonly string[];
  };
  /** Position of each RUNNING task among the last routed targets seen (-1: not routed). */
  pos?: RoutedPositions;
}

/** Where a roster's RUNNING tasks sit among the routed targets of a step. */
interface RoutedPositions {
  readonly routed: readonly string[];
  /** Position of each RUNNING task among `routed` (-1: not routed). */
  readonly at: Int32Array;
  /**
   * The task list as segments, in task order: pairs (first position, length) of tasks at
   * consecutive routed positions, or (-1, length) of tasks not routed. Routed targets mostly follow
   * task order (a task that reached RUNNING before an older one swaps two), so there are few.
   */
  readonly segs: Int32Array;
}

const rosters = new WeakMap<ClusterIndex, Map<string, Roster>>();

/**
 * rosterOf through a slot: its last roster while the service's version is the same. Versions are
 * unique across indexes (draft.ts), so a roster of a version is the same in any index that has it.
 */
function slotRoster(d: Draft, slot: Slot): Roster {
  const r = slot.roster;
  const idx = d.index();
  const seq = taskWriteSeq();
  // No task written anywhere since this roster was found current in this index: it still is.
  if (r !== undefined && slot.rosterIndex === idx && slot.rosterSeq === seq) return r;
  slot.rosterIndex = idx;
  slot.rosterSeq = seq;
  if (r !== undefined && r.version !== undefined && r.version === idx.serviceVersion.get(slot.name))
    return r;
  return (slot.roster = rosterOf(d, slot.name));
}

function rosterOf(d: Draft, name: string): Roster {
  const idx = d.index();
  let byName = rosters.get(idx);
  if (!byName) rosters.set(idx, (byName = new Map()));
  const version = idx.serviceVersion.get(name);
  const cached = byName.get(name);
  if (cached && cached.version === version) return cached;
  // (createdAt, id) order: the order ECS registers the targets in (oldest first); every run visits
  // tasks the same way. The index's own list of the service's non-STOPPED tasks, kept in step with
  // every task write (its tasks by (createdAt, id), without looking each id up in d.tasks); it is
  // copied before its next change once handed out, so the roster's array never moves.
  const tasks = idx.serviceTasks(name, d.tasks);
  const running: Task[] = [];
  const runningIds: string[] = [];
  let pending = 0;
  let live = 0;
  for (const t of tasks) {
    if (PENDING_LIKE.has(t.lastStatus)) pending++;
    if (isLive(t)) live++;
    if (t.lastStatus !== 'RUNNING') continue;
    running.push(t);
    runningIds.push(t.id);
  }
  const cpus = new Float64Array(running.length);
  const mems = new Float64Array(running.length);
  let uniform = true;
  for (let i = 0; i < running.length; i++) {
    cpus[i] = running[i]!.cpu;
    mems[i] = running[i]!.memory;
    if (cpus[i] !== cpus[0] || mems[i] !== mems[0]) uniform = false;
  }
  const r: Roster = {
    version,
    tasks,
    running,
    runningIds,
    cpus,
    mems,
    uniform,
    pending,
    live,
  };
  byName.set(name, r);
  return r;
}

/** Tasks to register in and targets to deregister from a target group (memoised per roster). */
function syncTargets(
  d: Draft,
  roster: Roster,
  targets: Readonly<Record<string, unknown>>,
): { readonly register: readonly Task[]; readonly deregister: readonly string[] } {
  if (roster.sync?.targets === targets) return roster.sync;
  // The tasks that belong in the group: RUNNING and not asked to stop (eligible).
  const register: Task[] = [];
  let withTarget = 0;
  for (const t of roster.running) {
    if (t.desiredStatus === 'STOPPED') continue;
    if (targets[t.id] === undefined) register.push(t);
    else withTarget++;
  }
  // Registered targets (not draining) whose task is not eligible. When as many eligible tasks have
  // a registered target as there are registered targets, every registered target is one of them
  // (ids are unique): there are none, found without a set of the eligible ids (the usual step).
  // Targets are not read here: they come in many record shapes, and reading one is slow.
  const view = targetsView(targets as Readonly<Record<string, Target>>);
  let drainingEligible = 0;
  for (const id of view.draining) if (eligibleIn(d, roster, id)) drainingEligible++;
  let deregister: readonly string[] = NONE;
  if (withTarget - drainingEligible !== view.registered.length) {
    const eligible = new Set<string>();
    for (const t of roster.running) if (t.desiredStatus !== 'STOPPED') eligible.add(t.id);
    const out: string[] = [];
    for (const id of view.registered) if (!eligible.has(id)) out.push(id);
    deregister = out;
  }
  roster.sync = { targets, register, deregister };
  return roster.sync;
}

/** Whether task `id` is one of the roster's eligible tasks (RUNNING, not asked to stop). */
function eligibleIn(d: Draft, roster: Roster, id: string): boolean {
  const t = d.tasks.get(id);
  return (
    t !== undefined &&
    t.lastStatus === 'RUNNING' &&
    t.desiredStatus !== 'STOPPED' &&
    roster.running.includes(t)
  );
}

/** Positions of the roster's RUNNING tasks among `routed` (memoised per roster). */
function routedPositionsOf(roster: Roster, routed: readonly string[]): RoutedPositions {
  if (roster.pos?.routed === routed) return roster.pos;
  const ids = roster.runningIds;
  const at = new Int32Array(ids.length);
  // Usually the routed targets are the RUNNING tasks in the same order, some perhaps left out: one
  // walk matches them. Ids are unique, so when every routed id was matched in turn the positions
  // are right and the tasks skipped are not routed; otherwise look every task up.
  let j = 0;
  for (let i = 0; i < ids.length; i++) at[i] = j < routed.length && ids[i] === routed[j] ? j++ : -1;
  if (j !== routed.length) {
    const byId = routedPositions(routed);
    for (let i = 0; i < ids.length; i++) at[i] = byId.get(ids[i]!) ?? -1;
  }
  const segs: number[] = [];
  for (let i = 0; i < ids.length; i++) {
    const p = at[i]!;
    const last = segs.length - 2;
    // Extends the last segment: both not routed, or the next routed position.
    if (
      last >= 0 &&
      (p < 0 ? segs[last]! < 0 : segs[last]! >= 0 && segs[last]! + segs[last + 1]! === p)
    )
      segs[last + 1]!++;
    else segs.push(p < 0 ? -1 : p, 1);
  }
  return (roster.pos = { routed, at, segs: Int32Array.from(segs) });
}

/**
 * Tasks not yet STOPPED per container instance. A draining task still holds its instance, so
 * managed termination protection keeps the instance until it has stopped (A5.4).
 */
function tasksPerInstance(d: Draft): Map<string, number> {
  const out = new Map<string, number>();
  d.tasks.forEach((t) => {
    if (t.containerInstanceId && t.lastStatus !== 'STOPPED')
      out.set(t.containerInstanceId, (out.get(t.containerInstanceId) ?? 0) + 1);
  });
  return out;
}

/** Step 1: instance launches that finished, scale-in instances that are empty. */
function stepAsgs(d: Draft, tr: TrafficState): TrafficState {
  let providers: Record<string, AsgProvider> | undefined;
  for (const name of Object.keys(tr.capacityProviders).sort()) {
    let asg = tr.capacityProviders[name] as AsgProvider;
    const before = asg;
    const due = asg.launching.filter((at) => at <= d.now);
    if (due.length > 0) {
      const ids: string[] = [...asg.instanceIds];
      for (let i = 0; i < due.length; i++) {
        const known = new Set(Object.keys(d.instances));
        const err = addInstance(d, asg.instanceType);
        if (err) {
          d.pushEvent(
            'instance',
            asg.autoScalingGroupName,
            `Launching a new EC2 instance failed: ${err}`,
          );
          continue;
        }
        const id = Object.keys(d.instances).find((k) => !known.has(k));
        if (id === undefined) continue;
        ids.push(id);
        const inst = d.instances[id]!;
        // EC2 Auto Scaling activity description [EC2 Auto Scaling activity history].
        d.pushEvent('instance', id, `Launching a new EC2 instance: ${inst.ec2InstanceId}`);
      }
      asg = { ...asg, launching: asg.launching.filter((at) => at > d.now), instanceIds: ids };
    }
    if (asg.terminating.length > 0 || asg.instanceIds.some((id) => !d.instances[id])) {
      const held = asg.terminating.length > 0 ? tasksPerInstance(d) : new Map<string, number>();
      const terminating: string[] = [];
      for (const id of asg.terminating) {
        const inst = d.instances[id];
        if (!inst || inst.status === 'INACTIVE') continue;
        if ((held.get(id) ?? 0) > 0) {
          terminating.push(id);
          continue;
        }
        d.pushEvent('instance', id, `Terminating EC2 instance: ${inst.ec2InstanceId}`);
        terminateInstance(d, inst);
      }
      const instanceIds = asg.instanceIds.filter(
        (id) => d.instances[id] !== undefined && d.instances[id]!.status !== 'INACTIVE',
      );
      asg = { ...asg, terminating, instanceIds };
    }
    if (asg !== before) (providers ??= { ...tr.capacityProviders })[name] = asg;
  }
  return providers ? { ...tr, capacityProviders: providers } : tr;
}

/** Step 2 (E6): replace RUNNING tasks whose targets are unhealthy past the grace period. */
function replaceUnhealthy(d: Draft, tr: TrafficState, own: StepOwned): void {
  // The last traffic step was this Draft's and left no target unhealthy in any group: nothing to do
  // (nothing else in a Draft writes target groups between two of its steps).
  if (own.noUnhealthyAt === stepStamp) return;
  for (const svcName of sortedKeys(tr.serviceLoadBalancers)) {
    const b = tr.serviceLoadBalancers[svcName]!;
    const tg = tr.loadBalancers[b.loadBalancerName]?.targetGroups[b.targetGroupName];
    if (!tg || targetsView(tg.targets).unhealthy.length === 0) continue;
    const svc = d.services[svcName];
    if (!svc || svc.status !== 'ACTIVE') continue;
    const stopped: string[] = [];
    for (const id of targetsView(tg.targets).unhealthy) {
      const t = d.tasks.get(id);
      if (!t || t.lastStatus !== 'RUNNING' || t.desiredStatus === 'STOPPED') continue;
      // ECS ignores ELB health checks until healthCheckGracePeriodSeconds after the task started (E6).
      if (d.now < (t.startedAt ?? t.createdAt) + svc.healthCheckGracePeriodSeconds * 1000) continue;
      // stoppedReason as ECS reports it [ECS-DG stopped-task-errors]; no launch throttling (E6).
      requestStop(
        d,
        t,
        'ServiceSchedulerInitiated',
        `Task failed ELB health checks in (target-group ${tg.arn})`,
      );
      stopped.push(id);
    }
    if (stopped.length) {
      d.pushEvent(
        'service',
        svcName,
        `(service ${svcName}) has stopped ${stopped.length} running tasks: ${stopped.map((id) => `(task ${id})`).join(' ')}.`,
      );
    }
  }
}

/** Step 3: one ALB step per load balancer; returns new loads (carries) and per-LB results. */
function stepLoadBalancers(
  d: Draft,
  tr: TrafficState,
  own: StepOwned,
  plan: Plan,
): {
  loadBalancers: Record<string, LoadBalancer>;
  loads: Record<string, ServiceLoad>;
} {
  // Records this Draft made in an earlier step are updated in place (step-owned.ts).
  const loads: Record<string, ServiceLoad> = own.has(tr.loads)
    ? (tr.loads as Record<string, ServiceLoad>)
    : own.mark({ ...tr.loads });
  const lbs = own.record<LoadBalancer>(tr.loadBalancers);
  const lbNames = plan.lbNames;
  // Whether a target group has unhealthy targets after this step (replaceUnhealthy's next look).
  let unhealthy = false;
  for (let at = 0; at < lbNames.length; at++) {
    const lbName = lbNames[at]!;
    const known = lbs.peek(lbName);
    const lb = known === UNKNOWN ? tr.loadBalancers[lbName]! : known;
    const tgNames = sortedKeys(lb.targetGroups);
    let alb: LoadBalancer;
    if (tgNames.length === 1) {
      // The usual load balancer: one target group.
      const name = tgNames[0]!;
      const tg0 = lb.targetGroups[name]!;
      const p = prepare(d, tr, tg0, loads, own, slotFor(plan, at, name), STEP_INPUT);
      const r = stepTargetGroup(tg0, p, own);
      if (r.view.unhealthy.length > 0) unhealthy = true;
      for (const m of r.messages) d.pushEvent('service', tg0.serviceName, m);
      if (r.tg === tg0) alb = lb;
      else if (own.has(lb) && own.has(lb.targetGroups)) {
        (lb.targetGroups as Record<string, TargetGroup>)[name] = own.mark(r.tg);
        alb = lb;
      } else alb = own.mark({ ...lb, targetGroups: own.mark({ [name]: own.mark(r.tg) }) });
      holdDeactivating(d, r.tg, p.deregister);
      deliver(plan, at, name, r, p.requests, lb.arn);
    } else {
      // Inputs gathered in sorted order (the order the load draws random numbers).
      const prepared = new Map<string, TargetGroupStepInput>();
      for (const name of tgNames)
        prepared.set(
          name,
          prepare(d, tr, lb.targetGroups[name]!, loads, own, slotFor(plan, at, name)),
        );
      // Target groups step in record order (the order stepAlb emits their events in).
      let targetGroups: Record<string, TargetGroup> | undefined;
      for (const name in lb.targetGroups) {
        const tg0 = lb.targetGroups[name]!;
        const p = prepared.get(name)!;
        const r = stepTargetGroup(tg0, p, own);
        if (r.view.unhealthy.length > 0) unhealthy = true;
        if (r.tg !== tg0) own.mark(r.tg);
        deliver(plan, at, name, r, p.requests, lb.arn);
        for (const m of r.messages) d.pushEvent('service', tg0.serviceName, m);
        if (r.tg !== tg0) (targetGroups ??= own.mark({ ...lb.targetGroups }))[name] = r.tg;
      }
      if (targetGroups) sortedKeyCache.set(targetGroups, tgNames);
      alb = targetGroups ? own.mark({ ...lb, targetGroups }) : lb;
      for (const name of tgNames)
        holdDeactivating(d, alb.targetGroups[name]!, prepared.get(name)!.deregister);
    }
    lbs.set(lbName, alb);
  }
  own.noUnhealthyAt = unhealthy ? -1 : stepStamp;
  const loadBalancers = lbs.done();
  // Same keys as the input record (its sorted names carry over).
  sortedKeyCache.set(loadBalancers, lbNames);
  return { loadBalancers, loads };
}

/** A target group's registrations, deregistrations and requests for this step. */
function prepare(
  d: Draft,
  tr: TrafficState,
  tg: TargetGroup,
  loads: Record<string, ServiceLoad>,
  own: StepOwned,
  slot: Slot | undefined,
  scratch?: Mutable<TargetGroupStepInput>,
): TargetGroupStepInput {
  const svcName = tg.serviceName;
  const roster = slot?.name === svcName ? slotRoster(d, slot) : rosterOf(d, svcName);
  const sync = syncTargets(d, roster, tg.targets);
  const register =
    sync.register.length === 0
      ? NO_REGISTRATIONS
      : sync.register.map((t) => {
          const inst = t.containerInstanceId ? d.instances[t.containerInstanceId] : undefined;
          return tg.targetType === 'instance' && inst
            ? { taskId: t.id, port: tg.port, instanceId: inst.ec2InstanceId }
            : { taskId: t.id, port: tg.port };
        });
  let requests = 0;
  const load = tr.loads[svcName];
  if (load) {
    let rps: number;
    // Without noise sampleRps is rpsAt and draws nothing.
    if ((load.profile.noise ?? 0) <= 0) rps = rpsAt(load.profile, d.now - load.since);
    else {
      const [r, rng] = sampleRps(load.profile, d.now - load.since, d.rng.state);
      rps = r;
      d.rng.state = rng;
    }
    const r = STEP_REQUESTS;
    requestsInStepInto(rps, STEP_MS, load.carry, r);
    requests = r.requests;
    if (own.has(load)) (load as { carry: number }).carry = r.carry;
    else loads[svcName] = own.mark({ ...load, carry: r.carry });
  }
  if (tg.algorithm !== 'least_outstanding_requests' && scratch) {
    // The caller's scratch record (read before its next prepare): one object less per service and step.
    scratch.now = d.now;
    scratch.register = register;
    scratch.deregister = sync.deregister;
    scratch.failing = tr.failingTasks;
    scratch.requests = requests;
    return scratch;
  }
  const input: TargetGroupStepInput = {
    now: d.now,
    dtMs: STEP_MS,
    register,
    deregister: sync.deregister,
    failing: tr.failingTasks,
    requests,
  };
  return tg.algorithm === 'least_outstanding_requests'
    ? { ...input, latencyMs: () => previousLatency(d, tr, tg) }
    : input;
}

/**
 * stepLoadBalancers's input record for a load balancer with one target group (round robin): filled
 * by prepare, read by stepTargetGroup, holdDeactivating and deliver before the next one (neither
 * keeps it).
 */
const STEP_INPUT: Mutable<TargetGroupStepInput> = {
  now: 0,
  dtMs: STEP_MS,
  register: [],
  deregister: [],
  failing: {},
  requests: 0,
};

/** prepare's scratch for requestsInStepInto (read at once). */
const STEP_REQUESTS = { requests: 0, carry: 0 };

/** A stopping task stays DEACTIVATING until its target has drained (A7.1, A7.3). */
function holdDeactivating(d: Draft, tg: TargetGroup, deregistered: readonly string[]): void {
  for (const id of deregistered) {
    const target = tg.targets[id];
    const t = d.tasks.get(id);
    if (
      target?.drainingUntil !== undefined &&
      t?.lastStatus === 'DEACTIVATING' &&
      t.nextTransitionAt !== undefined &&
      t.nextTransitionAt < target.drainingUntil
    ) {
      d.setTask({ ...t, nextTransitionAt: target.drainingUntil });
    }
  }
}

/** Last step's response time per target of a least_outstanding_requests group. */
function previousLatency(d: Draft, tr: TrafficState, tg: TargetGroup): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id in tg.targets) {
    const tt = taskTrafficOf(tr, d.tasks, id);
    if (tt) out[id] = tt.latencyMs;
  }
  return out;
}

/**
 * Instances not INACTIVE, by Draft.instanceEpoch: the epoch moves whenever an instance is added,
 * deleted or changes status (draft.ts) and is never reused, so one count per epoch is exact.
 */
let instanceCount: { epoch: number; count: number } | undefined;
function activeInstances(d: Draft): number {
  if (instanceCount?.epoch === d.instanceEpoch) return instanceCount.count;
  let n = 0;
  for (const id in d.instances) if (d.instances[id]!.status !== 'INACTIVE') n++;
  instanceCount = { epoch: d.instanceEpoch, count: n };
  return n;
}

/** Sorted keys of a record, memoised by the record (records are immutable once built). */
const sortedKeyCache = new WeakMap<object, readonly string[]>();
function sortedKeys(rec: Readonly<Record<string, unknown>>): readonly string[] {
  let keys = sortedKeyCache.get(rec);
  if (keys) return keys;
  // Remembered even for one key (a load balancer's single target group, asked every step).
  sortedKeyCache.set(rec, (keys = Object.keys(rec).sort()));
  return keys;
}

/** Metric keys per service (the cluster name is fixed for a state's lifetime; checked anyway). */
const serviceKeyCache = new Map<
  string,
  { cluster: string; keys: ReturnType<typeof serviceMetricKeys> }
>();
function serviceKeys(cluster: string, name: string): ReturnType<typeof serviceMetricKeys> {
  const hit = serviceKeyCache.get(name);
  if (hit?.cluster === cluster) return hit.keys;
  if (serviceKeyCache.size > 4096) serviceKeyCache.clear();
  const keys = serviceMetricKeys(cluster, name);
  serviceKeyCache.set(name, { cluster, keys });
  return keys;
}

/** Metric keys per target group ARN (and its load balancer's ARN). */
const groupKeyCache = new Map<
  string,
  { lb: string; keys: ReturnType<typeof targetGroupMetricKeys> }
>();
function groupKeys(lbArn: string, tgArn: string): ReturnType<typeof targetGroupMetricKeys> {
  const hit = groupKeyCache.get(tgArn);
  if (hit?.lb === lbArn) return hit.keys;
  if (groupKeyCache.size > 4096) groupKeyCache.clear();
  const keys = targetGroupMetricKeys(lbDimension(lbArn), tgDimension(tgArn));
  groupKeyCache.set(tgArn, { lb: lbArn, keys });
  return keys;
}

/** containerInstanceCountKey of the last cluster asked for (the name is fixed for a state's life). */
let lastInstanceCountKey: { cluster: string; key: string } | undefined;
function instanceCountKey(cluster: string): string {
  if (lastInstanceCountKey?.cluster !== cluster)
    lastInstanceCountKey = { cluster, key: containerInstanceCountKey(cluster) };
  return lastInstanceCountKey.key;
}

/** Whether a record has any key (without listing them). */
function hasKeys(rec: object): boolean {
  for (const _ in rec) return true;
  return false;
}

/**
 * A service's utilisations by input, kept from step to step while its application profile is the
 * same record (tasks mostly share size, and the per-target rate moves slowly). Pure memoisation of
 * taskUtilization's numbers (sumTasks reads only those); bounded.
 */
const utilMemos = new Map<string, UtilMemo>();
function utilMemo(name: string, app: AppProfile): UtilMemo {
  let m = utilMemos.get(name);
  if (m?.app !== app) {
    if (utilMemos.size >= 4096) utilMemos.clear();
    utilMemos.set(name, (m = new UtilMemo(name, app)));
  }
  return m;
}

/** A few utilisations of one service, by input (tasks mostly share size and rate). */
class UtilMemo {
  /** Inputs of entry i: cpu, memory, rps at 3i, 3i + 1, 3i + 2; failing flags apart. */
  private readonly inputs = new Float64Array(3 * UTIL_MEMO_SIZE);
  private readonly failing = new Uint8Array(UTIL_MEMO_SIZE);
  private readonly values: TaskUtilization[] = [];
  /** Next slot to overwrite once full (the oldest entry). */
  private next = 0;
  constructor(
    private readonly name: string,
    readonly app: AppProfile,
  ) {}
  get(taskId: string, cpu: number, memory: number, rps: number, failing: boolean): TaskUtilization {
    const inputs = this.inputs;
    const f = failing ? 1 : 0;
    const n = this.values.length;
    for (let i = 0; i < n; i++) {
      const j = 3 * i;
      if (
        inputs[j] === cpu &&
        inputs[j + 1] === memory &&
        inputs[j + 2] === rps &&
        this.failing[i] === f
      )
        return this.values[i]!;
    }
    const u = taskUtilization(
      {
        taskId,
        serviceName: this.name,
        cpu,
        memory,
        rps,
        ...(failing ? { failing: true } : {}),
      },
      this.app,
    );
    let at: number;
    if (n < UTIL_MEMO_SIZE) {
      at = n;
      this.values.push(u);
    } else {
      at = this.next;
      this.values[at] = u;
      this.next = (at + 1) % UTIL_MEMO_SIZE;
    }
    inputs[3 * at] = cpu;
    inputs[3 * at + 1] = memory;
    inputs[3 * at + 2] = rps;
    this.failing[at] = f;
    return u;
  }
}
const UTIL_MEMO_SIZE = 8;

/** Step 4: utilisation and CloudWatch samples of every load-balanced or scalable service. */
function measure(
  d: Draft,
  tr: TrafficState,
  plan: Plan,
  own: StepOwned,
): Pick<TrafficState, 'metrics' | 'stats' | 'routing'> {
  const rows = tr.metrics.filling?.rows;
  const last = rows?.[rows.length - 1];
  const keys = new RowKeys(last?.keys);
  // Usually as many values as the last row: one array of that size, filled in order.
  const values = new RowValues(last?.values.length ?? 0);
  // Built in measured() order; last step's records (made in this Draft) are updated in place.
  const stats = own.record<ServiceTrafficStats>(tr.stats);
  const routing = own.record<ServiceRouting>(tr.routing);
  const cluster = d.cluster.clusterName;
  const failingTasks = hasKeys(tr.failingTasks) ? tr.failingTasks : undefined;
  for (const slot of plan.slots) {
    const name = slot.name;
    const svc = d.services[name];
    if (!svc || svc.status === 'INACTIVE') continue;
    const b = slot.b;
    // This step's outcome of the service's target group, when its load balancer has it.
    const step = slot.stamp === stepStamp ? slot.step : undefined;
    const tg = step?.tg;
    const app = slot.app;
    const roster = slotRoster(d, slot);
    const running = roster.running.length;
    const pending = roster.pending;
    const routed = step?.view.routed;
    const sums = sumTasks(
      roster,
      slot.memo,
      routed ? routedPositionsOf(roster, routed) : undefined,
      routed?.length ?? 0,
      step?.split,
      failingTasks,
    );
    const { cpuUsed, cpuRes, memUsed, memRes, served, errors, latW, failingIds } = sums;
    const n = routed?.length ?? 0;
    const split = step?.split;
    if (b)
      routing.set(
        name,
        reuseRouting(
          own,
          known(routing.peek(name), tr.routing, name),
          roster.runningIds,
          routed ?? NONE,
          split ?? { base: 0, extra: 0, from: 0 },
          failingIds ?? NONE,
          app,
        ),
      );
    // The service's utilisation (none without a running task), in scratch records the sample
    // functions read and do not keep.
    let util: ServiceUtilization | undefined;
    if (running > 0) {
      const u = UTIL;
      u.serviceName = name;
      u.taskCount = running;
      // A5.7: CPU units used × 100 / (CPU units reserved × tasks).
      u.cpuPercent = cpuRes > 0 ? (cpuUsed * 100) / cpuRes : 0;
      u.memoryPercent = memRes > 0 ? (memUsed * 100) / memRes : 0;
      u.servedRps = served;
      u.errorRps = errors;
      u.latencyMs = served > 0 ? latW / served : 0;
      util = u;
    }
    const counts = COUNTS;
    counts.desiredCount = svc.desiredCount;
    counts.runningCount = running;
    counts.pendingCount = pending;
    pushServiceSamples(keys, values, slot.keys, counts, util);
    const healthy = step ? step.view.healthy : 0;
    const targets = step ? step.view.registered.length : 0;
    const requests = step ? slot.requests : 0;
    const unrouted = step ? step.unrouted : 0;
    if (b && tg) {
      const g = GROUP_STEP;
      g.requests = requests;
      g.healthyTargets = healthy;
      g.routedTargets = n;
      g.errors5xx = Math.round(errors * (STEP_MS / 1000));
      g.latencyMs = util?.latencyMs ?? 0;
      pushTargetGroupSamples(keys, values, slotGroupKeys(slot, tg.arn), g);
    }
    const offeredRps = (requests * 1000) / STEP_MS;
    const elb5xxRps = (unrouted * 1000) / STEP_MS;
    const latencyMs = util?.latencyMs ?? 0;
    const cpuPercent = util?.cpuPercent ?? 0;
    const memoryPercent = util?.memoryPercent ?? 0;
    const prev = known(stats.peek(name), tr.stats, name);
    if (prev !== undefined && own.has(prev)) {
      // Last step's record, made in this Draft: the same fields, rewritten.
      const w = prev as { -readonly [K in keyof ServiceTrafficStats]: ServiceTrafficStats[K] };
      w.offeredRps = offeredRps;
      w.servedRps = served;
      w.errorRps = errors;
      w.elb5xxRps = elb5xxRps;
      w.latencyMs = latencyMs;
      w.cpuPercent = cpuPercent;
      w.memoryPercent = memoryPercent;
      w.healthyTargets = healthy;
      w.targets = targets;
      stats.set(name, prev);
    } else
      stats.set(
        name,
        own.mark({
          offeredRps,
          servedRps: served,
          errorRps: errors,
          elb5xxRps,
          latencyMs,
          cpuPercent,
          memoryPercent,
          healthyTargets: healthy,
          targets,
        }),
      );
  }
  // Container Insights ContainerInstanceCount (for the instance-count chart), when the cluster has EC2.
  if (hasKeys(tr.capacityProviders) || d.instanceIds().length > 0) {
    const instances = activeInstances(d);
    keys.push(instanceCountKey(cluster));
    values.push(instances);
  }
  // The sample describes the second that just ended. Rows share their keys while they match.
  const row = { keys: keys.done(), values: values.done() };
  const metrics = recordRow(tr.metrics, d.now - STEP_MS, row, own);
  return { metrics, stats: stats.done(), routing: routing.done() };
}

/** A builder's peek, or the previous record's value by key when the builder cannot tell. */
function known<V>(
  peeked: V | typeof UNKNOWN,
  prev: Readonly<Record<string, V>>,
  key: string,
): V | undefined {
  return peeked === UNKNOWN ? prev[key] : peeked;
}

/** groupKeys through a slot (its last target group and load balancer ARNs). */
function slotGroupKeys(slot: Slot, tgArn: string): ReturnType<typeof targetGroupMetricKeys> {
  const g = slot.groupKeys;
  if (g?.tgArn === tgArn && g.lbArn === slot.lbArn) return g.keys;
  const keys = groupKeys(slot.lbArn, tgArn);
  slot.groupKeys = { tgArn, lbArn: slot.lbArn, keys };
  return keys;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
/** measure's scratch records for the sample functions (filled per service, never kept). */
const UTIL: Mutable<ServiceUtilization> = {
  serviceName: '',
  taskCount: 0,
  cpuPercent: 0,
  memoryPercent: 0,
  servedRps: 0,
  errorRps: 0,
  latencyMs: 0,
};
const COUNTS: Mutable<ServiceCounts> = { desiredCount: 0, runningCount: 0, pendingCount: 0 };
const GROUP_STEP: Mutable<TargetGroupStep> = {
  requests: 0,
  healthyTargets: 0,
  routedTargets: 0,
  errors5xx: 0,
  latencyMs: 0,
};

/** A step's sample values: written into an array of the expected size, grown past it if need be. */
class RowValues {
  private readonly values: number[];
  private n = 0;
  constructor(size: number) {
    // A double array from the start (samples are mostly fractional): `new Array(size)` would hold
    // small integers first and be copied into a double array at the first fraction.
    const values = [0.5];
    if (size > 1) values.length = size;
    this.values = size > 0 ? values : [];
  }

  push(value: number): void {
    if (this.n < this.values.length) this.values[this.n] = value;
    else this.values.push(value);
    this.n++;
  }

  done(): number[] {
    if (this.n < this.values.length) this.values.length = this.n;
    return this.values;
  }
}

/** Whether sumTasks's sizes, served and error rates are whole numbers whose sums stay exact. */
function wholeSums(
  count: number,
  cpu: number,
  mem: number,
  u0: TaskUtilization,
  u1: TaskUtilization,
  u2: TaskUtilization,
): boolean {
  const limit = 2 ** 52 / count;
  return (
    whole(cpu, limit) &&
    whole(mem, limit) &&
    whole(u0.servedRps, limit) &&
    whole(u1.servedRps, limit) &&
    whole(u2.servedRps, limit) &&
    whole(u0.errorRps, limit) &&
    whole(u1.errorRps, limit) &&
    whole(u2.errorRps, limit)
  );
}

/** A whole number in [0, limit): `count` of them add up exactly in any order. */
function whole(x: number, limit: number): boolean {
  return Number.isInteger(x) && x >= 0 && x < limit;
}

interface Sums {
  cpuUsed: number;
  cpuRes: number;
  memUsed: number;
  memRes: number;
  served: number;
  errors: number;
  latW: number;
  failingIds: string[] | undefined;
}

const SUMS: Sums = {
  cpuUsed: 0,
  cpuRes: 0,
  memUsed: 0,
  memRes: 0,
  served: 0,
  errors: 0,
  latW: 0,
  failingIds: undefined,
};

/**
 * A service's sums over its RUNNING tasks for the step. Reads task sizes from the roster's arrays
 * (no per-task object access: Task records come in many shapes). In the usual case (one task size,
 * nobody failing, round robin) every task has one of three utilisations, and the sums are counts ×
 * values; otherwise tasks are added one at a time in roster order. Either way the sums are those of
 * the per-task records up to floating-point rounding (whole numbers — sizes, served and error
 * rates — exactly).
 */
function sumTasks(
  roster: Roster,
  memo: UtilMemo,
  positions: RoutedPositions | undefined,
  n: number,
  split: Split | undefined,
  failingTasks: Readonly<Record<string, true>> | undefined,
): Sums {
  // One scratch record (the caller reads it before the next call).
  const s = SUMS;
  s.cpuUsed = 0;
  s.cpuRes = 0;
  s.memUsed = 0;
  s.memRes = 0;
  s.served = 0;
  s.errors = 0;
  s.latW = 0;
  s.failingIds = undefined;
  const count = roster.running.length;
  const { cpus, mems } = roster;
  const pos = positions?.at;
  const fast = count > 0 && roster.uniform && failingTasks === undefined && !split?.counts;
  const cpu = cpus[0]!;
  const mem = mems[0]!;
  const id = roster.runningIds[0]!;
  const base = split?.base ?? 0;
  const extra = split?.extra ?? 0;
  const from = split?.from ?? 0;
  const u0 = fast ? memo.get(id, cpu, mem, 0, false) : undefined;
  const u1 = fast ? memo.get(id, cpu, mem, (base * 1000) / STEP_MS, false) : undefined;
  const u2 = fast ? memo.get(id, cpu, mem, ((base + 1) * 1000) / STEP_MS, false) : undefined;
  if (u0 && u1 && u2 && wholeSums(count, cpu, mem, u0, u1, u2)) {
    // One size, nobody failing, round robin: three possible utilisations (0, base, base + 1 requests).
    const c0 = u0.cpuUnitsUsed,
      c1 = u1.cpuUnitsUsed,
      c2 = u2.cpuUnitsUsed;
    const m0 = u0.memoryMiBUsed,
      m1 = u1.memoryMiBUsed,
      m2 = u2.memoryMiBUsed;
    const s0 = u0.servedRps,
      s1 = u1.servedRps,
      s2 = u2.servedRps;
    const e0 = u0.errorRps,
      e1 = u1.errorRps,
      e2 = u2.errorRps;
    const l0 = u0.latencyMs * s0,
      l1 = u1.latencyMs * s1,
      l2 = u2.latencyMs * s2;
    // Tasks per utilisation (unrouted, base, base + 1): the tasks not routed, and among the routed
    // positions the `extra` window from `from` (wrapping), counted run by run over the segments.
    let k0 = 0,
      k1 = 0,
      k2 = 0;
    if (!positions) k0 = count;
    else {
      // Positions in the window: [0, wrap) and [from, end); the others get `base`.
      const wrap = Math.max(0, from + extra - n);
      const end = Math.min(n, from + extra);
      const segs = positions.segs;
      for (let r = 0; r < segs.length; r += 2) {
        const p = segs[r]!;
        const len = segs[r + 1]!;
        if (p < 0) {
          k0 += len;
          continue;
        }
        // Routed positions [p, q) in the window: its overlap with [0, wrap) and with [from, end).
        const q = p + len;
        const inWindow =
          Math.max(0, Math.min(q, wrap) - p) + Math.max(0, Math.min(q, end) - Math.max(p, from));
        k2 += inWindow;
        k1 += len - inWindow;
      }
    }
    s.cpuUsed = k0 * c0 + k1 * c1 + k2 * c2;
    s.memUsed = k0 * m0 + k1 * m1 + k2 * m2;
    s.latW = k0 * l0 + k1 * l1 + k2 * l2;
    s.cpuRes = count * cpu;
    s.memRes = count * mem;
    s.served = k0 * s0 + k1 * s1 + k2 * s2;
    s.errors = k0 * e0 + k1 * e1 + k2 * e2;
    return s;
  }
  for (let i = 0; i < count; i++) {
    const id = roster.runningIds[i]!;
    const p = pos ? pos[i]! : -1;
    const rps = p < 0 || !split ? 0 : (requestsAt(split, p, n) * 1000) / STEP_MS;
    const failing = failingTasks !== undefined && failingTasks[id] === true;
    if (failing) (s.failingIds ??= []).push(id);
    const cpu = cpus[i]!;
    const mem = mems[i]!;
    const u = memo.get(id, cpu, mem, rps, failing);
    s.cpuUsed += u.cpuUnitsUsed;
    s.cpuRes += cpu;
    s.memUsed += u.memoryMiBUsed;
    s.memRes += mem;
    s.served += u.servedRps;
    s.errors += u.errorRps;
    s.latW += u.latencyMs * u.servedRps;
  }
  return s;
}

/**
 * The keys of a step's sample row: the previous row's array while the keys come out the same (a
 * steady step builds no keys array), a new one from the first difference on.
 */
class RowKeys {
  private own: string[] | undefined;
  private n = 0;
  constructor(private readonly prev: readonly string[] | undefined) {}

  push(k: string): void {
    if (this.own) this.own.push(k);
    else if (this.prev?.[this.n] !== k) (this.own = (this.prev ?? []).slice(0, this.n)).push(k);
    this.n++;
  }

  done(): readonly string[] {
    if (this.own) return this.own;
    const prev = this.prev ?? [];
    return prev.length === this.n ? prev : prev.slice(0, this.n);
  }
}

/**
 * The previous routing record when it says the same (keeps state records shared); else a new one,
 * or the previous one rewritten when this Draft made it (step-owned.ts).
 */
function reuseRouting(
  own: StepOwned,
  prev: ServiceRouting | undefined,
  running: readonly string[],
  routed: readonly string[],
  split: Split,
  failing: readonly string[],
  app: AppProfile,
): ServiceRouting {
  if (
    prev &&
    prev.running === running &&
    prev.routed === routed &&
    prev.failing === failing &&
    prev.app === app &&
    prev.split.base === split.base &&
    prev.split.extra === split.extra &&
    prev.split.from === split.from &&
    prev.split.counts === undefined &&
    split.counts === undefined
  )
    return prev;
  if (prev && own.has(prev)) {
    const w = prev as { -readonly [K in keyof ServiceRouting]: ServiceRouting[K] };
    w.running = running;
    w.routed = routed;
    w.split = split;
    w.failing = failing;
    w.app = app;
    return prev;
  }
  return own.mark({ running, routed, split, failing, app });
}

/** Step 5a: Application Auto Scaling for every scalable target, once a minute. */
function scaleServices(d: Draft, tr: TrafficState): TrafficState {
  let scaling: Record<string, ScalingState> | undefined;
  let activities: ScalingActivity[] | undefined;
  for (const name of Object.keys(tr.scaling).sort()) {
    const svc = d.services[name];
    if (!svc || svc.status !== 'ACTIVE') continue;
    // A6.1: scale-in is off while a deployment is in progress (an older deployment still has tasks).
    const deploymentInProgress = svc.deployments.some((dep) => dep.status === 'ACTIVE');
    const r = evaluateScaling(tr.scaling[name]!, tr.metrics, d.now, svc.desiredCount, {
      deploymentInProgress,
    });
    (scaling ??= { ...tr.scaling })[name] = r.state;
    if (r.newDesired === undefined || r.activity === undefined) continue;
    const a = r.activity;
    // DescribeScalingActivities Description and Cause (aws-cli example output), as one log line.
    d.pushEvent('scaling', name, `(service ${name}) ${a.description} Cause: ${a.cause}.`);
    (activities ??= [...tr.activities]).push(a);
    const next: Service = { ...svc, desiredCount: r.newDesired, steadyState: false };
    d.setService(next);
    reconcileService(d, name);
  }
  if (!scaling) return tr;
  return {
    ...tr,
    scaling,
    ...(activities ? { activities: activities.slice(-MAX_ACTIVITIES) } : {}),
  };
}

/** Tasks that services on this provider want but could not place (their shortfall). */
function waitingTasks(
  d: Draft,
  tr: TrafficState,
  provider: string,
): { cpu: number; memory: number }[] {
  const out: { cpu: number; memory: number }[] = [];
  for (const name of Object.keys(tr.strategies).sort()) {
    if (!tr.strategies[name]!.some((s) => s.capacityProvider === provider)) continue;
    const svc = d.services[name];
    const td = svc ? d.taskDefinitions[svc.taskDefinitionKey] : undefined;
    if (!svc || !td || svc.status !== 'ACTIVE') continue;
    const live = rosterOf(d, name).live;
    const req = taskRequirements(td, 'EC2');
    for (let i = live; i < svc.desiredCount; i++) out.push({ cpu: req.cpu, memory: req.memory });
  }
  return out;
}

/** Step 5b: managed scaling of every capacity provider, once a minute (A5.4). */
function scaleProviders(d: Draft, tr: TrafficState): TrafficState {
  let providers: Record<string, AsgProvider> | undefined;
  const names = Object.keys(tr.capacityProviders).sort();
  const held = names.length > 0 ? tasksPerInstance(d) : new Map<string, number>();
  for (const name of names) {
    const asg = tr.capacityProviders[name]!;
    const info = INSTANCE_TYPES[asg.instanceType];
    if (!info) continue;
    const size = { cpu: registeredCpuUnits(info), memory: registeredMemoryMiB(info) };
    const members: AsgInstance[] = asg.instanceIds
      .filter((id) => !asg.terminating.includes(id))
      .map((id) => ({
        instanceId: id,
        launchedAt: (d.instances[id]?.registeredAt ?? d.now) - asg.launchSeconds * 1000,
        nonDaemonTasks: held.get(id) ?? 0,
      }));
    const needed = estimateInstances(waitingTasks(d, tr, name), size).count;
    const r = evaluateManagedScaling(asg.provider, members, needed, d.now);
    let next: AsgProvider = {
      ...asg,
      provider: r.state,
      ...(r.reservation === undefined ? {} : { reservation: r.reservation }),
    };
    const before = asg.provider.desiredCapacity;
    if (r.state.desiredCapacity !== before) {
      // EC2 Auto Scaling activity cause, as for the policy ECS manages (wording modelled on AWS's).
      d.pushEvent(
        'scaling',
        asg.autoScalingGroupName,
        `Auto Scaling group ${asg.autoScalingGroupName}: an alarm on CapacityProviderReservation (${(r.reservation ?? 0).toFixed(0)} %, target ${asg.provider.managedScaling.targetCapacity} %) triggered policy ECSManagedAutoScalingPolicy changing the desired capacity from ${before} to ${r.state.desiredCapacity}.`,
      );
    }
    if (r.launch > 0) {
      const at = d.now + asg.launchSeconds * 1000;
      next = {
        ...next,
        launching: [...next.launching, ...Array.from({ length: r.launch }, () => at)],
      };
    }
    if (r.terminate.length > 0) {
      for (const id of r.terminate) {
        const inst = d.instances[id];
        // Managed draining: ECS drains the instance before the group terminates it.
        if (inst && inst.status === 'ACTIVE') drainInstance(d, inst);
      }
      next = { ...next, terminating: [...next.terminating, ...r.terminate] };
    }
    (providers ??= { ...tr.capacityProviders })[name] = next;
  }
  return providers ? { ...tr, capacityProviders: providers } : tr;
}

/** Drops failing-task marks of tasks that are gone or stopped. */
function pruneFailing(d: Draft, tr: TrafficState): TrafficState {
  const ids = Object.keys(tr.failingTasks);
  if (ids.length === 0) return tr;
  const keep = ids.filter((id) => d.tasks.get(id) && d.tasks.get(id)!.lastStatus !== 'STOPPED');
  if (keep.length === ids.length) return tr;
  const failingTasks: Record<string, true> = {};
  for (const id of keep) failingTasks[id] = true;
  return { ...tr, failingTasks };
}

/**
 * `{ ...tr, ...fields }`, or `tr` itself with the fields rewritten when this Draft made it
 * (step-owned.ts; the fields are existing keys, so the key order is the spread's).
 */
function withFields(own: StepOwned, tr: TrafficState, fields: Partial<TrafficState>): TrafficState {
  if (!own.has(tr)) return own.mark({ ...tr, ...fields });
  Object.assign(tr, fields);
  return tr;
}

/** One traffic step at `d.now` (see the file comment). */
export function trafficStep(d: Draft): void {
  const tr0 = d.traffic;
  if (!tr0) return;
  const own = stepOwned(d);
  let tr = stepAsgs(d, tr0);
  replaceUnhealthy(d, tr, own);
  stepStamp++;
  const plan = planOf(tr, d.cluster.clusterName);
  const { loadBalancers, loads } = stepLoadBalancers(d, tr, own, plan);
  tr = withFields(own, tr, { loadBalancers, loads });
  tr = withFields(own, tr, measure(d, tr, plan, own));
  if (d.now % PERIOD_MS === 0) {
    tr = scaleServices(d, tr);
    tr = scaleProviders(d, tr);
  }
  tr = pruneFailing(d, tr);
  d.setTraffic(tr);
}
