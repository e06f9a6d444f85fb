/**
 * Experiments ⇄ scenario files (issue 5). An experiment is the starting cluster (a scenario
 * `initial:` and a seed) plus the timed command log the cluster machine keeps. Exported, it is a
 * scenario: one step per command, `ADVANCE` for the time between, task and instance ids turned
 * into the scenario selectors that pick the same entity when replayed (ids are random per seed,
 * selectors are not). Imported, a scenario is walked action by action and every command it
 * applies is logged at its simulated time — so export → import gives back the identical state.
 * Pure (no xstate, no I/O).
 */
import { stringify } from 'yaml';
import { STEP_MS, advance, applyCommand } from '../sim/index.ts';
import type { SimCommand, SimState } from '../sim/index.ts';
import type { Scenario, ScenarioInitial } from '../formats/scenario-types.ts';
import type { CommandLogEntry } from './cluster-machine.ts';
import { eksScenarioAction } from './eks-scenario-actions.ts';
import { replayCommands } from './replay.ts';
import { evaluateCondition, lastEventId } from './scenario/conditions.ts';
import { initialState } from './scenario/runner.ts';
import { familyOf, instancesByRegistration, matchTasks } from './scenario/selectors.ts';
import { actionCommand } from './scenario/step-executor.ts';

/** What an experiment is, in memory. */
export interface Experiment {
  readonly name: string;
  readonly seed: number;
  readonly speed: number;
  /** The starting cluster, as a scenario's `initial:` says it. */
  readonly initial: ScenarioInitial;
  readonly log: readonly CommandLogEntry[];
  /** Simulated time the experiment had reached. */
  readonly untilMs: number;
}

/** The default cluster, nothing added: where the sandbox starts. */
export const DEFAULT_INITIAL: ScenarioInitial = {
  cluster: 'default',
  instances: [],
  taskDefinitions: [],
  services: [],
};

/** The last start worked out: the sandbox's autosave (every 5 s) exports the same start each time. */
let lastStart: { initial: ScenarioInitial; seed: number; state: SimState } | undefined;

/**
 * The starting SimState of an experiment (the same one a scenario run starts from). Remembers the
 * last one (same `initial` object and seed: the same state, which is immutable), so the periodic
 * autosave does not rebuild and settle the default cluster every time (issue 8).
 */
export function experimentStart(e: Pick<Experiment, 'initial' | 'seed'>): SimState {
  if (lastStart !== undefined && lastStart.initial === e.initial && lastStart.seed === e.seed)
    return lastStart.state;
  const state = initialState({ initial: e.initial, seed: e.seed } as Pick<
    Scenario,
    'initial' | 'seed'
  > as Scenario).state;
  lastStart = { initial: e.initial, seed: e.seed, state };
  return state;
}

/** The state an experiment reaches (its start, the log replayed, run on to untilMs). */
export function experimentState(e: Experiment): SimState {
  return replayCommands(experimentStart(e), e.log, e.untilMs);
}

/** A lower-case, dash-separated id for a scenario file made from `name`. */
export function scenarioIdFor(name: string): string {
  const id = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return id === '' ? 'experiment' : /^[a-z0-9]/.test(id) ? id : `x-${id}`;
}

/** A short title for the step that applies `command` (the narration says more). */
export function describeCommand(command: SimCommand, state: SimState): string {
  switch (command.type) {
    case 'REGISTER_TASK_DEFINITION':
      return `Register task definition ${command.taskDefinition.family}`;
    case 'DEREGISTER_TASK_DEFINITION':
      return `Deregister ${command.taskDefinition}`;
    case 'CREATE_SERVICE':
      return `Create service ${command.serviceName} (${command.desiredCount} × ${command.taskDefinition}, ${command.launchType})`;
    case 'UPDATE_SERVICE':
      return command.taskDefinition !== undefined
        ? `Deploy ${command.taskDefinition} to service ${command.serviceName}`
        : `Update service ${command.serviceName}`;
    case 'DELETE_SERVICE':
      return `Delete service ${command.serviceName}`;
    case 'RUN_TASK':
      return `Run ${command.count ?? 1} × ${command.taskDefinition} on ${command.launchType}`;
    case 'STOP_TASK':
      return `Stop a task of ${taskOwner(state, command.taskId)}`;
    case 'CRASH_TASK':
      return `Crash a task of ${taskOwner(state, command.taskId)}`;
    case 'ADD_INSTANCE':
      return `Add an ${command.instanceType} instance${command.availabilityZone === undefined ? '' : ` in ${command.availabilityZone}`}`;
    case 'TERMINATE_INSTANCE':
      return `Terminate instance ${instanceOrdinal(state, command.instanceId)}`;
    case 'DRAIN_INSTANCE':
      return `Drain instance ${instanceOrdinal(state, command.instanceId)}`;
    case 'ACTIVATE_INSTANCE':
      return `Activate instance ${instanceOrdinal(state, command.instanceId)}`;
    case 'AZ_OUTAGE':
      return `${command.availabilityZone} goes down`;
    case 'AZ_RESTORE':
      return `${command.availabilityZone} comes back`;
    default:
      // Commands added by later issues (ECR, traffic, …) are titled by their API name.
      return command.type;
  }
}

