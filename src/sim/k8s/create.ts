/**
 * A fresh EKS cluster: the managed control plane over three AZs, the standard namespaces, and
 * optionally managed node groups whose nodes are already Ready.
 */
import { KUBERNETES_MINOR } from './distro.ts';
import { anywhereControlPlane } from './anywhere.ts';
import { seedRng } from '../rng.ts';
import { beginDraft, commitDraft } from './draft.ts';
import type { K8sState, Meta, NodeGroup } from './model.ts';
import { addGroupNode } from './nodes.ts';

export interface NodeGroupInput {
  readonly name: string;
  readonly instanceType: string;
  readonly desiredSize: number;
  readonly minSize?: number;
  readonly maxSize?: number;
  readonly zones?: readonly string[];
  readonly labels?: Readonly<Record<string, string>>;
  readonly taints?: NodeGroup['taints'];
  readonly capacityType?: 'ON_DEMAND' | 'SPOT';
  /** Managed by the Cluster Autoscaler (default true). */
  readonly autoscaled?: boolean;
}

export interface K8sOptions {
  readonly seed: number;
  readonly clusterName?: string;
  readonly region?: string;
  readonly zones?: readonly string[];
  /** Node groups whose nodes exist and are Ready at time 0. */
  readonly nodeGroups?: readonly NodeGroupInput[];
  readonly scoringStrategy?: 'LeastAllocated' | 'MostAllocated';
  /** Metrics Server is not installed on EKS by default [B1]; the playground assumes it is unless told. */
  readonly metricsServer?: boolean;
  /** An EKS Anywhere cluster at this on-premises site (anywhere.ts) instead of EKS in the Region. */
  readonly anywhere?: { readonly site: string };
}

/** Pure: a node group record from its input (nodes are not created here). */
export function nodeGroupFrom(input: NodeGroupInput, zones: readonly string[]): NodeGroup {
  return {
    name: input.name,
    instanceType: input.instanceType,
    capacityType: input.capacityType ?? 'ON_DEMAND',
    minSize: input.minSize ?? Math.min(1, input.desiredSize),
    maxSize: input.maxSize ?? Math.max(input.desiredSize, 1) * 3,
    desiredSize: input.desiredSize,
    status: 'CREATING',
    zones: input.zones ?? zones,
    labels: input.labels ?? {},
    taints: input.taints ?? [],
    launching: [],
    autoscaled: input.autoscaled ?? true,
  };
}

function ns(name: string): Meta {
  return {
    name,
    namespace: '',
    uid: `ns-${name}`,
    labels: { 'kubernetes.io/metadata.name': name },
    annotations: {},
    creationTimestamp: 0,
    generation: 1,
  };
}

/** Pure: the initial state for the options (deterministic from the seed). */
export function createK8sState(options: K8sOptions): K8sState {
  const region = options.region ?? 'us-east-1';
  // EKS Anywhere: the site is the cluster's only failure domain (no Availability Zones on site).
  const zones = options.anywhere
    ? [options.anywhere.site]
    : (options.zones ?? [`${region}a`, `${region}b`, `${region}c`]);
  const base: K8sState = {
    version: 0,
    now: 0,
    rng: seedRng(options.seed),
    clusterName: options.clusterName ?? 'playground',
    region,
    zones,
    // ≥2 API servers and 3 etcd members spread over 3 AZs [EKS-UG eks-architecture, B1].
    controlPlane: options.anywhere
      ? anywhereControlPlane(options.anywhere.site)
      : {
          version: KUBERNETES_MINOR, // from EKS Distro (distro.ts)
          apiServers: zones.slice(0, 2).map((zone) => ({ zone, healthy: true })),
          etcd: zones.slice(0, 3).map((zone) => ({ zone, healthy: true })),
        },
    counters: { uid: 0, event: 0, ip: 0 },
    namespaces: Object.fromEntries(
      ['default', 'kube-node-lease', 'kube-public', 'kube-system'].map((n) => [n, ns(n)]),
    ),
    nodes: {},
    pods: {},
    replicaSets: {},
    deployments: {},
    services: {},
    hpas: {},
    nodeGroups: {},
    fargateProfiles: {},
    events: [],
    scoringStrategy: options.scoringStrategy ?? 'LeastAllocated',
    metricsServer: options.metricsServer ?? true,
    workloadCpu: {},
    images: {},
    autoscalerLastScan: 0,
    ...(options.anywhere ? { anywhere: { site: options.anywhere.site } } : {}),
  };
  const d = beginDraft(base);
  for (const input of options.nodeGroups ?? []) {
    const group = { ...nodeGroupFrom(input, zones), status: 'ACTIVE' as const };
    d.nodeGroups[group.name] = group;
    for (let i = 0; i < group.desiredSize; i++)
      addGroupNode(d, group, group.zones[i % group.zones.length] as string);
  }
  return { ...commitDraft(d), version: 0 };
}
