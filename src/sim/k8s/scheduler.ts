/**
 * kube-scheduler (default profile) for pods without a node: filters, then scores the feasible
 * nodes, binds the best and records why; a pod that fits nowhere gets the `FailedScheduling` event
 * worded as `kubectl describe` shows it [K8S-SRC default_plugins.go; reference B6].
 */
import type { Draft } from './draft.ts';
import { recordEvent, ref } from './draft.ts';
import type { Node, Pod } from './model.ts';
import type { PodSpec, Toleration } from './objects.ts';
import { MI } from './quantity.ts';

export interface Usage {
  cpu: number;
  memory: number;
  pods: number;
  /** Non-zero requests (100m / 200Mi defaults) used only for scoring [K8S-SRC schedutil non_zero.go]. */
  scoreCpu: number;
  scoreMemory: number;
}

/** Pure: a pod's effective requests: max(largest init container, sum of app containers). */
export function podRequests(spec: PodSpec): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of spec.containers) {
    cpu += c.resources?.requests?.cpu ?? 0;
    memory += c.resources?.requests?.memory ?? 0;
  }
  for (const c of spec.initContainers ?? []) {
    cpu = Math.max(cpu, c.resources?.requests?.cpu ?? 0);
    memory = Math.max(memory, c.resources?.requests?.memory ?? 0);
  }
  return { cpu, memory };
}

function scoreRequests(spec: PodSpec): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of spec.containers) {
    cpu += c.resources?.requests?.cpu ?? 100;
    memory += c.resources?.requests?.memory ?? 200 * MI;
  }
  return { cpu, memory };
}

/** Pure: what pods bound to each node request (terminal pods no longer count). */
export function nodeUsage(pods: Readonly<Record<string, Pod>>): Map<string, Usage> {
  const usage = new Map<string, Usage>();
  for (const pod of Object.values(pods)) {
    if (!pod.nodeName || pod.phase === 'Succeeded' || pod.phase === 'Failed') continue;
    const u = usage.get(pod.nodeName) ?? {
      cpu: 0,
      memory: 0,
      pods: 0,
      scoreCpu: 0,
      scoreMemory: 0,
    };
    const r = podRequests(pod.spec);
    const s = scoreRequests(pod.spec);
    u.cpu += r.cpu;
    u.memory += r.memory;
    u.pods += 1;
    u.scoreCpu += s.cpu;
    u.scoreMemory += s.memory;
    usage.set(pod.nodeName, u);
  }
  return usage;
}

/** Pure: true when one toleration tolerates the taint [K8S-WEB taint-and-toleration]. */
export function tolerates(
  tolerations: readonly Toleration[] | undefined,
  taint: Node['taints'][number],
): boolean {
  return (tolerations ?? []).some((t) => {
    if (t.effect !== undefined && t.effect !== taint.effect) return false;
    if (t.key === undefined || t.key === '') return t.operator === 'Exists';
    if (t.key !== taint.key) return false;
    return t.operator === 'Exists' || (t.value ?? '') === (taint.value ?? '');
  });
}

/** One node's filter result: empty `reasons` means feasible; `resolvable` decides the preemption text. */
export interface FilterResult {
  readonly reasons: readonly string[];
  readonly resolvable: boolean;
}

const EMPTY: Usage = { cpu: 0, memory: 0, pods: 0, scoreCpu: 0, scoreMemory: 0 };

/**
 * Pure: runs the default filter plugins in their configured order — NodeUnschedulable,
 * TaintToleration, NodeAffinity (nodeSelector), NodeResourcesFit — stopping at the first failing
 * plugin per node, as the framework does. NodeResourcesFit reports every insufficient resource.
 */
export function filterNode(pod: Pod, node: Node, usage: Usage | undefined): FilterResult {
  if (node.unschedulable) return { reasons: ['node(s) were unschedulable'], resolvable: false };
  const taint = node.taints.find(
    (t) =>
      (t.effect === 'NoSchedule' || t.effect === 'NoExecute') &&
      !tolerates(pod.spec.tolerations, t),
  );
  if (taint) {
    return {
      reasons: [`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`],
      resolvable: false,
    };
  }
  const selector = pod.spec.nodeSelector ?? {};
  if (Object.entries(selector).some(([k, v]) => node.meta.labels[k] !== v)) {
    return { reasons: ["node(s) didn't match Pod's node affinity/selector"], resolvable: false };
  }
  const u = usage ?? EMPTY;
  const req = podRequests(pod.spec);
  const reasons: string[] = [];
  if (u.pods + 1 > node.allocatable.pods) reasons.push('Too many pods');
  if (req.cpu > 0 && u.cpu + req.cpu > node.allocatable.cpu) reasons.push('Insufficient cpu');
  if (req.memory > 0 && u.memory + req.memory > node.allocatable.memory)
    reasons.push('Insufficient memory');
  return { reasons, resolvable: true };
}

/**
 * Pure: NodeResourcesFit score 0–100 of placing the pod on the node. LeastAllocated (default)
 * favours free capacity, MostAllocated bin-packs; averaged over cpu and memory, weight 1 each
 * [K8S-SRC noderesources least_allocated.go / most_allocated.go; reference marks details UNVERIFIED].
 */
