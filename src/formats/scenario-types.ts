/**
 * The loaded, validated form of a scenario file (scenarios/*.yaml; format in scenarios/README.md).
 * A Scenario is plain data: no functions, safe to serialise and to replay. Task and instance ids
 * are random at run time, so actions name them through selectors that the runner resolves
 * against the state at the moment the action is applied.
 */
import type {
  ContainerInstanceStatus,
  LaunchType,
  SimCommand,
  StopCode,
  TaskDefinitionInput,
  TaskStatus,
} from '../sim/index.ts';

/** One piece of narration: plain text, **bold** or `code`. Rendered as text, never as HTML. */
export interface NarrationToken {
  readonly kind: 'text' | 'strong' | 'code';
  readonly text: string;
}

/** Where something came from in the scenario file (1-based). */
export interface SourceRef {
  readonly line: number;
  readonly column: number;
  readonly path: string;
}

/** Picks tasks; all given fields must match. Matching tasks are ordered by createdAt, then id. */
export interface TaskSelector {
  readonly service?: string;
  readonly family?: string;
  readonly launchType?: LaunchType;
  readonly availabilityZone?: string;
  readonly lastStatus?: TaskStatus;
  /** 0-based position among the matching tasks (actions and focus only; default 0). */
  readonly index?: number;
}

/**
 * Picks one container instance: `ordinal` is 1-based in registration order (`instance: 2`), or
 * the `index`-th (0-based) instance matching the given AZ/type/status.
 */
export interface InstanceSelector {
  readonly ordinal?: number;
  readonly availabilityZone?: string;
  readonly instanceType?: string;
  readonly status?: ContainerInstanceStatus;
  readonly index?: number;
}

/** A check on the cluster: used by `expect:` and by ADVANCE_UNTIL's `condition`. */
export type ScenarioCondition =
  | {
      readonly kind: 'service';
      readonly service: string;
      readonly desiredCount?: number;
      readonly runningCount?: number;
      readonly pendingCount?: number;
      readonly steadyState?: boolean;
    }
  | {
      readonly kind: 'tasks';
      readonly task: TaskSelector;
      readonly lastStatus?: TaskStatus;
      readonly stopCode?: StopCode;
      /** Exact number of matching tasks; absent means "at least one". */
      readonly count?: number;
    }
  | {
      readonly kind: 'event';
      readonly contains: string;
      /** 'step' (default): only events since the step (or ADVANCE_UNTIL) began; 'start': any. */
      readonly since: 'step' | 'start';
      readonly count?: number;
    }
  | {
      readonly kind: 'instances';
      readonly instances: Omit<InstanceSelector, 'ordinal' | 'index'>;
      readonly count: number;
    }
  /** EKS: pods (kubectl STATUS column, e.g. Running, CrashLoopBackOff); count exact, else ≥ 1. */
  | {
      readonly kind: 'pods';
      readonly pods: {
        readonly namespace?: string;
        readonly deployment?: string;
        readonly status?: string;
        readonly image?: string;
      };
      readonly count?: number;
      readonly minRestarts?: number;
    }
  /** EKS: a Deployment's replica counts (as `kubectl get deploy` shows them). */
  | {
      readonly kind: 'deployment';
      readonly name: string;
      readonly namespace?: string;
      readonly replicas?: number;
      readonly updatedReplicas?: number;
      readonly readyReplicas?: number;
      readonly availableReplicas?: number;
    }
  | {
      readonly kind: 'taskDefinition';
      readonly family: string;
      readonly revision?: number;
      readonly status?: 'ACTIVE' | 'INACTIVE';
      readonly cpu?: number;
      readonly memory?: number;
      readonly networkMode?: string;
    };

/** Actions that exist in the format but wait for a later part of the simulator. */
export const PLANNED_ACTION_TYPES = [] as const;
export type PlannedActionType = (typeof PLANNED_ACTION_TYPES)[number];

