/**
 * The traffic commands (part of the SimCommand union): load, load balancers, Application Auto
 * Scaling and capacity providers. Field names follow the AWS APIs they stand for.
 */
import type { ManagedScaling } from './capacity-provider.ts';
import type { CapacityProviderStrategyItem } from './capacity-strategy.ts';
import type { LoadProfile, LoadShape } from './load.ts';
import type { AdjustmentType, StepAdjustment } from './step-scaling.ts';
import type { HealthCheckConfig, RoutingAlgorithm } from './target-group.ts';
import type { PredefinedMetricType } from './target-tracking.ts';
import type { AppProfile } from './utilization.ts';

export type TrafficCommand =
  /**
   * The load generator: requests per second offered to the service's load balancer. A bare shape
   * or a profile with noise; shape times (startSeconds, atSeconds …) count from when it is set.
   */
  | {
      readonly type: 'SET_LOAD';
      readonly serviceName: string;
      readonly load: LoadShape | LoadProfile;
    }
  /**
   * CreateLoadBalancer (if new) + CreateTargetGroup + the service's `loadBalancers` entry: the
   * service's RUNNING tasks register as targets (ip for awsvpc, instance for bridge/host).
   */
  | {
      readonly type: 'ATTACH_LOAD_BALANCER';
      readonly serviceName: string;
      readonly loadBalancerName: string;
      readonly targetGroupName?: string;
      readonly containerPort?: number;
      readonly healthCheck?: Partial<HealthCheckConfig>;
      readonly deregistrationDelaySeconds?: number;
      readonly algorithm?: RoutingAlgorithm;
      /** How the application spends CPU per request (utilisation model). */
      readonly app?: Partial<AppProfile>;
    }
  /** Fault: the task's application answers health checks with 503 (or recovers with `failing: false`). */
  | { readonly type: 'FAIL_HEALTH_CHECKS'; readonly taskId: string; readonly failing?: boolean }
  /** Application Auto Scaling RegisterScalableTarget (ecs:service:DesiredCount). */
  | {
      readonly type: 'REGISTER_SCALABLE_TARGET';
      readonly serviceName: string;
      readonly minCapacity: number;
      readonly maxCapacity: number;
      readonly suspendedState?: {
        readonly dynamicScalingInSuspended?: boolean;
        readonly dynamicScalingOutSuspended?: boolean;
        readonly scheduledScalingSuspended?: boolean;
      };
    }
  /** PutScalingPolicy: TargetTrackingScaling or StepScaling (exactly one configuration). */
  | {
      readonly type: 'PUT_SCALING_POLICY';
      readonly serviceName: string;
      readonly policyName: string;
      readonly targetTracking?: {
        readonly predefinedMetricType: PredefinedMetricType;
        readonly targetValue: number;
        readonly scaleOutCooldown?: number;
        readonly scaleInCooldown?: number;
        readonly disableScaleIn?: boolean;
      };
      readonly stepScaling?: {
        readonly adjustmentType: AdjustmentType;
        readonly stepAdjustments: readonly StepAdjustment[];
        readonly minAdjustmentMagnitude?: number;
        readonly cooldown?: number;
        /** The CloudWatch alarm the policy is attached to (PutMetricAlarm). */
        readonly alarm: {
          readonly metric: 'CPUUtilization' | 'MemoryUtilization';
          readonly threshold: number;
          readonly comparisonOperator:
            | 'GreaterThanThreshold'
            | 'GreaterThanOrEqualToThreshold'
            | 'LessThanThreshold'
            | 'LessThanOrEqualToThreshold';
          readonly evaluationPeriods?: number;
          readonly datapointsToAlarm?: number;
        };
      };
    }
  | {
      readonly type: 'DELETE_SCALING_POLICY';
      readonly serviceName: string;
      readonly policyName: string;
    }
  /** PutScheduledAction: at(…)/rate(…)/cron(…) sets MinCapacity and/or MaxCapacity. */
  | {
      readonly type: 'PUT_SCHEDULED_ACTION';
      readonly serviceName: string;
      readonly scheduledActionName: string;
      readonly schedule: string;
      readonly minCapacity?: number;
      readonly maxCapacity?: number;
    }
  /**
   * CreateCapacityProvider with an Auto Scaling group (+ PutClusterCapacityProviders): the group
   * launches `desiredCapacity` instances of `instanceType` and then follows managed scaling.
   */
  | {
      readonly type: 'CREATE_CAPACITY_PROVIDER';
      readonly name: string;
      readonly instanceType: string;
      readonly minSize: number;
      readonly maxSize: number;
      readonly desiredCapacity?: number;
      readonly managedScaling?: Partial<ManagedScaling>;
      readonly managedTerminationProtection?: boolean;
      readonly launchSeconds?: number;
    }
  /** UpdateService --capacity-provider-strategy (FARGATE / FARGATE_SPOT or one ASG provider). */
  | {
      readonly type: 'SET_CAPACITY_PROVIDER_STRATEGY';
      readonly serviceName: string;
      readonly capacityProviderStrategy: readonly CapacityProviderStrategyItem[];
    };

export type TrafficCommandType = TrafficCommand['type'];

const TYPES: ReadonlySet<string> = new Set<TrafficCommandType>([
  'SET_LOAD',
  'ATTACH_LOAD_BALANCER',
  'FAIL_HEALTH_CHECKS',
  'REGISTER_SCALABLE_TARGET',
  'PUT_SCALING_POLICY',
  'DELETE_SCALING_POLICY',
  'PUT_SCHEDULED_ACTION',
  'CREATE_CAPACITY_PROVIDER',
  'SET_CAPACITY_PROVIDER_STRATEGY',
]);

/** Pure: whether a command is one of the traffic commands. */
export function isTrafficCommand(c: { readonly type: string }): c is TrafficCommand {
  return TYPES.has(c.type);
}