function taskOwner(state: SimState, taskId: string): string {
  const task = state.tasks[taskId];
  if (task === undefined) return 'the cluster';
  return task.serviceName !== undefined
    ? `service ${task.serviceName}`
    : familyOf(task.taskDefinitionKey);
}

function instanceOrdinal(state: SimState, id: string): number {
  return instancesByRegistration(state).findIndex((i) => i.id === id) + 1;
}

/** The selector that picks task `taskId` in `state`, or undefined when none can. */
function taskSelector(state: SimState, taskId: string): Record<string, unknown> | undefined {
  const task = state.tasks[taskId];
  if (task === undefined) return undefined;
  const base: Record<string, unknown> =
    task.serviceName !== undefined
      ? { service: task.serviceName }
      : { family: familyOf(task.taskDefinitionKey) };
  if (task.lastStatus === 'STOPPED') base.lastStatus = 'STOPPED';
  const index = matchTasks(state, base).findIndex((t) => t.id === taskId);
  if (index < 0) return undefined;
  return index === 0 ? base : { ...base, index };
}

/** The scenario action (a YAML-ready object) for `command`, applied in `state`. */
function actionFor(command: SimCommand, state: SimState): Record<string, unknown> | undefined {
  switch (command.type) {
    case 'STOP_TASK':
    case 'CRASH_TASK': {
      const task = taskSelector(state, command.taskId);
      if (task === undefined) return undefined;
      const { taskId: _taskId, ...rest } = command;
      return { ...rest, task };
    }
    case 'TERMINATE_INSTANCE':
    case 'DRAIN_INSTANCE':
    case 'ACTIVATE_INSTANCE': {
      const ordinal = instanceOrdinal(state, command.instanceId);
      if (ordinal < 1) return undefined;
      return { type: command.type, instance: ordinal };
    }
    case 'SPOT_INTERRUPTION': {
      // Written with a selector, as the scenario action takes it (ids are not stable across runs).
      if (command.taskId !== undefined) {
        const task = taskSelector(state, command.taskId);
        return task === undefined ? undefined : { type: command.type, task };
      }
      const ordinal =
        command.instanceId === undefined ? 0 : instanceOrdinal(state, command.instanceId);
      return ordinal < 1 ? undefined : { type: command.type, instance: ordinal };
    }
    case 'PUSH_IMAGE': {
      // The terminal's docker push carries the image it built; the scenario action rebuilds it
      // from the same Dockerfile model (the build is deterministic).
      const { manifest: _manifest, ...action } = command;
      return { ...action };
    }
    case 'EKS_COMMAND':
      return eksScenarioAction(command.command);
    default:
      return { ...command };
  }
}

const withoutType = (c: SimCommand): Record<string, unknown> => {
  const { type: _type, ...rest } = c;
  return rest;
};

/**
 * The experiment as scenario YAML (scenarios/README.md). Steps: one per command (grouped when there
 * are more than the format's 1000 steps allow), ADVANCE before each for the simulated seconds
 * since the previous one, and a last step running on to `untilMs`.
 */
