import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/formats/scenario.ts';
import type { Scenario } from '../../src/formats/scenario-types.ts';
import { scenarioViewAt, viewRequestOnMove } from '../../src/machine/scenario/scenario-view.ts';
import { ScenarioSession } from '../../src/ui/scenario-session.ts';

function load(text: string, file: string): Scenario {
  const r = loadScenario(text, file);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.scenario;
}

const ecsOrEks = load(
  readFileSync(new URL('../../scenarios/ecs-or-eks.yaml', import.meta.url), 'utf8'),
  'ecs-or-eks.yaml',
);

/** Four steps: opens on ECS, step 3 asks for EKS; an EKS cluster from step 2 on. */
const STEPPED = load(
  `version: 1
id: stepped
title: T
summary: S
guideSection: G
seed: 1
initial:
  cluster: default
view: ecs
steps:
  - title: One
    narration: N
  - title: Two
    narration: N
    actions:
      - type: CREATE_EKS_CLUSTER
  - title: Three
    narration: N
    view: side-by-side
  - title: Four
    narration: N
`,
  'stepped.yaml',
);

let sessions: ScenarioSession[] = [];
afterEach(() => {
  for (const s of sessions) s.dispose();
  sessions = [];
});

function open(scenario: Scenario, step?: number): ScenarioSession {
  const s = new ScenarioSession(scenario, step === undefined ? {} : { step });
  sessions.push(s);
  return s;
}

const viewOf = (s: ScenarioSession) => s.view.getSnapshot().context.view;
/** Moves the player to the start of 0-based step `i`. */
const jump = (s: ScenarioSession, i: number) => s.player.send({ type: 'JUMP', step: i });

describe("a scenario's view: (scenario-view.ts)", () => {
  it('the asked-for view holds from the step that says it; the top level before', () => {
    expect([0, 1, 2, 3].map((i) => scenarioViewAt(STEPPED, i))).toEqual([
      'ECS',
      'ECS',
      'SIDE_BY_SIDE',
      'SIDE_BY_SIDE',
    ]);
    expect(viewRequestOnMove(STEPPED, 1, 2)).toBe('SIDE_BY_SIDE');
    expect(viewRequestOnMove(STEPPED, 2, 3)).toBe(undefined);
    expect(viewRequestOnMove(STEPPED, 3, 0)).toBe('ECS');
    expect(
      scenarioViewAt({ ...STEPPED, view: undefined, steps: STEPPED.steps.slice(0, 2) }, 1),
    ).toBe(undefined);
  });
});

describe('ScenarioSession shows the view the scenario asks for, then leaves it to the learner', () => {
  it('ecs-or-eks opens side by side and stays so when its EKS cluster appears', () => {
    const s = open(ecsOrEks);
    expect(viewOf(s)).toBe('SIDE_BY_SIDE');
    s.player.send({ type: 'NEXT' }); // end of step 1
    s.player.send({ type: 'NEXT' }); // start of step 2
    s.player.send({ type: 'NEXT' }); // end of step 2: the EKS cluster exists
    expect(s.view.getSnapshot().context.sim.eks).toBeDefined();
    expect(viewOf(s)).toBe('SIDE_BY_SIDE');
  });

  it('a deep link to a later step opens on the view asked for at that step', () => {
    expect(viewOf(open(ecsOrEks, 3))).toBe('SIDE_BY_SIDE');
    expect(viewOf(open(STEPPED, 4))).toBe('SIDE_BY_SIDE');
    // No view asked for: the app's rule (an EKS cluster in the state is shown).
    const none = { ...STEPPED, view: undefined, steps: STEPPED.steps.slice(0, 2) };
    const s = open(none, 2);
    jump(s, 1);
    s.player.send({ type: 'NEXT' });
    expect(viewOf(s)).toBe('EKS');
  });

  it("the learner's choice stays until a step asks for another view", () => {
    const s = open(STEPPED);
    expect(viewOf(s)).toBe('ECS');
    jump(s, 1);
    s.player.send({ type: 'NEXT' }); // end of step 2: EKS appears while ECS is shown
    expect(viewOf(s)).toBe('EKS');
    s.view.send({ type: 'SET_VIEW', view: 'ECS' }); // the learner's choice
    jump(s, 2); // step 3 asks for side by side
    expect(viewOf(s)).toBe('SIDE_BY_SIDE');
    s.view.send({ type: 'SET_VIEW', view: 'EKS' });
    s.player.send({ type: 'NEXT' });
    jump(s, 3); // step 4 asks for nothing new
    expect(viewOf(s)).toBe('EKS');
    s.player.send({ type: 'RESTART' }); // back to step 1: the scenario asks for ECS again
    expect(viewOf(s)).toBe('ECS');
  });
});
