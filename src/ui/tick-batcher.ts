/**
 * Sends the cluster machine the wall-clock time of animation frames in as few TICKs as keep the
 * simulation exactly where per-frame TICKs put it (issue 8: no allocation per frame in steady state).
 *
 * The simulation advances in whole STEP_MS steps (1 s): at 1× only one frame in ~60 completes one.
 * A TICK per frame made the machine take a transition, build a new snapshot and notify every panel
 * each frame just to add ~16 ms to `accumulatorMs`. Here the frames' wall time is held until it
 * completes a step (or would pass MAX_WALL_MS_PER_TICK, the machine's cap per TICK, which applies per
 * TICK, so no sum may exceed it), then sent as one TICK. The machine still owns the clock: speed and
 * owed time are read from its snapshot, and what it forgets, the held time is forgotten with:
 * - not running (PAUSE forgets owed time): held time is dropped;
 * - owed time changed by another event (RESET, LOAD, UNDO, REDO set it to 0): dropped, as those
 *   events would have dropped it had it been sent (if it was 0 already the change cannot be seen and
 *   the held time, under one cap, stays: the next step comes that much sooner);
 * - speed changed: the held time ran at the old speed, so it is sent converted to the new one
 *   (exact: every speed is a power of two) in TICKs within the cap; it completes no step.
 * Frames of more than the cap (a background tab resuming) are sent alone, capped as before.
 */
import type { ClusterActor } from '../machine/cluster-machine.ts';
import { completesStep, MAX_WALL_MS_PER_TICK } from '../machine/sim-clock.ts';

/** Contract: `frame(actor, wallMs)` once per animation frame; sends TICKs to `actor` as needed. */
export class TickBatcher {
  /** Wall ms of frames not yet sent. */
  private heldMs = 0;
  /** The machine's speed and owed time when the held time started (or was last sent). */
  private speed = 0;
  private owedMs = 0;
  private actor: ClusterActor | undefined;

  frame(actor: ClusterActor, wallMs: number): void {
    if (actor !== this.actor) {
      this.actor = actor;
      this.heldMs = 0;
    }
    const snapshot = actor.getSnapshot();
    let context = snapshot.context;
    // `value` rather than matches('running'): matches builds a state path array per call.
    if (snapshot.value !== 'running') {
      this.heldMs = 0;
      return;
    }
    if (this.heldMs > 0 && context.accumulatorMs !== this.owedMs) this.heldMs = 0;
    if (this.heldMs > 0 && context.speed !== this.speed) {
      let converted = (this.heldMs * this.speed) / context.speed;
      this.heldMs = 0;
      while (converted > 0) {
        const chunk = Math.min(converted, MAX_WALL_MS_PER_TICK);
        actor.send({ type: 'TICK', wallMs: chunk });
        converted -= chunk;
      }
      context = actor.getSnapshot().context;
    }
    if (this.heldMs > 0 && this.heldMs + wallMs > MAX_WALL_MS_PER_TICK) {
      actor.send({ type: 'TICK', wallMs: this.heldMs });
      this.heldMs = 0;
      context = actor.getSnapshot().context;
    }
    if (this.heldMs === 0) {
      this.speed = context.speed;
      this.owedMs = context.accumulatorMs;
    }
    this.heldMs += wallMs;
    if (
      this.heldMs >= MAX_WALL_MS_PER_TICK ||
      completesStep(this.owedMs, this.heldMs, this.speed)
    ) {
      actor.send({ type: 'TICK', wallMs: this.heldMs });
      this.heldMs = 0;
    }
  }
}
