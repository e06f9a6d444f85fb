/**
 * Runs one scenario step's actions, incrementally: `runActions` spends at most a budget of
 * simulated time, so the player can animate an ADVANCE over many frames while the headless
 * runner spends an infinite budget. Time only moves in whole STEP_MS steps (as `advance` does),
 * so a step played frame by frame ends in the same state as a step run at once. Pure.
 */
import { STEP_MS, advance, applyCommand } from '../../sim/index.ts';
import type { CommandResult, SimCommand, SimState } from '../../sim/index.ts';
import type { Scenario, ScenarioAction } from '../../formats/scenario-types.ts';
import { evaluateCondition, lastEventId } from './conditions.ts';
import type { ConditionResult } from './conditions.ts';
import { describeSelector, pickInstance, pickTask } from './selectors.ts';

/** What happened to one action. `ok: false` fails the step. */
export interface ActionOutcome {
  readonly index: number;
  readonly type: string;
  readonly ok: boolean;
  /** The API error, the unmatched expectation, or why nothing could be done. */
  readonly message?: string;
  /** Informational: e.g. a planned action that the simulator does not model yet. */
  readonly note?: string;
}

/** Where a step is: the state so far and the next action to run. */
export interface StepProgress {
  readonly stepIndex: number;
  readonly actionIndex: number;
  readonly state: SimState;
  /** Simulated ms already spent in the current ADVANCE / ADVANCE_UNTIL. */
  readonly actionElapsedMs: number;
  /** Newest event id when the step began (expectations look at events after it). */
  readonly stepStartEventId: number;
  /** Newest event id when the current action began (for ADVANCE_UNTIL on an event). */
  readonly actionStartEventId: number;
  readonly outcomes: readonly ActionOutcome[];
}

/** Starts step `stepIndex` from `state`. Pure. */
export function beginStep(state: SimState, stepIndex: number): StepProgress {
  const id = lastEventId(state);
  return {
    stepIndex,
    actionIndex: 0,
    state,
    actionElapsedMs: 0,
    stepStartEventId: id,
    actionStartEventId: id,
    outcomes: [],
  };
}

/** True when every action of the step has run. */
export function isStepDone(scenario: Scenario, progress: StepProgress): boolean {
  return progress.actionIndex >= (scenario.steps[progress.stepIndex]?.actions.length ?? 0);
}

/** Actions that the simulator does not model yet, and which issue brings them. */
const PLANNED_NOTES: Readonly<Record<string, string>> = {};

/**
 * Runs actions from `progress` until the step is done or `budgetMs` of simulated time is spent
 * (instant actions cost nothing). Returns the new progress. Pure.
 */
export function runActions(
  scenario: Scenario,
  progress: StepProgress,
  budgetMs: number,
): StepProgress {
  const step = scenario.steps[progress.stepIndex];
  if (step === undefined) return progress;
  let p = progress;
  let budget = budgetMs;
  while (p.actionIndex < step.actions.length) {
    const action = step.actions[p.actionIndex] as ScenarioAction;
    if (action.kind === 'advance' || action.kind === 'advanceUntil') {
      const timed = runTimed(action, p, budget);
      budget -= timed.spentMs;
      p = timed.progress;
      if (!timed.done) return p;
      continue;
    }
    const { state, outcome } = runInstant(action, p.actionIndex, p.state);
    p = next(p, state, outcome);
  }
  return p;
}

function next(p: StepProgress, state: SimState, outcome: ActionOutcome): StepProgress {
  return {
    ...p,
    state,
    actionIndex: p.actionIndex + 1,
    actionElapsedMs: 0,
    actionStartEventId: lastEventId(state),
    outcomes: [...p.outcomes, outcome],
  };
}

