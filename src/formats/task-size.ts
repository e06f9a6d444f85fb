/**
 * Normalises task-level `cpu` and `memory` the way RegisterTaskDefinition does: CPU may be given
 * in units ("1024", 1024) or vCPUs ("1 vCPU", "1 vcpu", "0.5 vCPU"), memory in MiB ("2048", 2048)
 * or GB ("2 GB", "2GB") and are converted to CPU units and MiB [ECS-DG task_definition_parameters
 * task_size] (reference A1.1). 1 vCPU = 1024 units; 1 GB = 1024 MiB [ECS-DG task-cpu-memory-error].
 */

const NUMBER = String.raw`(\d+(?:\.\d+)?|\.\d+)`;
const PLAIN = new RegExp(String.raw`^\s*(\d+)\s*$`);
const VCPU = new RegExp(String.raw`^\s*${NUMBER}\s*vcpu\s*$`, 'i');
const GB = new RegExp(String.raw`^\s*${NUMBER}\s*gb\s*$`, 'i');

/** Integer result of `amount × factor`, or undefined when it is not a positive whole number. */
function scaled(amount: string, factor: number): number | undefined {
  const value = Number(amount) * factor;
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * Task CPU in units, or undefined when the value is not a CPU expression AWS understands.
 * Pure. Range checks (128…196608 on EC2, the Fargate table) are the validator's job.
 */
export function parseTaskCpu(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? value : undefined;
  const plain = PLAIN.exec(value);
  if (plain?.[1] !== undefined) return scaled(plain[1], 1);
  const vcpu = VCPU.exec(value);
  if (vcpu?.[1] !== undefined) return scaled(vcpu[1], 1024);
  return undefined;
}

/** Task memory in MiB, or undefined when the value is not a memory expression AWS understands. Pure. */
export function parseTaskMemory(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value > 0 ? value : undefined;
  const plain = PLAIN.exec(value);
  if (plain?.[1] !== undefined) return scaled(plain[1], 1);
  const gb = GB.exec(value);
  if (gb?.[1] !== undefined) return scaled(gb[1], 1024);
  return undefined;
}

/** "0.5 vCPU" style label for CPU units (for summaries). Pure. */
export function formatVcpu(cpu: number): string {
  return `${cpu / 1024} vCPU`;
}

/** "2 GB" / "512 MiB" style label for MiB (for summaries). Pure. */
export function formatMemory(mib: number): string {
  return mib % 1024 === 0 || mib > 1024
    ? `${Math.round((mib / 1024) * 100) / 100} GB`
    : `${mib} MiB`;
}
