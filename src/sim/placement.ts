/**
 * Task placement on EC2 container instances (reference A4 and E2) and across AZs on Fargate.
 * Pipeline per task [ECS-DG task-placement]: (1) filter instances by status, agent, architecture, CPU,
 * memory, ports and ENIs → (2) apply constraints (binding) → (3) apply strategies in order, each
 * narrowing the candidates (best effort) → (4) pick one (ties broken by the seeded RNG). Every choice
 * is explained in a human-readable `reason` shown in the inspector.
 */
import type { Draft } from './draft.ts';
import type { ContainerInstance, PlacementConstraint, PlacementStrategy } from './model.ts';
import { evaluateQuery, parseQuery } from './query-language.ts';
import { freeEniSlots, type TaskRequirements } from './resources.ts';
import { activeSet, type Buckets } from './placement-cache.ts';

/** What to place: the task's needs, its group (spread counting), and the rules that apply. */
export interface PlacementRequest {
  readonly requirements: TaskRequirements;
  /** Task group: "service:<name>" or "family:<family>" [ECS-DG]. */
  readonly group: string;
  /** How the reason text names the group, e.g. "service api". */
  readonly groupLabel: string;
  readonly constraints: readonly PlacementConstraint[];
  readonly strategies: readonly PlacementStrategy[];
}

/** Where a task went, or why it could not go anywhere. */
export type PlacementResult =
  | {
      readonly ok: true;
      readonly instanceId?: string;
      readonly availabilityZone: string;
      readonly reason: string;
    }
  | {
      readonly ok: false;
      /** RunTask `failures[].reason`, e.g. RESOURCE:CPU [ECS-DG api_failures_messages] (A2.4). */
      readonly failure: string;
      readonly closestInstanceId?: string;
      /** The sentence(s) added to the service event after "…met all of its requirements." */
      readonly detail: string;
    };

/** Default for REPLICA services: balance AZs, then fewest tasks of the service per instance (A4.1). */
export const DEFAULT_SERVICE_STRATEGY: readonly PlacementStrategy[] = [
  { type: 'spread', field: 'attribute:ecs.availability-zone' },
  { type: 'spread', field: 'instanceId' },
];

/** Default for RunTask: the API documents random distribution (A2.4). */
export const DEFAULT_RUN_TASK_STRATEGY: readonly PlacementStrategy[] = [{ type: 'random' }];

const CHECKS = [
  'AGENT',
  'ATTRIBUTE',
  'RESOURCE:CPU',
  'RESOURCE:MEMORY',
  'RESOURCE:PORTS',
  'RESOURCE:ENI',
] as const;

// "The closest matching container-instance <id> …" endings [ECS-DG service-event-messages] (A3.6).
const CLOSEST_TEXT: Readonly<Record<string, string>> = {
  AGENT: 'encountered error "AGENT".',
  ATTRIBUTE: 'is missing an attribute required by your task.',
  'RESOURCE:CPU': 'has insufficient CPU units available.',
  'RESOURCE:MEMORY': 'has insufficient memory available.',
  'RESOURCE:PORTS': 'is already using a port required by your task.',
};

/** Pure: which filter check an instance fails first, or undefined when it can host the task. */
export function firstFailedCheck(
  inst: ContainerInstance,
  req: TaskRequirements,
): (typeof CHECKS)[number] | undefined {
  if (!inst.agentConnected) return 'AGENT';
  const arch = req.cpuArchitecture === 'ARM64' ? 'arm64' : 'x86_64';
  if ((inst.attributes['ecs.cpu-architecture'] ?? 'x86_64') !== arch) return 'ATTRIBUTE';
  if (inst.remainingCpu < req.cpu) return 'RESOURCE:CPU';
  if (inst.remainingMemory < req.memory) return 'RESOURCE:MEMORY';
  if (req.hostPorts.some((p) => inst.usedPorts.includes(p))) return 'RESOURCE:PORTS';
  if (req.usesEni && freeEniSlots(inst) <= 0) return 'RESOURCE:ENI';
  return undefined;
}

function constraintFailure(
  d: Draft,
  inst: ContainerInstance,
  request: PlacementRequest,
): string | undefined {
  const idx = d.index();
  for (const c of request.constraints) {
    if (c.type === 'distinctInstance') {
      if (idx.countOnInstance(request.group, inst.id) > 0)
        return 'DistinctInstance placement constraint unsatisfied';
      continue;
    }
    let ok = false;
    try {
      const live = idx.liveOnInstance.get(inst.id);
      const groups = live
        ? [...new Set([...live].map((id) => d.tasks.get(id)?.group ?? ''))].sort()
        : [];
      ok = evaluateQuery(parseQuery(c.expression), {
        ec2InstanceId: inst.ec2InstanceId,
        agentConnected: inst.agentConnected,
        attributes: inst.attributes,
        runningTasksCount: live?.size ?? 0,
        taskGroups: groups,
      });
    } catch {
      ok = false;
    }
    if (!ok) return 'MemberOf placement constraint unsatisfied';
  }
  return undefined;
}

