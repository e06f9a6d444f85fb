/**
 * Node objects for managed node groups (EC2) and Fargate, with EKS's allocatable arithmetic.
 */
import { INSTANCE_TYPES, eksMaxPods } from '../instance-types.ts';
import type { Draft } from './draft.ts';
import { newIp, newUid } from './draft.ts';
import type { Node, NodeGroup } from './model.ts';
import { MI } from './quantity.ts';
import type { FargateSize } from './fargate.ts';
import { formatCapacityProvisioned } from './fargate.ts';

/** EKS kubelet version string shown by `kubectl get nodes` (an EKS Distro build: see distro.ts). */
export { KUBELET_VERSION } from './distro.ts';

/**
 * Pure: CPU the EKS AMI reserves for kube-reserved, in millicores: 6 % of the first core, 1 % of the
 * second, 0.5 % of cores 3–4, 0.25 % of the rest [amazon-eks-ami bootstrap; not in the reference].
 */
export function kubeReservedCpu(vcpu: number): number {
  let m = 0;
  for (let core = 1; core <= vcpu; core++) {
    m += core === 1 ? 60 : core === 2 ? 10 : core <= 4 ? 5 : 2.5;
  }
  return Math.ceil(m);
}

/**
 * Pure: memory the EKS AMI reserves: kube-reserved 255 MiB + 11 MiB per max pod, plus the 100 MiB
 * hard-eviction threshold [amazon-eks-ami bootstrap; not in the reference].
 */
export function kubeReservedMemory(maxPods: number): number {
  return (255 + 11 * maxPods + 100) * MI;
}

function ipName(ip: string, prefix: string, region: string): string {
  return `${prefix}ip-${ip.replace(/\./g, '-')}.${region}.compute.internal`;
}

/**
 * A worker node's name: EC2's private DNS name, or on an EKS Anywhere site the machine's hostname
 * (short, `<group>-<host part of the IP>`, so it fits the node box like EC2's `ip-…`).
 */
function workerName(d: Draft, group: NodeGroup, ip: string): string {
  const site = d.base.anywhere?.site;
  return site ? `${group.name}-${ip.split('.').slice(2).join('-')}` : ipName(ip, '', d.base.region);
}

const readyCondition = (now: number, ready: boolean) => ({
  type: 'Ready',
  status: ready ? ('True' as const) : ('False' as const),
  reason: ready ? 'KubeletReady' : 'KubeletNotReady',
  message: ready ? 'kubelet is posting ready status' : 'container runtime network not ready',
  lastTransitionTime: now,
});

/** Creates a Ready EC2 node for a managed node group in `zone` and adds it to the draft. */
export function addGroupNode(d: Draft, group: NodeGroup, zone: string): Node {
  const type = INSTANCE_TYPES[group.instanceType];
  if (!type) throw new Error(`unknown instance type ${group.instanceType}`);
  const maxPods = eksMaxPods(type);
  const ip = newIp(d, zone);
  const name = workerName(d, group, ip);
  const cpu = type.vcpu * 1000;
  const memory = type.memoryMiB * MI;
  const node: Node = {
    meta: {
      name,
      namespace: '',
      uid: newUid(d),
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': type.architecture === 'arm64' ? 'arm64' : 'amd64',
        'node.kubernetes.io/instance-type': type.name,
        'topology.kubernetes.io/zone': zone,
        'topology.kubernetes.io/region': d.base.region,
        'eks.amazonaws.com/nodegroup': group.name,
        'eks.amazonaws.com/capacityType': group.capacityType,
        ...group.labels,
      },
      annotations: {},
      creationTimestamp: d.now,
      generation: 1,
    },
    origin: { kind: 'nodegroup', name: group.name },
    instanceType: type.name,
    zone,
    internalIP: ip,
    capacity: { cpu, memory, pods: maxPods },
    allocatable: {
      cpu: cpu - kubeReservedCpu(type.vcpu),
      memory: memory - kubeReservedMemory(maxPods),
      pods: maxPods,
    },
    taints: group.taints,
    unschedulable: false,
    conditions: [readyCondition(d.now, true)],
    kubeletUp: true,
    lastHeartbeat: d.now,
    images: [],
  };
  d.nodes[name] = node;
  d.changed = true;
  return node;
}

/** Creates the dedicated Fargate node for one pod (one pod per node [EKS-UG fargate]). */
export function addFargateNode(d: Draft, profile: string, zone: string, size: FargateSize): Node {
  const ip = newIp(d, zone);
  const name = ipName(ip, 'fargate-', d.base.region);
  const cpu = size.vcpu * 1000;
  const memory = size.memoryMiB * MI;
  const node: Node = {
    meta: {
      name,
      namespace: '',
      uid: newUid(d),
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'eks.amazonaws.com/compute-type': 'fargate',
        'topology.kubernetes.io/zone': zone,
        'topology.kubernetes.io/region': d.base.region,
      },
      annotations: {},
      creationTimestamp: d.now,
      generation: 1,
    },
    origin: { kind: 'fargate', name: profile },
    instanceType: 'fargate',
    zone,
    internalIP: ip,
    capacity: { cpu, memory, pods: 1 },
    allocatable: { cpu, memory, pods: 1 },
    // Fargate nodes carry this taint so only fargate-scheduler pods land there [EKS-UG fargate].
    taints: [{ key: 'eks.amazonaws.com/compute-type', value: 'fargate', effect: 'NoSchedule' }],
    unschedulable: false,
    conditions: [readyCondition(d.now, true)],
    kubeletUp: true,
    lastHeartbeat: d.now,
    images: [],
    capacityProvisioned: formatCapacityProvisioned(size),
  };
  d.nodes[name] = node;
  d.changed = true;
  return node;
}

/** True when the node's Ready condition is True. */
export function isNodeReady(node: Node): boolean {
  return node.conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}
