/**
 * Every change a user, a scenario or a test can make to the cluster: the same vocabulary for the UI
 * (sent as machine events), scenario files (`actions:`) and tests. Names are SCREAMING_SNAKE events;
 * fields use the ECS API's words. Commands are data: applying one is `applyCommand(state, command)`.
 */
import type { EksSimCommand } from './eks.ts';
import type {
  DeploymentConfiguration,
  LaunchType,
  PlacementConstraint,
  PlacementStrategy,
  TaskDefinitionInput,
} from './model.ts';
import type { EcrCommand } from './image-registry-commands.ts';
import type { TrafficCommand } from './traffic/commands.ts';
import type { AnywhereCommand } from './anywhere.ts';
import type { SpotCommand } from './spot.ts';
import type { PatchingCommand } from './patching.ts';

export type SimCommand =
  /** RegisterTaskDefinition: a new revision of the family. */
  | { readonly type: 'REGISTER_TASK_DEFINITION'; readonly taskDefinition: TaskDefinitionInput }
  | { readonly type: 'DEREGISTER_TASK_DEFINITION'; readonly taskDefinition: string }
  /** CreateService (REPLICA). `taskDefinition` is "family" (latest ACTIVE) or "family:rev". */
  | {
      readonly type: 'CREATE_SERVICE';
      readonly serviceName: string;
      readonly taskDefinition: string;
      readonly desiredCount: number;
      readonly launchType: LaunchType;
      readonly placementStrategy?: readonly PlacementStrategy[];
      readonly placementConstraints?: readonly PlacementConstraint[];
      readonly deploymentConfiguration?: Partial<DeploymentConfiguration>;
      readonly healthCheckGracePeriodSeconds?: number;
    }
  /** UpdateService: any subset; a new taskDefinition starts a rolling deployment. */
  | {
      readonly type: 'UPDATE_SERVICE';
      readonly serviceName: string;
      readonly desiredCount?: number;
      readonly taskDefinition?: string;
      readonly placementStrategy?: readonly PlacementStrategy[];
      readonly placementConstraints?: readonly PlacementConstraint[];
      readonly deploymentConfiguration?: Partial<DeploymentConfiguration>;
      readonly forceNewDeployment?: boolean;
    }
  | { readonly type: 'DELETE_SERVICE'; readonly serviceName: string; readonly force?: boolean }
  /** RunTask: standalone tasks (count ≤ 10 per call [ECS-API]). */
  | {
      readonly type: 'RUN_TASK';
      readonly taskDefinition: string;
      readonly count?: number;
      readonly launchType: LaunchType;
      readonly placementStrategy?: readonly PlacementStrategy[];
      readonly placementConstraints?: readonly PlacementConstraint[];
      readonly startedBy?: string;
    }
  /** StopTask (stopCode UserInitiated). */
  | { readonly type: 'STOP_TASK'; readonly taskId: string; readonly reason?: string }
  /** Fault: an essential container exits (stopCode EssentialContainerExited). */
  | { readonly type: 'CRASH_TASK'; readonly taskId: string; readonly exitCode?: number }
  /** Launch an EC2 instance that registers with the cluster. */
  | {
      readonly type: 'ADD_INSTANCE';
      readonly instanceType: string;
      readonly availabilityZone?: string;
    }
  /** Fault: the EC2 instance is terminated; its tasks stop ("Host EC2 (instance …) terminated."). */
  | { readonly type: 'TERMINATE_INSTANCE'; readonly instanceId: string }
  /** UpdateContainerInstancesState. */
  | { readonly type: 'DRAIN_INSTANCE'; readonly instanceId: string }
  | { readonly type: 'ACTIVATE_INSTANCE'; readonly instanceId: string }
  /** Fault: every instance and Fargate task in an AZ is lost; nothing can be placed there until restored. */
  | { readonly type: 'AZ_OUTAGE'; readonly availabilityZone: string }
  | { readonly type: 'AZ_RESTORE'; readonly availabilityZone: string }
  /** ECR: repositories, build + push, lifecycle policies (src/sim/image-registry-commands.ts). */
  | EcrCommand
  /** Load, load balancers, Application Auto Scaling, capacity providers (src/sim/traffic/commands.ts). */
  | TrafficCommand
  /** ECS Anywhere: external instances at on-premises sites (src/sim/anywhere.ts). */
  | AnywhereCommand
  /** Spot capacity: EC2 Spot instances and interruptions with the two-minute warning (src/sim/spot.ts). */
  | SpotCommand
  /** Patching: a new ECS-optimized AMI marks EC2 instances outdated (src/sim/patching.ts). */
  | PatchingCommand
  /** EKS: create the cluster, any K8sCommand (src/sim/eks.ts). */
  | EksSimCommand;

export type SimCommandType = SimCommand['type'];

/** The outcome of applying a command: the new state, plus an error when the API would refuse it. */
export interface CommandResult<S> {
  readonly state: S;
  /** AWS-style error ("ClientException: …", "ServiceNotFoundException: …"); state is unchanged then. */
  readonly error?: string;
  /**
   * RunTask-style per-task failures (`reason` e.g. "RESOURCE:CPU", `arn` the closest container
   * instance) when some tasks could not be placed [ECS-API RunTask failures]. Added by the sim core.
   */
  readonly failures?: readonly { readonly arn?: string; readonly reason: string }[];
}
