import { describe, expect, it } from 'vitest';
import { parseTaskCpu, parseTaskMemory } from '../../src/formats/task-size.ts';
import { ec2Td, errorLines, fargateTd, parse, warningLines } from './task-definition-helpers.ts';

describe('task size normalisation', () => {
  it.each([
    ['1 vCPU', 1024],
    ['1 vcpu', 1024],
    ['1vCPU', 1024],
    ['0.5 vCPU', 512],
    ['.25 vCPU', 256],
    ['16 vCPU', 16384],
    ['1024', 1024],
    [' 256 ', 256],
    [1024, 1024],
  ] as const)('cpu %j → %i units', (input, units) => {
    expect(parseTaskCpu(input)).toBe(units);
  });

  it.each([
    ['2 GB', 2048],
    ['2GB', 2048],
    ['2 gb', 2048],
    ['0.5GB', 512],
    ['2048', 2048],
    [512, 512],
  ] as const)('memory %j → %i MiB', (input, mib) => {
    expect(parseTaskMemory(input)).toBe(mib);
  });

  it.each(['', 'one vCPU', '1 GHz', '-1', '0', '0.1 vCPU', '1.5'])(
    'cpu %j is not understood',
    (input) => {
      expect(parseTaskCpu(input)).toBeUndefined();
    },
  );

  it.each(['2 TB', '512 MiB', '0', '0.3 GB', 'lots'])('memory %j is not understood', (input) => {
    expect(parseTaskMemory(input)).toBeUndefined();
  });

  it('stores "1 vCPU" / "2 GB" as 1024 units / 2048 MiB in the parsed definition', () => {
    const result = parse(fargateTd({ cpu: '1 vCPU', memory: '2 GB' }));
    expect(result.ok && [result.value.cpu, result.value.memory]).toEqual([1024, 2048]);
  });

  it('rejects an unparseable task cpu/memory with the ECS wording', () => {
    expect(errorLines(ec2Td({ cpu: 'fast', memory: 'big' }))).toEqual([
      "cpu: Invalid 'cpu' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.",
      "memory: Invalid 'memory' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.",
    ]);
  });

  it('accepts a numeric task cpu but warns that the AWS CLI wants a string', () => {
    const result = parse(fargateTd({ cpu: 512 }));
    expect(result.ok).toBe(true);
    expect(warningLines(fargateTd({ cpu: 512 }))).toEqual([
      `cpu: The AWS CLI expects a string here ("512"): Invalid type for parameter cpu, value: 512, type: <class 'int'>, valid types: <class 'str'>`,
    ]);
  });
});

describe('defaults applied when parsing', () => {
  it('fills essential, protocol, networkMode, cpu, architecture and OS like ECS does', () => {
    const result = parse(ec2Td({}, { portMappings: [{ containerPort: 80 }] }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const td = result.value;
    expect(td.networkMode).toBe('bridge');
    expect(td.cpuArchitecture).toBe('X86_64');
    expect(td.operatingSystemFamily).toBe('LINUX');
    expect(td.cpu).toBeUndefined();
    expect(td.memory).toBeUndefined();
    expect(td.placementConstraints).toEqual([]);
    expect(td.containerDefinitions[0]).toEqual({
      name: 'app',
      image: 'nginx:latest',
      cpu: 0,
      memory: 256,
      essential: true,
      portMappings: [{ containerPort: 80, protocol: 'tcp' }],
      environment: [],
    });
  });

  it('fills healthCheck defaults interval 30, timeout 5, retries 3, startPeriod 0', () => {
    const result = parse(ec2Td({}, { healthCheck: { command: ['CMD', 'true'] } }));
    expect(result.ok && result.value.containerDefinitions[0]?.healthCheck).toEqual({
      command: ['CMD', 'true'],
      interval: 30,
      timeout: 5,
      retries: 3,
      startPeriod: 0,
    });
  });

  it('keeps given values: essential false, udp, hostPort, env, command, stopTimeout, roles, platform', () => {
    const result = parse(
      ec2Td({
        taskRoleArn: 'arn:aws:iam::1:role/app',
        executionRoleArn: 'arn:aws:iam::1:role/exec',
        runtimePlatform: { cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX' },
        placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.os-type == linux' }],
        containerDefinitions: [
          { name: 'main', image: 'nginx', memory: 128 },
          {
            name: 'side',
            image: 'busybox',
            memoryReservation: 64,
            essential: false,
            portMappings: [{ containerPort: 53, hostPort: 5353, protocol: 'udp', name: 'dns' }],
            environment: [{ name: 'A', value: '1' }],
            command: ['sleep', '60'],
            stopTimeout: 10,
          },
        ],
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.taskRoleArn).toBe('arn:aws:iam::1:role/app');
    expect(result.value.executionRoleArn).toBe('arn:aws:iam::1:role/exec');
    expect(result.value.cpuArchitecture).toBe('ARM64');
    expect(result.value.placementConstraints).toEqual([
      { type: 'memberOf', expression: 'attribute:ecs.os-type == linux' },
    ]);
    expect(result.value.containerDefinitions[1]).toEqual({
      name: 'side',
      image: 'busybox',
      cpu: 0,
      memoryReservation: 64,
      essential: false,
      portMappings: [{ containerPort: 53, hostPort: 5353, protocol: 'udp', name: 'dns' }],
      environment: [{ name: 'A', value: '1' }],
      command: ['sleep', '60'],
      stopTimeout: 10,
    });
  });
});
