/** The SPOT_INTERRUPTION scenario action: a task selector or an instance ordinal, resolved at run time. */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/formats/scenario.ts';
import { actionCommand } from '../../src/machine/scenario/step-executor.ts';
import { createDefaultCluster } from '../../src/sim/index.ts';

const scenario = (action: string): string => `version: 1
id: spot
title: Spot
summary: s
guideSection: g
seed: 1
initial: { cluster: default }
steps:
  - id: one
    title: One
    narration: n
    actions:
      - ${action}
`;

describe('SPOT_INTERRUPTION action', () => {
  it('takes a task selector and resolves it to the task id', () => {
    const r = loadScenario(
      scenario('{ type: SPOT_INTERRUPTION, task: { launchType: FARGATE } }'),
      's.yaml',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const action = r.scenario.steps[0]!.actions[0]!;
    const state = createDefaultCluster(1);
    const cmd = actionCommand(state, action) as { type: string; taskId: string };
    expect(cmd.type).toBe('SPOT_INTERRUPTION');
    expect(state.tasks[cmd.taskId]?.launchType).toBe('FARGATE');
  });

  it('takes an instance ordinal', () => {
    const r = loadScenario(scenario('{ type: SPOT_INTERRUPTION, instance: 1 }'), 's.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const cmd = actionCommand(createDefaultCluster(1), r.scenario.steps[0]!.actions[0]!);
    expect(cmd).toMatchObject({ type: 'SPOT_INTERRUPTION', instanceId: expect.any(String) });
  });

  it('refuses an unknown field with its location', () => {
    const r = loadScenario(scenario('{ type: SPOT_INTERRUPTION, taskId: abc }'), 's.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]?.line).toBe(13);
    expect(r.errors[0]?.message).toMatch(/taskId/);
  });
});
