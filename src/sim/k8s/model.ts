/**
 * The Kubernetes/EKS simulation state: plain, serialisable, readonly records, the EKS counterpart of
 * src/sim/model.ts. Objects are keyed "namespace/name" (nodes, namespaces, node groups and Fargate
 * profiles by name). Times are simulated milliseconds.
 *
 * Invariants (tests/sim/k8s check them): states are never mutated; `version` increases whenever
 * anything observable changed; a pod's `nodeName` names an existing node or is undefined.
 */
import type { RngState } from '../rng.ts';
import type { LayerCache } from '../ecr/pull.ts';
import type { EcrState } from '../ecr/types.ts';
import type {
  DeploymentSpec,
  HpaSpec,
  Labels,
  PodSpec,
  ReplicaSetSpec,
  ServiceSpec,
  TaintEffect,
} from './objects.ts';
import type { PodMetrics } from './metrics-server.ts';
import type { NodeClaim, NodePool } from './karpenter.ts';
import type { K8sPodTraffic, K8sServiceLoad, K8sServiceTraffic } from './service-traffic.ts';

export interface OwnerReference {
  readonly kind: 'ReplicaSet' | 'Deployment';
  readonly name: string;
  readonly uid: string;
}

/** Metadata the API server keeps for every object. */
export interface Meta {
  readonly name: string;
  /** "" for cluster-scoped kinds (Node, Namespace). */
  readonly namespace: string;
  readonly uid: string;
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly creationTimestamp: number;
  readonly generation: number;
  readonly ownerReferences?: readonly OwnerReference[];
  /** Set when deletion was requested (kubectl shows Terminating). */
  readonly deletionTimestamp?: number;
}

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface Condition {
  readonly type: string;
  readonly status: ConditionStatus;
  readonly reason?: string;
  readonly message?: string;
  readonly lastTransitionTime: number;
}

export interface Taint {
  readonly key: string;
  readonly value?: string;
  readonly effect: TaintEffect;
  readonly timeAdded?: number;
}

