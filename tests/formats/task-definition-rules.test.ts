import { describe, expect, it } from 'vitest';
import { parseTaskDefinition } from '../../src/formats/task-definition.ts';
import { ec2Td, errorLines, fargateTd, parse } from './task-definition-helpers.ts';

const c0 = 'containerDefinitions[0]';

describe('family', () => {
  it('accepts letters, digits, _ and - up to 255 characters', () => {
    expect(errorLines(ec2Td({ family: 'My_app-2' }))).toEqual([]);
    expect(errorLines(ec2Td({ family: 'a'.repeat(255) }))).toEqual([]);
  });
  it('rejects other characters, over-long names, blank and missing', () => {
    expect(errorLines(ec2Td({ family: 'my.app' }))).toEqual([
      'family: Family contains invalid characters.',
    ]);
    expect(errorLines(ec2Td({ family: 'a'.repeat(256) }))).toEqual([
      'family: Family contains invalid characters.',
    ]);
    expect(errorLines(ec2Td({ family: '' }))).toEqual(['family: Family can not be blank.']);
    expect(errorLines(ec2Td({ family: undefined }))).toEqual([
      ': Missing required parameter in input: "family"',
    ]);
  });
});

describe('container list', () => {
  const many = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ name: `c${i}`, image: 'nginx', memory: 16 }));
  it('accepts 1 to 10 containers', () => {
    expect(errorLines(ec2Td({ containerDefinitions: many(10) }))).toEqual([]);
  });
  it('rejects a missing, empty or over-long list', () => {
    expect(errorLines(ec2Td({ containerDefinitions: undefined }))).toEqual([
      ': Missing required parameter in input: "containerDefinitions"',
    ]);
    expect(errorLines(ec2Td({ containerDefinitions: [] }))).toEqual([
      'containerDefinitions: Container list cannot be empty.',
    ]);
    expect(errorLines(ec2Td({ containerDefinitions: many(11) }))).toEqual([
      'containerDefinitions[10]: Too many containers.',
    ]);
  });
});

describe('essential containers', () => {
  it('treats an omitted essential as true', () => {
    expect(parse(ec2Td()).ok).toBe(true);
  });
  it('rejects a task whose containers are all non-essential', () => {
    expect(errorLines(ec2Td({}, { essential: false }))).toEqual([
      "containerDefinitions: Task definition doesn't have any essential container.",
    ]);
  });
});

describe('container name and image', () => {
  it('rejects missing, empty, invalid and duplicate names', () => {
    expect(errorLines(ec2Td({}, { name: undefined }))).toEqual([
      `${c0}.name: Container.name should not be null or empty.`,
    ]);
    expect(errorLines(ec2Td({}, { name: 'my app' }))).toEqual([
      `${c0}.name: Container.name contains invalid characters.`,
    ]);
    const dup = { name: 'x', image: 'nginx', memory: 64 };
    expect(errorLines(ec2Td({ containerDefinitions: [dup, dup] }))).toEqual([
      'containerDefinitions[1].name: Container names must be unique within a Task Definition.',
    ]);
  });
  it('accepts Docker Hub, registry, ECR and digest image forms', () => {
    for (const image of [
      'nginx',
      'amazon/amazon-ecs-agent:latest',
      'public.ecr.aws/nginx/nginx:1.27',
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:v1',
      'nginx@sha256:94afd1f2e64d908bc90dbca0035a5b567e',
    ]) {
      expect(errorLines(ec2Td({}, { image })), image).toEqual([]);
    }
  });
  it('rejects missing, empty and invalid images', () => {
    expect(errorLines(ec2Td({}, { image: undefined }))).toEqual([
      `${c0}.image: Container.image should not be null or empty.`,
    ]);
    expect(errorLines(ec2Td({}, { image: '' }))).toEqual([
      `${c0}.image: Container.image should not be null or empty.`,
    ]);
    expect(errorLines(ec2Td({}, { image: 'nginx latest' }))).toEqual([
      `${c0}.image: Container.image contains invalid characters.`,
    ]);
  });
});