const ATTRIBUTE_PREFIX = 'attribute:';

function bucketOf(inst: ContainerInstance, field: string): string {
  if (field === 'instanceId' || field === 'host') return inst.id;
  // Same as slicing off "attribute:", without building a string per instance and task placed.
  const name =
    field.charCodeAt(9) === 58 && field.startsWith(ATTRIBUTE_PREFIX) ? attrName(field) : field;
  return inst.attributes[name] ?? '(none)';
}

const attrNames = new Map<string, string>();
function attrName(field: string): string {
  let n = attrNames.get(field);
  if (n === undefined) attrNames.set(field, (n = field.slice(ATTRIBUTE_PREFIX.length)));
  return n;
}

/** Narrows candidates by one strategy; returns the survivors and a reason fragment. */
function applyStrategy(
  d: Draft,
  cands: readonly ContainerInstance[],
  s: PlacementStrategy,
  request: PlacementRequest,
): [readonly ContainerInstance[], string] {
  if (s.type === 'random') {
    const pick = d.rng.pick(cands);
    return [[pick], `random: picked ${pick.ec2InstanceId} among ${cands.length} candidates`];
  }
  if (s.type === 'binpack') {
    // binpack keeps the instance(s) with the least remaining of the field that still fit (A4.1).
    const val = (i: ContainerInstance): number =>
      s.field === 'cpu' ? i.remainingCpu : i.remainingMemory;
    const min = Math.min(...cands.map(val));
    const unit = s.field === 'cpu' ? 'CPU units' : 'MiB';
    return [
      cands.filter((i) => val(i) === min),
      `binpack(${s.field}): least remaining ${s.field} ${min} ${unit}`,
    ];
  }
  // spread: the bucket (attribute value or instance) holding the fewest tasks of the group (A4.1).
  const idx = d.index();
  const perInstance = s.field === 'instanceId' || s.field === 'host';
  const attr = s.field.startsWith(ATTRIBUTE_PREFIX) ? attrName(s.field) : s.field;
  let countFor: (inst: ContainerInstance) => number;
  if (perInstance) {
    const onInstance = idx.byInstance.get(request.group);
    countFor = (inst) => onInstance?.get(inst.id) ?? 0;
  } else if (attr === 'ecs.availability-zone') {
    // Every live task of the group in an AZ sits on an instance of that AZ (or Fargate, same group).
    const byAz = idx.byAz.get(request.group);
    countFor = (inst) => byAz?.get(inst.availabilityZone) ?? 0;
  } else {
    const counts = new Map<string, number>();
    for (const [instId, n] of idx.byInstance.get(request.group) ?? []) {
      const inst = d.instances[instId];
      if (!inst || n === 0) continue;
      const b = bucketOf(inst, s.field);
      counts.set(b, (counts.get(b) ?? 0) + n);
    }
    countFor = (inst) => counts.get(bucketOf(inst, s.field)) ?? 0;
  }
  // Two plain passes (fewest, then those with it): called once per strategy per task placed, so
  // no per-candidate arrays or closures (issue 8: placing 1,000 tasks at once).
  let best = Infinity;
  for (let i = 0; i < cands.length; i++) {
    const n = countFor(cands[i] as ContainerInstance);
    if (n < best) best = n;
  }
  const kept: ContainerInstance[] = [];
  for (let i = 0; i < cands.length; i++) {
    const inst = cands[i] as ContainerInstance;
    if (countFor(inst) === best) kept.push(inst);
  }
  // Each kept instance is its own bucket for instanceId/host: only up to 3 names are written out,
  // so they are not formatted at all for a larger tie (placing 1,000 tasks at once stays cheap).
  let count = kept.length;
  if (!perInstance) {
    const seen = new Set<string>();
    for (const i of kept) seen.add(bucketOf(i, s.field));
    count = seen.size;
  }
  const buckets =
    count <= 3
      ? [
          ...new Set(
            perInstance
              ? kept.map((i) => `instance ${i.ec2InstanceId}`)
              : kept.map((i) => bucketOf(i, s.field)),
          ),
        ].sort()
      : [];
  return [kept, spreadReason(s.field, buckets, count, perInstance, request.groupLabel, best)];
}

