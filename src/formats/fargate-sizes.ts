/**
 * Fargate task sizes: the valid task-level CPU/memory pairs [ECS-DG AWS_Fargate,
 * task-cpu-memory-error] (reference A1.2). A definition that lists FARGATE in
 * requiresCompatibilities must use one of these pairs, even when EC2 is listed too.
 */

/** One Fargate CPU size and the memory sizes (MiB) allowed with it. */
export interface FargateCpuSize {
  /** Task CPU units (1 vCPU = 1024). */
  readonly cpu: number;
  /** Valid task memory values in MiB, ascending. */
  readonly memory: readonly number[];
  /** False for the 8 and 16 vCPU sizes, which are Linux-only (platform 1.4.0+). */
  readonly windows: boolean;
}

const GiB = 1024;

/** Memory values from `fromGiB` to `toGiB` inclusive, every `stepGiB`, in MiB. */
function gibRange(fromGiB: number, toGiB: number, stepGiB: number): number[] {
  const out: number[] = [];
  for (let g = fromGiB; g <= toGiB; g += stepGiB) out.push(g * GiB);
  return out;
}

/** The full Fargate table (reference A1.2), smallest CPU first. */
export const FARGATE_TASK_SIZES: readonly FargateCpuSize[] = [
  { cpu: 256, memory: [512, 1024, 2048], windows: false },
  { cpu: 512, memory: gibRange(1, 4, 1), windows: false },
  { cpu: 1024, memory: gibRange(2, 8, 1), windows: true },
  { cpu: 2048, memory: gibRange(4, 16, 1), windows: true },
  { cpu: 4096, memory: gibRange(8, 30, 1), windows: true },
  // 8 and 16 vCPU: Linux only, platform version 1.4.0 or later.
  { cpu: 8192, memory: gibRange(16, 60, 4), windows: false },
  { cpu: 16384, memory: gibRange(32, 120, 8), windows: false },
];

/** The table row for `cpu` units, if Fargate offers that CPU size. */
export function fargateCpuSize(cpu: number): FargateCpuSize | undefined {
  return FARGATE_TASK_SIZES.find((size) => size.cpu === cpu);
}

/**
 * True when `cpu` units with `memory` MiB is a Fargate size. Windows task definitions also need
 * the row to allow Windows (min 1 vCPU, max 4 vCPU) [ECS-DG AWS_Fargate].
 */
export function isFargateTaskSize(cpu: number, memory: number, windows = false): boolean {
  const size = fargateCpuSize(cpu);
  if (size === undefined || (windows && !size.windows)) return false;
  return size.memory.includes(memory);
}

/** Every valid (cpu, memory) pair, in table order; useful for pickers and exhaustive tests. */
export function allFargateTaskSizes(): { cpu: number; memory: number }[] {
  return FARGATE_TASK_SIZES.flatMap((size) =>
    size.memory.map((memory) => ({ cpu: size.cpu, memory })),
  );
}
