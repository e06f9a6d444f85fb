/**
 * The traffic part of SimState (`SimState.traffic`, optional: absent until a load balancer, load,
 * scalable target or capacity provider is created). Plain serialisable data, like the rest of the
 * model; `src/sim/traffic/sim-step.ts` advances it once per simulation step.
 */
import type { LoadBalancer } from './alb.ts';
import type { ScalingActivity, ScalingState } from './autoscaling.ts';
import type { CapacityProviderState } from './capacity-provider.ts';
import type { CapacityProviderStrategyItem } from './capacity-strategy.ts';
import type { LoadProfile } from './load.ts';
import { createMetricsStore, type MetricsStore } from './metrics.ts';
import type { Split } from './target-step.ts';
import type { AppProfile } from './utilization.ts';

/** Which target group of which load balancer a service's tasks register in. */
export interface ServiceLoadBalancer {
  readonly loadBalancerName: string;
  readonly targetGroupName: string;
  readonly containerPort: number;
}

/** The load offered to a service's load balancer; shape times count from `since` (when it was set). */
export interface ServiceLoad {
  readonly profile: LoadProfile;
  readonly since: number;
  /** Fraction of a request carried into the next step (requests are whole). */
  readonly carry: number;
}

/** An EC2 Auto Scaling group behind a capacity provider with managed scaling (A5.4). */
export interface AsgProvider {
  readonly provider: CapacityProviderState;
  readonly autoScalingGroupName: string;
  readonly instanceType: string;
  /** Seconds from launch until the instance's ECS agent registers (our model; AWS: about a minute). */
  readonly launchSeconds: number;
  /** Instances launched and still booting: when each will register. */
  readonly launching: readonly number[];
  /** Container instance ids of the group's registered instances. */
  readonly instanceIds: readonly string[];
  /** Instances chosen for scale-in: DRAINING until empty, then terminated. */
  readonly terminating: readonly string[];
  /** Last CapacityProviderReservation value (percent), for the panels. */
  readonly reservation?: number;
}

/** What one service's traffic did in the last step (for the canvas and panels). */
export interface ServiceTrafficStats {
  readonly offeredRps: number;
  readonly servedRps: number;
  readonly errorRps: number;
  /** Requests the ALB answered itself with 503 (no target to route to). */
  readonly elb5xxRps: number;
  readonly latencyMs: number;
  readonly cpuPercent: number;
  readonly memoryPercent: number;
  readonly healthyTargets: number;
  readonly targets: number;
}

/**
 * One task's traffic in the last step (only tasks that are RUNNING in a load-balanced service);
 * read with `taskTrafficOf` / `forEachTaskTraffic` (task-traffic.ts).
 */
export interface TaskTraffic {
  readonly rps: number;
  readonly cpuPercent: number;
  readonly latencyMs: number;
}

/**
 * How a load-balanced service's requests were spread over its tasks in the last step: enough to
 * give every task its TaskTraffic (task-traffic.ts) without a record per task per step (issue 8).
 * The arrays are shared from step to step while they do not change.
 */
export interface ServiceRouting {
  /** The service's RUNNING tasks during the step, by (createdAt, id). */
  readonly running: readonly string[];
  /** Task ids of the routed targets, in the order the step's requests were split over them. */
  readonly routed: readonly string[];
  readonly split: Split;
  /** RUNNING tasks whose application was failing (FAIL_HEALTH_CHECKS), in `running` order. */
  readonly failing: readonly string[];
  /** The service's application profile during the step. */
  readonly app: AppProfile;
}

export interface TrafficState {
  readonly loadBalancers: Readonly<Record<string, LoadBalancer>>;
  /** Service name → its target group. */
  readonly serviceLoadBalancers: Readonly<Record<string, ServiceLoadBalancer>>;
  readonly loads: Readonly<Record<string, ServiceLoad>>;
  readonly apps: Readonly<Record<string, AppProfile>>;
  /** Service name → Application Auto Scaling scalable target, policies, alarms. */
  readonly scaling: Readonly<Record<string, ScalingState>>;
  /** CloudWatch 1-minute datapoints, bounded (METRIC_HISTORY_MINUTES per metric). */
  readonly metrics: MetricsStore;
  readonly capacityProviders: Readonly<Record<string, AsgProvider>>;
  /** Service name → capacity provider strategy (UpdateService capacityProviderStrategy). */
  readonly strategies: Readonly<Record<string, readonly CapacityProviderStrategyItem[]>>;
  /** Tasks whose application answers health checks with 503 (fault FAIL_HEALTH_CHECKS). */
  readonly failingTasks: Readonly<Record<string, true>>;
  readonly stats: Readonly<Record<string, ServiceTrafficStats>>;
  /** Service name → how its requests reached its tasks in the last step (load-balanced services). */
  readonly routing: Readonly<Record<string, ServiceRouting>>;
  /** Newest last, bounded (MAX_ACTIVITIES). */
  readonly activities: readonly ScalingActivity[];
}

/** Minutes of datapoints kept per metric: 3 hours (alarms need 15; charts show the last hour). */
export const METRIC_HISTORY_MINUTES = 180;
export const MAX_ACTIVITIES = 50;

/** Pure: an empty traffic state. */
export function emptyTraffic(): TrafficState {
  return {
    loadBalancers: {},
    serviceLoadBalancers: {},
    loads: {},
    apps: {},
    scaling: {},
    metrics: createMetricsStore(METRIC_HISTORY_MINUTES),
    capacityProviders: {},
    strategies: {},
    failingTasks: {},
    stats: {},
    routing: {},
    activities: [],
  };
}
