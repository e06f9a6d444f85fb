/**
 * A Karpenter-like node provisioner (what EKS Auto Mode builds on) [B9; karpenter.sh/docs
 * concepts/nodepools, concepts/disruption]:
 *
 * - A NodePool lists the instance types it may launch, its consolidation policy
 *   (`WhenEmpty` | `WhenEmptyOrUnderutilized`, default the latter), `consolidateAfter` (default
 *   0 s in karpenter.sh/v1) and an optional CPU limit.
 * - Provisioning: pods the scheduler marked Unschedulable (FailedScheduling "0/N nodes are
 *   available: … Insufficient cpu") are batched (batchIdleDuration 1 s) and packed onto NodeClaims:
 *   first onto claims already launching, then onto new ones, each the cheapest allowed instance
 *   type that fits the remaining pods (right-sized, not a fixed node group). Each pod gets the
 *   event `Nominated: Pod should schedule on: nodeclaim/<name>`. A claim registers as a node after
 *   the launch delay (simulator default 40–60 s; the docs say "typically under a minute",
 *   UNVERIFIED) and the scheduler binds the pods there.
 * - Consolidation (disruption controller, one node per pass every 10 s — the default budget
 *   `nodes: 10%` rounds to at least one node here): a node with no pods for `consolidateAfter` is
 *   removed (`Disrupting Node: Empty`); with `WhenEmptyOrUnderutilized`, a node whose pods all fit on
 *   the other nodes is tainted `karpenter.sh/disrupted:NoSchedule`, drained (pods deleted
 *   gracefully; their ReplicaSets replace them elsewhere), then removed (`Disrupting Node:
 *   Underutilized`).
 * - While a NodePool exists, the Cluster Autoscaler does not scale node groups up (run one node
 *   autoscaler per workload, as the EKS best practices advise).
 */
import { INSTANCE_TYPES, eksMaxPods } from '../instance-types.ts';
import { PRICE_TABLE } from '../cost/prices.ts';
import type { Draft } from './draft.ts';
import { randomSuffix, recordEvent, ref } from './draft.ts';
import type { Node, NodeGroup, Pod } from './model.ts';
import { addGroupNode, kubeReservedCpu, kubeReservedMemory } from './nodes.ts';
import { deletePod, isActivePod } from './pods.ts';
import { MI } from './quantity.ts';
import { filterNode, nodeUsage, podRequests, type Usage } from './scheduler.ts';

export type ConsolidationPolicy = 'WhenEmpty' | 'WhenEmptyOrUnderutilized';

export interface NodePool {
  readonly name: string;
  readonly instanceTypes: readonly string[];
  readonly consolidationPolicy: ConsolidationPolicy;
  readonly consolidateAfterSeconds: number;
  /** spec.limits.cpu in millicores (no more capacity is launched beyond it). */
  readonly limitsCpu?: number;
}

/** A node being launched for pods (karpenter.sh NodeClaim). */
export interface NodeClaim {
  readonly name: string;
  readonly nodePool: string;
  readonly instanceType: string;
  readonly zone: string;
  readonly readyAt: number;
  /** Pods ("namespace/name") nominated to it. */
  readonly pods: readonly string[];
  /** Set once registered: the claim keeps its nominations until the scheduler has bound them. */
  readonly nodeName?: string;
}

/** The instance types the eksworkshop NodePool example allows. */
export const DEFAULT_NODEPOOL_TYPES: readonly string[] = [
  'c5.large',
  'm5.large',
  'r5.large',
  'm5.xlarge',
];
/** Launch + join of a NodeClaim (simulator default; "typically under a minute", UNVERIFIED). */
export const NODECLAIM_LAUNCH_MS: readonly [number, number] = [40_000, 60_000];
/** batchIdleDuration: Karpenter waits this long after a pending pod appears before provisioning. */
export const BATCH_IDLE_MS = 1_000;
/** How often the disruption controller looks for consolidation (simulator choice). */
export const CONSOLIDATION_PASS_MS = 10_000;