export interface Node {
  readonly meta: Meta;
  /** Managed node group name, the Fargate profile name, or the Karpenter NodePool name. */
  readonly origin: { readonly kind: 'nodegroup' | 'fargate' | 'nodepool'; readonly name: string };
  readonly instanceType: string;
  readonly zone: string;
  readonly internalIP: string;
  readonly capacity: { readonly cpu: number; readonly memory: number; readonly pods: number };
  readonly allocatable: { readonly cpu: number; readonly memory: number; readonly pods: number };
  readonly taints: readonly Taint[];
  readonly unschedulable: boolean;
  readonly conditions: readonly Condition[];
  /** False while the kubelet is not posting status (fault injected or AZ down). */
  readonly kubeletUp: boolean;
  /** Last status the kubelet posted; the node lifecycle controller compares it to now. */
  readonly lastHeartbeat: number;
  readonly images: readonly string[];
  /** Fargate: what AWS provisioned, e.g. "0.25vCPU 0.5GB" (annotation CapacityProvisioned). */
  readonly capacityProvisioned?: string;
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export type ContainerStateDetail =
  | { readonly kind: 'waiting'; readonly reason: string; readonly message?: string }
  | { readonly kind: 'running'; readonly startedAt: number }
  | {
      readonly kind: 'terminated';
      readonly reason: string;
      readonly exitCode: number;
      readonly startedAt: number;
      readonly finishedAt: number;
    };

export interface ContainerStatus {
  readonly name: string;
  readonly image: string;
  readonly ready: boolean;
  readonly restartCount: number;
  readonly state: ContainerStateDetail;
  readonly lastState?: ContainerStateDetail;
  /** Current crash back-off in ms (0 = none yet) [K8S-WEB pod-lifecycle, reference E8]. */
  readonly backoffMs: number;
  /** Simulated ms of the next kubelet action (pull done, start, restart, probe pass). */
  readonly nextActionAt?: number;
  /** What the next action is: finish pulling, start the container, or pass the readiness probe. */
  readonly stage?: 'pull' | 'start' | 'probe';
  /** Simulated ms at which the running container exits by itself (crash loop), if it will. */
  readonly crashAt?: number;
  readonly crashExitCode?: number;
}

export interface Pod {
  readonly meta: Meta;
  readonly spec: PodSpec;
  readonly phase: PodPhase;
  readonly conditions: readonly Condition[];
  readonly containerStatuses: readonly ContainerStatus[];
  readonly nodeName?: string;
  readonly podIP?: string;
  readonly startTime?: number;
  /** When the pod last became Ready (Deployment availability counts minReadySeconds from here). */
  readonly readySince?: number;
  /** Why the scheduler chose its node (shown in the inspector). */
  readonly schedulingReason?: string;
  /** Unschedulable-pod retry back-off (podInitialBackoffSeconds 1 → podMaxBackoffSeconds 10) [B6]. */
  readonly nextScheduleAt: number;
  readonly scheduleAttempts: number;
  /** Deletion completes at this time (grace period), unless the node is unreachable. */
  readonly deleteAt?: number;
  /** Fargate: the profile that matched at admission. */
  readonly fargateProfile?: string;
}

export interface ReplicaSet {
  readonly meta: Meta;
  readonly spec: ReplicaSetSpec & { readonly replicas: number };
  readonly status: {
    readonly replicas: number;
    readonly readyReplicas: number;
    readonly availableReplicas: number;
  };
}

export interface Deployment {
  readonly meta: Meta;
  readonly spec: DeploymentSpec & { readonly replicas: number };
  readonly status: {
    readonly observedGeneration: number;
    readonly replicas: number;
    readonly updatedReplicas: number;
    readonly readyReplicas: number;
    readonly availableReplicas: number;
    readonly unavailableReplicas: number;
    readonly conditions: readonly Condition[];
  };
  /** When the current rollout last made progress (for progressDeadlineSeconds). */
  readonly lastProgressAt: number;
}

export interface Service {
  readonly meta: Meta;
  readonly spec: ServiceSpec & { readonly type: 'ClusterIP' | 'LoadBalancer' | 'NodePort' };
  readonly clusterIP: string;
  /** LoadBalancer hostname once provisioned. */
  readonly loadBalancerHostname?: string;
  readonly loadBalancerReadyAt?: number;
  /** "namespace/name" of ready pods that back the service, and of matching not-ready ones. */
  readonly endpoints: readonly string[];
  readonly notReadyEndpoints: readonly string[];
}

export interface HpaRecommendation {
  readonly at: number;
  readonly replicas: number;
}

export interface Hpa {
  readonly meta: Meta;
  readonly spec: HpaSpec & { readonly minReplicas: number };
  readonly status: {
    readonly currentReplicas: number;
    readonly desiredReplicas: number;
    /** Average utilisation % (cpu/memory Utilization targets) or raw average value, per metric. */
    readonly currentMetrics: readonly (number | undefined)[];
    readonly lastScaleTime?: number;
    readonly conditions: readonly Condition[];
  };
  readonly nextSyncAt: number;
  /** Recent recommendations for scale-down stabilisation (window 300 s by default). */
  readonly recommendations: readonly HpaRecommendation[];
  /** Scale events for the rate policies: time and replica change. */
  readonly scaleEvents: readonly {
    readonly at: number;
    readonly from: number;
    readonly to: number;
  }[];
}

export interface K8sEvent {
  readonly id: number;
  readonly type: 'Normal' | 'Warning';
  readonly reason: string;
  readonly message: string;
  /** Component, e.g. "default-scheduler", "kubelet", "deployment-controller". */
  readonly source: string;
  readonly involvedObject: {
    readonly kind: string;
    readonly namespace: string;
    readonly name: string;
  };
  readonly firstTimestamp: number;
  readonly lastTimestamp: number;
  /** Repeats are aggregated as kubectl describe shows them ("x3 over 2m"). */
  readonly count: number;
}

export type NodeGroupStatus = 'CREATING' | 'ACTIVE' | 'UPDATING' | 'DELETING' | 'DEGRADED';

export interface NodeGroup {
  readonly name: string;
  readonly instanceType: string;
  readonly capacityType: 'ON_DEMAND' | 'SPOT';
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredSize: number;
  readonly status: NodeGroupStatus;
  readonly zones: readonly string[];
  readonly labels: Labels;
  readonly taints: readonly Taint[];
  /** Instances launched but not yet joined, with the time they register as nodes. */
  readonly launching: readonly { readonly zone: string; readonly readyAt: number }[];
  /** Whether the Cluster Autoscaler manages this group. */
  readonly autoscaled: boolean;
}

export interface FargateSelector {
  readonly namespace: string;
  readonly labels?: Labels;
}

export interface FargateProfile {
  readonly name: string;
  readonly selectors: readonly FargateSelector[];
  readonly zones: readonly string[];
  readonly status: 'CREATING' | 'ACTIVE' | 'DELETING';
}

/** API server and etcd instances of the EKS-managed control plane [EKS-UG eks-architecture, B1]. */
export interface ControlPlane {
  readonly version: string;
  readonly apiServers: readonly { readonly zone: string; readonly healthy: boolean }[];
  readonly etcd: readonly { readonly zone: string; readonly healthy: boolean }[];
}

/** How an image behaves when pulled and run (the simulator's stand-in for real registries/apps). */
export interface ImageBehaviour {
  readonly pullable: boolean;
  /** Container exits this long after starting (crash loop), if set. */
  readonly crashAfterMs?: number;
  readonly exitCode?: number;
}

export interface K8sState {
  readonly version: number;
  readonly now: number;
  readonly rng: RngState;
  readonly clusterName: string;
  readonly region: string;
  readonly zones: readonly string[];
  readonly controlPlane: ControlPlane;
  readonly counters: { readonly uid: number; readonly event: number; readonly ip: number };
  readonly namespaces: Readonly<Record<string, Meta>>;
  readonly nodes: Readonly<Record<string, Node>>;
  readonly pods: Readonly<Record<string, Pod>>;
  readonly replicaSets: Readonly<Record<string, ReplicaSet>>;
  readonly deployments: Readonly<Record<string, Deployment>>;
  readonly services: Readonly<Record<string, Service>>;
  readonly hpas: Readonly<Record<string, Hpa>>;
  readonly nodeGroups: Readonly<Record<string, NodeGroup>>;
  readonly fargateProfiles: Readonly<Record<string, FargateProfile>>;
  /** Newest last, bounded by MAX_K8S_EVENTS. */
  readonly events: readonly K8sEvent[];
  readonly scoringStrategy: 'LeastAllocated' | 'MostAllocated';
  readonly metricsServer: boolean;
  /** Per-pod CPU usage (millicores) of each Deployment, keyed "namespace/deployment" (load hook). */
  readonly workloadCpu: Readonly<Record<string, number>>;
  readonly images: Readonly<Record<string, ImageBehaviour>>;
  /** Last time the Cluster Autoscaler scanned (scan-interval 10 s) [B9]. */
  readonly autoscalerLastScan: number;
  /** Load generator per Service "namespace/name" (SET_SERVICE_LOAD; service-traffic.ts). */
  readonly serviceLoads?: Readonly<Record<string, K8sServiceLoad>>;
  /** Last step's traffic per loaded Service, and per pod that served it. */
  readonly serviceTraffic?: Readonly<Record<string, K8sServiceTraffic>>;
  readonly podTraffic?: Readonly<Record<string, K8sPodTraffic>>;
  /** metrics-server's last scrape per pod (metrics-server.ts) and when it scrapes next. */
  readonly podMetrics?: Readonly<Record<string, PodMetrics>>;
  readonly metricsScrapeAt?: number;
  /** The ECR registry the kubelets pull from (synced from SimState.registry; k8s/image-pull.ts). */
  readonly ecr?: EcrState;
  /** Node name → image layers its container runtime holds (k8s/image-pull.ts). */
  readonly nodeLayers?: LayerCache;
  /** Karpenter (karpenter.ts): NodePools, NodeClaims launching, and consolidation bookkeeping. */
  readonly nodePools?: Readonly<Record<string, NodePool>>;
  readonly nodeClaims?: Readonly<Record<string, NodeClaim>>;
  readonly karpenterLastPass?: number;
  readonly karpenterEmptySince?: Readonly<Record<string, number>>;
  /**
   * Set for an EKS Anywhere cluster (anywhere.ts): everything runs at an on-premises site — the
   * control plane too, on your own machines — and AWS runs nothing of it.
   */
  readonly anywhere?: { readonly site: string };
}

/** Key of a namespaced object. */
export function objectKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** Fixed simulation step (ms). */
export const K8S_STEP_MS = 1000;
/** Bounded event log (the API server keeps events 1 h by default; we keep the newest N). */
export const MAX_K8S_EVENTS = 2000;
