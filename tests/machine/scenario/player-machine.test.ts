import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import {
  allAnswered,
  playerFocus,
  playerMachine,
  playerSimState,
  playerStep,
} from '../../../src/machine/scenario/player-machine.ts';
import { runScenario, stateAtStep } from '../../../src/machine/scenario/runner.ts';
import { loadFixture } from './fixture.ts';

function start(dwellMs = 0) {
  const scenario = loadFixture();
  const actor = createActor(playerMachine, { input: { scenario, dwellMs } });
  actor.start();
  return { actor, scenario };
}

/** Sends TICKs of 250 ms wall time until `done` holds or `max` ticks pass. */
function tickUntil(
  actor: ReturnType<typeof start>['actor'],
  done: () => boolean,
  max = 10_000,
): number {
  let n = 0;
  while (!done() && n < max) {
    actor.send({ type: 'TICK', wallMs: 250 });
    n++;
  }
  return n;
}

describe('scenario player machine', () => {
  it('starts idle at the start of step 0 with the starting cluster', () => {
    const { actor, scenario } = start();
    const snap = actor.getSnapshot();
    expect(snap.value).toBe('idle');
    expect(snap.context.position).toMatchObject({ stepIndex: 0, done: false });
    expect(playerSimState(snap.context)).toEqual(stateAtStep(scenario, 0));
    expect(playerStep(snap.context)?.title).toBe('Create the service');
  });

  it('plays step 0 in simulated time from TICKs and judges it at its end', () => {
    const { actor } = start();
    actor.send({ type: 'SET_SPEED', speed: 64 });
    actor.send({ type: 'PLAY' });
    const ticks = tickUntil(actor, () => actor.getSnapshot().context.position.done);
    // 120 s of simulated time at 64× with 250 ms ticks = 16 s per tick → 8 ticks.
    expect(ticks).toBe(8);
    const ctx = actor.getSnapshot().context;
    expect(ctx.timeline.results[0]?.ok).toBe(true);
    expect(playerFocus(ctx)).toEqual({ kind: 'service', id: 'web' });
  });

  it('pauses at the end of a step with unanswered questions, continues after ANSWER + PLAY', () => {
    const { actor } = start();
    actor.send({ type: 'SET_SPEED', speed: 64 });
    actor.send({ type: 'PLAY' });
    tickUntil(actor, () => actor.getSnapshot().value === 'paused');
    const ctx = actor.getSnapshot().context;
    expect(ctx.position).toMatchObject({ stepIndex: 1, done: true });
    expect(allAnswered(ctx, 1)).toBe(false);
    actor.send({ type: 'ANSWER', step: 1, question: 0, choice: 1 });
    expect(actor.getSnapshot().context.answers).toEqual({ '1:0': 1 });
    actor.send({ type: 'PLAY' });
    expect(actor.getSnapshot().context.position).toMatchObject({ stepIndex: 2, done: false });
    tickUntil(actor, () => actor.getSnapshot().value === 'finished');
    expect(actor.getSnapshot().value).toBe('finished');
  });

  it('a played run ends in exactly the state of the headless run', () => {
    const { actor, scenario } = start();
    actor.send({ type: 'ANSWER', step: 1, question: 0, choice: 0 });
    actor.send({ type: 'SET_SPEED', speed: 16 });
    actor.send({ type: 'PLAY' });
    tickUntil(actor, () => actor.getSnapshot().value === 'finished');
    expect(playerSimState(actor.getSnapshot().context)).toEqual(runScenario(scenario).finalState);
  });

  it('NEXT goes to the end of the step, then the start of the next; PREV mirrors it exactly', () => {
    const { actor, scenario } = start();
    actor.send({ type: 'NEXT' });
    let ctx = actor.getSnapshot().context;
    expect(actor.getSnapshot().value).toBe('paused');
    expect(ctx.position).toMatchObject({ stepIndex: 0, done: true });
    expect(playerSimState(ctx)).toEqual(stateAtStep(scenario, 1));
    actor.send({ type: 'NEXT' });
    ctx = actor.getSnapshot().context;
    expect(ctx.position).toMatchObject({ stepIndex: 1, done: false });
    actor.send({ type: 'NEXT' });
    expect(playerSimState(actor.getSnapshot().context)).toEqual(stateAtStep(scenario, 2));
    actor.send({ type: 'PREV' });
    expect(actor.getSnapshot().context.position).toMatchObject({ stepIndex: 1, done: false });
    expect(playerSimState(actor.getSnapshot().context)).toEqual(stateAtStep(scenario, 1));
    actor.send({ type: 'PREV' });
    expect(actor.getSnapshot().context.position).toMatchObject({ stepIndex: 0, done: true });
    expect(playerSimState(actor.getSnapshot().context)).toEqual(stateAtStep(scenario, 1));
  });

  it('going back mid-step returns to the exact start of the step', () => {
    const { actor, scenario } = start();
    actor.send({ type: 'JUMP', step: 1 });
    actor.send({ type: 'PLAY' });
    actor.send({ type: 'TICK', wallMs: 250 });
    actor.send({ type: 'TICK', wallMs: 250 });
    expect(actor.getSnapshot().context.position.progress.actionIndex).toBeGreaterThan(0);
    actor.send({ type: 'PAUSE' });
    actor.send({ type: 'PREV' });
    const ctx = actor.getSnapshot().context;
    expect(ctx.position).toMatchObject({ stepIndex: 1, done: false });
    expect(ctx.position.progress.actionIndex).toBe(0);
    expect(playerSimState(ctx)).toEqual(stateAtStep(scenario, 1));
  });

  it('JUMP to the end of the last step, NEXT finishes, RESTART returns to idle at step 0', () => {
    const { actor, scenario } = start();
    actor.send({ type: 'JUMP', step: 2, at: 'end' });
    expect(playerSimState(actor.getSnapshot().context)).toEqual(stateAtStep(scenario, 3));
    expect(actor.getSnapshot().context.timeline.results.map((r) => r?.ok)).toEqual([
      true,
      true,
      true,
    ]);
    actor.send({ type: 'NEXT' });
    expect(actor.getSnapshot().value).toBe('finished');
    actor.send({ type: 'RESTART' });
    expect(actor.getSnapshot().value).toBe('idle');
    expect(actor.getSnapshot().context.position).toMatchObject({ stepIndex: 0, done: false });
  });

  it('TOGGLE switches between playing and paused; speeds are clamped to the offered ones', () => {
    const { actor } = start();
    actor.send({ type: 'TOGGLE' });
    expect(actor.getSnapshot().value).toBe('playing');
    actor.send({ type: 'TOGGLE' });
    expect(actor.getSnapshot().value).toBe('paused');
    actor.send({ type: 'SET_SPEED', speed: 1000 });
    expect(actor.getSnapshot().context.speed).toBe(64);
    actor.send({ type: 'SPEED_DOWN' });
    expect(actor.getSnapshot().context.speed).toBe(32);
  });

  it('with a dwell, the finished step stays up before the next one starts', () => {
    const { actor } = start(1000);
    actor.send({ type: 'SET_SPEED', speed: 64 });
    actor.send({ type: 'PLAY' });
    tickUntil(actor, () => actor.getSnapshot().context.position.done);
    actor.send({ type: 'TICK', wallMs: 250 });
    expect(actor.getSnapshot().context.position).toMatchObject({ stepIndex: 0, done: true });
    tickUntil(actor, () => actor.getSnapshot().context.position.stepIndex === 1);
    expect(actor.getSnapshot().context.position).toMatchObject({ stepIndex: 1, done: false });
  });

  it('ignores an answer for a question that does not exist', () => {
    const { actor } = start();
    actor.send({ type: 'ANSWER', step: 0, question: 0, choice: 0 });
    actor.send({ type: 'ANSWER', step: 1, question: 0, choice: 9 });
    expect(actor.getSnapshot().context.answers).toEqual({});
  });
});