/**
 * The reason fragment of a spread strategy: the winning bucket, up to three tied ones by name
 * (`names`, sorted), or how many tied.
 */
function spreadReason(
  field: string,
  names: readonly string[],
  count: number,
  perInstance: boolean,
  groupLabel: string,
  best: number,
): string {
  const where =
    count === 1
      ? `${names[0]} had`
      : count <= 3
        ? `${names.join(', ')} tied with`
        : `${count} ${perInstance ? 'instances' : 'values'} tied with`;
  return `spread(${field}): ${where} the fewest tasks of ${groupLabel} (${best})`;
}

/** Instances a task of this kind may go to: ACTIVE, in an up AZ, EXTERNAL only for EXTERNAL tasks. */
function activeInstances(d: Draft, request: PlacementRequest): ContainerInstance[] {
  const down = new Set(d.downAzs);
  const active: ContainerInstance[] = [];
  for (const id of d.instanceIds()) {
    const i = d.instances[id] as ContainerInstance;
    // EXTERNAL tasks run only on external instances and EC2 tasks never do (src/sim/anywhere.ts).
    const kindMatches = (i.external === true) === (request.requirements.external === true);
    if (i.status === 'ACTIVE' && kindMatches && !down.has(i.availabilityZone)) active.push(i);
  }
  return active;
}

/** Places one task on EC2 (or EXTERNAL) capacity. Draws from the draft's RNG for ties and `random`. */
export function placeOnInstances(d: Draft, request: PlacementRequest): PlacementResult {
  const active = activeInstances(d, request);
  if (active.length === 0) {
    return {
      ok: false,
      failure: 'RESOURCE:CPU',
      detail: 'Reason: No Container Instances were found in your cluster.',
    };
  }
  let closest: ContainerInstance | undefined;
  let closestScore = -1;
  let closestReason = 'RESOURCE:CPU';
  const fits: ContainerInstance[] = [];
  for (const inst of active) {
    const failed = firstFailedCheck(inst, request.requirements);
    const constraint = failed ? undefined : constraintFailure(d, inst, request);
    const score = failed ? CHECKS.indexOf(failed) : constraint ? CHECKS.length : CHECKS.length + 1;
    if (!failed && !constraint) fits.push(inst);
    else if (score > closestScore) {
      closestScore = score;
      closest = inst;
      closestReason = failed ?? (constraint as string);
    }
  }
  if (fits.length === 0) {
    const text = CLOSEST_TEXT[closestReason];
    const detail =
      closest && text ? `The closest matching container-instance ${closest.id} ${text}` : '';
    return { ok: false, failure: closestReason, closestInstanceId: closest?.id, detail };
  }
  const strategies = request.strategies.length ? request.strategies : DEFAULT_SERVICE_STRATEGY;
  let cands: readonly ContainerInstance[] = fits;
  const reasons: string[] = [];
  for (const s of strategies) {
    if (cands.length <= 1 && reasons.length > 0) break;
    const [kept, why] = applyStrategy(d, cands, s, request);
    cands = kept;
    reasons.push(why);
  }
  const chosen = cands.length === 1 ? (cands[0] as ContainerInstance) : d.rng.pick(cands);
  if (cands.length > 1) reasons.push(`tie between ${cands.length} instances broken at random`);
  return {
    ok: true,
    instanceId: chosen.id,
    availabilityZone: chosen.availabilityZone,
    reason: `${reasons.join('; ')} → ${chosen.ec2InstanceId} (${chosen.availabilityZone})`,
  };
}

/**
 * Fargate: each task gets its own isolated capacity; ECS spreads tasks across the AZs of the given
 * subnets (A4 heading), here: the up AZ with the fewest tasks of the group, ties at random.
 */
export function placeOnFargate(d: Draft, group: string, groupLabel: string): PlacementResult {
  const down = new Set(d.downAzs);
  const azs = d.cluster.availabilityZones.filter((az) => !down.has(az));
  if (azs.length === 0) {
    // Fargate capacity shortage text [re:Post ecs-fargate-runtask-capacity] (A2.4).
    return {
      ok: false,
      failure: 'RESOURCE:FARGATE',
      detail:
        'Capacity is unavailable at this time. Please try again later or in a different availability zone',
    };
  }
  const idx = d.index();
  const min = Math.min(...azs.map((az) => idx.countInAz(group, az)));
  const best = azs.filter((az) => idx.countInAz(group, az) === min);
  const az = best.length === 1 ? (best[0] as string) : d.rng.pick(best);
  const tie = best.length > 1 ? ` (tie between ${best.join(', ')} broken at random)` : '';
  return {
    ok: true,
    availabilityZone: az,
    reason: `FARGATE: spread across Availability Zones: ${az} had the fewest tasks of ${groupLabel} (${min})${tie}; isolated Fargate capacity, no container instance`,
  };
}

