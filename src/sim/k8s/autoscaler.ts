/**
 * Capacity: managed node groups converge on their desired size (instances launch with a delay),
 * the Cluster Autoscaler raises desired size for unschedulable pods, and fargate-scheduler gives
 * each Fargate pod its own right-sized node [reference B9, B10, E4].
 */
import { INSTANCE_TYPES, eksMaxPods } from '../instance-types.ts';
import type { Draft } from './draft.ts';
import { recordEvent, ref } from './draft.ts';
import { fargatePodSize, formatCapacityProvisioned } from './fargate.ts';
import type { Node, NodeGroup, Pod } from './model.ts';
import { addFargateNode, addGroupNode, kubeReservedCpu, kubeReservedMemory } from './nodes.ts';
import { MI } from './quantity.ts';
import { bindPod, filterNode, podRequests } from './scheduler.ts';
import { karpenterActive } from './karpenter.ts';

/** EC2 launch + bootstrap + join time for a new node (simulator default, UNVERIFIED: ~1–2 min). */
export const NODE_LAUNCH_MS: readonly [number, number] = [60_000, 90_000];
/** Fargate capacity provisioning per pod (simulator default, UNVERIFIED: typically under a minute). */
export const FARGATE_PROVISION_MS: readonly [number, number] = [30_000, 50_000];
/** Cluster Autoscaler scan-interval [B9]. */
export const CA_SCAN_MS = 10_000;

function groupNodes(d: Draft, group: string): Node[] {
  return Object.values(d.nodes).filter(
    (n) => n.origin.kind === 'nodegroup' && n.origin.name === group,
  );
}

/** Pure-ish: a node as the group would create it, for "would the pod fit" checks. */
function templateNode(d: Draft, group: NodeGroup): Node | undefined {
  const type = INSTANCE_TYPES[group.instanceType];
  if (!type) return undefined;
  const maxPods = eksMaxPods(type);
  return {
    meta: {
      name: `template-${group.name}`,
      namespace: '',
      uid: '',
      labels: {
        'eks.amazonaws.com/nodegroup': group.name,
        'node.kubernetes.io/instance-type': type.name,
        ...group.labels,
      },
      annotations: {},
      creationTimestamp: d.now,
      generation: 1,
    },
    origin: { kind: 'nodegroup', name: group.name },
    instanceType: type.name,
    zone: group.zones[0] ?? '',
    internalIP: '',
    capacity: { cpu: type.vcpu * 1000, memory: type.memoryMiB * MI, pods: maxPods },
    allocatable: {
      cpu: type.vcpu * 1000 - kubeReservedCpu(type.vcpu),
      memory: type.memoryMiB * MI - kubeReservedMemory(maxPods),
      pods: maxPods,
    },
    taints: group.taints,
    unschedulable: false,
    conditions: [],
    kubeletUp: true,
    lastHeartbeat: d.now,
    images: [],
  };
}

