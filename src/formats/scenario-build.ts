/**
 * Turns a scenario value that already passed the shape check into the typed Scenario model.
 * Total on shape-valid input (casts below are safe because scenario-shape.ts checked each
 * field); references between parts are checked afterwards by scenario-references.ts.
 */
import type { SimCommand, TaskDefinitionInput } from '../sim/index.ts';
import type { PathSegment } from './diagnostics.ts';
import { formatPath } from './diagnostics.ts';
import { parseNarration } from './scenario-narration.ts';
import { conditionKind } from './scenario-shape.ts';
import type {
  InstanceSelector,
  Scenario,
  ScenarioAction,
  ScenarioCondition,
  ScenarioFocus,
  ScenarioQuestion,
  ScenarioStep,
  ScenarioView,
  SourceRef,
  TaskSelector,
} from './scenario-types.ts';
import { SCENARIO_VIEWS } from './scenario-types.ts';
import { positionOf } from './scenario-yaml.ts';
import { EKS_ACTION_TYPES, buildEksAction } from './scenario-eks-actions.ts';
import type { YamlSource } from './scenario-yaml.ts';

type Raw = Record<string, unknown>;

/** What the embedded task definitions turned into, keyed by their formatted path. */
export interface EmbeddedResults {
  readonly valid: ReadonlyMap<string, TaskDefinitionInput>;
  readonly rejected: ReadonlyMap<string, readonly string[]>;
}

/**
 * Builds the Scenario from a scenario value. Pure. `broken(path)` says whether the shape check
 * reported an error at or under `path`: such actions become `invalid` placeholders (which still
 * declare the names they would create, so reference checks of later steps stay meaningful) and
 * such expectations, focus and questions are dropped. The result is only handed out when
 * nothing was broken; with errors it exists just so every reference problem is reported too.
 */
export function buildScenario(
  raw: Raw,
  source: YamlSource,
  embedded: EmbeddedResults,
  broken: (path: readonly PathSegment[]) => boolean = () => false,
): Scenario {
  const ctx = { source, embedded, broken };
  const initial = (isRecord(raw.initial) ? raw.initial : {}) as Raw;
  const taskDefinitions = list(initial.taskDefinitions).flatMap((_, i) => {
    const td = embedded.valid.get(formatPath(['initial', 'taskDefinitions', i]));
    return td === undefined ? [] : [td];
  });
  return {
    version: 1,
    id: raw.id as string,
    title: text(raw.title),
    summary: parseNarration(text(raw.summary)),
    guideSection: text(raw.guideSection),
    seed: typeof raw.seed === 'number' ? raw.seed : 0,
    initial: {
      cluster: initial.cluster === 'empty' ? 'empty' : 'default',
      instances: list(initial.instances)
        .filter((_, i) => !broken(['initial', 'instances', i]))
        .map((i) => ({
          instanceType: i.instanceType as string,
          availabilityZone: i.availabilityZone as string | undefined,
        })),
      taskDefinitions,
      services: list(initial.services)
        .filter((_, i) => !broken(['initial', 'services', i]))
        .map((s) => ({ type: 'CREATE_SERVICE', ...s }) as SimCommand),
    },
    ...viewField(raw.view),
    steps: list(raw.steps).map((step, i) =>
      buildStep(isRecord(step) ? step : {}, ['steps', i], ctx),
    ),
    file: source.file,
  };
}