function runTimed(
  action: Extract<ScenarioAction, { kind: 'advance' | 'advanceUntil' }>,
  p: StepProgress,
  budgetMs: number,
): { progress: StepProgress; spentMs: number; done: boolean } {
  const steps = (ms: number): number => Math.floor(ms / STEP_MS);
  const affordable = budgetMs === Infinity ? Infinity : steps(budgetMs);
  if (action.kind === 'advance') {
    const remaining = steps(action.ms) - steps(p.actionElapsedMs);
    const n = Math.min(remaining, affordable);
    const state = n > 0 ? advance(p.state, n * STEP_MS) : p.state;
    const spentMs = n * STEP_MS;
    if (n < remaining)
      return {
        progress: { ...p, state, actionElapsedMs: p.actionElapsedMs + spentMs },
        spentMs,
        done: false,
      };
    return {
      progress: next(p, state, { index: p.actionIndex, type: action.type, ok: true }),
      spentMs,
      done: true,
    };
  }
  // ADVANCE_UNTIL: check, then one STEP_MS at a time, until the condition holds or time is up.
  let state = p.state;
  let elapsed = p.actionElapsedMs;
  let spent = 0;
  let check: ConditionResult = evaluateCondition(state, action.condition, p.actionStartEventId);
  while (!check.ok && elapsed < action.timeoutMs) {
    if (spent / STEP_MS >= affordable) {
      return { progress: { ...p, state, actionElapsedMs: elapsed }, spentMs: spent, done: false };
    }
    state = advance(state, STEP_MS);
    elapsed += STEP_MS;
    spent += STEP_MS;
    check = evaluateCondition(state, action.condition, p.actionStartEventId);
  }
  const outcome: ActionOutcome = check.ok
    ? {
        index: p.actionIndex,
        type: action.type,
        ok: true,
        note: `after ${elapsed / 1000} s: ${check.actual}`,
      }
    : {
        index: p.actionIndex,
        type: action.type,
        ok: false,
        message: `timed out after ${action.timeoutMs / 1000} s waiting for ${check.description} (actual: ${check.actual})`,
      };
  return { progress: next(p, state, outcome), spentMs: spent, done: true };
}

/** Applies one instant action; resolves task/instance selectors against `state` first. */
function runInstant(
  action: ScenarioAction,
  index: number,
  state: SimState,
): { state: SimState; outcome: ActionOutcome } {
  const type = action.type;
  const outcome = (ok: boolean, message?: string, note?: string): ActionOutcome => ({
    index,
    type,
    ok,
    ...(message === undefined ? {} : { message }),
    ...(note === undefined ? {} : { note }),
  });
  const resolved = actionCommand(state, action);
  if (typeof resolved === 'string') return { state, outcome: outcome(false, resolved) };
  if (resolved !== undefined) {
    const result = applyCommand(state, resolved);
    const judged = judge(action.expectError, result, outcome);
    return { state: result.error === undefined ? result.state : state, outcome: judged };
  }
  switch (action.kind) {
    case 'rejectedRegistration':
      // The validator refused it at load time, exactly as RegisterTaskDefinition would.
      return {
        state,
        outcome: judge(action.expectError, { state, error: action.messages.join(' ') }, outcome),
      };
    case 'planned':
      return {
        state,
        outcome: outcome(
          true,
          undefined,
          PLANNED_NOTES[action.type] ?? `${action.type} is not simulated yet`,
        ),
      };
    default:
      return { state, outcome: outcome(false, `${type} cannot run here`) };
  }
}

/**
 * The API command an action sends, its task/instance selector resolved against `state` as the
 * runner resolves it: a command, the reason no object matched, or undefined for actions that
 * send none (timed, planned, rejected registrations). Pure; shared with the experiment export.
 */
export function actionCommand(
  state: SimState,
  action: ScenarioAction,
): SimCommand | string | undefined {
  switch (action.kind) {
    case 'command':
      return action.command;
    case 'taskCommand': {
      const task = pickTask(state, action.task);
      if (task === undefined) return `no task matches ${describeSelector(action.task)}`;
      if (action.type === 'SPOT_INTERRUPTION')
        return { type: 'SPOT_INTERRUPTION', taskId: task.id };
      return action.type === 'STOP_TASK'
        ? {
            type: 'STOP_TASK',
            taskId: task.id,
            ...(action.reason === undefined ? {} : { reason: action.reason }),
          }
        : {
            type: 'CRASH_TASK',
            taskId: task.id,
            ...(action.exitCode === undefined ? {} : { exitCode: action.exitCode }),
          };
    }
    case 'instanceCommand': {
      const inst = pickInstance(state, action.instance);
      if (inst === undefined) return `no instance matches ${describeSelector(action.instance)}`;
      return { type: action.type, instanceId: inst.id };
    }
    default:
      return undefined;
  }
}

/** Compares an API result with the action's `expectError`. */
function judge(
  expectError: string | undefined,
  result: CommandResult<SimState>,
  outcome: (ok: boolean, message?: string, note?: string) => ActionOutcome,
): ActionOutcome {
  const failures = result.failures?.map((f) => f.reason).join(', ');
  if (expectError === undefined) {
    if (result.error !== undefined) return outcome(false, result.error);
    return failures ? outcome(true, undefined, `failures: ${failures}`) : outcome(true);
  }
  if (result.error === undefined)
    return outcome(false, `expected a refusal containing "${expectError}", but it succeeded`);
  if (!result.error.includes(expectError)) {
    return outcome(false, `expected a refusal containing "${expectError}", got: ${result.error}`);
  }
  return outcome(true, undefined, `refused as expected: ${result.error}`);
}
