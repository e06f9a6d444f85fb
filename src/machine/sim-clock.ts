/**
 * Pure clock arithmetic for the machine's ticker: how wall-clock time becomes whole simulation steps,
 * and which speeds the playground offers. No xstate here, so the rules are testable on their own.
 */
import { STEP_MS } from '../sim/index.ts';

/** Speeds the toolbar offers, slowest first (issue 2 asks for at least 0.25×–64×). */
export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64] as const;
export type Speed = (typeof SPEEDS)[number];

/** Speed a new playground starts at. */
export const DEFAULT_SPEED: Speed = 1;

/**
 * Longest wall-clock gap one TICK may account for. A background tab that resumes after a minute
 * reports a huge frame delta; replaying it all (3,840 steps at 64×) would freeze the page, so the
 * excess wall time is dropped, as game loops do ("spiral of death" guard).
 */
export const MAX_WALL_MS_PER_TICK = 250;

/** Pure: the allowed speed closest to `speed` (ties go to the slower one); non-finite → default. */
export function clampSpeed(speed: number): Speed {
  if (!Number.isFinite(speed)) return DEFAULT_SPEED;
  let best: Speed = SPEEDS[0];
  for (const s of SPEEDS) {
    if (Math.abs(s - speed) < Math.abs(best - speed)) best = s;
  }
  return best;
}

/** Pure: the next allowed speed up (+1) or down (−1) from `speed`, staying at the ends. */
export function stepSpeed(speed: number, direction: 1 | -1): Speed {
  const index = SPEEDS.indexOf(clampSpeed(speed));
  const next = Math.min(SPEEDS.length - 1, Math.max(0, index + direction));
  return SPEEDS[next] ?? DEFAULT_SPEED;
}

/** The outcome of one tick: whole steps to simulate now, and the simulated ms carried to the next tick. */
export interface StepPlan {
  readonly steps: number;
  readonly accumulatorMs: number;
}

/**
 * Pure: turns `wallMs` of real time at `speed` into whole STEP_MS simulation steps. The sim only
 * advances on its fixed step (so a run is the same at any frame rate); the remainder is carried in
 * `accumulatorMs`. Negative or non-finite wall time counts as 0; more than MAX_WALL_MS_PER_TICK is capped.
 */
export function planSteps(accumulatorMs: number, wallMs: number, speed: number): StepPlan {
  const wall = Number.isFinite(wallMs) ? Math.min(Math.max(wallMs, 0), MAX_WALL_MS_PER_TICK) : 0;
  const total = accumulatorMs + wall * clampSpeed(speed);
  const steps = Math.floor(total / STEP_MS);
  return { steps, accumulatorMs: total - steps * STEP_MS };
}

/**
 * Pure: whether `wallMs` (within MAX_WALL_MS_PER_TICK) at `speed` (one of SPEEDS) completes a step
 * from `accumulatorMs` — planSteps(...).steps > 0, without building a plan (the per-frame test of
 * ui/tick-batcher.ts).
 */
export function completesStep(accumulatorMs: number, wallMs: number, speed: number): boolean {
  return accumulatorMs + wallMs * speed >= STEP_MS;
}

/** Pure: simulated ms as a clock "hh:mm:ss" (hours keep counting past 24). */
export function formatSimTime(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
}

/** Pure: a speed as the toolbar shows it, e.g. "4×", "0.25×". */
export function formatSpeed(speed: number): string {
  return `${speed}×`;
}
