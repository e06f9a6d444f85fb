import { describe, expect, it } from 'vitest';
import {
  DEFAULT_INITIAL,
  experimentStart,
  experimentToScenarioYaml,
  type Experiment,
} from '../../src/machine/experiment.ts';
import { initialState } from '../../src/machine/scenario/runner.ts';
import type { Scenario } from '../../src/formats/scenario-types.ts';

const fresh = (seed: number) =>
  initialState({ initial: DEFAULT_INITIAL, seed } as Pick<Scenario, 'initial' | 'seed'> as Scenario)
    .state;

describe('experimentStart', () => {
  it('gives the same start state for the same initial and seed without building it again', () => {
    const a = experimentStart({ initial: DEFAULT_INITIAL, seed: 7 });
    expect(experimentStart({ initial: DEFAULT_INITIAL, seed: 7 })).toBe(a);
    expect(a).toEqual(fresh(7));
  });

  it('builds a new one when the seed or the initial cluster differs', () => {
    const a = experimentStart({ initial: DEFAULT_INITIAL, seed: 7 });
    const b = experimentStart({ initial: DEFAULT_INITIAL, seed: 8 });
    expect(b).not.toBe(a);
    expect(b).toEqual(fresh(8));
    const other = { ...DEFAULT_INITIAL, instances: [{ instanceType: 't3.large' }] };
    const c = experimentStart({ initial: other, seed: 8 });
    expect(Object.keys(c.instances).length).toBe(Object.keys(b.instances).length + 1);
  });

  it('exports an experiment to the same scenario every time (the autosave)', () => {
    const e: Experiment = {
      name: 'x',
      seed: 3,
      speed: 1,
      initial: DEFAULT_INITIAL,
      log: [{ at: 0, command: { type: 'ADD_INSTANCE', instanceType: 'm5.large' } }],
      untilMs: 30_000,
    };
    const first = experimentToScenarioYaml(e);
    experimentStart({ initial: DEFAULT_INITIAL, seed: 4 });
    expect(experimentToScenarioYaml(e)).toBe(first);
    expect(experimentToScenarioYaml(e)).toBe(first);
  });
});
