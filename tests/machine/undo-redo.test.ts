import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { createDefaultCluster, type SimCommand, type SimState } from '../../src/sim/index.ts';
import { MAX_WALL_MS_PER_TICK, clusterMachine } from '../../src/machine/index.ts';

function start(sim: SimState = createDefaultCluster(3)) {
  const actor = createActor(clusterMachine, { input: { sim, speed: 16 } });
  actor.start();
  return actor;
}

type Actor = ReturnType<typeof start>;

function run(actor: Actor, seconds: number): void {
  const ticks = Math.ceil((seconds * 1000) / (MAX_WALL_MS_PER_TICK * 16));
  for (let i = 0; i < ticks; i++) actor.send({ type: 'TICK', wallMs: MAX_WALL_MS_PER_TICK });
}

/** The state minus `version`, which only counts change batches (see replayCommands). */
function comparable(sim: SimState): Omit<SimState, 'version'> {
  const { version: _version, ...rest } = sim;
  return rest;
}

const sim = (a: Actor): SimState => a.getSnapshot().context.sim;

function liveTask(s: SimState): string {
  const t = Object.values(s.tasks).find((x) => x.lastStatus === 'RUNNING');
  if (t === undefined) throw new Error('no running task');
  return t.id;
}

describe('cluster machine: undo and redo', () => {
  it('UNDO returns the exact state from just before the last command, REDO gives it back', () => {
    const actor = start();
    run(actor, 90);
    const before1 = sim(actor);
    actor.send({ type: 'COMMAND', command: { type: 'ADD_INSTANCE', instanceType: 'c5.large' } });
    run(actor, 30);
    const before2 = sim(actor);
    actor.send({ type: 'COMMAND', command: { type: 'CRASH_TASK', taskId: liveTask(before2) } });
    run(actor, 45);
    const end = sim(actor);
    expect(actor.getSnapshot().context.commandLog).toHaveLength(2);

    actor.send({ type: 'UNDO' });
    expect(comparable(sim(actor))).toEqual(comparable(before2));
    expect(sim(actor).version).toBeGreaterThan(end.version);
    actor.send({ type: 'UNDO' });
    expect(comparable(sim(actor))).toEqual(comparable(before1));
    expect(actor.getSnapshot().context.commandLog).toHaveLength(0);
    // Nothing more to undo: unchanged.
    const bottom = sim(actor);
    actor.send({ type: 'UNDO' });
    expect(sim(actor)).toBe(bottom);

    actor.send({ type: 'REDO' });
    actor.send({ type: 'REDO' });
    expect(comparable(sim(actor))).toEqual(comparable(end));
    expect(actor.getSnapshot().context.commandLog).toHaveLength(2);
    expect(actor.getSnapshot().context.redoStack).toHaveLength(0);
  });

  it('undo of an instance removes it; redo after time ran on replays to the later time', () => {
    const actor = start();
    run(actor, 10);
    const count = Object.keys(sim(actor).instances).length;
    actor.send({
      type: 'COMMAND',
      command: { type: 'ADD_INSTANCE', instanceType: 'm5.large', availabilityZone: 'us-east-1b' },
    });
    expect(Object.keys(sim(actor).instances)).toHaveLength(count + 1);
    actor.send({ type: 'UNDO' });
    expect(Object.keys(sim(actor).instances)).toHaveLength(count);
    run(actor, 20);
    const later = sim(actor).now;
    actor.send({ type: 'REDO' });
    expect(Object.keys(sim(actor).instances)).toHaveLength(count + 1);
    expect(sim(actor).now).toBe(later);
  });

  it('a new command after an undo clears the redo history', () => {
    const actor = start();
    run(actor, 10);
    const add: SimCommand = { type: 'ADD_INSTANCE', instanceType: 't3.micro' };
    actor.send({ type: 'COMMAND', command: add });
    actor.send({ type: 'UNDO' });
    expect(actor.getSnapshot().context.redoStack).toHaveLength(1);
    actor.send({ type: 'COMMAND', command: { type: 'AZ_OUTAGE', availabilityZone: 'us-east-1c' } });
    expect(actor.getSnapshot().context.redoStack).toHaveLength(0);
    const s = sim(actor);
    actor.send({ type: 'REDO' });
    expect(sim(actor)).toBe(s);
  });

  it('a refused command is not an undo step', () => {
    const actor = start();
    actor.send({ type: 'COMMAND', command: { type: 'ADD_INSTANCE', instanceType: 'm5.large' } });
    actor.send({ type: 'COMMAND', command: { type: 'STOP_TASK', taskId: 'nope' } });
    expect(actor.getSnapshot().context.lastError).toBeDefined();
    expect(actor.getSnapshot().context.commandLog).toHaveLength(1);
    actor.send({ type: 'UNDO' });
    expect(Object.keys(sim(actor).instances)).toHaveLength(
      Object.keys(createDefaultCluster(3).instances).length,
    );
  });

  it('LOAD with a log replays it and makes it the undo history', () => {
    const a = start();
    run(a, 20);
    a.send({ type: 'COMMAND', command: { type: 'ADD_INSTANCE', instanceType: 'm5.large' } });
    run(a, 20);
    const { initial, commandLog } = a.getSnapshot().context;
    const b = start(createDefaultCluster(99));
    b.send({ type: 'LOAD', sim: initial, log: commandLog, untilMs: sim(a).now, speed: 4 });
    expect(comparable(sim(b))).toEqual(comparable(sim(a)));
    expect(b.getSnapshot().context.speed).toBe(4);
    b.send({ type: 'UNDO' });
    expect(b.getSnapshot().context.commandLog).toHaveLength(0);
  });
});