describe('container memory', () => {
  it('needs memory or memoryReservation when the task has no memory', () => {
    expect(errorLines(ec2Td({}, { memory: undefined, memoryReservation: 128 }))).toEqual([]);
    expect(errorLines(ec2Td({ memory: '512' }, { memory: undefined }))).toEqual([]);
    expect(errorLines(ec2Td({}, { memory: undefined }))).toEqual([
      `${c0}: Invalid setting for container 'app'. At least one of 'memory' or 'memoryReservation' must be specified.`,
    ]);
  });
  it('allows memoryReservation up to memory (equal is fine) and rejects more', () => {
    expect(errorLines(ec2Td({}, { memory: 256, memoryReservation: 256 }))).toEqual([]);
    expect(errorLines(ec2Td({}, { memory: 256, memoryReservation: 257 }))).toEqual([
      `${c0}.memoryReservation: Invalid setting for container 'app'. 'memoryReservation' must be less than or equal to 'memory'.`,
    ]);
  });
  it('requires at least 6 MiB per container', () => {
    expect(errorLines(ec2Td({}, { memory: 6 }))).toEqual([]);
    expect(errorLines(ec2Td({}, { memory: 5 }))).toEqual([
      `${c0}.memory: Invalid 'memory' setting for container 'app'. The minimum is 6 MiB.`,
    ]);
  });
  it('rejects a container memory above the task memory', () => {
    expect(errorLines(ec2Td({ memory: '1 GB' }, { memory: 1024 }))).toEqual([]);
    expect(errorLines(ec2Td({ memory: '1 GB' }, { memory: 2048 }))).toEqual([
      `${c0}.memory: The 'memory' setting for container 'app' is greater than for the task.`,
      "memory: The sum of all container 'memory' values cannot be greater than the value of the task 'memory'.",
    ]);
  });
  it('rejects container reservations that add up to more than the task memory', () => {
    const containers = [
      { name: 'a', image: 'nginx', memoryReservation: 300 },
      { name: 'b', image: 'nginx', memoryReservation: 300 },
    ];
    expect(errorLines(ec2Td({ memory: '600', containerDefinitions: containers }))).toEqual([]);
    expect(errorLines(ec2Td({ memory: '512', containerDefinitions: containers }))).toEqual([
      "memory: The sum of all container 'memoryReservation' values cannot be greater than the value of the task 'memory'.",
    ]);
  });
});

describe('cpu', () => {
  it('rejects container cpu summing to more than the task cpu', () => {
    const containers = [
      { name: 'a', image: 'nginx', cpu: 256 },
      { name: 'b', image: 'nginx', cpu: 256 },
    ];
    expect(errorLines(fargateTd({ containerDefinitions: containers }))).toEqual([]);
    expect(
      errorLines(fargateTd({ cpu: '256', memory: '512', containerDefinitions: containers })),
    ).toEqual([
      "cpu: The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'.",
    ]);
  });
  it('rejects a negative container cpu', () => {
    expect(errorLines(ec2Td({}, { cpu: -1 }))).toEqual([
      `${c0}.cpu: Invalid 'cpu' setting for container 'app'.`,
    ]);
  });
  it('keeps EC2 task cpu within 128 … 196608 units', () => {
    expect(errorLines(ec2Td({ cpu: '128' }))).toEqual([]);
    expect(errorLines(ec2Td({ cpu: '192 vCPU' }))).toEqual([]);
    const bad =
      "cpu: Invalid 'cpu' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.";
    expect(errorLines(ec2Td({ cpu: '64' }))).toEqual([bad]);
    expect(errorLines(ec2Td({ cpu: '193 vCPU' }))).toEqual([bad]);
  });
});