/** Launches/terminates instances so each node group converges on desiredSize. */
export function reconcileNodeGroups(d: Draft): void {
  for (const [name, group] of Object.entries(d.nodeGroups)) {
    let g = group;
    const due = g.launching.filter((l) => l.readyAt <= d.now);
    for (const l of due) addGroupNode(d, g, l.zone);
    if (due.length) g = { ...g, launching: g.launching.filter((l) => l.readyAt > d.now) };
    const nodes = groupNodes(d, name);
    const count = nodes.length + g.launching.length;
    if (count < g.desiredSize) {
      const launching = [...g.launching];
      for (let i = count; i < g.desiredSize; i++) {
        // ASG keeps zones balanced: launch into the zone with the fewest instances.
        const perZone = g.zones.map(
          (z) =>
            nodes.filter((n) => n.zone === z).length + launching.filter((l) => l.zone === z).length,
        );
        const zone = g.zones[perZone.indexOf(Math.min(...perZone))] as string;
        launching.push({
          zone,
          readyAt: d.now + d.rng.int(NODE_LAUNCH_MS[0] / 1000, NODE_LAUNCH_MS[1] / 1000) * 1000,
        });
      }
      g = { ...g, launching };
    } else if (count > g.desiredSize) {
      let extra = count - g.desiredSize;
      const launching = g.launching.slice(0, Math.max(0, g.launching.length - extra));
      extra -= g.launching.length - launching.length;
      g = { ...g, launching };
      const podCount = (n: Node): number =>
        Object.values(d.pods).filter((p) => p.nodeName === n.meta.name).length;
      const victims = nodes
        .sort((a, b) => podCount(a) - podCount(b) || (a.meta.name < b.meta.name ? -1 : 1))
        .slice(0, extra);
      for (const v of victims) {
        delete d.nodes[v.meta.name];
        recordEvent(
          d,
          ref('Node', v.meta),
          'Normal',
          'RemovingNode',
          `Node ${v.meta.name} event: Removing Node ${v.meta.name} from Controller`,
          'node-controller',
        );
      }
    }
    const status =
      g.launching.length === 0 && groupNodes(d, name).length >= g.desiredSize
        ? 'ACTIVE'
        : g.status === 'CREATING'
          ? 'CREATING'
          : 'UPDATING';
    if (status !== g.status) g = { ...g, status };
    if (g !== group) {
      d.nodeGroups[name] = g;
      d.changed = true;
    }
  }
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

/** Cluster Autoscaler scan: raise node groups' desired size for pods that fit nowhere now [B9]. */
export function runClusterAutoscaler(d: Draft): void {
  if (karpenterActive(d)) return; // one node autoscaler: Karpenter provisions (karpenter.ts)
  if (d.now - (d.extra.autoscalerLastScan ?? d.base.autoscalerLastScan) < CA_SCAN_MS) return;
  d.extra.autoscalerLastScan = d.now;
  const pending = Object.values(d.pods)
    .filter(isUnschedulable)
    .sort((a, b) => a.meta.creationTimestamp - b.meta.creationTimestamp);
  if (pending.length === 0) return;
  // Capacity already on its way (launching instances) absorbs pods first.
  const bins: { group: string; node: Node; cpu: number; memory: number; pods: number }[] = [];
  for (const g of Object.values(d.nodeGroups)) {
    const t = templateNode(d, g);
    if (t)
      for (let i = 0; i < g.launching.length; i++)
        bins.push({ group: g.name, node: t, cpu: 0, memory: 0, pods: 0 });
  }
  const grow = new Map<string, number>();
  for (const pod of pending) {
    const req = podRequests(pod.spec);
    const fits = (b: (typeof bins)[number]): boolean =>
      filterNode(pod, b.node, {
        cpu: b.cpu,
        memory: b.memory,
        pods: b.pods,
        scoreCpu: 0,
        scoreMemory: 0,
      }).reasons.length === 0;
    let bin = bins.find(fits);
    if (!bin) {
      const options = Object.values(d.nodeGroups)
        .filter((g) => g.autoscaled && g.desiredSize + (grow.get(g.name) ?? 0) < g.maxSize)
        .map((g) => ({ g, t: templateNode(d, g) }))
        .filter(
          (o): o is { g: NodeGroup; t: Node } =>
            !!o.t && filterNode(pod, o.t, undefined).reasons.length === 0,
        )
        .sort((a, b) => (a.g.name < b.g.name ? -1 : 1));
      if (options.length === 0) {
        recordEvent(
          d,
          ref('Pod', pod.meta),
          'Normal',
          'NotTriggerScaleUp',
          "pod didn't trigger scale-up: no node group can fit it or all are at max size",
          'cluster-autoscaler',
        );
        continue;
      }
      const chosen = d.rng.pick(options); // expander "random" is the default [B9]
      grow.set(chosen.g.name, (grow.get(chosen.g.name) ?? 0) + 1);
      bin = { group: chosen.g.name, node: chosen.t, cpu: 0, memory: 0, pods: 0 };
      bins.push(bin);
    }
    bin.cpu += req.cpu;
    bin.memory += req.memory;
    bin.pods += 1;
  }
  for (const [name, n] of grow) {
    const g = d.nodeGroups[name] as NodeGroup;
    const msg = `pod triggered scale-up: [{${name} ${g.desiredSize}->${g.desiredSize + n} (max: ${g.maxSize})}]`;
    d.nodeGroups[name] = { ...g, desiredSize: g.desiredSize + n };
    for (const pod of pending)
      recordEvent(d, ref('Pod', pod.meta), 'Normal', 'TriggeredScaleUp', msg, 'cluster-autoscaler');
  }
  d.changed = true;
}

/** fargate-scheduler: provisions one node per Fargate pod, sized by AWS's rounding rule [B10, E4]. */
export function runFargateScheduler(d: Draft): void {
  for (const [key, pod] of Object.entries(d.pods)) {
    if (
      pod.nodeName ||
      pod.spec.schedulerName !== 'fargate-scheduler' ||
      pod.meta.deletionTimestamp !== undefined
    )
      continue;
    if (pod.nextScheduleAt > d.now) continue;
    const size = fargatePodSize(pod.spec);
    if (!size) {
      d.pods[key] = {
        ...pod,
        nextScheduleAt: Number.MAX_SAFE_INTEGER,
        scheduleAttempts: pod.scheduleAttempts + 1,
      };
      recordEvent(
        d,
        ref('Pod', pod.meta),
        'Warning',
        'FailedScheduling',
        'Pod not supported on Fargate: pod resource requests exceed the largest Fargate configuration (16 vCPU, 120 GB)',
        'fargate-scheduler',
      );
      continue;
    }
    if (pod.scheduleAttempts === 0) {
      // First pass: AWS starts provisioning capacity; binding happens when it is ready.
      d.pods[key] = {
        ...pod,
        scheduleAttempts: 1,
        nextScheduleAt:
          d.now + d.rng.int(FARGATE_PROVISION_MS[0] / 1000, FARGATE_PROVISION_MS[1] / 1000) * 1000,
      };
      d.changed = true;
      continue;
    }
    const profile = d.fargateProfiles[pod.fargateProfile ?? ''];
    const zones = profile?.zones.length ? profile.zones : d.base.zones;
    const node = addFargateNode(d, pod.fargateProfile ?? '', d.rng.pick(zones), size);
    const annotated = {
      ...pod,
      meta: {
        ...pod.meta,
        annotations: {
          ...pod.meta.annotations,
          CapacityProvisioned: formatCapacityProvisioned(size),
        },
      },
    };
    bindPod(
      d,
      annotated,
      node,
      'fargate-scheduler',
      `Fargate ${formatCapacityProvisioned(size)} (own node)`,
    );
  }
  // A Fargate node lives exactly as long as its pod.
  const bound = new Set(Object.values(d.pods).map((p) => p.nodeName));
  for (const n of Object.values(d.nodes)) {
    if (n.origin.kind === 'fargate' && !bound.has(n.meta.name)) {
      delete d.nodes[n.meta.name];
      d.changed = true;
    }
  }
}
