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
        ? [...new Set([...live].map((id) => d.tasks[id]?.group ?? ''))].sort()
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
  const where =
    count === 1
      ? `${buckets[0]} had`
      : count <= 3
        ? `${buckets.join(', ')} tied with`
        : `${count} ${perInstance ? 'instances' : 'values'} tied with`;
  return [kept, `spread(${s.field}): ${where} the fewest tasks of ${request.groupLabel} (${best})`];
}

/** Places one task on EC2 (or EXTERNAL) capacity. Draws from the draft's RNG for ties and `random`. */
export function placeOnInstances(d: Draft, request: PlacementRequest): PlacementResult {
  const down = new Set(d.downAzs);
  const active: ContainerInstance[] = [];
  for (const id of d.instanceIds()) {
    const i = d.instances[id] as ContainerInstance;
    // EXTERNAL tasks run only on external instances and EC2 tasks never do (src/sim/anywhere.ts).
    const kindMatches = (i.external === true) === (request.requirements.external === true);
    if (i.status === 'ACTIVE' && kindMatches && !down.has(i.availabilityZone)) active.push(i);
  }
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
