import { describe, expect, it } from 'vitest';
import { ec2Td, errorLines, fargateTd, parse } from './task-definition-helpers.ts';

const pm = (i: number, j = 0) => `containerDefinitions[${i}].portMappings[${j}]`;
const withPorts = (networkMode: string | undefined, ...containers: Record<string, unknown>[][]) =>
  ec2Td({
    networkMode,
    containerDefinitions: containers.map((portMappings, i) => ({
      name: `c${i}`,
      image: 'nginx',
      memory: 64,
      portMappings,
    })),
  });

describe('port mappings (reference A1.5)', () => {
  it('awsvpc: hostPort may be omitted or equal containerPort', () => {
    expect(
      errorLines(
        withPorts('awsvpc', [{ containerPort: 80 }, { containerPort: 443, hostPort: 443 }]),
      ),
    ).toEqual([]);
    expect(errorLines(withPorts('awsvpc', [{ containerPort: 80, hostPort: 8080 }]))).toEqual([
      `${pm(0)}.hostPort: When networkMode=awsvpc, the host ports and container ports in port mappings must match.`,
    ]);
  });

  it('host: hostPort may be omitted or equal containerPort', () => {
    expect(errorLines(withPorts('host', [{ containerPort: 80, hostPort: 80 }]))).toEqual([]);
    expect(errorLines(withPorts('host', [{ containerPort: 80, hostPort: 0 }]))).toEqual([
      `${pm(0)}.hostPort: When networkMode=host, the host ports and container ports in port mappings must match.`,
    ]);
  });

  it('bridge: static and dynamic (0 or omitted) host ports are fine', () => {
    const result = parse(
      withPorts(undefined, [
        { containerPort: 80, hostPort: 8080 },
        { containerPort: 81, hostPort: 0 },
        { containerPort: 82 },
      ]),
    );
    expect(result.ok).toBe(true);
    expect(result.ok && result.value.containerDefinitions[0]?.portMappings).toEqual([
      { containerPort: 80, hostPort: 8080, protocol: 'tcp' },
      { containerPort: 81, hostPort: 0, protocol: 'tcp' },
      { containerPort: 82, protocol: 'tcp' },
    ]);
  });

  it('none: no port mappings at all', () => {
    expect(errorLines(withPorts('none', []))).toEqual([]);
    expect(errorLines(withPorts('none', [{ containerPort: 80 }]))).toEqual([
      `${pm(0)}: Port mappings are not supported when networkMode=none (container 'c0').`,
    ]);
  });

  it('containerPort must be 1–65535 and present; hostPort 0–65535', () => {
    expect(errorLines(withPorts('bridge', [{ containerPort: 65535, hostPort: 65535 }]))).toEqual(
      [],
    );
    expect(
      errorLines(
        withPorts('bridge', [
          { containerPort: 0 },
          { containerPort: 65536 },
          { hostPort: 80 },
          { containerPort: 80, hostPort: 70000 },
        ]),
      ),
    ).toEqual([
      `${pm(0, 0)}.containerPort: Invalid 'containerPort' setting for container 'c0'.`,
      `${pm(0, 1)}.containerPort: Invalid 'containerPort' setting for container 'c0'.`,
      `${pm(0, 2)}: Invalid 'containerPort' setting for container 'c0'.`,
      `${pm(0, 3)}.hostPort: Invalid 'hostPort' setting for container 'c0'.`,
    ]);
  });

  it('rejects the same host port twice in one task (per protocol)', () => {
    expect(
      errorLines(
        withPorts(
          'bridge',
          [{ containerPort: 80, hostPort: 8080 }],
          [{ containerPort: 81, hostPort: 8080 }],
        ),
      ),
    ).toEqual([
      `${pm(1)}.hostPort: Host port 8080/tcp is mapped more than once in the task (first at containerDefinitions[0].portMappings[0]).`,
    ]);
    // In awsvpc every container shares the task ENI, so two containers cannot both listen on 80.
    expect(
      errorLines(withPorts('awsvpc', [{ containerPort: 80 }], [{ containerPort: 80 }])),
    ).toEqual([
      `${pm(1)}.containerPort: Host port 80/tcp is mapped more than once in the task (first at containerDefinitions[0].portMappings[0]).`,
    ]);
    expect(
      errorLines(
        withPorts('awsvpc', [{ containerPort: 53 }, { containerPort: 53, protocol: 'udp' }]),
      ),
    ).toEqual([]);
    expect(
      errorLines(
        withPorts(
          'bridge',
          [{ containerPort: 80, hostPort: 0 }],
          [{ containerPort: 80, hostPort: 0 }],
        ),
      ),
    ).toEqual([]);
  });

  it('containerPortRange: bridge/awsvpc only, "first-last", not with containerPort', () => {
    expect(errorLines(withPorts('awsvpc', [{ containerPortRange: '8000-8010' }]))).toEqual([]);
    expect(errorLines(withPorts('host', [{ containerPortRange: '8000-8010' }]))).toEqual([
      `${pm(0)}.containerPortRange: containerPortRange is only supported with networkMode bridge or awsvpc (container 'c0').`,
    ]);
    expect(errorLines(withPorts('bridge', [{ containerPortRange: '9000-8000' }]))).toEqual([
      `${pm(0)}.containerPortRange: Invalid 'containerPortRange' setting for container 'c0'. Use "first-last" with 1 <= first < last <= 65535.`,
    ]);
    expect(
      errorLines(withPorts('bridge', [{ containerPort: 80, containerPortRange: '8000-8010' }])),
    ).toEqual([
      `${pm(0)}: Invalid port mapping for container 'c0'. Specify either 'containerPort' or 'containerPortRange', not both.`,
    ]);
  });

  it('reports the offending hostPort at its own line and column', () => {
    const value = fargateTd({
      containerDefinitions: [
        { name: 'web', image: 'nginx', portMappings: [{ containerPort: 80, hostPort: 81 }] },
      ],
    });
    const lines = JSON.stringify(value, null, 2).split('\n');
    const line = lines.findIndex((l) => l.includes('"hostPort": 81')) + 1;
    const column = (lines[line - 1] ?? '').indexOf('81') + 1;
    const result = parse(value);
    expect(line).toBeGreaterThan(1);
    expect(!result.ok && result.errors.map((e) => [e.line, e.column])).toEqual([[line, column]]);
  });
});
