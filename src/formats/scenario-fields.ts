/**
 * The field tables of the scenario format (documented in scenarios/README.md): top level,
 * `initial`, steps, questions, focus, every action type and every expectation kind. Action
 * names and fields are the SimCommand vocabulary (src/sim/commands.ts), plus ADVANCE,
 * ADVANCE_UNTIL; task and instance ids are replaced by selectors.
 */
import { TASK_STATUSES } from '../sim/index.ts';
import type { StopCode } from '../sim/index.ts';
import { arrayOf, bool, enumOf, int, objectSpec, ref, str } from './scenario-spec.ts';
import type { FieldSpec, ObjectSpec } from './scenario-spec.ts';
import {
  ANYWHERE_ACTION_SPECS,
  ECR_ACTION_SPECS,
  OPS_ACTION_SPECS,
} from './scenario-ecr-actions.ts';
import { TRAFFIC_ACTION_SPECS } from './scenario-traffic-actions.ts';
import { EKS_ACTION_SPECS, EKS_CONDITION_SPECS } from './scenario-eks-actions.ts';
import { SCENARIO_VIEWS } from './scenario-types.ts';

export const LAUNCH_TYPES = ['EC2', 'FARGATE', 'EXTERNAL'] as const;
export const INSTANCE_STATUSES = [
  'REGISTERING',
  'ACTIVE',
  'DRAINING',
  'DEREGISTERING',
  'INACTIVE',
] as const;
/** [ECS-API] TaskStopCode. */
export const STOP_CODES: readonly StopCode[] = [
  'TaskFailedToStart',
  'EssentialContainerExited',
  'UserInitiated',
  'ServiceSchedulerInitiated',
  'SpotInterruption',
  'TerminationNotice',
  'InfrastructureHealth',
];
/** Largest ADVANCE: one simulated week (keeps a headless run bounded). */
export const MAX_ADVANCE_SECONDS = 7 * 24 * 3600;

const launchType = enumOf(LAUNCH_TYPES, 'launch type');
const taskStatus = enumOf(TASK_STATUSES, 'task status');

const placementStrategy = arrayOf(
  objectSpec(
    { type: enumOf(['binpack', 'spread', 'random'], 'placement strategy'), field: str() },
    ['type'],
  ),
  0,
  5, // [ECS-API] at most 5 placement strategies
);
const placementConstraints = arrayOf(
  objectSpec(
    { type: enumOf(['distinctInstance', 'memberOf'], 'placement constraint'), expression: str() },
    ['type'],
  ),
  0,
  10, // [ECS-API] at most 10 placement constraints
);
const deploymentConfiguration = objectSpec({
  minimumHealthyPercent: int(0),
  maximumPercent: int(0),
  deploymentCircuitBreaker: objectSpec({ enable: bool, rollback: bool }, ['enable', 'rollback']),
});

/** `task:` — picks tasks by service, family, launch type, AZ or status; `index` is 0-based. */
export const TASK_SELECTOR = objectSpec(
  {
    service: str(),
    family: str(),
    launchType,
    availabilityZone: str(),
    lastStatus: taskStatus,
    index: int(0),
  },
  [],
  'task selector',
);
/** The object form of `instance:` (the integer form is a 1-based registration ordinal). */
export const INSTANCE_SELECTOR = objectSpec(
  {
    availabilityZone: str(),
    instanceType: str(),
    status: enumOf(INSTANCE_STATUSES, 'instance status'),
    index: int(0),
  },
  [],
  'instance selector',
);

/** CREATE_SERVICE fields (also the entries of `initial.services`). */
export const CREATE_SERVICE_FIELDS: Readonly<Record<string, FieldSpec>> = {
  serviceName: str(),
  taskDefinition: str(),
  desiredCount: int(0),
  launchType,
  placementStrategy,
  placementConstraints,
  deploymentConfiguration,
  healthCheckGracePeriodSeconds: int(0),
};
const CREATE_SERVICE_REQUIRED = ['serviceName', 'taskDefinition', 'desiredCount', 'launchType'];

/** Which fields each action accepts (besides `type`, and `expectError` on API commands). */
export const ACTION_SPECS: Readonly<Record<string, ObjectSpec>> = {
  REGISTER_TASK_DEFINITION: objectSpec({ taskDefinition: ref('taskDefinition') }, [
    'taskDefinition',
  ]),
  DEREGISTER_TASK_DEFINITION: objectSpec({ taskDefinition: str() }, ['taskDefinition']),
  CREATE_SERVICE: objectSpec(CREATE_SERVICE_FIELDS, CREATE_SERVICE_REQUIRED),
  UPDATE_SERVICE: objectSpec(
    {
      serviceName: str(),
      desiredCount: int(0),
      taskDefinition: str(),
      placementStrategy,
      placementConstraints,
      deploymentConfiguration,
      forceNewDeployment: bool,
    },
    ['serviceName'],
  ),
  DELETE_SERVICE: objectSpec({ serviceName: str(), force: bool }, ['serviceName']),
  // [ECS-API] RunTask: count 1..10 per call.
  RUN_TASK: objectSpec(
    {
      taskDefinition: str(),
      count: int(1, 10),
      launchType,
      placementStrategy,
      placementConstraints,
      startedBy: str(),
    },
    ['taskDefinition', 'launchType'],
  ),
  STOP_TASK: objectSpec({ task: TASK_SELECTOR, reason: str() }, ['task']),
  CRASH_TASK: objectSpec({ task: TASK_SELECTOR, exitCode: int() }, ['task']),
  ADD_INSTANCE: objectSpec({ instanceType: str(), availabilityZone: str() }, ['instanceType']),
  TERMINATE_INSTANCE: objectSpec({ instance: ref('instanceRef') }, ['instance']),
  DRAIN_INSTANCE: objectSpec({ instance: ref('instanceRef') }, ['instance']),
  ACTIVATE_INSTANCE: objectSpec({ instance: ref('instanceRef') }, ['instance']),
  AZ_OUTAGE: objectSpec({ availabilityZone: str() }, ['availabilityZone']),
  // AWS reclaims Spot capacity: a Fargate Spot `task` or an EC2 Spot `instance` (one of the two).
  SPOT_INTERRUPTION: objectSpec({ task: TASK_SELECTOR, instance: ref('instanceRef') }, []),
  AZ_RESTORE: objectSpec({ availabilityZone: str() }, ['availabilityZone']),
  ...ECR_ACTION_SPECS,
  ...ANYWHERE_ACTION_SPECS,
  ...OPS_ACTION_SPECS,
  ...TRAFFIC_ACTION_SPECS,
  ...EKS_ACTION_SPECS,
  ADVANCE: objectSpec(
    { seconds: { type: 'number', exclusiveMinimum: 0, maximum: MAX_ADVANCE_SECONDS } },
    ['seconds'],
  ),
  ADVANCE_UNTIL: objectSpec(
    {
      condition: ref('condition'),
      timeoutSeconds: { type: 'number', exclusiveMinimum: 0, maximum: MAX_ADVANCE_SECONDS },
    },
    ['condition', 'timeoutSeconds'],
  ),
};

