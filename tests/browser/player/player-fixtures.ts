/**
 * Scenarios for the player's browser tests, written inline (data, exactly like files on disk),
 * and helpers to mount the player UI on a real ScenarioSession.
 */
import { loadScenario } from '../../../src/formats/scenario.ts';
import type { Scenario } from '../../../src/formats/scenario-types.ts';

/**
 * Three steps on the default cluster. Step 1's narration carries bold, code and an HTML
 * injection attempt; step 2 crashes a task and waits for the replacement; step 3 has a failing
 * expectation (✗) and a question.
 */
export const TEST_SCENARIO = `version: 1
id: player-test
title: Player test
summary: A scenario for the player tests with **bold** and \`code\`.
guideSection: Tests
seed: 7
initial:
  cluster: default
steps:
  - id: look
    title: Look at the cluster
    narration: 'Service **api** runs \`nginx:latest\` <img src=x onerror=alert(1)> <b>not bold</b>'
    focus: { kind: service, name: api }
    expect:
      - service: api
        desiredCount: 4
        runningCount: 4
  - id: crash
    title: A task crashes
    narration: The oldest api task crashes and the scheduler replaces it.
    actions:
      - type: CRASH_TASK
        task: { service: api }
        exitCode: 1
      - type: ADVANCE_UNTIL
        condition: { service: api, runningCount: 4, steadyState: true }
        timeoutSeconds: 600
    expect:
      - task: { service: api }
        stopCode: EssentialContainerExited
        count: 1
  - id: wrong
    title: An expectation that does not hold
    narration: Nothing happens; the expectation below is wrong on purpose.
    expect:
      - service: api
        desiredCount: 9
    questions:
      - question: Who replaced the crashed task?
        choices:
          - An operator
          - The ECS service scheduler
        answer: 1
        explanation: The **service scheduler** keeps running equal to desired.
`;

/** A second valid scenario (a different title) to check that opening replaces the first. */
export const OTHER_SCENARIO = TEST_SCENARIO.replace('id: player-test', 'id: other').replace(
  'title: Player test',
  'title: Other test',
);

/** An invalid scenario: an unknown action and a wrong type. */
export const INVALID_SCENARIO = `version: 1
id: broken
title: Broken
summary: Two mistakes.
guideSection: Tests
seed: 1
initial:
  cluster: default
steps:
  - title: Bad step
    narration: x
    actions:
      - type: LAUNCH_ROCKET
      - type: UPDATE_SERVICE
        service: api
        desiredCount: lots
`;

export function parse(text: string, file = 'player-test.yaml'): Scenario {
  const result = loadScenario(text, file);
  if (!result.ok) {
    throw new Error(
      result.errors.map((e) => `${e.file}:${e.line}:${e.column} ${e.path} ${e.message}`).join('\n'),
    );
  }
  return result.scenario;
}

/** Waits until `cond()` holds (checked every animation frame). */
export async function until(cond: () => boolean, timeoutMs = 8000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!cond()) {
    if (performance.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => requestAnimationFrame(r));
  }
}