export const KARPENTER_NODEPOOL_LABEL = 'karpenter.sh/nodepool';
export const DISRUPTED_TAINT = 'karpenter.sh/disrupted';

function pools(d: Draft): Readonly<Record<string, NodePool>> {
  return d.extra.nodePools ?? d.base.nodePools ?? {};
}

function claims(d: Draft): Readonly<Record<string, NodeClaim>> {
  return d.extra.nodeClaims ?? d.base.nodeClaims ?? {};
}

/** True while at least one NodePool exists (the Cluster Autoscaler then stands aside). */
export function karpenterActive(d: Draft): boolean {
  return Object.keys(pools(d)).length > 0;
}

/** Allocatable of a new node of `type` (the same EKS AMI arithmetic as node groups). */
function allocatable(type: string): { cpu: number; memory: number; pods: number } | undefined {
  const t = INSTANCE_TYPES[type];
  if (!t) return undefined;
  const pods = eksMaxPods(t);
  return {
    cpu: t.vcpu * 1000 - kubeReservedCpu(t.vcpu),
    memory: t.memoryMiB * MI - kubeReservedMemory(pods),
    pods,
  };
}

function price(type: string): number {
  return PRICE_TABLE.ec2OnDemandPerHour[type] ?? (INSTANCE_TYPES[type]?.vcpu ?? 1) * 0.05;
}

/** A node as the pool would launch it (for "would the pod fit" checks with the scheduler's filter). */
function templateNode(pool: NodePool, type: string, zone: string): Node | undefined {
  const a = allocatable(type);
  if (!a) return undefined;
  return {
    meta: {
      name: `template-${pool.name}`,
      namespace: '',
      uid: '',
      labels: {
        [KARPENTER_NODEPOOL_LABEL]: pool.name,
        'node.kubernetes.io/instance-type': type,
        'topology.kubernetes.io/zone': zone,
        'karpenter.sh/capacity-type': 'on-demand',
      },
      annotations: {},
      creationTimestamp: 0,
      generation: 1,
    },
    origin: { kind: 'nodepool', name: pool.name },
    instanceType: type,
    zone,
    internalIP: '',
    capacity: a,
    allocatable: a,
    taints: [],
    unschedulable: false,
    conditions: [],
    kubeletUp: true,
    lastHeartbeat: 0,
    images: [],
  };
}

