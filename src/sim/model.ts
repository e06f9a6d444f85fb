/**
 * The simulation's data model: plain, serialisable, readonly records. This file is the contract
 * between the pure core (src/sim), the machine (src/machine), the canvas (src/render) and the panels
 * (src/ui). Field names follow the ECS API (`lastStatus`, `desiredCount`, `minimumHealthyPercent` …).
 *
 * Invariants every rule in src/sim keeps (and tests/sim checks):
 * - A state is never mutated: rules return a new state (collections are copied on write).
 * - `version` increases whenever anything observable changed, so renderers can skip frames.
 * - An instance's `remainingCpu`/`remainingMemory`/`usedPorts` always equal its registered resources
 *   minus what its non-STOPPED tasks reserve.
 */
import type { K8sState } from './k8s/model.ts';
import type { RngState } from './rng.ts';
import type { ImageRegistryState, TaskImagePull } from './image-registry-types.ts';
import type { TrafficState } from './traffic/state.ts';
import type { CostMeter } from './cost/meter.ts';
import type { PatchingState } from './patching.ts';

export type LaunchType = 'EC2' | 'FARGATE' | 'EXTERNAL';

/** ECS task lifecycle, in order [ECS-DG task-lifecycle]. */
export const TASK_STATUSES = [
  'PROVISIONING',
  'PENDING',
  'ACTIVATING',
  'RUNNING',
  'DEACTIVATING',
  'STOPPING',
  'DEPROVISIONING',
  'STOPPED',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type TaskDesiredStatus = 'PENDING' | 'RUNNING' | 'STOPPED';

/** [ECS-API] TaskStopCode. */
export type StopCode =
  | 'TaskFailedToStart'
  | 'EssentialContainerExited'
  | 'UserInitiated'
  | 'ServiceSchedulerInitiated'
  | 'SpotInterruption'
  | 'TerminationNotice'
  | 'InfrastructureHealth';

export type HealthStatus = 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';

// ---------------------------------------------------------------------------------------------
// Task definitions
// ---------------------------------------------------------------------------------------------

export interface PortMapping {
  readonly containerPort: number;
  /** Absent means dynamic (bridge) or equal to containerPort (awsvpc/host). */
  readonly hostPort?: number;
  readonly protocol: 'tcp' | 'udp';
  readonly name?: string;
}

export interface ContainerHealthCheck {
  readonly command: readonly string[];
  /** Seconds; ECS defaults interval 30, timeout 5, retries 3, startPeriod 0 [ECS-DG] (reference A1.4). */
  readonly interval: number;
  readonly timeout: number;
  readonly retries: number;
  readonly startPeriod: number;
}

export interface ContainerDefinition {
  readonly name: string;
  readonly image: string;
  readonly cpu: number;
  /** Hard limit in MiB, if set. */
  readonly memory?: number;
  /** Soft limit in MiB, if set. */
  readonly memoryReservation?: number;
  readonly essential: boolean;
  readonly portMappings: readonly PortMapping[];
  readonly environment: readonly { readonly name: string; readonly value: string }[];
  readonly healthCheck?: ContainerHealthCheck;
  readonly command?: readonly string[];
  readonly stopTimeout?: number;
}

/** A registered task definition revision (what `describe-task-definition` returns). */
export interface TaskDefinition {
  readonly family: string;
  readonly revision: number;
  readonly taskDefinitionArn: string;
  readonly status: 'ACTIVE' | 'INACTIVE';
  readonly registeredAt: number;
  readonly containerDefinitions: readonly ContainerDefinition[];
  readonly requiresCompatibilities: readonly LaunchType[];
  /** Compatibilities ECS computed at registration (always EC2 + EXTERNAL, FARGATE when valid for it). */
  readonly compatibilities: readonly LaunchType[];
  readonly networkMode: 'bridge' | 'host' | 'awsvpc' | 'none';
  /** Task-level CPU units, normalised from "1 vCPU" etc.; undefined when not set. */
  readonly cpu?: number;
  /** Task-level memory MiB, normalised from "2 GB" etc.; undefined when not set. */
  readonly memory?: number;
  readonly executionRoleArn?: string;
  readonly taskRoleArn?: string;
  readonly cpuArchitecture: 'X86_64' | 'ARM64';
  readonly operatingSystemFamily: string;
  readonly placementConstraints: readonly PlacementConstraint[];
}

/** The task definition as given to RegisterTaskDefinition, after parsing (src/formats) and normalising. */
export type TaskDefinitionInput = Omit<
  TaskDefinition,
  'revision' | 'taskDefinitionArn' | 'status' | 'registeredAt' | 'compatibilities'
>;

/** Key of a revision in `SimState.taskDefinitions`: "family:revision". */
export type TaskDefinitionKey = string;

// ---------------------------------------------------------------------------------------------
// Placement
// ---------------------------------------------------------------------------------------------

export type PlacementStrategy =
  | { readonly type: 'binpack'; readonly field: 'cpu' | 'memory' }
  | { readonly type: 'spread'; readonly field: string } // 'instanceId' | 'host' | 'attribute:…'
  | { readonly type: 'random' };

export type PlacementConstraint =
  | { readonly type: 'distinctInstance' }
  | { readonly type: 'memberOf'; readonly expression: string };

// ---------------------------------------------------------------------------------------------
// Container instances
// ---------------------------------------------------------------------------------------------

export type ContainerInstanceStatus =
  'REGISTERING' | 'ACTIVE' | 'DRAINING' | 'DEREGISTERING' | 'INACTIVE';

export interface ContainerInstance {
  /** Container instance id (32 hex), as in its ARN. */
  readonly id: string;
  readonly containerInstanceArn: string;
  /** EC2 instance id, e.g. i-0abc…; an `mi-…` id for EXTERNAL instances. */
  readonly ec2InstanceId: string;
  readonly instanceType: string;
  readonly availabilityZone: string;
  readonly status: ContainerInstanceStatus;
  readonly agentConnected: boolean;
  readonly registeredAt: number;
  readonly registeredCpu: number;
  readonly registeredMemory: number;
  readonly remainingCpu: number;
  readonly remainingMemory: number;
  /** Static host ports (tcp) in use. */
  readonly usedPorts: readonly number[];
  /** ENIs attached for awsvpc tasks (limit: instance type ENIs − 1). */
  readonly usedEnis: number;
  /** ecs.* built-in attributes and custom ones. */
  readonly attributes: Readonly<Record<string, string>>;
  /** Set when the EC2 instance was terminated (status becomes INACTIVE). */
  readonly terminatedAt?: number;
  readonly external?: boolean;
  /** EC2 Spot: when the two-minute interruption notice ends and the instance is reclaimed (src/sim/spot.ts). */
  readonly spotReclaimAt?: number;
}

// ---------------------------------------------------------------------------------------------
// Tasks
// ---------------------------------------------------------------------------------------------

export interface ContainerState {
  readonly name: string;
  readonly image: string;
  readonly essential: boolean;
  /** Reported container status: only PENDING, RUNNING, STOPPED reach the API [ECS-AGENT]. */
  readonly lastStatus: 'PENDING' | 'RUNNING' | 'STOPPED';
  readonly exitCode?: number;
  readonly reason?: string;
  readonly healthStatus: HealthStatus;
}

export interface StatusChange {
  readonly status: TaskStatus;
  readonly at: number;
}

export interface Task {
  readonly id: string;
  readonly taskArn: string;
  readonly taskDefinitionKey: TaskDefinitionKey;
  /** "service:<name>" for service tasks, "family:<family>" for RunTask [ECS-DG]. */
  readonly group: string;
  /** Deployment id (ecs-svc/…) for service tasks; user for RunTask. */
  readonly startedBy: string;
  readonly serviceName?: string;
  readonly deploymentId?: string;
  readonly launchType: LaunchType;
  readonly capacityProviderName?: string;
  /** Container instance id for EC2/EXTERNAL tasks; undefined on Fargate. */
  readonly containerInstanceId?: string;
  readonly availabilityZone: string;
  /** Reserved CPU units and memory MiB (what placement subtracted). */
  readonly cpu: number;
  readonly memory: number;
  /** Static host ports it holds on its instance. */
  readonly hostPorts: readonly number[];
  readonly usesEni: boolean;
  readonly lastStatus: TaskStatus;
  readonly desiredStatus: TaskDesiredStatus;
  readonly healthStatus: HealthStatus;
  readonly containers: readonly ContainerState[];
  readonly createdAt: number;
  readonly pullStartedAt?: number;
  readonly pullStoppedAt?: number;
  readonly startedAt?: number;
  readonly stoppingAt?: number;
  readonly stoppedAt?: number;
  readonly stopCode?: StopCode;
  readonly stoppedReason?: string;
  /** When the current lastStatus was entered. */
  readonly statusSince: number;
  /** Simulated ms at which the lifecycle advances by itself; undefined when waiting on something else. */
  readonly nextTransitionAt?: number;
  /** Human-readable explanation of why it was placed where it is (shown in the inspector). */
  readonly placementReason: string;
  /** The last few lifecycle transitions, oldest first (bounded). */
  readonly history: readonly StatusChange[];
  /** The image pull of this task's containers (set on PENDING when the registry is modelled). */
  readonly imagePull?: TaskImagePull;
}

// ---------------------------------------------------------------------------------------------
// Services
// ---------------------------------------------------------------------------------------------

export interface DeploymentConfiguration {
  /** REPLICA default 100; rounds up: ceil(desired × min / 100) [ECS-API DeploymentConfiguration]. */
  readonly minimumHealthyPercent: number;
  /** REPLICA default 200; rounds down: floor(desired × max / 100). */
  readonly maximumPercent: number;
  readonly deploymentCircuitBreaker: { readonly enable: boolean; readonly rollback: boolean };
}

export interface Deployment {
  /** ecs-svc/<digits> */
  readonly id: string;
  readonly status: 'PRIMARY' | 'ACTIVE' | 'INACTIVE';
  readonly taskDefinitionKey: TaskDefinitionKey;
  readonly desiredCount: number;
  readonly rolloutState: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  readonly rolloutStateReason: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Circuit-breaker failure count. */
  readonly failedTasks: number;
}

export interface Service {
  readonly serviceName: string;
  readonly serviceArn: string;
  readonly status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  readonly taskDefinitionKey: TaskDefinitionKey;
  readonly desiredCount: number;
  readonly launchType: LaunchType;
  readonly schedulingStrategy: 'REPLICA' | 'DAEMON';
  readonly placementStrategy: readonly PlacementStrategy[];
  readonly placementConstraints: readonly PlacementConstraint[];
  readonly deploymentConfiguration: DeploymentConfiguration;
  readonly deployments: readonly Deployment[];
  readonly healthCheckGracePeriodSeconds: number;
  readonly createdAt: number;
  /** Launch throttling after tasks repeatedly fail to start [ECS-DG service-throttle-logic]. */
  readonly launchBackoff: { readonly consecutiveFailures: number; readonly nextAttemptAt: number };
  /** True once the service reported steady state and nothing changed since. */
  readonly steadyState: boolean;
}

/** Derived per-service counts (as DescribeServices shows them). */
export interface ServiceCounts {
  readonly desiredCount: number;
  readonly runningCount: number;
  readonly pendingCount: number;
}

// ---------------------------------------------------------------------------------------------
// Events and the whole state
// ---------------------------------------------------------------------------------------------

export type SimEventKind = 'service' | 'task' | 'instance' | 'deployment' | 'scaling' | 'cluster';

export interface SimEvent {
  /** Monotonic event number. */
  readonly id: number;
  readonly at: number;
  readonly kind: SimEventKind;
  /** Service name, task id or instance id the event is about. */
  readonly subject: string;
  /** The message as AWS words it, e.g. "(service web) has reached a steady state." */
  readonly message: string;
}

export interface ClusterInfo {
  readonly clusterName: string;
  readonly clusterArn: string;
  readonly region: string;
  readonly accountId: string;
  readonly availabilityZones: readonly string[];
}

export interface SimState {
  /** Increases on every observable change (renderers skip work when it is unchanged). */
  readonly version: number;
  /** Simulated milliseconds since the simulation started. */
  readonly now: number;
  readonly seed: number;
  readonly rng: RngState;
  /** Monotonic counters for ids and event numbers. */
  readonly counters: { readonly event: number; readonly deployment: number };
  readonly cluster: ClusterInfo;
  readonly instances: Readonly<Record<string, ContainerInstance>>;
  readonly taskDefinitions: Readonly<Record<TaskDefinitionKey, TaskDefinition>>;
  readonly services: Readonly<Record<string, Service>>;
  readonly tasks: Readonly<Record<string, Task>>;
  /** Newest last, bounded (MAX_EVENTS). */
  readonly events: readonly SimEvent[];
  /**
   * Availability Zones currently failed by AZ_OUTAGE: nothing is placed there until AZ_RESTORE.
   * Optional for compatibility with hand-built states; absent means none (added by src/sim core).
   */
  readonly downAvailabilityZones?: readonly string[];
  /**
   * ECR registry and per-host layer caches (src/sim/image-registry.ts). Optional: when absent, image
   * pulls are not modelled and PENDING uses the plain duration table.
   */
  readonly registry?: ImageRegistryState;
  /**
   * Load, load balancers, CloudWatch metrics, Application Auto Scaling and capacity providers
   * (src/sim/traffic). Optional: absent until one of the traffic commands creates it.
   */
  readonly traffic?: TrafficState;
  /** The running bill (src/sim/cost/meter.ts), charged every step; absent before the first step. */
  readonly cost?: CostMeter;
  /** AMI releases and the ledger of operational work (src/sim/patching.ts); absent before RELEASE_AMI. */
  readonly patching?: PatchingState;
  /** The EKS cluster (src/sim/eks.ts), on the same clock; absent until CREATE_EKS_CLUSTER. */
  readonly eks?: K8sState;
}

/** Simulated milliseconds per fixed step. */
export const STEP_MS = 1000;
/** The event log keeps this many entries (AWS keeps the 100 most recent per service). */
export const MAX_EVENTS = 500;
/** STOPPED tasks stay visible for at least an hour [ECS-DG task-lifecycle], then are removed. */
export const STOPPED_TASK_RETENTION_MS = 60 * 60 * 1000;

/** A reference to one thing on the canvas or in the inspector (selection, focus, highlight). */
export interface EntityRef {
  readonly kind:
    | 'task'
    | 'instance'
    | 'service'
    | 'taskDefinition'
    | 'availabilityZone'
    /** EKS: a pod ("namespace/name") or a node (its name). */
    | 'pod'
    | 'node';
  readonly id: string;
}