describe('enumerations', () => {
  it('rejects unknown requiresCompatibilities and networkMode with the API validation wording', () => {
    expect(
      errorLines(ec2Td({ requiresCompatibilities: ['EC2', 'LAMBDA'], networkMode: 'overlay' })),
    ).toEqual([
      "requiresCompatibilities[1]: Value 'LAMBDA' at 'requiresCompatibilities.2.member' failed to satisfy constraint: Member must satisfy enum value set: [EC2, FARGATE, EXTERNAL, MANAGED_INSTANCES]",
      "networkMode: Value 'overlay' at 'networkMode' failed to satisfy constraint: Member must satisfy enum value set: [bridge, host, awsvpc, none]",
    ]);
  });
  it('rejects an unknown port protocol', () => {
    expect(
      errorLines(ec2Td({}, { portMappings: [{ containerPort: 80, protocol: 'sctp' }] })),
    ).toEqual([
      `${c0}.portMappings[0].protocol: Value 'sctp' at 'containerDefinitions.1.member.portMappings.1.member.protocol' failed to satisfy constraint: Member must satisfy enum value set: [tcp, udp]`,
    ]);
  });
  it('warns that MANAGED_INSTANCES is not simulated', () => {
    const result = parse(ec2Td({ requiresCompatibilities: ['EC2', 'MANAGED_INSTANCES'] }));
    expect(result.ok && result.value.requiresCompatibilities).toEqual(['EC2']);
    expect(result.warnings.map((w) => w.message)).toEqual([
      'MANAGED_INSTANCES is valid in AWS but not simulated here; it is ignored',
    ]);
  });
  it('rejects awsvpc for EXTERNAL (ECS Anywhere)', () => {
    expect(
      errorLines(ec2Td({ requiresCompatibilities: ['EXTERNAL'], networkMode: 'bridge' })),
    ).toEqual([]);
    expect(
      errorLines(ec2Td({ requiresCompatibilities: ['EXTERNAL'], networkMode: 'awsvpc' })),
    ).toEqual([
      "networkMode: Tasks using the EXTERNAL launch type do not support network mode 'awsvpc'. The supported network modes are 'bridge', 'host' and 'none'.",
    ]);
  });
});

describe('placement constraints', () => {
  it('accepts memberOf with an expression only', () => {
    expect(
      errorLines(
        ec2Td({
          placementConstraints: [
            { type: 'memberOf', expression: 'attribute:ecs.availability-zone in [us-east-1a]' },
          ],
        }),
      ),
    ).toEqual([]);
    expect(errorLines(ec2Td({ placementConstraints: [{ type: 'distinctInstance' }] }))).toEqual([
      "placementConstraints[0].type: Value 'distinctInstance' at 'placementConstraints.1.member.type' failed to satisfy constraint: Member must satisfy enum value set: [memberOf]",
    ]);
    expect(errorLines(ec2Td({ placementConstraints: [{ type: 'memberOf' }] }))).toEqual([
      "placementConstraints[0]: A 'memberOf' placement constraint requires an 'expression'.",
    ]);
  });
});

describe('health check', () => {
  const hc = (extra: Record<string, unknown>) =>
    ec2Td({}, { healthCheck: { command: ['CMD', 'true'], ...extra } });
  it('accepts the range boundaries', () => {
    expect(errorLines(hc({ interval: 5, timeout: 2, retries: 1, startPeriod: 0 }))).toEqual([]);
    expect(errorLines(hc({ interval: 300, timeout: 60, retries: 10, startPeriod: 300 }))).toEqual(
      [],
    );
  });
  it('rejects values outside interval 5–300, timeout 2–60, retries 1–10, startPeriod 0–300', () => {
    const msg = (f: string, range: string) =>
      `${c0}.healthCheck.${f}: Invalid 'healthCheck' setting for container 'app'. '${f}' must be between ${range}.`;
    expect(errorLines(hc({ interval: 4, timeout: 61, retries: 0, startPeriod: 301 }))).toEqual([
      msg('interval', '5 and 300 seconds'),
      msg('timeout', '2 and 60 seconds'),
      msg('retries', '1 and 10'),
      msg('startPeriod', '0 and 300 seconds'),
    ]);
  });
  it('requires a non-empty command', () => {
    expect(errorLines(ec2Td({}, { healthCheck: { interval: 10 } }))).toEqual([
      `${c0}.healthCheck: Missing required parameter in ${c0}.healthCheck: "command"`,
    ]);
    expect(errorLines(hc({ command: [] }))).toEqual([
      `${c0}.healthCheck.command: Invalid 'healthCheck' setting for container 'app'. 'command' must not be empty.`,
    ]);
  });
});