export function experimentToScenarioYaml(e: Experiment): string {
  const MAX_STEPS = 1000;
  let state = experimentStart(e);
  const steps: { title: string; narration: string; actions: Record<string, unknown>[] }[] = [];
  const perStep = Math.max(1, Math.ceil(e.log.length / (MAX_STEPS - 1)));
  let current: (typeof steps)[number] | undefined;
  // One step per user action: commands sent together (joined, one drop = one undo step) share the
  // step of the first, and scenarioToExperiment joins them again — undo after a reload still
  // undoes the whole action.
  let actionCount = 0;
  e.log.forEach((entry) => {
    const startsAction = entry.joined !== true;
    if (startsAction) actionCount++;
    const actions: Record<string, unknown>[] = [];
    if (entry.at > state.now) {
      actions.push({ type: 'ADVANCE', seconds: (entry.at - state.now) / 1000 });
      state = advance(state, entry.at - state.now);
    }
    const title = describeCommand(entry.command, state);
    const action = actionFor(entry.command, state);
    const result = applyCommand(state, entry.command);
    if (action !== undefined && result.error === undefined) {
      actions.push(action);
      state = result.state;
    }
    if (current === undefined || (startsAction && (actionCount - 1) % perStep === 0)) {
      current = {
        title,
        narration: `At ${Math.round(entry.at / 1000)} s: ${title}.`,
        actions: [],
      };
      steps.push(current);
    }
    current.actions.push(...actions);
  });
  const rest = e.untilMs - state.now;
  const last = {
    title: 'Watch what the cluster does',
    narration: 'Simulated time runs on to where the experiment was saved.',
    actions: rest >= STEP_MS ? [{ type: 'ADVANCE', seconds: Math.floor(rest / STEP_MS) }] : [],
  };
  steps.push(last);
  const initial: Record<string, unknown> = { cluster: e.initial.cluster };
  if (e.initial.instances.length > 0) initial.instances = e.initial.instances;
  if (e.initial.taskDefinitions.length > 0) initial.taskDefinitions = e.initial.taskDefinitions;
  if (e.initial.services.length > 0) initial.services = e.initial.services.map(withoutType);
  const doc = {
    version: 1,
    id: scenarioIdFor(e.name),
    title: e.name,
    summary: 'An experiment saved from the Cluster Playground sandbox.',
    guideSection: 'Sandbox experiment',
    seed: e.seed,
    initial,
    steps: steps.map((s) =>
      s.actions.length > 0 ? s : { title: s.title, narration: s.narration },
    ),
  };
  return `# yaml-language-server: $schema=./schema.json\n${stringify(doc, { lineWidth: 0 })}`;
}

/**
 * A scenario as an experiment: its start, and every command its actions apply, logged at the
 * simulated time each was applied. Selectors are resolved as the runner resolves them; refused
 * actions, rejected registrations and planned actions change nothing and are not logged;
 * ADVANCE_UNTIL runs (one step at a time) until its condition holds or it times out.
 */
export function scenarioToExperiment(scenario: Scenario, speed: number, name?: string): Experiment {
  let state = experimentStart(scenario);
  const log: CommandLogEntry[] = [];
  // Commands of one step with no time between them are one user action (one undo step), as the
  // export writes a drop's several API calls.
  let joinNext = false;
  const apply = (command: SimCommand): void => {
    const result = applyCommand(state, command);
    if (result.error !== undefined) return;
    log.push({ at: state.now, command, ...(joinNext ? { joined: true as const } : {}) });
    joinNext = true;
    state = result.state;
  };
  for (const step of scenario.steps) {
    joinNext = false;
    for (const action of step.actions) {
      switch (action.kind) {
        case 'command':
        case 'taskCommand':
        case 'instanceCommand': {
          const command = actionCommand(state, action);
          if (command !== undefined && typeof command !== 'string') apply(command);
          break;
        }
        case 'advance': {
          const ms = Math.floor(action.ms / STEP_MS) * STEP_MS;
          if (ms > 0) {
            state = advance(state, ms);
            joinNext = false;
          }
          break;
        }
        case 'advanceUntil': {
          joinNext = false;
          const since = lastEventId(state);
          let elapsed = 0;
          while (
            !evaluateCondition(state, action.condition, since).ok &&
            elapsed < action.timeoutMs
          ) {
            state = advance(state, STEP_MS);
            elapsed += STEP_MS;
          }
          break;
        }
        default:
          break;
      }
    }
  }
  return {
    name: name ?? scenario.title,
    seed: scenario.seed,
    speed,
    initial: scenario.initial,
    log,
    untilMs: state.now,
  };
}
