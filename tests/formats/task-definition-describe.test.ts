import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTaskDefinition } from '../../src/formats/task-definition.ts';
import { ec2Td, errorLines, fargateTd, parse, warningLines } from './task-definition-helpers.ts';

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/task-definitions/${name}`, import.meta.url), 'utf8');

describe('describe-task-definition output', () => {
  it('accepts the {"taskDefinition": …} wrapper and ignores read-only fields without warnings', () => {
    const result = parseTaskDefinition(fixture('describe-output-wrapped.json'), 'w.json');
    expect(result.warnings).toEqual([]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      family: 'web',
      cpu: 512,
      memory: 1024,
      networkMode: 'awsvpc',
    });
    // Read-only members (revision, status, taskDefinitionArn …) are not carried into the input.
    expect(Object.keys(result.value)).not.toContain('revision');
    expect(Object.keys(result.value)).not.toContain('taskDefinitionArn');
  });

  it('accepts the bare taskDefinition object (status INACTIVE, deregisteredAt …)', () => {
    const result = parseTaskDefinition(fixture('describe-output-bare.json'), 'b.json');
    expect(result.warnings).toEqual([]);
    expect(result.ok && result.value.family).toBe('worker');
    expect(result.ok && result.value.placementConstraints).toEqual([
      { type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t3.*' },
    ]);
  });

  it('reports paths and positions inside the wrapper', () => {
    const text =
      '{\n  "taskDefinition": {\n    "family": "bad name",\n    "containerDefinitions": [{"name": "a", "image": "b", "memory": 64}]\n  }\n}';
    const result = parseTaskDefinition(text, 'w.json');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      {
        file: 'w.json',
        line: 3,
        column: 15,
        path: 'taskDefinition.family',
        message: 'Family contains invalid characters.',
        severity: 'error',
      },
    ]);
  });

  it('warns about unknown members next to taskDefinition', () => {
    const result = parse({ taskDefinition: fargateTd(), tags: [], ResponseMetadata: {} });
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
      'ResponseMetadata: Unknown parameter "ResponseMetadata" next to "taskDefinition" is ignored',
    ]);
  });
});

describe('unknown and mistyped members', () => {
  it('warns (does not fail) on unknown members at every level, in document order', () => {
    const value = ec2Td(
      { colour: 'blue' },
      {
        memorySize: 1,
        portMappings: [{ containerPort: 80, exposed: true }],
        healthCheck: { command: ['CMD', 'x'], every: 3 },
      },
    );
    expect(parse(value).ok).toBe(true);
    expect(warningLines(value)).toEqual([
      'containerDefinitions[0].memorySize: Unknown parameter "memorySize" is ignored (aws ecs register-task-definition would reject it: Unknown parameter in containerDefinitions[0]: "memorySize")',
      'containerDefinitions[0].portMappings[0].exposed: Unknown parameter "exposed" is ignored (aws ecs register-task-definition would reject it: Unknown parameter in containerDefinitions[0].portMappings[0]: "exposed")',
      'containerDefinitions[0].healthCheck.every: Unknown parameter "every" is ignored (aws ecs register-task-definition would reject it: Unknown parameter in containerDefinitions[0].healthCheck: "every")',
      'colour: Unknown parameter "colour" is ignored (aws ecs register-task-definition would reject it: Unknown parameter in input: "colour")',
    ]);
  });

  it('accepts known members the simulator does not model (logConfiguration, secrets, volumes …)', () => {
    const value = ec2Td(
      { volumes: [], tags: [{ key: 'team', value: 'web' }], ephemeralStorage: { sizeInGiB: 30 } },
      {
        secrets: [],
        logConfiguration: { logDriver: 'awslogs' },
        ulimits: [],
        dockerLabels: { a: 'b' },
      },
    );
    const result = parse(value);
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it('reports wrong types with botocore wording and keeps checking the rest', () => {
    expect(
      errorLines(ec2Td({ family: 42 }, { memory: '512', essential: 'yes', portMappings: {} })),
    ).toEqual([
      "family: Invalid type for parameter family, value: 42, type: <class 'int'>, valid types: <class 'str'>",
      "containerDefinitions[0].memory: Invalid type for parameter containerDefinitions[0].memory, value: '512', type: <class 'str'>, valid types: <class 'int'>",
      "containerDefinitions[0].essential: Invalid type for parameter containerDefinitions[0].essential, value: 'yes', type: <class 'str'>, valid types: <class 'bool'>",
      "containerDefinitions[0].portMappings: Invalid type for parameter containerDefinitions[0].portMappings, value: {}, type: <class 'dict'>, valid types: <class 'list'>, <class 'tuple'>",
    ]);
  });

  it('rejects a fractional container memory (the API wants an integer)', () => {
    expect(errorLines(ec2Td({}, { memory: 128.5 }))).toEqual([
      "containerDefinitions[0].memory: Invalid type for parameter containerDefinitions[0].memory, value: 128.5, type: <class 'float'>, valid types: <class 'int'>",
    ]);
  });
});
