import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { createDefaultCluster } from '../../src/sim/index.ts';
import { clusterMachine, type ClusterEvent } from '../../src/machine/index.ts';
import { TickBatcher } from '../../src/ui/tick-batcher.ts';

function start() {
  const actor = createActor(clusterMachine, { input: { sim: createDefaultCluster(1) } });
  actor.start();
  return actor;
}

type Actor = ReturnType<typeof start>;

/** One frame's wall ms, optionally preceded by an event a user sends (both machines get it). */
interface Frame {
  readonly wallMs: number;
  readonly before?: ClusterEvent;
}

/**
 * Runs the same frames on two machines: one gets a TICK per running frame (what the app did before),
 * the other goes through the TickBatcher. After every frame both must show the same simulated time
 * and the same simulation (a step is never early, late, lost or doubled).
 */
function compare(frames: readonly Frame[]): { perFrame: Actor; batched: Actor; notified: number } {
  const perFrame = start();
  const batched = start();
  const batcher = new TickBatcher();
  let notified = 0;
  batched.subscribe(() => notified++);
  frames.forEach((f, i) => {
    if (f.before) {
      perFrame.send(f.before);
      batched.send(f.before);
    }
    if (perFrame.getSnapshot().value === 'running')
      perFrame.send({ type: 'TICK', wallMs: f.wallMs });
    batcher.frame(batched, f.wallMs);
    const a = perFrame.getSnapshot().context.sim;
    const b = batched.getSnapshot().context.sim;
    if (a.now !== b.now) throw new Error(`frame ${i}: per-frame at ${a.now}, batched at ${b.now}`);
  });
  expect(batched.getSnapshot().context.sim).toEqual(perFrame.getSnapshot().context.sim);
  return { perFrame, batched, notified };
}

// Frame times that are exact binary fractions, so per-frame and summed wall time round alike.
const jitter = (n: number, offset = 0): Frame[] =>
  Array.from({ length: n }, (_, i) => ({
    wallMs: [16, 17, 16.5, 15.75, 33.25][(i + offset) % 5]!,
  }));

describe('TickBatcher', () => {
  it('keeps the simulation on the same steps as a TICK per frame, with a handful of TICKs at 1×', () => {
    const { perFrame, notified } = compare(jitter(600));
    expect(perFrame.getSnapshot().context.sim.now).toBeGreaterThan(9000);
    // 600 frames ≈ 11 s: ≤ 4 TICKs per second (the 250 ms cap) instead of 600.
    expect(notified).toBeLessThan(60);
  });

  it('follows speed changes at the frame they happen (held time counted at the old speed)', () => {
    compare([
      ...jitter(20),
      { wallMs: 16, before: { type: 'SET_SPEED', speed: 64 } },
      ...jitter(50, 1),
      { wallMs: 17, before: { type: 'SET_SPEED', speed: 0.25 } },
      ...jitter(200, 2),
      { wallMs: 16, before: { type: 'SPEED_UP' } },
      ...jitter(100, 3),
      { wallMs: 16, before: { type: 'SET_SPEED', speed: 8 } },
      ...jitter(100, 4),
    ]);
  });

  it('drops held time when the machine forgets owed time (pause, reset), keeps it otherwise', () => {
    compare([
      ...jitter(70),
      { wallMs: 16, before: { type: 'PAUSE' } },
      ...jitter(30),
      { wallMs: 16, before: { type: 'PLAY' } },
      ...jitter(75, 2),
      { wallMs: 16, before: { type: 'RESET' } },
      ...jitter(130, 1),
      { wallMs: 16, before: { type: 'SELECT', ref: { kind: 'service', id: 'web' } } },
      ...jitter(40, 3),
    ]);
  });

  it('sends a frame longer than the cap alone (a background tab resuming), capped as before', () => {
    compare([...jitter(10), { wallMs: 60_000 }, ...jitter(10), { wallMs: 300 }, ...jitter(90)]);
  });

  it('sends a TICK on the frame that completes a step at 64×', () => {
    const { notified } = compare([
      { wallMs: 16, before: { type: 'SET_SPEED', speed: 64 } },
      ...jitter(60),
    ]);
    // Every frame of ≥ 15.625 ms completes a step at 64×: one TICK each (plus SET_SPEED's snapshot).
    expect(notified).toBe(62);
  });
});