/**
 * Places a batch of tasks with one request (a service starting `count` tasks in one scheduler pass),
 * with exactly the results of calling placeOnInstances once per task — the same candidates in the
 * same order, the same RNG draws, the same reason text — but without redoing per task what cannot
 * have changed (issue 8: 1,000 tasks at once). Between two calls the caller creates the task on the
 * chosen instance, and that is the only instance a placement changes: its resources, ports, ENIs and
 * its count of the group. So the filter runs once per batch, each call re-checks the one instance
 * chosen last, and the strategies narrow arrays of candidate positions with cached per-instance keys.
 * The draft must not change in any other way between calls (startTasks only creates tasks).
 */
export class BatchPlacer {
  private readonly active: ContainerInstance[];
  private readonly fit: Uint8Array;
  /** Live tasks of the group on each active instance (spread by instanceId/host). */
  private readonly onInstance: Int32Array;
  private readonly bufA: Int32Array;
  private readonly bufB: Int32Array;
  /** Per spread-by-attribute strategy: each instance's bucket, as a small integer. */
  private readonly buckets = new Map<string, Buckets>();
  /** Each active instance's availabilityZone, as a small integer (how spread by AZ counts). */
  private readonly azIds: Int32Array;
  private readonly azNames: readonly string[];
  private last = -1;
  private readonly strategies: readonly PlacementStrategy[];

  constructor(
    private readonly d: Draft,
    private readonly request: PlacementRequest,
  ) {
    // The filter's answers before this batch come from the carried set (placement-cache.ts): the
    // same instances in the same order, and firstFailedCheck per instance, as a fresh filter gives.
    const set = activeSet(d, request.requirements.external === true, firstFailedCheck);
    this.active = set.active.slice();
    const n = this.active.length;
    this.fit = set.fit(request.requirements, firstFailedCheck).slice();
    if (request.constraints.length > 0)
      for (let j = 0; j < n; j++)
        if (this.fit[j] && constraintFailure(d, this.active[j] as ContainerInstance, request))
          this.fit[j] = 0;
    // countOnInstance for every active instance: the group's counts, visited once.
    this.onInstance = new Int32Array(n);
    for (const [id, c] of d.index().byInstance.get(request.group) ?? []) {
      const j = set.pos.get(id);
      if (j !== undefined) this.onInstance[j] = c;
    }
    this.bufA = new Int32Array(n);
    this.bufB = new Int32Array(n);
    this.azIds = set.azIds;
    this.azNames = set.azNames;
    this.strategies = request.strategies.length ? request.strategies : DEFAULT_SERVICE_STRATEGY;
    for (const s of this.strategies) {
      if (s.type !== 'spread' || s.field === 'instanceId' || s.field === 'host') continue;
      if (!this.buckets.has(s.field)) this.buckets.set(s.field, set.bucketsOf(s.field, bucketOf));
    }
  }

  /** Re-reads active instance j from the draft: its record, whether it fits, its count of the group. */
  private refresh(j: number): void {
    const inst = this.d.instances[(this.active[j] as ContainerInstance).id] as ContainerInstance;
    this.active[j] = inst;
    const ok =
      !firstFailedCheck(inst, this.request.requirements) &&
      !constraintFailure(this.d, inst, this.request);
    this.fit[j] = ok ? 1 : 0;
    this.onInstance[j] = this.d.index().countOnInstance(this.request.group, inst.id);
  }

  /** Where the next task goes: what placeOnInstances would answer in the draft's current state. */
  place(): PlacementResult {
    if (this.last >= 0) this.refresh(this.last);
    this.last = -1;
    let cands = this.bufA;
    let other = this.bufB;
    let len = 0;
    for (let j = 0; j < this.active.length; j++) if (this.fit[j]) cands[len++] = j;
    // No active instance or none that fits: the full check finds the closest one and the reason.
    if (len === 0) return placeOnInstances(this.d, this.request);
    const reasons: string[] = [];
    for (const s of this.strategies) {
      if (len <= 1 && reasons.length > 0) break;
      const why = this.narrow(s, cands, len, other);
      len = why.len;
      [cands, other] = [other, cands];
      reasons.push(why.text);
    }
    const chosenAt =
      len === 1 ? (cands[0] as number) : (cands[this.d.rng.int(0, len - 1)] as number);
    const chosen = this.active[chosenAt] as ContainerInstance;
    if (len > 1) reasons.push(`tie between ${len} instances broken at random`);
    this.last = chosenAt;
    return {
      ok: true,
      instanceId: chosen.id,
      availabilityZone: chosen.availabilityZone,
      reason: `${reasons.join('; ')} → ${chosen.ec2InstanceId} (${chosen.availabilityZone})`,
    };
  }

