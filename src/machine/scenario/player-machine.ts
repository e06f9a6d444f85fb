/**
 * The scenario player (xstate v5): idle → playing ⇄ paused → finished. A position is the start,
 * the middle or the end of one step. While playing, TICK {wallMs} runs the current step's
 * actions in simulated time (speed × wall time, whole STEP_MS steps); when a step ends it is
 * judged (ticks/crosses), the narration stays up for `dwellMs`, then the next step starts.
 * NEXT/PREV/JUMP/RESTART land on exact states: step boundaries come from deterministic replay
 * (timeline.ts), never from undoing. Wall time enters only through TICK, so tests drive it.
 *
 * NEXT: mid-step → end of this step; at its end → start of the next (or finished after the last).
 * PREV: mid-step or at its end → start of this step; at its start → end of the previous step.
 * JUMP {step, at?}: start (default) or end of any step. A step with questions pauses at its end.
 */
import { assertEvent, assign, setup } from 'xstate';
import type { ActorRefFrom, SnapshotFrom } from 'xstate';
import { STEP_MS } from '../../sim/index.ts';
import type { EntityRef, SimState } from '../../sim/index.ts';
import type { Scenario, ScenarioStep } from '../../formats/scenario-types.ts';
import { DEFAULT_SPEED, clampSpeed, planSteps, stepSpeed } from '../sim-clock.ts';
import type { Speed } from '../sim-clock.ts';
import { resolveFocus } from './selectors.ts';
import { createTimeline, endOf, playFor, startOf } from './timeline.ts';
import type { Position, Timeline } from './timeline.ts';

/** Wall ms a finished step's narration stays up before the next step starts (while playing). */
export const DEFAULT_DWELL_MS = 3000;

export interface PlayerContext {
  readonly timeline: Timeline;
  readonly position: Position;
  readonly speed: Speed;
  /** Simulated ms owed from fractional ticks. */
  readonly accumulatorMs: number;
  /** Wall ms left before auto-advancing past a finished step. */
  readonly dwellLeftMs: number;
  readonly dwellMs: number;
  /** Chosen answers, keyed "step:question" (0-based). */
  readonly answers: Readonly<Record<string, number>>;
}

export type PlayerEvent =
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  | { type: 'TOGGLE' }
  | { type: 'NEXT' }
  | { type: 'PREV' }
  | { type: 'RESTART' }
  | { type: 'JUMP'; step: number; at?: 'start' | 'end' }
  | { type: 'SET_SPEED'; speed: number }
  | { type: 'SPEED_UP' }
  | { type: 'SPEED_DOWN' }
  | { type: 'TICK'; wallMs: number }
  | { type: 'ANSWER'; step: number; question: number; choice: number }
  | { type: 'LOAD'; scenario: Scenario; seed?: number };

export interface PlayerInput {
  readonly scenario: Scenario;
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  readonly speed?: number;
  readonly dwellMs?: number;
}

/** The key of an answer in `answers`. */
export const answerKey = (step: number, question: number): string => `${step}:${question}`;

function fresh(
  scenario: Scenario,
  seed: number | undefined,
): Pick<PlayerContext, 'timeline' | 'position'> {
  const moved = startOf(createTimeline(scenario, seed ?? scenario.seed), 0);
  return { timeline: moved.timeline, position: moved.position };
}

const isLastStep = (ctx: PlayerContext): boolean =>
  ctx.position.stepIndex >= ctx.timeline.scenario.steps.length - 1;
const atStart = (p: Position): boolean =>
  !p.done && p.progress.actionIndex === 0 && p.progress.actionElapsedMs === 0;

/** True when every question of `step` (index `i`) has an answer. */
export function allAnswered(ctx: PlayerContext, i: number): boolean {
  const step = ctx.timeline.scenario.steps[i];
  return (step?.questions ?? []).every((_, q) => ctx.answers[answerKey(i, q)] !== undefined);
}