function isUnschedulable(p: Pod): boolean {
  return (
    !p.nodeName &&
    p.meta.deletionTimestamp === undefined &&
    p.spec.schedulerName !== 'fargate-scheduler' &&
    p.conditions.some(
      (c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable',
    )
  );
}

const key = (p: Pod): string => `${p.meta.namespace}/${p.meta.name}`;

const emptyUsage = (): Usage => ({ cpu: 0, memory: 0, pods: 0, scoreCpu: 0, scoreMemory: 0 });

function add(u: Usage, p: Pod): void {
  const r = podRequests(p.spec);
  u.cpu += r.cpu;
  u.memory += r.memory;
  u.pods += 1;
}

/** Launched CPU of a pool (nodes + claims), millicores. */
function poolCpu(d: Draft, pool: string): number {
  let cpu = 0;
  for (const n of Object.values(d.nodes))
    if (n.origin.kind === 'nodepool' && n.origin.name === pool) cpu += n.capacity.cpu;
  for (const c of Object.values(claims(d)))
    if (c.nodePool === pool && c.nodeName === undefined)
      cpu += (INSTANCE_TYPES[c.instanceType]?.vcpu ?? 0) * 1000;
  return cpu;
}

/** Provisioning: registers due NodeClaims as nodes and launches new ones for unschedulable pods. */
export function runKarpenterProvisioner(d: Draft): void {
  const all = pools(d);
  const poolNames = Object.keys(all).sort();
  let current = claims(d);
  // 1. Claims whose instance has joined become nodes; registered claims are forgotten once their
  // pods are bound (the scheduler retries within podMaxBackoffSeconds 10 s) or after 30 s.
  const settled = (c: NodeClaim): boolean =>
    c.nodeName !== undefined &&
    (d.now - c.readyAt > 30_000 ||
      c.pods.every((k) => d.pods[k] === undefined || d.pods[k]?.nodeName !== undefined));
  const due = Object.values(current).filter(
    (c) => (c.nodeName === undefined && c.readyAt <= d.now) || settled(c),
  );
  if (due.length) {
    const next = { ...current };
    for (const c of due.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (c.nodeName !== undefined) {
        delete next[c.name];
        continue;
      }
      const pool = all[c.nodePool];
      if (!pool) {
        delete next[c.name];
        continue;
      }
      const node = addPoolNode(d, pool, c.instanceType, c.zone);
      next[c.name] = { ...c, nodeName: node.meta.name };
      recordEvent(
        d,
        ref('Node', node.meta),
        'Normal',
        'Registered',
        `Status condition transitioned, Type: Registered, Status: True, Reason: Registered (nodeclaim/${c.name})`,
        'karpenter',
      );
    }
    d.extra.nodeClaims = current = next;
    d.changed = true;
  }
  if (poolNames.length === 0) return;
  // 2. Unschedulable pods not yet nominated, pending for at least batchIdleDuration.
  const nominated = new Set(Object.values(current).flatMap((c) => c.pods));
  const pending = Object.values(d.pods)
    .filter(
      (p) =>
        isUnschedulable(p) &&
        !nominated.has(key(p)) &&
        d.now - p.meta.creationTimestamp >= BATCH_IDLE_MS,
    )
    .sort(
      (a, b) =>
        podRequests(b.spec).cpu - podRequests(a.spec).cpu ||
        a.meta.creationTimestamp - b.meta.creationTimestamp ||
        (key(a) < key(b) ? -1 : 1),
    );
  if (pending.length === 0) return;
  // Bins: claims in flight (with what is nominated to them), then new claims.
  type Bin = { claim: NodeClaim; node: Node; usage: Usage; added: string[] };
  const bins: Bin[] = [];
  for (const c of Object.values(current).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (c.nodeName !== undefined) continue; // registered: the scheduler places pods there now
    const pool = all[c.nodePool];
    const node = pool && templateNode(pool, c.instanceType, c.zone);
    if (!node) continue;
    const usage = emptyUsage();
    for (const k of c.pods) {
      const p = d.pods[k];
      if (p) add(usage, p);
    }
    bins.push({ claim: c, node, usage, added: [] });
  }
  const fits = (p: Pod, node: Node, usage: Usage) =>
    filterNode(p, node, usage).reasons.length === 0;
  const fresh: Bin[] = [];
  for (const p of pending) {
    let bin = bins.find((b) => fits(p, b.node, b.usage));
    if (!bin) {
      bin = newClaim(d, all, poolNames, p, pending);
      if (!bin) {
        recordEvent(
          d,
          ref('Pod', p.meta),
          'Warning',
          'FailedScheduling',
          'Failed to schedule pod, incompatible with nodepool requirements or limits',
          'karpenter',
        );
        continue;
      }
      bins.push(bin);
      fresh.push(bin);
    }
    add(bin.usage, p);
    bin.added.push(key(p));
    recordEvent(
      d,
      ref('Pod', p.meta),
      'Normal',
      'Nominated',
      `Pod should schedule on: nodeclaim/${bin.claim.name}`,
      'karpenter',
    );
  }
  const next = { ...current };
  for (const b of bins) {
    if (b.added.length === 0) continue;
    next[b.claim.name] = { ...b.claim, pods: [...b.claim.pods, ...b.added] };
  }
  for (const b of fresh)
    recordEvent(
      d,
      { kind: 'NodeClaim', namespace: '', name: b.claim.name },
      'Normal',
      'Launched',
      `Status condition transitioned, Type: Launched, Status: True, Reason: Launched (${b.claim.instanceType} in ${b.claim.zone})`,
      'karpenter',
    );
  d.extra.nodeClaims = next;
  d.changed = true;

  function newClaim(
    dr: Draft,
    ps: Readonly<Record<string, NodePool>>,
    names: readonly string[],
    first: Pod,
    batch: readonly Pod[],
  ): Bin | undefined {
    // The rest of the batch that is still unplaced, to size the node for them together.
    const rest = batch.filter((p) => !bins.some((b) => b.added.includes(key(p))));
    const need = emptyUsage();
    for (const p of rest) add(need, p);
    // Spread over the zones: the one with the fewest nodes and claims.
    const count = (z: string) =>
      Object.values(dr.nodes).filter((n) => n.zone === z).length +
      Object.values(current).filter((c) => c.zone === z && c.nodeName === undefined).length +
      bins.filter((b) => b.claim.zone === z && !current[b.claim.name]).length;
    const zone = [...dr.base.zones].sort((a, b) => count(a) - count(b) || (a < b ? -1 : 1))[0]!;
    for (const name of names) {
      const pool = ps[name] as NodePool;
      const options = pool.instanceTypes
        .map((t) => ({ t, node: templateNode(pool, t, zone) }))
        .filter(
          (o): o is { t: string; node: Node } => !!o.node && fits(first, o.node, emptyUsage()),
        )
        .filter(
          (o) =>
            pool.limitsCpu === undefined ||
            poolCpu(dr, name) + (INSTANCE_TYPES[o.t]?.vcpu ?? 0) * 1000 <= pool.limitsCpu,
        )
        .sort((a, b) => price(a.t) - price(b.t) || (a.t < b.t ? -1 : 1));
      if (options.length === 0) continue;
      // Cheapest type that holds the whole remaining batch; else the roomiest (fills it, repeat).
      const holdsAll = options.find(
        (o) =>
          need.cpu <= o.node.allocatable.cpu &&
          need.memory <= o.node.allocatable.memory &&
          need.pods <= o.node.allocatable.pods,
      );
      const chosen =
        holdsAll ??
        [...options].sort(
          (a, b) => b.node.allocatable.cpu - a.node.allocatable.cpu || price(a.t) - price(b.t),
        )[0]!;
      const claim: NodeClaim = {
        name: `${pool.name}-${randomSuffix(dr)}`,
        nodePool: pool.name,
        instanceType: chosen.t,
        zone,
        readyAt:
          dr.now + dr.rng.int(NODECLAIM_LAUNCH_MS[0] / 1000, NODECLAIM_LAUNCH_MS[1] / 1000) * 1000,
        pods: [],
      };
      return { claim, node: chosen.node, usage: emptyUsage(), added: [] };
    }
    return undefined;
  }
}

/** Creates the node of a registered NodeClaim (EC2 node labelled with its NodePool). */
function addPoolNode(d: Draft, pool: NodePool, type: string, zone: string): Node {
  const group: NodeGroup = {
    name: pool.name,
    instanceType: type,
    capacityType: 'ON_DEMAND',
    minSize: 0,
    maxSize: 0,
    desiredSize: 0,
    status: 'ACTIVE',
    zones: [zone],
    labels: { [KARPENTER_NODEPOOL_LABEL]: pool.name, 'karpenter.sh/capacity-type': 'on-demand' },
    taints: [],
    launching: [],
    autoscaled: false,
  };
  const made = addGroupNode(d, group, zone);
  const labels = { ...made.meta.labels };
  delete labels['eks.amazonaws.com/nodegroup'];
  delete labels['eks.amazonaws.com/capacityType'];
  const node: Node = {
    ...made,
    meta: { ...made.meta, labels },
    origin: { kind: 'nodepool', name: pool.name },
  };
  d.nodes[node.meta.name] = node;
  return node;
}

/** Consolidation: removes empty NodePool nodes, and drains underutilised ones, one per pass. */
export function runKarpenterConsolidation(d: Draft): void {
  const all = pools(d);
  if (Object.keys(all).length === 0) return;
  const last = d.extra.karpenterLastPass ?? d.base.karpenterLastPass ?? 0;
  if (d.now - last < CONSOLIDATION_PASS_MS) return;
  d.extra.karpenterLastPass = d.now;
  const podsOn = new Map<string, Pod[]>();
  for (const p of Object.values(d.pods)) {
    if (!p.nodeName || !isActivePod(p)) continue;
    const list = podsOn.get(p.nodeName);
    if (list) list.push(p);
    else podsOn.set(p.nodeName, [p]);
  }
  const nominated = new Set(Object.values(claims(d)).flatMap((c) => c.pods));
  // A node whose claim still waits for its nominated pods is not a consolidation candidate.
  const awaited = new Set(Object.values(claims(d)).map((c) => c.nodeName));
  const since = { ...(d.extra.karpenterEmptySince ?? d.base.karpenterEmptySince ?? {}) };
  const poolNodes = Object.values(d.nodes)
    .filter((n) => n.origin.kind === 'nodepool' && all[n.origin.name])
    .sort((a, b) => (a.meta.name < b.meta.name ? -1 : 1));
  let acted = false;
  for (const node of poolNodes) {
    const pool = all[node.origin.name] as NodePool;
    const name = node.meta.name;
    const pods = podsOn.get(name) ?? [];
    // Terminating pods still hold the node until they are gone.
    const holding = Object.values(d.pods).some((p) => p.nodeName === name);
    const draining = node.taints.some((t) => t.key === DISRUPTED_TAINT);
    if (awaited.has(name)) continue;
    if (!holding) {
      since[name] ??= d.now;
      if (acted) continue;
      if (draining || d.now - (since[name] as number) >= pool.consolidateAfterSeconds * 1000) {
        if (!draining)
          recordEvent(
            d,
            ref('Node', node.meta),
            'Normal',
            'DisruptionTerminating',
            'Disrupting Node: Empty',
            'karpenter',
          );
        delete d.nodes[name];
        delete since[name];
        acted = true;
        d.changed = true;
      }
      continue;
    }
    delete since[name];
    if (acted || draining || pool.consolidationPolicy !== 'WhenEmptyOrUnderutilized') continue;
    if (pods.some((p) => nominated.has(key(p)))) continue;
    // Underutilised: every pod fits on the other schedulable nodes (a scheduling simulation).
    const usage = nodeUsage(d.pods);
    const others = Object.values(d.nodes).filter(
      (n) =>
        n.meta.name !== name &&
        n.kubeletUp &&
        n.origin.kind !== 'fargate' &&
        !n.taints.some((t) => t.key === DISRUPTED_TAINT),
    );
    const trial = new Map<string, Usage>();
    for (const n of others) trial.set(n.meta.name, { ...(usage.get(n.meta.name) ?? emptyUsage()) });
    const movable = pods.every((p) => {
      const target = others.find((n) => fits(p, n, trial.get(n.meta.name) as Usage));
      if (!target) return false;
      add(trial.get(target.meta.name) as Usage, p);
      return true;
    });
    if (!movable || pods.some((p) => !p.meta.ownerReferences?.length)) continue;
    d.nodes[name] = {
      ...node,
      taints: [...node.taints, { key: DISRUPTED_TAINT, effect: 'NoSchedule', timeAdded: d.now }],
    };
    recordEvent(
      d,
      ref('Node', node.meta),
      'Normal',
      'DisruptionTerminating',
      'Disrupting Node: Underutilized',
      'karpenter',
    );
    for (const p of pods) deletePod(d, key(p));
    acted = true;
    d.changed = true;
  }
  d.extra.karpenterEmptySince = since;

  function fits(p: Pod, n: Node, u: Usage): boolean {
    return filterNode(p, n, u).reasons.length === 0;
  }
}