/** One thing a step does, in order. */
export type ScenarioAction = (
  | { readonly kind: 'command'; readonly command: SimCommand }
  | {
      readonly kind: 'taskCommand';
      readonly type: 'STOP_TASK' | 'CRASH_TASK' | 'SPOT_INTERRUPTION';
      readonly task: TaskSelector;
      readonly reason?: string;
      readonly exitCode?: number;
    }
  | {
      readonly kind: 'instanceCommand';
      readonly type:
        'TERMINATE_INSTANCE' | 'DRAIN_INSTANCE' | 'ACTIVATE_INSTANCE' | 'SPOT_INTERRUPTION';
      readonly instance: InstanceSelector;
    }
  /** A REGISTER_TASK_DEFINITION the validator refuses; `messages` are its errors. */
  | { readonly kind: 'rejectedRegistration'; readonly messages: readonly string[] }
  | { readonly kind: 'advance'; readonly ms: number }
  | {
      readonly kind: 'advanceUntil';
      readonly condition: ScenarioCondition;
      readonly timeoutMs: number;
    }
  | {
      readonly kind: 'planned';
      readonly type: PlannedActionType;
      readonly fields: Readonly<Record<string, unknown>>;
    }
  /**
   * Only inside the loader, for an action with shape errors (a loaded Scenario never has one):
   * what it would create, so later references are judged fairly.
   */
  | {
      readonly kind: 'invalid';
      readonly declares: {
        readonly service?: string;
        readonly family?: string;
        readonly instance?: boolean;
      };
    }
) & {
  /** The action's type as written in the file. */
  readonly type: string;
  /** The action must be refused with an error containing this text. */
  readonly expectError?: string;
  readonly source: SourceRef;
};

/** What the canvas highlights during a step. */
export type ScenarioFocus =
  | { readonly kind: 'service' | 'taskDefinition' | 'availabilityZone'; readonly name: string }
  | { readonly kind: 'instance'; readonly instance: InstanceSelector }
  | { readonly kind: 'task'; readonly task: TaskSelector };

/** A checkpoint question; `answer` is the 0-based index of the right choice. */
export interface ScenarioQuestion {
  readonly question: string;
  readonly choices: readonly string[];
  readonly answer: number;
  readonly explanation: readonly NarrationToken[];
}

/** An expectation plus where it is written. */
export interface ScenarioExpectation {
  readonly condition: ScenarioCondition;
  readonly source: SourceRef;
}

/**
 * What the canvas shows: the ECS cluster, the EKS cluster, or both side by side (the app's view
 * switch; src/machine/cluster-view.ts).
 */
export const SCENARIO_VIEWS = ['ecs', 'eks', 'side-by-side'] as const;
export type ScenarioView = (typeof SCENARIO_VIEWS)[number];

export interface ScenarioStep {
  readonly id?: string;
  readonly title: string;
  readonly narration: readonly NarrationToken[];
  readonly actions: readonly ScenarioAction[];
  readonly focus?: ScenarioFocus;
  readonly expect: readonly ScenarioExpectation[];
  readonly questions: readonly ScenarioQuestion[];
  /** The view from this step on (until a later step says otherwise); the learner may switch. */
  readonly view?: ScenarioView;
}

/** The cluster before the first step. */
export interface ScenarioInitial {
  /** 'default': the core's default cluster (createDefaultCluster); 'empty': no instances. */
  readonly cluster: 'default' | 'empty';
  readonly instances: readonly {
    readonly instanceType: string;
    readonly availabilityZone?: string;
  }[];
  readonly taskDefinitions: readonly TaskDefinitionInput[];
  /** CREATE_SERVICE commands applied after the task definitions. */
  readonly services: readonly SimCommand[];
}

export interface Scenario {
  readonly version: 1;
  readonly id: string;
  readonly title: string;
  readonly summary: readonly NarrationToken[];
  readonly guideSection: string;
  readonly seed: number;
  readonly initial: ScenarioInitial;
  /** The view the scenario opens on (absent: the app's own rule, cluster-view.ts). */
  readonly view?: ScenarioView;
  readonly steps: readonly ScenarioStep[];
  /** The file it was loaded from (for messages). */
  readonly file: string;
}
