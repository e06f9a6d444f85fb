import { describe, expect, it } from 'vitest';
import {
  FARGATE_TASK_SIZES,
  allFargateTaskSizes,
  isFargateTaskSize,
} from '../../src/formats/fargate-sizes.ts';
import { computeCompatibilities } from '../../src/formats/task-definition.ts';
import { errorLines, fargateTd, parse } from './task-definition-helpers.ts';

const NO_CONFIG = 'No Fargate configuration exists for given values.';
const BAD_CPU =
  "Invalid 'cpu' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.";

describe('Fargate task sizes (reference A1.2)', () => {
  it('has exactly the documented pairs', () => {
    const pairs = allFargateTaskSizes();
    const count = (cpu: number) => pairs.filter((p) => p.cpu === cpu).length;
    expect([256, 512, 1024, 2048, 4096, 8192, 16384].map(count)).toEqual([3, 4, 7, 13, 23, 12, 12]);
    expect(pairs).toHaveLength(74);
    expect(pairs.filter((p) => p.cpu === 8192).map((p) => p.memory / 1024)).toEqual([
      16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60,
    ]);
    expect(pairs.filter((p) => p.cpu === 16384).map((p) => p.memory / 1024)).toEqual([
      32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 112, 120,
    ]);
  });

  it('accepts every valid pair through parseTaskDefinition', () => {
    for (const { cpu, memory } of allFargateTaskSizes()) {
      const result = parse(fargateTd({ cpu: String(cpu), memory: String(memory) }));
      expect(result.ok, `${cpu}/${memory}`).toBe(true);
      expect(result.ok && computeCompatibilities(result.value)).toContain('FARGATE');
    }
  });

  it('rejects memory that is not offered with the cpu, with AWS wording and a hint', () => {
    const invalid: [number, number][] = [
      [256, 3072],
      [256, 256],
      [512, 512],
      [512, 5120],
      [1024, 1024],
      [1024, 9216],
      [2048, 17408],
      [4096, 31744],
      [8192, 18432], // 8 vCPU steps by 4 GB
      [8192, 65536],
      [16384, 36864], // 16 vCPU steps by 8 GB
      [16384, 131072],
    ];
    for (const [cpu, memory] of invalid) {
      const errors = errorLines(fargateTd({ cpu: String(cpu), memory: String(memory) }));
      expect(errors, `${cpu}/${memory}`).toHaveLength(1);
      expect(errors[0]).toMatch(
        new RegExp(`^memory: ${NO_CONFIG.replace('.', '\\.')} \\(Valid memory for cpu ${cpu}: `),
      );
    }
  });

  it('rejects a cpu value Fargate does not offer', () => {
    expect(errorLines(fargateTd({ cpu: '768', memory: '2048' }))).toEqual([
      `cpu: ${BAD_CPU} (Fargate CPU values: 256, 512, 1024, 2048, 4096, 8192, 16384.)`,
    ]);
  });

  it('applies the table when FARGATE is listed beside EC2', () => {
    const errors = errorLines(
      fargateTd({ requiresCompatibilities: ['EC2', 'FARGATE'], memory: '8192' }),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(NO_CONFIG);
  });

  it('limits Windows on Fargate to 1–4 vCPU', () => {
    const windows = { runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' } };
    expect(parse(fargateTd({ ...windows, cpu: '1024', memory: '2048' })).ok).toBe(true);
    expect(errorLines(fargateTd({ ...windows, cpu: '512', memory: '1024' }))).toEqual([
      `memory: ${NO_CONFIG} (Windows on Fargate needs 1, 2 or 4 vCPU.)`,
    ]);
    expect(isFargateTaskSize(8192, 16384, true)).toBe(false);
    expect(isFargateTaskSize(8192, 16384, false)).toBe(true);
    expect(FARGATE_TASK_SIZES.filter((s) => s.windows).map((s) => s.cpu)).toEqual([
      1024, 2048, 4096,
    ]);
  });

  it('requires task-level cpu and memory, reported at the task object', () => {
    const result = parse(fargateTd({ cpu: undefined, memory: undefined }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => [e.path, e.line, e.column, e.message])).toEqual([
      ['cpu', 1, 1, "Fargate requires that 'cpu' be defined at the task level."],
      ['memory', 1, 1, "Fargate requires that 'memory' be defined at the task level."],
      [
        'containerDefinitions[0]',
        8,
        5,
        "Invalid setting for container 'web'. At least one of 'memory' or 'memoryReservation' must be specified.",
      ],
    ]);
  });

  it('requires awsvpc, also when networkMode is omitted (bridge default)', () => {
    expect(errorLines(fargateTd({ networkMode: 'bridge' }))).toEqual([
      'networkMode: Fargate only supports network mode ‘awsvpc’.',
    ]);
    expect(errorLines(fargateTd({ networkMode: undefined }))).toEqual([
      'networkMode: Fargate only supports network mode ‘awsvpc’.',
    ]);
  });

  it('rejects ARM64 with Windows on Fargate but accepts ARM64 Linux', () => {
    expect(parse(fargateTd({ runtimePlatform: { cpuArchitecture: 'ARM64' } })).ok).toBe(true);
    const win = { cpuArchitecture: 'ARM64', operatingSystemFamily: 'WINDOWS_SERVER_2019_FULL' };
    expect(errorLines(fargateTd({ runtimePlatform: win, cpu: '1024', memory: '2048' }))).toEqual([
      "runtimePlatform.cpuArchitecture: Fargate does not support cpuArchitecture 'ARM64' with operatingSystemFamily 'WINDOWS_SERVER_2019_FULL'. Windows tasks on Fargate must use X86_64.",
    ]);
  });

  it('allows only pidMode "task" on Fargate', () => {
    expect(parse(fargateTd({ pidMode: 'task' })).ok).toBe(true);
    expect(errorLines(fargateTd({ pidMode: 'host' }))).toEqual([
      "pidMode: Tasks using the Fargate launch type do not support pidMode 'host'. The supported value for pidMode is 'task'.",
    ]);
  });

  it('computes compatibilities like ECS: EC2 always, FARGATE only when valid for it', () => {
    const ec2Only = parse(fargateTd({ requiresCompatibilities: ['EC2'], networkMode: 'bridge' }));
    expect(ec2Only.ok && computeCompatibilities(ec2Only.value)).toEqual(['EC2', 'EXTERNAL']);
    const both = parse(fargateTd({ requiresCompatibilities: ['EC2'] }));
    expect(both.ok && computeCompatibilities(both.value)).toEqual(['EC2', 'FARGATE']);
  });
});
