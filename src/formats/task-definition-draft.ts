/**
 * The intermediate form between reading and validating a task definition: every field the
 * rules need, already type-checked and normalised (defaults applied), plus the source index of
 * each list entry so rules can report `containerDefinitions[2]…` even when earlier entries were
 * unusable. A field is absent when it was missing or mistyped; `bad` lists the mistyped ones
 * (already reported) so rules don't report them twice.
 */
import type { LaunchType } from '../sim/index.ts';

export type NetworkMode = 'bridge' | 'host' | 'awsvpc' | 'none';

export interface DraftPortMapping {
  /** Index in the container's portMappings list. */
  readonly index: number;
  readonly containerPort?: number;
  readonly hostPort?: number;
  /** Default tcp [ECS-API PortMapping.protocol]. */
  readonly protocol: 'tcp' | 'udp';
  readonly name?: string;
  readonly containerPortRange?: string;
  readonly bad: ReadonlySet<string>;
}

export interface DraftHealthCheck {
  readonly command?: readonly string[];
  /** Seconds; defaults interval 30, timeout 5, retries 3, startPeriod 0 [ECS-DG] (reference A1.4). */
  readonly interval: number;
  readonly timeout: number;
  readonly retries: number;
  readonly startPeriod: number;
  readonly bad: ReadonlySet<string>;
}

export interface DraftDependency {
  readonly index: number;
  readonly containerName?: string;
  readonly condition?: string;
}

export interface DraftContainer {
  /** Index in containerDefinitions. */
  readonly index: number;
  readonly name?: string;
  readonly image?: string;
  readonly cpu?: number;
  readonly memory?: number;
  readonly memoryReservation?: number;
  /** Default true [ECS-API ContainerDefinition.essential]. */
  readonly essential: boolean;
  readonly portMappings: readonly DraftPortMapping[];
  readonly environment: readonly { readonly name: string; readonly value: string }[];
  readonly healthCheck?: DraftHealthCheck;
  readonly command?: readonly string[];
  readonly stopTimeout?: number;
  readonly dependsOn: readonly DraftDependency[];
  readonly bad: ReadonlySet<string>;
}

export interface DraftPlacementConstraint {
  readonly index: number;
  readonly type?: string;
  readonly expression?: string;
}

export interface DraftTaskDefinition {
  readonly family?: string;
  /** Undefined when containerDefinitions is missing or not a list. */
  readonly containers?: readonly DraftContainer[];
  /** Number of entries in containerDefinitions (including unusable ones). */
  readonly containerCount: number;
  /** Launch types to validate against (MANAGED_INSTANCES is warned about and dropped). */
  readonly requiresCompatibilities: readonly LaunchType[];
  /** As written; undefined when omitted (ECS then uses bridge on Linux). */
  readonly networkMode?: NetworkMode;
  /** Task CPU units / memory MiB after normalisation; undefined when absent or unparseable. */
  readonly cpu?: number;
  readonly memory?: number;
  readonly cpuArchitecture: 'X86_64' | 'ARM64';
  readonly operatingSystemFamily: string;
  readonly placementConstraints: readonly DraftPlacementConstraint[];
  readonly executionRoleArn?: string;
  readonly taskRoleArn?: string;
  readonly pidMode?: string;
  /** Top-level fields that were mistyped or unparseable (already reported). */
  readonly bad: ReadonlySet<string>;
}