export function scoreNode(
  pod: Pod,
  node: Node,
  usage: Usage | undefined,
  strategy: 'LeastAllocated' | 'MostAllocated',
): number {
  const u = usage ?? EMPTY;
  const s = scoreRequests(pod.spec);
  const frac = (used: number, cap: number): number => (cap <= 0 ? 1 : Math.min(1, used / cap));
  const cpu = frac(u.scoreCpu + s.cpu, node.allocatable.cpu);
  const mem = frac(u.scoreMemory + s.memory, node.allocatable.memory);
  const per =
    strategy === 'LeastAllocated' ? [(1 - cpu) * 100, (1 - mem) * 100] : [cpu * 100, mem * 100];
  return Math.floor(((per[0] as number) + (per[1] as number)) / 2);
}

/**
 * Pure: the FailedScheduling message: "0/N nodes are available: <count reason>, …. preemption:
 * 0/N nodes are available: <count text>." Reasons are counted per node and sorted as strings, as
 * the scheduler's FitError does [K8S-SRC framework/types.go FitError.Error; reference B6].
 */
export function failedSchedulingMessage(results: readonly FilterResult[]): string {
  const n = results.length;
  if (n === 0) return 'no nodes available to schedule pods';
  const hist = new Map<string, number>();
  let victims = 0;
  let notHelpful = 0;
  for (const r of results) {
    for (const reason of r.reasons) hist.set(reason, (hist.get(reason) ?? 0) + 1);
    if (r.resolvable) victims++;
    else notHelpful++;
  }
  const reasons = [...hist.entries()].map(([reason, count]) => `${count} ${reason}`).sort();
  const pre = [
    ...(victims > 0 ? [`${victims} No preemption victims found for incoming pod`] : []),
    ...(notHelpful > 0 ? [`${notHelpful} Preemption is not helpful for scheduling`] : []),
  ].sort();
  return `0/${n} nodes are available: ${reasons.join(', ')}. preemption: 0/${n} nodes are available: ${pre.join(', ')}.`;
}

const INITIAL_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 10_000;

/** Runs one scheduling cycle over every pending, unbound default-scheduler pod in the draft. */
export function runScheduler(d: Draft, strategy: 'LeastAllocated' | 'MostAllocated'): void {
  const queue = Object.values(d.pods)
    .filter(
      (p) =>
        !p.nodeName &&
        p.meta.deletionTimestamp === undefined &&
        p.phase === 'Pending' &&
        (p.spec.schedulerName ?? 'default-scheduler') === 'default-scheduler' &&
        p.nextScheduleAt <= d.now,
    )
    .sort(
      (a, b) =>
        a.meta.creationTimestamp - b.meta.creationTimestamp || (a.meta.uid < b.meta.uid ? -1 : 1),
    );
  if (queue.length === 0) return;
  const nodes = Object.values(d.nodes).sort((a, b) => (a.meta.name < b.meta.name ? -1 : 1));
  const usage = nodeUsage(d.pods);
  for (const pod of queue) schedulePod(d, pod, nodes, usage, strategy);
}

function schedulePod(
  d: Draft,
  pod: Pod,
  nodes: readonly Node[],
  usage: Map<string, Usage>,
  strategy: 'LeastAllocated' | 'MostAllocated',
): void {
  const results = nodes.map((n) => filterNode(pod, n, usage.get(n.meta.name)));
  const feasible = nodes.filter((_, i) => (results[i] as FilterResult).reasons.length === 0);
  const key = `${pod.meta.namespace}/${pod.meta.name}`;
  if (feasible.length === 0) {
    const message = failedSchedulingMessage(results);
    const attempts = pod.scheduleAttempts + 1;
    d.pods[key] = {
      ...pod,
      scheduleAttempts: attempts,
      nextScheduleAt: d.now + Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** (attempts - 1)),
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message,
          lastTransitionTime: d.now,
        },
      ],
    };
    recordEvent(
      d,
      ref('Pod', pod.meta),
      'Warning',
      'FailedScheduling',
      message,
      'default-scheduler',
    );
    return;
  }
  // Highest score wins; ties broken uniformly at random (reservoir sampling like selectHost).
  let best: Node | undefined;
  let bestScore = -1;
  let ties = 0;
  for (const n of feasible) {
    const s = scoreNode(pod, n, usage.get(n.meta.name), strategy);
    if (s > bestScore) {
      best = n;
      bestScore = s;
      ties = 1;
    } else if (s === bestScore) {
      ties++;
      if (d.rng.int(1, ties) === 1) best = n;
    }
  }
  const node = best as Node;
  const r = podRequests(pod.spec);
  const sr = scoreRequests(pod.spec);
  const u = usage.get(node.meta.name) ?? { ...EMPTY };
  usage.set(node.meta.name, {
    cpu: u.cpu + r.cpu,
    memory: u.memory + r.memory,
    pods: u.pods + 1,
    scoreCpu: u.scoreCpu + sr.cpu,
    scoreMemory: u.scoreMemory + sr.memory,
  });
  bindPod(
    d,
    pod,
    node,
    'default-scheduler',
    `${strategy} score ${bestScore} (best of ${feasible.length} feasible of ${nodes.length} nodes)`,
  );
}

/** Binds a pod to a node: PodScheduled=True and the `Scheduled` event [B6]. */
export function bindPod(d: Draft, pod: Pod, node: Node, scheduler: string, why: string): void {
  const key = `${pod.meta.namespace}/${pod.meta.name}`;
  d.pods[key] = {
    ...pod,
    nodeName: node.meta.name,
    schedulingReason: why,
    conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: d.now }],
  };
  recordEvent(
    d,
    ref('Pod', pod.meta),
    'Normal',
    'Scheduled',
    `Successfully assigned ${pod.meta.namespace}/${pod.meta.name} to ${node.meta.name}`,
    scheduler,
  );
}
