/**
 * The player's position arithmetic, pure and xstate-free: checkpoints (the exact state after k
 * steps, computed once by deterministic replay and kept), and moving to the start or the end of
 * any step. Every backward move lands on a checkpoint, so going back is exact.
 */
import type { SimState } from '../../sim/index.ts';
import type { Scenario } from '../../formats/scenario-types.ts';
import { initialState, judgeStep, runStep } from './runner.ts';
import type { StepResult } from './runner.ts';
import { beginStep, runActions } from './step-executor.ts';
import type { StepProgress } from './step-executor.ts';

/** Exact states at step boundaries and the verdicts of the steps computed so far. */
export interface Timeline {
  readonly scenario: Scenario;
  readonly seed: number;
  /** checkpoints[k] = state after k steps (checkpoints[0] = the starting cluster). */
  readonly checkpoints: readonly SimState[];
  /** results[i] = verdict of step i, once it has been completed. */
  readonly results: readonly (StepResult | undefined)[];
  readonly initialErrors: readonly string[];
}

/** A timeline with only the starting cluster computed. Pure. */
export function createTimeline(scenario: Scenario, seed = scenario.seed): Timeline {
  const start = initialState(scenario, { seed });
  return { scenario, seed, checkpoints: [start.state], results: [], initialErrors: start.errors };
}

/** Extends `timeline` so checkpoints[k] exists (k clamped to 0..steps). Pure; returns it unchanged if cached. */
export function ensureCheckpoint(timeline: Timeline, k: number): Timeline {
  const target = Math.max(0, Math.min(k, timeline.scenario.steps.length));
  if (timeline.checkpoints.length > target) return timeline;
  const checkpoints = [...timeline.checkpoints];
  const results = [...timeline.results];
  while (checkpoints.length <= target) {
    const i = checkpoints.length - 1;
    const out = runStep(timeline.scenario, checkpoints[i] as SimState, i);
    checkpoints.push(out.state);
    results[i] = out.result;
  }
  return { ...timeline, checkpoints, results };
}

/** Where the player is. `done` ⇔ step `stepIndex` has run all its actions and was judged. */
export interface Position {
  readonly stepIndex: number;
  readonly progress: StepProgress;
  readonly done: boolean;
}

/** The start of step `i` (nothing of it run yet). Pure. */
export function startOf(timeline: Timeline, i: number): { timeline: Timeline; position: Position } {
  const last = Math.max(0, timeline.scenario.steps.length - 1);
  const index = Math.max(0, Math.min(i, last));
  const t = ensureCheckpoint(timeline, index);
  const state = t.checkpoints[index] as SimState;
  return {
    timeline: t,
    position: { stepIndex: index, progress: beginStep(state, index), done: false },
  };
}

/** The end of step `i` (all of it run, judged), exactly as a full headless run reaches it. Pure. */
export function endOf(timeline: Timeline, i: number): { timeline: Timeline; position: Position } {
  const last = Math.max(0, timeline.scenario.steps.length - 1);
  const index = Math.max(0, Math.min(i, last));
  const t = ensureCheckpoint(timeline, index + 1);
  // Re-run the step from its start checkpoint to get its outcomes list (cheap: one step).
  const progress = runActions(
    t.scenario,
    beginStep(t.checkpoints[index] as SimState, index),
    Infinity,
  );
  return {
    timeline: t,
    position: {
      stepIndex: index,
      progress: { ...progress, state: t.checkpoints[index + 1] as SimState },
      done: true,
    },
  };
}

/**
 * Plays `budgetMs` of simulated time of the current step. When the step finishes, it is judged,
 * its end state is replaced by the checkpoint (identical apart from `version` bookkeeping), and
 * its verdict is stored. Pure.
 */
export function playFor(
  timeline: Timeline,
  position: Position,
  budgetMs: number,
): { timeline: Timeline; position: Position; finishedStep: boolean } {
  if (position.done) return { timeline, position, finishedStep: false };
  const progress = runActions(timeline.scenario, position.progress, budgetMs);
  const step = timeline.scenario.steps[position.stepIndex];
  if (progress.actionIndex < (step?.actions.length ?? 0)) {
    return { timeline, position: { ...position, progress }, finishedStep: false };
  }
  const t = ensureCheckpoint(timeline, position.stepIndex + 1);
  const results = [...t.results];
  results[position.stepIndex] ??= judgeStep(t.scenario, progress);
  const exact = { ...progress, state: t.checkpoints[position.stepIndex + 1] as SimState };
  return {
    timeline: { ...t, results },
    position: { ...position, progress: exact, done: true },
    finishedStep: true,
  };
}
