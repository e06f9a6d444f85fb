import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { loadScenario } from '../../src/formats/scenario.ts';
import { readExperiment, writeExperiment } from '../../src/formats/experiment-file.ts';
import {
  DEFAULT_INITIAL,
  MAX_WALL_MS_PER_TICK,
  clusterMachine,
  experimentStart,
  experimentState,
  experimentToScenarioYaml,
  scenarioToExperiment,
  type Experiment,
} from '../../src/machine/index.ts';
import type { SimCommand, SimState } from '../../src/sim/index.ts';
import { runScenario } from '../../src/machine/scenario/runner.ts';
import { readFileSync } from 'node:fs';
import { parseTaskDefinition } from '../../src/formats/task-definition.ts';

const comparable = (s: SimState): string => JSON.stringify({ ...s, version: 0 });

/** Plays a sandbox session on a live machine: many kinds of command, with time between them. */
function session(): Experiment {
  const seed = 11;
  const actor = createActor(clusterMachine, {
    input: { sim: experimentStart({ initial: DEFAULT_INITIAL, seed }), speed: 16 },
  });
  actor.start();
  const run = (s: number) => {
    for (let i = 0; i < Math.ceil((s * 1000) / (MAX_WALL_MS_PER_TICK * 16)); i++)
      actor.send({ type: 'TICK', wallMs: MAX_WALL_MS_PER_TICK });
  };
  const send = (command: SimCommand) => {
    actor.send({ type: 'COMMAND', command });
    expect(actor.getSnapshot().context.lastError).toBeUndefined();
  };
  const sim = () => actor.getSnapshot().context.sim;
  const liveTask = (service: string, nth: number) =>
    Object.values(sim().tasks)
      .filter((t) => t.serviceName === service && t.lastStatus === 'RUNNING')
      .sort((a, b) => a.createdAt - b.createdAt)[nth]!.id;
  run(120);
  send({ type: 'ADD_INSTANCE', instanceType: 'c5.xlarge', availabilityZone: 'us-east-1b' });
  run(30);
  send({ type: 'CRASH_TASK', taskId: liveTask('api', 1) });
  run(20);
  const td = parseTaskDefinition(
    JSON.stringify({
      family: 'batch',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'job', image: 'busybox:latest', essential: true }],
    }),
    'batch.json',
  );
  if (!td.ok) throw new Error('batch.json is invalid');
  send({ type: 'REGISTER_TASK_DEFINITION', taskDefinition: td.value });
  send({ type: 'RUN_TASK', taskDefinition: 'batch', launchType: 'FARGATE', count: 2 });
  run(15);
  send({ type: 'UPDATE_SERVICE', serviceName: 'web', desiredCount: 5 });
  run(40);
  const second = Object.values(sim().instances).sort((a, b) => a.registeredAt - b.registeredAt)[1]!;
  send({ type: 'TERMINATE_INSTANCE', instanceId: second.id });
  run(10);
  send({ type: 'AZ_OUTAGE', availabilityZone: 'us-east-1c' });
  run(60);
  send({ type: 'STOP_TASK', taskId: liveTask('web', 0), reason: 'by hand' });
  run(25);
  const ctx = actor.getSnapshot().context;
  return {
    name: 'Round trip: many commands',
    seed,
    speed: 16,
    initial: DEFAULT_INITIAL,
    log: ctx.commandLog,
    untilMs: ctx.sim.now,
  };
}

describe('experiments as scenario files', () => {
  it('replaying the experiment reproduces the live session', () => {
    const e = session();
    expect(e.log.map((l) => l.command.type)).toEqual([
      'ADD_INSTANCE',
      'CRASH_TASK',
      'REGISTER_TASK_DEFINITION',
      'RUN_TASK',
      'UPDATE_SERVICE',
      'TERMINATE_INSTANCE',
      'AZ_OUTAGE',
      'STOP_TASK',
    ]);
    // The live machine advanced in many small chunks; replay must land on the same state.
    const actor = createActor(clusterMachine, { input: { sim: experimentStart(e) } });
    actor.start();
    actor.send({ type: 'LOAD', sim: experimentStart(e), log: e.log, untilMs: e.untilMs });
    expect(comparable(actor.getSnapshot().context.sim)).toBe(comparable(experimentState(e)));
  });

  it('export → scenario loader → import gives the identical state and command log', () => {
    const e = session();
    const yaml = experimentToScenarioYaml(e);
    const loaded = loadScenario(yaml, 'exported.yaml');
    if (!loaded.ok)
      throw new Error(loaded.errors.map((d) => `${d.line}: ${d.path}: ${d.message}`).join('\n'));
    const back = scenarioToExperiment(loaded.scenario, e.speed, e.name);
    expect(back.log).toEqual(e.log);
    expect(back.untilMs).toBe(e.untilMs);
    expect(comparable(experimentState(back))).toBe(comparable(experimentState(e)));
    // The scenario runner (what the CLI and the player use) ends in the same state too.
    const run = runScenario(loaded.scenario);
    expect(run.summary.stepErrors).toBe(0);
    expect(comparable(run.finalState)).toBe(comparable(experimentState(e)));
    expect(yaml).toContain('id: round-trip-many-commands');
    expect(yaml).toMatch(/type: CRASH_TASK\n\s+task:\n\s+service: api\n\s+index: 1/);
  });

  it('a saved envelope reads back to the same experiment', () => {
    const e = session();
    const text = writeExperiment({
      name: e.name,
      speed: e.speed,
      scenario: experimentToScenarioYaml(e),
    });
    const read = readExperiment(text, 'saved');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const back = scenarioToExperiment(
      read.experiment.scenario,
      read.experiment.speed,
      read.experiment.name,
    );
    expect(back.speed).toBe(16);
    expect(comparable(experimentState(back))).toBe(comparable(experimentState(e)));
  });

  it('an empty experiment exports as a valid scenario', () => {
    const e: Experiment = {
      name: '!!!',
      seed: 1,
      speed: 1,
      initial: DEFAULT_INITIAL,
      log: [],
      untilMs: 0,
    };
    const loaded = loadScenario(experimentToScenarioYaml(e), 'empty.yaml');
    expect(loaded.ok).toBe(true);
  });

  it('a lesson from scenarios/ imports as an experiment whose state matches the runner', () => {
    const text = readFileSync('scenarios/self-healing.yaml', 'utf8');
    const loaded = loadScenario(text, 'self-healing.yaml');
    if (!loaded.ok) throw new Error('self-healing.yaml does not load');
    const e = scenarioToExperiment(loaded.scenario, 1);
    expect(e.log.length).toBeGreaterThan(0);
    expect(comparable(experimentState(e))).toBe(
      comparable(runScenario(loaded.scenario).finalState),
    );
  });
});
