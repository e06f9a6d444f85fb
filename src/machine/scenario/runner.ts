/**
 * The headless scenario runner: builds the starting cluster, runs every step's actions in order
 * and checks its expectations when the step completes. Deterministic (same scenario and seed →
 * same results), so "the state at step n" is recomputed by replay: going back is exact.
 * Pure: no xstate, no I/O, no clocks.
 */
import { applyCommand, createDefaultCluster, createSimulation } from '../../sim/index.ts';
import type { EntityRef, SimCommand, SimState } from '../../sim/index.ts';
import type { Scenario } from '../../formats/scenario-types.ts';
import { evaluateCondition } from './conditions.ts';
import type { ConditionResult } from './conditions.ts';
import { beginStep, runActions } from './step-executor.ts';
import type { ActionOutcome, StepProgress } from './step-executor.ts';
import { resolveFocus } from './selectors.ts';
import { summarizeState } from './summary.ts';
import type { StateSummary } from './summary.ts';

/** Options of a run. `seed` overrides the scenario's seed (`run FILE --seed N`). */
export interface RunOptions {
  readonly seed?: number;
}

/** One expectation's verdict (an expectation written in `expect:`). */
export interface ExpectationResult extends ConditionResult {
  /** 1-based line in the scenario file. */
  readonly line: number;
}

/** The result of one step. `ok` ⇔ every action succeeded as intended and every expectation held. */
export interface StepResult {
  readonly index: number;
  readonly id?: string;
  readonly title: string;
  readonly actions: readonly ActionOutcome[];
  readonly expectations: readonly ExpectationResult[];
  /** The first failed action's message, if any. */
  readonly error?: string;
  /** What the step's focus resolved to at its end (undefined if none or gone). */
  readonly focus?: EntityRef;
  readonly ok: boolean;
}

export interface RunSummary {
  readonly steps: number;
  readonly expectations: number;
  readonly passed: number;
  readonly failed: number;
  /** Steps with a failed action. */
  readonly stepErrors: number;
  readonly ok: boolean;
}

export interface ScenarioRun {
  readonly seed: number;
  /** Commands of `initial` that the core refused (the run fails when there are any). */
  readonly initialErrors: readonly string[];
  readonly steps: readonly StepResult[];
  readonly finalState: SimState;
  readonly summary: RunSummary;
}

/**
 * The cluster before step 0: the default cluster or an empty one, then `initial`'s instances,
 * task definitions and services, in that order. Pure.
 */
export function initialState(
  scenario: Scenario,
  options: RunOptions = {},
): { state: SimState; errors: string[] } {
  const seed = options.seed ?? scenario.seed;
  let state =
    scenario.initial.cluster === 'default'
      ? createDefaultCluster(seed)
      : createSimulation({ seed });
  const errors: string[] = [];
  const commands: SimCommand[] = [
    ...scenario.initial.instances.map((i): SimCommand => ({
      type: 'ADD_INSTANCE',
      instanceType: i.instanceType,
      ...(i.availabilityZone === undefined ? {} : { availabilityZone: i.availabilityZone }),
    })),
    ...scenario.initial.taskDefinitions.map((td): SimCommand => ({
      type: 'REGISTER_TASK_DEFINITION',
      taskDefinition: td,
    })),
    ...scenario.initial.services,
  ];
  for (const command of commands) {
    const result = applyCommand(state, command);
    if (result.error === undefined) state = result.state;
    else errors.push(`initial ${command.type}: ${result.error}`);
  }
  return { state, errors };
}

/** Runs step `index` to completion from `state` and judges it. Pure. */
export function runStep(
  scenario: Scenario,
  state: SimState,
  index: number,
): { state: SimState; result: StepResult } {
  const progress = runActions(scenario, beginStep(state, index), Infinity);
  return { state: progress.state, result: judgeStep(scenario, progress) };
}

/** Judges a finished step: its action outcomes plus its expectations at the end state. Pure. */
export function judgeStep(scenario: Scenario, progress: StepProgress): StepResult {
  const step = scenario.steps[progress.stepIndex];
  const expectations = (step?.expect ?? []).map((e): ExpectationResult => ({
    ...evaluateCondition(progress.state, e.condition, progress.stepStartEventId),
    line: e.source.line,
  }));
  // An action's `expectError` is an expectation too: it shows as a tick or a cross.
  const refusals = (step?.actions ?? []).flatMap((action, i): ExpectationResult[] => {
    const outcome = progress.outcomes[i];
    if (action.expectError === undefined || outcome === undefined) return [];
    return [
      {
        description: `${action.type} is refused with "${action.expectError}"`,
        ok: outcome.ok,
        actual: outcome.ok
          ? (outcome.note ?? '').replace(/^refused as expected: /, '')
          : (outcome.message ?? ''),
        line: action.source.line,
      },
    ];
  });
  expectations.unshift(...refusals);
  const failedAction = progress.outcomes.find((o) => !o.ok && !isRefusal(step, o.index));
  const focus = step?.focus === undefined ? undefined : resolveFocus(progress.state, step.focus);
  return {
    index: progress.stepIndex,
    ...(step?.id === undefined ? {} : { id: step.id }),
    title: step?.title ?? '',
    actions: progress.outcomes,
    expectations,
    ...(failedAction === undefined
      ? {}
      : { error: `${failedAction.type}: ${failedAction.message ?? 'failed'}` }),
    ...(focus === undefined ? {} : { focus }),
    ok: failedAction === undefined && expectations.every((e) => e.ok),
  };
}

/** True when action `index` of `step` carries an `expectError` (its verdict is an expectation). */
function isRefusal(step: Scenario['steps'][number] | undefined, index: number): boolean {
  return step?.actions[index]?.expectError !== undefined;
}

/** Runs the whole scenario headless. Pure and deterministic. */
export function runScenario(scenario: Scenario, options: RunOptions = {}): ScenarioRun {
  const start = initialState(scenario, options);
  let state = start.state;
  const steps: StepResult[] = [];
  for (let i = 0; i < scenario.steps.length; i++) {
    const out = runStep(scenario, state, i);
    state = out.state;
    steps.push(out.result);
  }
  const all = steps.flatMap((s) => s.expectations);
  const passed = all.filter((e) => e.ok).length;
  const stepErrors = steps.filter((s) => s.error !== undefined).length;
  return {
    seed: options.seed ?? scenario.seed,
    initialErrors: start.errors,
    steps,
    finalState: state,
    summary: {
      steps: steps.length,
      expectations: all.length,
      passed,
      failed: all.length - passed,
      stepErrors,
      ok: start.errors.length === 0 && steps.every((s) => s.ok),
    },
  };
}

/**
 * The state after the first `n` steps (0 = the starting cluster, steps.length = the end), by
 * deterministic replay from the start: exactly the state a full run passes through. Pure.
 */
export function stateAtStep(scenario: Scenario, n: number, options: RunOptions = {}): SimState {
  let state = initialState(scenario, options).state;
  const last = Math.max(0, Math.min(n, scenario.steps.length));
  for (let i = 0; i < last; i++) state = runStep(scenario, state, i).state;
  return state;
}

/** The `--json` view of a run: its step verdicts and a summary of the final state. */
export function runToJson(run: ScenarioRun): {
  seed: number;
  summary: RunSummary;
  initialErrors: readonly string[];
  steps: readonly StepResult[];
  finalState: StateSummary;
} {
  return {
    seed: run.seed,
    summary: run.summary,
    initialErrors: run.initialErrors,
    steps: run.steps,
    finalState: summarizeState(run.finalState),
  };
}
