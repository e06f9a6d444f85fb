import { describe, expect, it } from 'vitest';
import { loadScenario, MAX_SCENARIO_BYTES } from '../../src/formats/scenario.ts';
import type { Diagnostic } from '../../src/formats/diagnostics.ts';

const HEAD = `version: 1
id: t
title: T
summary: S
guideSection: G
seed: 1
initial:
  cluster: empty
  taskDefinitions:
    - family: web
      networkMode: awsvpc
      requiresCompatibilities: [FARGATE]
      cpu: "256"
      memory: "512"
      containerDefinitions:
        - name: web
          image: nginx:latest
steps:
`;

/** Loads HEAD + `steps` and returns the errors (failing if it loaded). */
function errorsOf(steps: string, head = HEAD): Diagnostic[] {
  const result = loadScenario(head + steps, 'x.yaml');
  if (result.ok) throw new Error('expected the scenario to be invalid');
  expect('scenario' in result).toBe(false);
  return [...result.errors];
}

const STEP = `  - title: One
    narration: N
    actions:
`;

describe('loadScenario', () => {
  it('loads a valid scenario with narration tokens, commands and expectations', () => {
    const result = loadScenario(
      HEAD +
        `  - title: Create
    narration: Run **two** copies of \`web\`.
    actions:
      - {type: CREATE_SERVICE, serviceName: web, taskDefinition: web, desiredCount: 2, launchType: FARGATE}
      - {type: ADVANCE, seconds: 60}
    focus: {kind: service, name: web}
    expect:
      - {service: web, runningCount: 2}
`,
      'x.yaml',
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const step = result.scenario.steps[0];
    expect(step?.narration).toEqual([
      { kind: 'text', text: 'Run ' },
      { kind: 'strong', text: 'two' },
      { kind: 'text', text: ' copies of ' },
      { kind: 'code', text: 'web' },
      { kind: 'text', text: '.' },
    ]);
    expect(step?.actions[0]).toMatchObject({
      kind: 'command',
      command: { type: 'CREATE_SERVICE', desiredCount: 2 },
    });
    expect(step?.actions[1]).toMatchObject({ kind: 'advance', ms: 60_000 });
    expect(step?.expect[0]).toMatchObject({
      condition: { kind: 'service', runningCount: 2 },
      source: { line: 26 },
    });
    expect(result.scenario.initial.taskDefinitions[0]).toMatchObject({
      family: 'web',
      cpu: 256,
      memory: 512,
    });
  });

  it('reports YAML syntax errors with their position', () => {
    const errors = errorsOf('  - title: [unclosed\n');
    expect(errors[0]).toMatchObject({
      file: 'x.yaml',
      line: expect.any(Number),
      severity: 'error',
    });
    expect(errors[0]?.message).toMatch(/^YAML syntax error/);
  });

  it('reports duplicate keys', () => {
    const errors = errorsOf(`${STEP}      - {type: ADVANCE, seconds: 1, seconds: 2}\n`);
    expect(errors.some((e) => /YAML syntax error: .*unique/i.test(e.message))).toBe(true);
  });

  it('reports an unknown action with the closest valid name, at the type value', () => {
    const errors = errorsOf(`${STEP}      - type: CREATE_SERVCE\n        serviceName: web\n`);
    expect(errors[0]).toMatchObject({ line: 22, column: 15, path: 'steps[0].actions[0].type' });
    expect(errors[0]?.message).toContain(
      'Unknown action "CREATE_SERVCE" — did you mean "CREATE_SERVICE"?',
    );
  });

  it('reports unknown fields at the key, with a suggestion', () => {
    const errors = errorsOf(`  - title: One\n    narrration: N\n`);
    const unknown = errors.find((e) => e.path === 'steps[0].narrration');
    expect(unknown).toMatchObject({ line: 20, column: 5 });
    expect(unknown?.message).toContain('did you mean "narration"?');
    expect(errors.some((e) => e.message === 'Missing required field "narration" in step')).toBe(
      true,
    );
  });

  it('reports wrong types and enum values with the field path', () => {
    const errors = errorsOf(
      `${STEP}      - {type: ADVANCE, seconds: ten}\n      - {type: CREATE_SERVICE, serviceName: web, taskDefinition: web, desiredCount: -1, launchType: FARGATES}\n`,
    );
    const paths = errors.map((e) => `${e.path}: ${e.message}`);
    expect(paths).toContain('steps[0].actions[0].seconds: Expected a number, got a string ("ten")');
    expect(paths).toContain('steps[0].actions[1].desiredCount: Must be at least 0, got -1');
    expect(paths.find((p) => p.startsWith('steps[0].actions[1].launchType'))).toContain(
      'did you mean "FARGATE"?',
    );
  });

  it('reports every problem in one pass: shapes and references together', () => {
    const errors = errorsOf(
      `${STEP}      - {type: ADVANCE, seconds: ten}\n      - {type: UPDATE_SERVICE, serviceName: api, desiredCount: 1}\n    expect:\n      - {service: wbe, runningCount: 1}\n`,
    );
    expect(errors.map((e) => e.path)).toEqual([
      'steps[0].actions[0].seconds',
      'steps[0].actions[1].serviceName',
      'steps[0].expect[0].service',
    ]);
  });

  it('reports references to services, families, instances and zones that nothing creates', () => {
    const errors = errorsOf(
      `${STEP}      - {type: CREATE_SERVICE, serviceName: web, taskDefinition: wbe, desiredCount: 1, launchType: FARGATE}
      - {type: RUN_TASK, taskDefinition: "web:2", launchType: FARGATE}
      - {type: TERMINATE_INSTANCE, instance: 1}
      - {type: AZ_OUTAGE, availabilityZone: us-east-1z}
      - {type: ADD_INSTANCE, instanceType: m5.larg}
      - {type: STOP_TASK, task: {service: api}}
    focus: {kind: service, name: nope}
`,
    );
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e.message]));
    expect(byPath['steps[0].actions[0].taskDefinition']).toContain(
      'family "wbe" is not registered',
    );
    expect(byPath['steps[0].actions[0].taskDefinition']).toContain('did you mean "web"?');
    expect(byPath['steps[0].actions[1].taskDefinition']).toContain('has revisions 1–1');
    expect(byPath['steps[0].actions[2].instance']).toContain('only 0 instance(s)');
    expect(byPath['steps[0].actions[3].availabilityZone']).toContain(
      'Unknown Availability Zone "us-east-1z"',
    );
    expect(byPath['steps[0].actions[4].instanceType']).toContain('did you mean "m5.large"?');
    expect(byPath['steps[0].actions[5].task.service']).toContain('Service "api" is not created');
    expect(byPath['steps[0].focus.name']).toContain('Service "nope"');
  });

  it('accepts a reference to a service created by an earlier step', () => {
    const result = loadScenario(
      HEAD +
        `${STEP}      - {type: CREATE_SERVICE, serviceName: web, taskDefinition: web, desiredCount: 1, launchType: FARGATE}
  - title: Two
    narration: N
    actions:
      - {type: UPDATE_SERVICE, serviceName: web, desiredCount: 2}
`,
      'x.yaml',
    );
    expect(result.ok).toBe(true);
  });

  it('validates embedded task definitions with the task-definition rules, located in the YAML', () => {
    const errors = errorsOf(`${STEP}      - type: REGISTER_TASK_DEFINITION
        taskDefinition:
          family: big
          networkMode: bridge
          requiresCompatibilities: [FARGATE]
          cpu: "512"
          memory: "1024"
          containerDefinitions:
            - {name: app, image: nginx}
`);
    expect(errors).toContainEqual(
      expect.objectContaining({
        line: 25,
        column: 24,
        path: 'steps[0].actions[0].taskDefinition.networkMode',
        message: 'Fargate only supports network mode ‘awsvpc’.',
      }),
    );
  });

  it('turns an expected rejection into a rejectedRegistration carrying the validator messages', () => {
    const result = loadScenario(
      HEAD +
        `${STEP}      - type: REGISTER_TASK_DEFINITION
        expectError: No Fargate configuration exists
        taskDefinition:
          family: odd
          networkMode: awsvpc
          requiresCompatibilities: [FARGATE]
          cpu: "256"
          memory: "4096"
          containerDefinitions:
            - {name: app, image: nginx}
`,
      'x.yaml',
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const action = result.scenario.steps[0]?.actions[0];
    expect(action?.kind).toBe('rejectedRegistration');
    expect(action?.kind === 'rejectedRegistration' && action.messages.join()).toContain(
      'No Fargate configuration exists',
    );
  });

  it('fails when expectError matches none of the validator messages', () => {
    const errors = errorsOf(`${STEP}      - type: REGISTER_TASK_DEFINITION
        expectError: something else
        taskDefinition: {family: odd, networkMode: host, requiresCompatibilities: [FARGATE], cpu: "256", memory: "512", containerDefinitions: [{name: a, image: b}]}
`);
    expect(errors[0]?.path).toBe('steps[0].actions[0].expectError');
    expect(errors[0]?.message).toContain("matches none of the validator's errors");
  });

  it('checks questions: answer must index a choice', () => {
    const errors = errorsOf(`  - title: Q
    narration: N
    questions:
      - {question: Q?, choices: [a, b], answer: 2, explanation: E}
`);
    expect(errors[0]).toMatchObject({ path: 'steps[0].questions[0].answer' });
  });

  it('refuses files over 1 MB and over 1000 steps', () => {
    const big = loadScenario(`# ${'x'.repeat(MAX_SCENARIO_BYTES)}\n`, 'big.yaml');
    expect(!big.ok && big.errors[0]?.message).toMatch(/too large/);
    const many = HEAD + '  - {title: s, narration: n}\n'.repeat(1001);
    const tooMany = loadScenario(many, 'many.yaml');
    expect(!tooMany.ok && tooMany.errors[0]).toMatchObject({
      path: 'steps',
      message: expect.stringMatching(/Too many steps: 1001/),
    });
  });

  it('rejects a document that is not a mapping, and missing top-level fields', () => {
    const list = loadScenario('- a\n- b\n', 'l.yaml');
    expect(!list.ok && list.errors[0]?.message).toMatch(/must be a YAML mapping/);
    const empty = loadScenario('version: 1\n', 'e.yaml');
    expect(!empty.ok && empty.errors.map((e) => e.message)).toContain(
      'Missing required field "steps" in scenario',
    );
  });

  it('never expands alias bombs beyond the limit', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...Array.from({ length: 8 }, (_, i) => {
        const prev = i === 0 ? 'a' : `l${i - 1}`;
        return `l${i}: &l${i} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`;
      }),
    ].join('\n');
    const result = loadScenario(bomb, 'bomb.yaml');
    expect(result.ok).toBe(false);
  });
});