/** Every action type the loader accepts, in documentation order. */
export const ACTION_TYPES: readonly string[] = Object.keys(ACTION_SPECS);
/** Actions that are scenario-only (no API call), so `expectError` makes no sense on them. */
export const NON_API_ACTIONS: ReadonlySet<string> = new Set(['ADVANCE', 'ADVANCE_UNTIL']);

/** Expectation kinds, keyed by the field that identifies them. */
export const CONDITION_SPECS: Readonly<Record<string, ObjectSpec>> = {
  service: objectSpec(
    {
      service: str(),
      desiredCount: int(0),
      runningCount: int(0),
      pendingCount: int(0),
      steadyState: bool,
    },
    ['service'],
  ),
  task: objectSpec(
    {
      task: TASK_SELECTOR,
      lastStatus: taskStatus,
      stopCode: enumOf(STOP_CODES, 'stop code'),
      count: int(0),
    },
    ['task'],
  ),
  event: objectSpec(
    {
      event: objectSpec({ contains: str(), since: enumOf(['step', 'start']) }, ['contains']),
      count: int(0),
    },
    ['event'],
  ),
  instances: objectSpec(
    {
      instances: objectSpec(
        {
          availabilityZone: str(),
          instanceType: str(),
          status: enumOf(INSTANCE_STATUSES, 'instance status'),
        },
        [],
      ),
      count: int(0),
    },
    ['instances', 'count'],
  ),
  taskDefinition: objectSpec(
    {
      taskDefinition: str(),
      revision: int(1),
      status: enumOf(['ACTIVE', 'INACTIVE']),
      cpu: int(0),
      memory: int(0),
      networkMode: enumOf(['bridge', 'host', 'awsvpc', 'none'], 'network mode'),
    },
    ['taskDefinition'],
  ),
  ...EKS_CONDITION_SPECS,
};

export const QUESTION_SPEC = objectSpec(
  { question: str(), choices: arrayOf(str(), 2, 6), answer: int(0), explanation: str() },
  ['question', 'choices', 'answer', 'explanation'],
  'question',
);

export const FOCUS_SPEC = objectSpec(
  {
    kind: enumOf(
      ['service', 'taskDefinition', 'availabilityZone', 'instance', 'task'],
      'focus kind',
    ),
    name: str(),
    instance: ref('instanceRef'),
    task: TASK_SELECTOR,
  },
  ['kind'],
  'focus',
);

/** The most steps a scenario may have. */
export const MAX_STEPS = 1000;

/**
 * What the canvas shows (optional): `view:` at the top level is the view the scenario opens on;
 * on a step, the view from that step on. The learner may still switch (scenario-view values).
 */
const VIEW_SPEC = enumOf(SCENARIO_VIEWS, 'view');

export const STEP_SPEC = objectSpec(
  {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
    title: str(),
    narration: str(),
    actions: arrayOf(ref('action')),
    focus: FOCUS_SPEC,
    expect: arrayOf(ref('condition')),
    questions: arrayOf(QUESTION_SPEC),
    view: VIEW_SPEC,
  },
  ['title', 'narration'],
  'step',
);

export const INITIAL_SPEC = objectSpec(
  {
    cluster: enumOf(['default', 'empty'], 'initial cluster'),
    instances: arrayOf(
      objectSpec({ instanceType: str(), availabilityZone: str() }, ['instanceType']),
    ),
    taskDefinitions: arrayOf(ref('taskDefinition')),
    services: arrayOf(objectSpec(CREATE_SERVICE_FIELDS, CREATE_SERVICE_REQUIRED)),
  },
  ['cluster'],
  'initial',
);

export const SCENARIO_SPEC = objectSpec(
  {
    version: { type: 'const', value: 1 },
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]*$' },
    title: str(),
    summary: str(),
    guideSection: str(),
    seed: int(0, 0xffffffff),
    initial: INITIAL_SPEC,
    view: VIEW_SPEC,
    steps: arrayOf(STEP_SPEC, 1, MAX_STEPS),
  },
  ['version', 'id', 'title', 'summary', 'guideSection', 'seed', 'initial', 'steps'],
  'scenario',
);