interface Ctx {
  readonly source: YamlSource;
  readonly embedded: EmbeddedResults;
  readonly broken: (path: readonly PathSegment[]) => boolean;
}

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): Raw[] {
  return Array.isArray(value) ? (value as unknown[]).map((v) => (isRecord(v) ? v : {})) : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function sourceRef(ctx: Ctx, path: readonly PathSegment[]): SourceRef {
  return { ...positionOf(ctx.source, path), path: formatPath(path) };
}

function buildStep(raw: Raw, path: readonly PathSegment[], ctx: Ctx): ScenarioStep {
  const ok = (sub: PathSegment[]): boolean => !ctx.broken([...path, ...sub]);
  return {
    ...(typeof raw.id === 'string' ? { id: raw.id } : {}),
    title: text(raw.title),
    narration: parseNarration(text(raw.narration)),
    actions: list(raw.actions).map((a, i) =>
      ok(['actions', i])
        ? buildAction(a, [...path, 'actions', i], ctx)
        : invalidAction(a, [...path, 'actions', i], ctx),
    ),
    ...(raw.focus === undefined || !ok(['focus']) ? {} : { focus: buildFocus(raw.focus as Raw) }),
    expect: list(raw.expect).flatMap((e, i) =>
      ok(['expect', i])
        ? [{ condition: buildCondition(e), source: sourceRef(ctx, [...path, 'expect', i]) }]
        : [],
    ),
    questions: list(raw.questions).flatMap((q, i) =>
      ok(['questions', i]) ? [buildQuestion(q)] : [],
    ),
    ...viewField(raw.view),
  };
}

/** `{ view }` when `value` is a view (the shape check reported anything else). */
function viewField(value: unknown): { view?: ScenarioView } {
  const view = SCENARIO_VIEWS.find((v) => v === value);
  return view === undefined ? {} : { view };
}

/** A placeholder for an action with shape errors, declaring what it would have created. */
function invalidAction(raw: Raw, path: readonly PathSegment[], ctx: Ctx): ScenarioAction {
  const type = text(raw.type);
  const td = raw.taskDefinition;
  const creates = /CREATE|REGISTER|ADD/.test(type);
  return {
    kind: 'invalid',
    type,
    source: sourceRef(ctx, path),
    declares: {
      ...(creates && typeof raw.serviceName === 'string' ? { service: raw.serviceName } : {}),
      ...(creates && isRecord(td) && typeof td.family === 'string' ? { family: td.family } : {}),
      ...(creates && typeof raw.instanceType === 'string' ? { instance: true } : {}),
    },
  };
}

/** The instance selector of `instance: 2` or `instance: {availabilityZone: …}`. */
export function buildInstanceSelector(value: unknown): InstanceSelector {
  return typeof value === 'number' ? { ordinal: value } : (value as InstanceSelector);
}

function buildAction(raw: Raw, path: readonly PathSegment[], ctx: Ctx): ScenarioAction {
  const { expectError, ...fields } = raw;
  const type = raw.type as string;
  const common = {
    type,
    source: sourceRef(ctx, path),
    ...(typeof expectError === 'string' ? { expectError } : {}),
  };
  switch (type) {
    case 'REGISTER_TASK_DEFINITION': {
      const key = formatPath([...path, 'taskDefinition']);
      const td = ctx.embedded.valid.get(key);
      if (td !== undefined)
        return { ...common, kind: 'command', command: { type, taskDefinition: td } };
      return {
        ...common,
        kind: 'rejectedRegistration',
        messages: ctx.embedded.rejected.get(key) ?? [],
      };
    }
    case 'STOP_TASK':
    case 'CRASH_TASK':
      return {
        ...common,
        kind: 'taskCommand',
        type,
        task: raw.task as TaskSelector,
        ...(typeof raw.reason === 'string' ? { reason: raw.reason } : {}),
        ...(typeof raw.exitCode === 'number' ? { exitCode: raw.exitCode } : {}),
      };
    case 'SPOT_INTERRUPTION':
      if (raw.task !== undefined)
        return { ...common, kind: 'taskCommand', type, task: raw.task as TaskSelector };
      if (raw.instance !== undefined)
        return {
          ...common,
          kind: 'instanceCommand',
          type,
          instance: buildInstanceSelector(raw.instance),
        };
      return {
        ...common,
        kind: 'rejectedRegistration',
        messages: [
          'SPOT_INTERRUPTION needs `task` (a Fargate Spot task) or `instance` (an EC2 Spot instance)',
        ],
      };
    case 'TERMINATE_INSTANCE':
    case 'DRAIN_INSTANCE':
    case 'ACTIVATE_INSTANCE':
      return {
        ...common,
        kind: 'instanceCommand',
        type,
        instance: buildInstanceSelector(raw.instance),
      };
    case 'ADVANCE':
      return { ...common, kind: 'advance', ms: Math.round((raw.seconds as number) * 1000) };
    case 'ADVANCE_UNTIL':
      return {
        ...common,
        kind: 'advanceUntil',
        condition: buildCondition(raw.condition as Raw),
        timeoutMs: Math.round((raw.timeoutSeconds as number) * 1000),
      };
    default:
      if (EKS_ACTION_TYPES.has(type)) {
        const manifest = typeof raw.manifest === 'string' ? raw.manifest : '';
        const at = positionOf(ctx.source, [...path, 'manifest']).line;
        // A block scalar (`manifest: |`) starts on the line after its key.
        const built = buildEksAction(
          type,
          raw,
          ctx.source.file,
          manifest.includes('\n') ? at + 1 : at,
        );
        return built.ok
          ? { ...common, kind: 'command', command: built.command }
          : { ...common, kind: 'rejectedRegistration', messages: built.messages };
      }
      // Every other action is a SimCommand whose fields are written exactly as the API names them.
      return { ...common, kind: 'command', command: fields as unknown as SimCommand };
  }
}

/** Builds an expectation / ADVANCE_UNTIL condition from its shape-valid mapping. Pure. */
export function buildCondition(raw: Raw): ScenarioCondition {
  const kind = conditionKind(raw);
  const { count } = raw as { count?: number };
  switch (kind) {
    case 'service':
      return {
        kind: 'service',
        ...(raw as Omit<Extract<ScenarioCondition, { kind: 'service' }>, 'kind'>),
      };
    case 'task': {
      const { task, lastStatus, stopCode } = raw as Omit<
        Extract<ScenarioCondition, { kind: 'tasks' }>,
        'kind'
      >;
      return { kind: 'tasks', task, ...defined({ lastStatus, stopCode, count }) };
    }
    case 'event': {
      const event = raw.event as { contains: string; since?: 'step' | 'start' };
      return {
        kind: 'event',
        contains: event.contains,
        since: event.since ?? 'step',
        ...defined({ count }),
      };
    }
    case 'instances':
      return { kind: 'instances', instances: raw.instances as InstanceSelector, count: count ?? 0 };
    case 'pods': {
      const { pods, minRestarts } = raw as { pods: object; minRestarts?: number };
      return { kind: 'pods', pods, ...defined({ count, minRestarts }) };
    }
    case 'deployment': {
      const { deployment, ...rest } = raw as { deployment: string } & Raw;
      return { kind: 'deployment', name: deployment, ...(rest as object) };
    }
    default: {
      const { taskDefinition, ...rest } = raw as { taskDefinition: string } & Raw;
      return { kind: 'taskDefinition', family: taskDefinition, ...(rest as object) };
    }
  }
}

function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== undefined),
  ) as Partial<T>;
}

function buildFocus(raw: Raw): ScenarioFocus {
  const kind = raw.kind as ScenarioFocus['kind'];
  if (kind === 'instance') return { kind, instance: buildInstanceSelector(raw.instance) };
  if (kind === 'task') return { kind, task: raw.task as TaskSelector };
  return { kind, name: raw.name as string };
}

function buildQuestion(raw: Raw): ScenarioQuestion {
  return {
    question: raw.question as string,
    choices: raw.choices as string[],
    answer: raw.answer as number,
    explanation: parseNarration(raw.explanation as string),
  };
}
