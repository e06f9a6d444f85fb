/** A small valid scenario used by the runner, timeline and player tests. */
import { loadScenario } from '../../../src/formats/scenario.ts';
import type { Scenario } from '../../../src/formats/scenario-types.ts';

export const SMALL_SCENARIO = `
version: 1
id: small
title: Small
summary: Two Fargate tasks, one crash.
guideSection: Test
seed: 11
initial:
  cluster: empty
  taskDefinitions:
    - family: web
      networkMode: awsvpc
      requiresCompatibilities: [FARGATE]
      cpu: "512"
      memory: "1024"
      containerDefinitions:
        - name: web
          image: nginx:latest
          portMappings: [{containerPort: 80}]
steps:
  - title: Create the service
    narration: Desired count **2**.
    actions:
      - type: CREATE_SERVICE
        serviceName: web
        taskDefinition: web
        desiredCount: 2
        launchType: FARGATE
      - type: ADVANCE
        seconds: 120
    focus: {kind: service, name: web}
    expect:
      - service: web
        runningCount: 2
  - title: Crash one task
    narration: The scheduler replaces it.
    actions:
      - type: CRASH_TASK
        task: {service: web}
      - type: ADVANCE_UNTIL
        condition: {event: {contains: "has reached a steady state"}}
        timeoutSeconds: 600
    expect:
      - service: web
        runningCount: 2
      - task: {service: web}
        stopCode: EssentialContainerExited
        count: 1
    questions:
      - question: Who replaced the task?
        choices: [You, The service scheduler]
        answer: 1
        explanation: The **service scheduler** keeps the desired count.
  - title: Scale to three
    narration: Set desired count to 3.
    actions:
      - type: UPDATE_SERVICE
        serviceName: web
        desiredCount: 3
      - type: ADVANCE
        seconds: 90
    expect:
      - service: web
        runningCount: 3
`;

/** Loads SMALL_SCENARIO (or `text`), failing loudly if it does not load. */
export function loadFixture(text = SMALL_SCENARIO): Scenario {
  const result = loadScenario(text, 'small.yaml');
  if (!result.ok)
    throw new Error(result.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('\n'));
  return result.scenario;
}