export const playerMachine = setup({
  types: { context: {} as PlayerContext, events: {} as PlayerEvent, input: {} as PlayerInput },
  guards: {
    'step done and last': ({ context }) => context.position.done && isLastStep(context),
    'step done with open questions': ({ context }) =>
      context.position.done && !allAnswered(context, context.position.stepIndex),
    'dwell over at the last step': ({ context }) =>
      context.position.done && context.dwellLeftMs <= 0 && isLastStep(context),
  },
  actions: {
    'play tick': assign(({ context, event }) => {
      assertEvent(event, 'TICK');
      if (context.position.done) {
        const dwellLeftMs = context.dwellLeftMs - Math.max(0, event.wallMs);
        if (dwellLeftMs > 0 || isLastStep(context)) return { dwellLeftMs };
        const moved = startOf(context.timeline, context.position.stepIndex + 1);
        return { ...moved, dwellLeftMs: 0, accumulatorMs: 0 };
      }
      const plan = planSteps(context.accumulatorMs, event.wallMs, context.speed);
      const out = playFor(context.timeline, context.position, plan.steps * STEP_MS);
      return {
        timeline: out.timeline,
        position: out.position,
        accumulatorMs: out.finishedStep ? 0 : plan.accumulatorMs,
        dwellLeftMs: out.finishedStep ? context.dwellMs : context.dwellLeftMs,
      };
    }),
    'go next': assign(({ context }) => {
      const { position, timeline } = context;
      const moved = position.done
        ? startOf(timeline, position.stepIndex + 1)
        : endOf(timeline, position.stepIndex);
      return { ...moved, accumulatorMs: 0, dwellLeftMs: moved.position.done ? context.dwellMs : 0 };
    }),
    'go back': assign(({ context }) => {
      const { position, timeline } = context;
      const moved =
        atStart(position) && position.stepIndex > 0
          ? endOf(timeline, position.stepIndex - 1)
          : startOf(timeline, position.stepIndex);
      return { ...moved, accumulatorMs: 0, dwellLeftMs: moved.position.done ? context.dwellMs : 0 };
    }),
    jump: assign(({ context, event }) => {
      assertEvent(event, 'JUMP');
      const moved =
        event.at === 'end'
          ? endOf(context.timeline, event.step)
          : startOf(context.timeline, event.step);
      return { ...moved, accumulatorMs: 0, dwellLeftMs: moved.position.done ? context.dwellMs : 0 };
    }),
    restart: assign(({ context }) => ({
      ...startOf(context.timeline, 0),
      accumulatorMs: 0,
      dwellLeftMs: 0,
    })),
    'go next if done': assign(({ context }) => {
      if (!context.position.done) return {};
      return {
        ...startOf(context.timeline, context.position.stepIndex + 1),
        accumulatorMs: 0,
        dwellLeftMs: 0,
      };
    }),
    'clear dwell': assign({ dwellLeftMs: 0 }),
    'set speed': assign(({ event }) => {
      assertEvent(event, 'SET_SPEED');
      return { speed: clampSpeed(event.speed) };
    }),
    'speed up': assign(({ context }) => ({ speed: stepSpeed(context.speed, 1) })),
    'slow down': assign(({ context }) => ({ speed: stepSpeed(context.speed, -1) })),
    answer: assign(({ context, event }) => {
      assertEvent(event, 'ANSWER');
      const question = context.timeline.scenario.steps[event.step]?.questions[event.question];
      if (question === undefined || event.choice < 0 || event.choice >= question.choices.length)
        return {};
      return {
        answers: { ...context.answers, [answerKey(event.step, event.question)]: event.choice },
      };
    }),
    load: assign(({ event }) => {
      assertEvent(event, 'LOAD');
      return {
        ...fresh(event.scenario, event.seed),
        answers: {},
        accumulatorMs: 0,
        dwellLeftMs: 0,
      };
    }),
    'forget owed time': assign({ accumulatorMs: 0 }),
  },
}).createMachine({
  id: 'scenarioPlayer',
  context: ({ input }) => ({
    ...fresh(input.scenario, input.seed),
    speed: clampSpeed(input.speed ?? DEFAULT_SPEED),
    accumulatorMs: 0,
    dwellLeftMs: 0,
    dwellMs: input.dwellMs ?? DEFAULT_DWELL_MS,
    answers: {},
  }),
  initial: 'idle',
  on: {
    SET_SPEED: { actions: 'set speed' },
    SPEED_UP: { actions: 'speed up' },
    SPEED_DOWN: { actions: 'slow down' },
    ANSWER: { actions: 'answer' },
    RESTART: { target: '.idle', actions: 'restart' },
    LOAD: { target: '.idle', actions: 'load' },
  },
  states: {
    idle: {
      on: {
        PLAY: { target: 'playing' },
        TOGGLE: { target: 'playing' },
        NEXT: [
          { guard: 'step done and last', target: 'finished' },
          { target: 'paused', actions: 'go next' },
        ],
        PREV: { target: 'paused', actions: 'go back' },
        JUMP: { target: 'paused', actions: 'jump' },
      },
    },
    playing: {
      always: [
        { guard: 'step done with open questions', target: 'paused', actions: 'clear dwell' },
        { guard: 'dwell over at the last step', target: 'finished' },
      ],
      on: {
        TICK: { actions: 'play tick' },
        PAUSE: { target: 'paused' },
        TOGGLE: { target: 'paused' },
        NEXT: [{ guard: 'step done and last', target: 'finished' }, { actions: 'go next' }],
        PREV: { actions: 'go back' },
        JUMP: { actions: 'jump' },
      },
    },
    paused: {
      entry: 'forget owed time',
      on: {
        PLAY: [
          { guard: 'step done and last', target: 'finished' },
          { target: 'playing', actions: 'go next if done' },
        ],
        TOGGLE: [
          { guard: 'step done and last', target: 'finished' },
          { target: 'playing', actions: 'go next if done' },
        ],
        NEXT: [{ guard: 'step done and last', target: 'finished' }, { actions: 'go next' }],
        PREV: { actions: 'go back' },
        JUMP: { actions: 'jump' },
      },
    },
    finished: {
      on: {
        PLAY: { target: 'playing', actions: 'restart' },
        TOGGLE: { target: 'playing', actions: 'restart' },
        PREV: { target: 'paused', actions: 'go back' },
        JUMP: { target: 'paused', actions: 'jump' },
      },
    },
  },
});

/** A running player. */
export type PlayerActor = ActorRefFrom<typeof playerMachine>;
/** One snapshot of it. */
export type PlayerSnapshot = SnapshotFrom<typeof playerMachine>;

/** The simulation state the player shows now (exact at step boundaries). */
export function playerSimState(ctx: PlayerContext): SimState {
  return ctx.position.progress.state;
}

/** The step being shown. */
export function playerStep(ctx: PlayerContext): ScenarioStep | undefined {
  return ctx.timeline.scenario.steps[ctx.position.stepIndex];
}

/** What the canvas should highlight now (the step's focus resolved in the current state). */
export function playerFocus(ctx: PlayerContext): EntityRef | undefined {
  const focus = playerStep(ctx)?.focus;
  return focus === undefined ? undefined : resolveFocus(playerSimState(ctx), focus);
}
