import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { loadScenario } from '../../src/formats/scenario.ts';
import { readExperiment, writeExperiment } from '../../src/formats/experiment-file.ts';
import {
  DEFAULT_INITIAL,
  clusterMachine,
  dropCommands,
  experimentStart,
  experimentToScenarioYaml,
  scenarioToExperiment,
  type Experiment,
} from '../../src/machine/index.ts';
import type { SimState } from '../../src/sim/index.ts';

const comparable = (s: SimState): string => JSON.stringify({ ...s, version: 0 });

function started(e?: Experiment) {
  const seed = 5;
  const start = experimentStart({ initial: DEFAULT_INITIAL, seed });
  const actor = createActor(clusterMachine, { input: { sim: start } });
  actor.start();
  actor.send({ type: 'PAUSE' });
  if (e !== undefined)
    actor.send({ type: 'LOAD', sim: experimentStart(e), log: e.log, untilMs: e.untilMs });
  return actor;
}

describe('undo after a reload keeps a drop as one step', () => {
  it('a multi-command drop survives export → save envelope → reopen as one joined action', () => {
    const actor = started();
    const steps = (n: number) => {
      for (let i = 0; i < n; i++) actor.send({ type: 'STEP' });
    };
    steps(40);
    actor.send({
      type: 'COMMAND',
      command: { type: 'ADD_INSTANCE', instanceType: 'm5.large', availabilityZone: 'us-east-1a' },
    });
    steps(60);
    // One drop = RegisterTaskDefinition + RunTask (two API calls, one user action).
    const drop = dropCommands(
      actor.getSnapshot().context.sim,
      { kind: 'taskDefinition', libraryId: 'batch-job' },
      { kind: 'fargate', az: 'us-east-1b' },
    );
    if (!drop.ok) throw new Error(drop.reason);
    expect(drop.commands).toHaveLength(2);
    actor.send({ type: 'COMMANDS', commands: drop.commands });
    steps(30);
    const before = actor.getSnapshot().context;
    expect(before.commandLog.map((l) => l.joined === true)).toEqual([false, false, true]);

    // Save (as the session does) and reopen, as after a reload.
    const e: Experiment = {
      name: 'drop',
      seed: 5,
      speed: 1,
      initial: DEFAULT_INITIAL,
      log: before.commandLog,
      untilMs: before.sim.now,
    };
    const envelope = writeExperiment({
      name: e.name,
      speed: 1,
      scenario: experimentToScenarioYaml(e),
    });
    const read = readExperiment(envelope, 'saved');
    if (!read.ok) throw new Error(read.errors[0]?.message);
    const back = scenarioToExperiment(read.experiment.scenario, 1, 'drop');
    expect(back.log).toEqual(e.log);

    const reopened = started(back);
    expect(comparable(reopened.getSnapshot().context.sim)).toBe(comparable(before.sim));
    reopened.send({ type: 'UNDO' });
    const after = reopened.getSnapshot().context;
    // Both calls of the drop are gone; the instance added before stays.
    expect(after.commandLog.map((l) => l.command.type)).toEqual(['ADD_INSTANCE']);
    expect(Object.keys(after.sim.taskDefinitions).some((k) => k.startsWith('batch-job'))).toBe(
      false,
    );
    // Redo brings the whole drop back.
    reopened.send({ type: 'REDO' });
    expect(reopened.getSnapshot().context.commandLog.map((l) => l.command.type)).toEqual([
      'ADD_INSTANCE',
      'REGISTER_TASK_DEFINITION',
      'RUN_TASK',
    ]);
  });

  it('the exported scenario puts a drop’s calls in one step; separate actions get their own', () => {
    const actor = started();
    actor.send({
      type: 'COMMANDS',
      commands: [
        { type: 'ADD_INSTANCE', instanceType: 't3.micro', availabilityZone: 'us-east-1a' },
        { type: 'ADD_INSTANCE', instanceType: 't3.micro', availabilityZone: 'us-east-1b' },
      ],
    });
    actor.send({
      type: 'COMMAND',
      command: { type: 'ADD_INSTANCE', instanceType: 't3.micro', availabilityZone: 'us-east-1c' },
    });
    const ctx = actor.getSnapshot().context;
    const yaml = experimentToScenarioYaml({
      name: 'x',
      seed: 5,
      speed: 1,
      initial: DEFAULT_INITIAL,
      log: ctx.commandLog,
      untilMs: ctx.sim.now,
    });
    const loaded = loadScenario(yaml, 'x.yaml');
    if (!loaded.ok) throw new Error(loaded.errors[0]?.message);
    // Two action steps (the drop, the single command) plus the closing one.
    expect(
      loaded.scenario.steps.map((s) => s.actions.filter((a) => a.kind !== 'advance').length),
    ).toEqual([2, 1, 0]);
    const back = scenarioToExperiment(loaded.scenario, 1);
    expect(back.log.map((l) => l.joined === true)).toEqual([false, true, false]);
  });
});
