import { describe, expect, it } from 'vitest';
import { runScenario, stateAtStep } from '../../../src/machine/scenario/runner.ts';
import { summarizeState } from '../../../src/machine/scenario/summary.ts';
import { loadFixture, SMALL_SCENARIO } from './fixture.ts';

describe('runScenario', () => {
  it('runs every step and reports each expectation with its actual value', () => {
    const run = runScenario(loadFixture());
    expect(run.summary).toMatchObject({
      steps: 3,
      expectations: 4,
      passed: 4,
      failed: 0,
      ok: true,
    });
    expect(run.steps[0]?.expectations[0]).toMatchObject({
      description: 'service web: runningCount = 2',
      ok: true,
      actual: expect.stringContaining('running 2'),
    });
    expect(run.steps[0]?.focus).toEqual({ kind: 'service', id: 'web' });
  });

  it('is deterministic: same scenario and seed give identical final states', () => {
    const a = runScenario(loadFixture());
    const b = runScenario(loadFixture());
    expect(b.finalState).toEqual(a.finalState);
  });

  it('a different seed changes task ids but not whether expectations hold', () => {
    const a = runScenario(loadFixture(), { seed: 1 });
    const b = runScenario(loadFixture(), { seed: 2 });
    expect(Object.keys(b.finalState.tasks)).not.toEqual(Object.keys(a.finalState.tasks));
    expect(b.summary.ok).toBe(true);
  });

  it('reports a failing expectation with the actual counts', () => {
    const broken = SMALL_SCENARIO.replace('runningCount: 3', 'runningCount: 5');
    const run = runScenario(loadFixture(broken));
    const last = run.steps[2];
    expect(last?.ok).toBe(false);
    expect(last?.expectations[0]).toMatchObject({
      ok: false,
      actual: expect.stringContaining('running 3'),
    });
    expect(run.summary).toMatchObject({ failed: 1, ok: false });
  });

  it('a refused command fails its step with the API error', () => {
    const broken = SMALL_SCENARIO.replace(
      'desiredCount: 3',
      'desiredCount: 3\n        taskDefinition: "web:1"',
    ).replace(
      '      - type: UPDATE_SERVICE\n        serviceName: web',
      '      - type: RUN_TASK\n        taskDefinition: web\n        launchType: EC2\n      - type: UPDATE_SERVICE\n        serviceName: web',
    );
    const run = runScenario(loadFixture(broken));
    expect(run.steps[2]?.error).toMatch(/^RUN_TASK: /);
    expect(run.steps[2]?.ok).toBe(false);
  });

  it('ADVANCE_UNTIL that never holds fails with a timeout message', () => {
    const broken = SMALL_SCENARIO.replace('has reached a steady state', 'never said by anyone');
    const run = runScenario(loadFixture(broken));
    expect(run.steps[1]?.error).toContain('timed out after 600 s');
  });
});

describe('stateAtStep', () => {
  it('replays exactly: the state after n steps equals the full run at that point', () => {
    const scenario = loadFixture();
    const full = runScenario(scenario);
    expect(stateAtStep(scenario, 3)).toEqual(full.finalState);
    const afterOne = stateAtStep(scenario, 1);
    expect(afterOne.now).toBe(120_000);
    expect(Object.keys(afterOne.services)).toEqual(['web']);
    expect(stateAtStep(scenario, 0).services).toEqual({});
  });
});

describe('summarizeState', () => {
  it('lists services with desired/running/pending, tasks by status, instances and recent events', () => {
    const summary = summarizeState(runScenario(loadFixture()).finalState);
    expect(summary.services).toEqual([
      expect.objectContaining({
        name: 'web',
        desired: 3,
        running: 3,
        pending: 0,
        launchType: 'FARGATE',
      }),
    ]);
    expect(summary.tasksByStatus.RUNNING).toBe(3);
    expect(summary.tasksByStatus.STOPPED).toBe(1);
    expect(summary.instances).toEqual([]);
    expect(summary.events.length).toBeGreaterThan(0);
    expect(summary.events.length).toBeLessThanOrEqual(20);
  });
});

describe('initial cluster', () => {
  it('adds initial instances after the default ones and creates initial services', () => {
    const scenario = loadFixture(`
version: 1
id: init
title: Init
summary: S
guideSection: G
seed: 3
initial:
  cluster: default
  instances:
    - { instanceType: m5.large, availabilityZone: us-east-1c }
  services:
    - { serviceName: web2, taskDefinition: web, desiredCount: 1, launchType: FARGATE }
steps:
  - title: Drain the added instance
    narration: N
    actions:
      - { type: DRAIN_INSTANCE, instance: 4 }
      - { type: ADVANCE_UNTIL, condition: { service: web2, runningCount: 1 }, timeoutSeconds: 300 }
    focus: { kind: instance, instance: 4 }
    expect:
      - instances: { status: DRAINING, instanceType: m5.large, availabilityZone: us-east-1c }
        count: 1
      - instances: { status: ACTIVE }
        count: 3
`);
    const run = runScenario(scenario);
    expect(run.initialErrors).toEqual([]);
    expect(run.summary.ok).toBe(true);
    const drained = Object.values(run.finalState.instances).find((i) => i.status === 'DRAINING');
    expect(run.steps[0]?.focus).toEqual({ kind: 'instance', id: drained?.id });
  });
});