  /** applyStrategy over candidate positions: writes the survivors to `out`, in order. */
  private narrow(
    s: PlacementStrategy,
    cands: Int32Array,
    len: number,
    out: Int32Array,
  ): { len: number; text: string } {
    const active = this.active;
    if (s.type === 'random') {
      const pick = cands[this.d.rng.int(0, len - 1)] as number;
      out[0] = pick;
      const inst = active[pick] as ContainerInstance;
      return { len: 1, text: `random: picked ${inst.ec2InstanceId} among ${len} candidates` };
    }
    if (s.type === 'binpack') {
      const cpu = s.field === 'cpu';
      let min = Infinity;
      for (let k = 0; k < len; k++) {
        const i = active[cands[k] as number] as ContainerInstance;
        const v = cpu ? i.remainingCpu : i.remainingMemory;
        if (v < min) min = v;
      }
      let n = 0;
      for (let k = 0; k < len; k++) {
        const i = active[cands[k] as number] as ContainerInstance;
        if ((cpu ? i.remainingCpu : i.remainingMemory) === min) out[n++] = cands[k] as number;
      }
      const unit = cpu ? 'CPU units' : 'MiB';
      return { len: n, text: `binpack(${s.field}): least remaining ${s.field} ${min} ${unit}` };
    }
    const perInstance = s.field === 'instanceId' || s.field === 'host';
    let best = Infinity;
    let n = 0;
    let distinct = 0;
    let names: string[] = [];
    if (perInstance) {
      const counts = this.onInstance;
      for (let k = 0; k < len; k++) {
        const c = counts[cands[k] as number] as number;
        if (c < best) best = c;
      }
      for (let k = 0; k < len; k++)
        if (counts[cands[k] as number] === best) out[n++] = cands[k] as number;
      distinct = n;
      if (n <= 3)
        for (let k = 0; k < n; k++)
          names.push(`instance ${(active[out[k] as number] as ContainerInstance).ec2InstanceId}`);
    } else {
      const bucket = this.buckets.get(s.field) as Buckets;
      // The count that decides: per AZ from the index by the instance's availabilityZone (Fargate
      // tasks of the group count too), as applyStrategy does; otherwise per attribute value.
      const byAz =
        s.field.startsWith(ATTRIBUTE_PREFIX) && attrName(s.field) === 'ecs.availability-zone';
      const keyIds = byAz ? this.azIds : bucket.ids;
      const perKey = byAz
        ? this.azNames.map((az) => this.d.index().countInAz(this.request.group, az))
        : this.attributeCounts(s.field, bucket.names);
      for (let k = 0; k < len; k++) {
        const c = perKey[keyIds[cands[k] as number] as number] as number;
        if (c < best) best = c;
      }
      const seen = new Uint8Array(bucket.names.length);
      for (let k = 0; k < len; k++) {
        const j = cands[k] as number;
        if (perKey[keyIds[j] as number] !== best) continue;
        out[n++] = j;
        const b = bucket.ids[j] as number;
        if (!seen[b]) {
          seen[b] = 1;
          distinct += 1;
          if (distinct <= 3) names.push(bucket.names[b] as string);
        }
      }
    }
    names = distinct <= 3 ? [...new Set(names)].sort() : [];
    return {
      len: n,
      text: spreadReason(s.field, names, distinct, perInstance, this.request.groupLabel, best),
    };
  }

  /** Tasks of the group per attribute value, counted from its tasks on each instance (applyStrategy). */
  private attributeCounts(field: string, names: readonly string[]): number[] {
    const idx = this.d.index();
    const group = this.request.group;
    const counts = new Map<string, number>();
    for (const [instId, n] of idx.byInstance.get(group) ?? []) {
      const inst = this.d.instances[instId];
      if (!inst || n === 0) continue;
      const b = bucketOf(inst, field);
      counts.set(b, (counts.get(b) ?? 0) + n);
    }
    return names.map((b) => counts.get(b) ?? 0);
  }
}