describe('stopTimeout and dependsOn', () => {
  it('caps stopTimeout at 120 s on Fargate only', () => {
    const fargate = (stopTimeout: number) =>
      fargateTd({ containerDefinitions: [{ name: 'web', image: 'nginx', stopTimeout }] });
    expect(errorLines(fargate(120))).toEqual([]);
    expect(errorLines(fargate(121))).toEqual([
      `${c0}.stopTimeout: Invalid 'stopTimeout' setting for container 'web'. It must be between 0 and 120 seconds.`,
    ]);
    expect(errorLines(ec2Td({}, { stopTimeout: 600 }))).toEqual([]);
  });
  it('checks dependency targets and conditions', () => {
    const td = (dep: Record<string, unknown>, target: Record<string, unknown> = {}) =>
      ec2Td({
        containerDefinitions: [
          { name: 'app', image: 'nginx', memory: 64, dependsOn: [dep] },
          { name: 'init', image: 'busybox', memory: 64, ...target },
        ],
      });
    expect(
      errorLines(td({ containerName: 'init', condition: 'COMPLETE' }, { essential: false })),
    ).toEqual([]);
    expect(errorLines(td({ containerName: 'init', condition: 'SUCCESS' }))).toEqual([
      `${c0}.dependsOn[0]: A dependency container with SUCCESS or COMPLETE condition cannot be an essential container`,
    ]);
    expect(errorLines(td({ containerName: 'db', condition: 'START' }))).toEqual([
      `${c0}.dependsOn[0].containerName: Container 'app' depends on container 'db', which is not in the task definition.`,
    ]);
    expect(errorLines(td({ containerName: 'init', condition: 'HEALTHY' }))).toEqual([
      `${c0}.dependsOn[0]: Dependency condition HEALTHY requires container 'init' to have a healthCheck.`,
    ]);
    expect(
      errorLines(
        td(
          { containerName: 'init', condition: 'HEALTHY' },
          { healthCheck: { command: ['CMD', 'true'] } },
        ),
      ),
    ).toEqual([]);
  });
});

describe('reporting', () => {
  it('reports every problem, not just the first, each at its own line and column', () => {
    const text = [
      '{',
      '  "family": "a b",',
      '  "containerDefinitions": [',
      '    { "name": "x", "image": "" , "memory": 2 }',
      '  ]',
      '}',
    ].join('\n');
    expect(parseRaw(text)).toEqual([
      '2:13 family: Family contains invalid characters.',
      '4:29 containerDefinitions[0].image: Container.image should not be null or empty.',
      "4:44 containerDefinitions[0].memory: Invalid 'memory' setting for container 'x'. The minimum is 6 MiB.",
    ]);
  });
});

function parseRaw(text: string): string[] {
  const result = parseTaskDefinition(text, 'r.json');
  return result.ok ? [] : result.errors.map((e) => `${e.line}:${e.column} ${e.path}: ${e.message}`);
}

describe('Fargate execution role', () => {
  const ecr = '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1';
  it('warns when a Fargate task pulls private ECR images without executionRoleArn', () => {
    const td = fargateTd({ containerDefinitions: [{ name: 'app', image: ecr }] });
    const result = parse(td);
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => `${w.path}: ${w.message}`)).toEqual([
      "containerDefinitions[0].image: Container 'app' pulls a private ECR image but the task has no executionRoleArn; Fargate needs a task execution role to pull it.",
    ]);
  });
  it('stays quiet with a role, for Docker Hub images, and on EC2', () => {
    const withRole = fargateTd({
      executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
      containerDefinitions: [{ name: 'app', image: ecr }],
    });
    expect(parse(withRole).warnings).toEqual([]);
    expect(parse(fargateTd()).warnings).toEqual([]);
    expect(parse(ec2Td({}, { image: ecr })).warnings).toEqual([]);
  });
});
