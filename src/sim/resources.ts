/**
 * What a task reserves on a container instance, and the bookkeeping that keeps an instance's
 * remaining CPU/memory/ports/ENIs equal to registered minus its non-STOPPED tasks (model.ts invariant).
 */
import type { ContainerInstance, LaunchType, Task, TaskDefinition } from './model.ts';
import {
  INSTANCE_TYPES,
  awsvpcTaskLimit,
  registeredCpuUnits,
  registeredMemoryMiB,
} from './instance-types.ts';

/** What one task of a task definition needs from its host. */
export interface TaskRequirements {
  readonly cpu: number;
  readonly memory: number;
  /** Static tcp host ports. */
  readonly hostPorts: readonly number[];
  readonly usesEni: boolean;
  readonly cpuArchitecture: 'X86_64' | 'ARM64';
  /** Launch type EXTERNAL: only external (ECS Anywhere) instances qualify, and only for these. */
  readonly external?: boolean;
}

/**
 * Pure: a task reserves task-level cpu/memory when set, else the sum of container `cpu` and of
 * `memoryReservation` (or `memory`) [ECS-DG task_definition_parameters] (A5.1). Static host ports:
 * host mode uses containerPort; bridge uses a non-zero hostPort (absent/0 = dynamic, not reserved);
 * awsvpc/none hold no host ports but awsvpc takes an ENI on EC2 (A1.5, A5.6).
 */
export function taskRequirements(td: TaskDefinition, launchType: LaunchType): TaskRequirements {
  let cpu = 0;
  let memory = 0;
  const ports: number[] = [];
  for (const c of td.containerDefinitions) {
    cpu += c.cpu;
    memory += c.memoryReservation ?? c.memory ?? 0;
    for (const pm of c.portMappings) {
      if (pm.protocol !== 'tcp') continue;
      if (td.networkMode === 'host') ports.push(pm.hostPort ?? pm.containerPort);
      else if (td.networkMode === 'bridge' && pm.hostPort) ports.push(pm.hostPort);
    }
  }
  return {
    cpu: td.cpu ?? cpu,
    memory: td.memory ?? memory,
    hostPorts: [...new Set(ports)].sort((a, b) => a - b),
    usesEni: td.networkMode === 'awsvpc' && launchType !== 'FARGATE',
    cpuArchitecture: td.cpuArchitecture,
    ...(launchType === 'EXTERNAL' ? { external: true } : {}),
  };
}

/** Pure: the instance after a task's reservation is added (+1) or released (−1). */
export function applyReservation(
  inst: ContainerInstance,
  task: Pick<Task, 'cpu' | 'memory' | 'hostPorts' | 'usesEni'>,
  sign: 1 | -1,
): ContainerInstance {
  let usedPorts: readonly number[] = inst.usedPorts;
  if (task.hostPorts.length > 0) {
    usedPorts =
      sign > 0
        ? [...inst.usedPorts, ...task.hostPorts].sort((a, b) => a - b)
        : removeEach(inst.usedPorts, task.hostPorts);
  }
  return {
    ...inst,
    remainingCpu: inst.remainingCpu - sign * task.cpu,
    remainingMemory: inst.remainingMemory - sign * task.memory,
    usedPorts,
    usedEnis: inst.usedEnis + (task.usesEni ? sign : 0),
  };
}

function removeEach(from: readonly number[], remove: readonly number[]): number[] {
  const out = [...from];
  for (const p of remove) {
    const i = out.indexOf(p);
    if (i >= 0) out.splice(i, 1);
  }
  return out;
}

/** Pure: how many awsvpc task ENIs an instance can still attach (ENIs − 1 without trunking, A5.6). */
export function freeEniSlots(inst: ContainerInstance): number {
  const info = INSTANCE_TYPES[inst.instanceType];
  const limit = info ? awsvpcTaskLimit(info) : 0;
  return limit - inst.usedEnis;
}

/**
 * Pure: an instance's resources recomputed from scratch from the tasks that hold them (used by tests
 * to check the incremental bookkeeping).
 */
export function recomputeInstanceResources(
  inst: ContainerInstance,
  tasks: Readonly<Record<string, Task>>,
): Pick<ContainerInstance, 'remainingCpu' | 'remainingMemory' | 'usedPorts' | 'usedEnis'> {
  let cpu = inst.registeredCpu;
  let mem = inst.registeredMemory;
  const ports: number[] = [];
  let enis = 0;
  for (const id of Object.keys(tasks).sort()) {
    const t = tasks[id] as Task;
    if (t.containerInstanceId !== inst.id || t.lastStatus === 'STOPPED') continue;
    cpu -= t.cpu;
    mem -= t.memory;
    ports.push(...t.hostPorts);
    if (t.usesEni) enis += 1;
  }
  return {
    remainingCpu: cpu,
    remainingMemory: mem,
    usedPorts: ports.sort((a, b) => a - b),
    usedEnis: enis,
  };
}

/** Pure: registered CPU units and memory MiB for an instance type name (undefined if unknown). */
export function registeredResourcesFor(
  instanceType: string,
): { cpu: number; memory: number } | undefined {
  const info = INSTANCE_TYPES[instanceType];
  if (!info) return undefined;
  return { cpu: registeredCpuUnits(info), memory: registeredMemoryMiB(info) };
}
