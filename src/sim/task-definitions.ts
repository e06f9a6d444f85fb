/**
 * RegisterTaskDefinition / DeregisterTaskDefinition and task definition look-up. Validation of the
 * document lives in src/formats; here only what the API itself decides: revision, ARN, status and
 * computed `compatibilities` (reference A1, PART D).
 */
import type { Draft } from './draft.ts';
import { taskDefinitionArn } from './ids.ts';
import type { LaunchType, TaskDefinition, TaskDefinitionInput } from './model.ts';

/** Pure: FARGATE-compatible means awsvpc with task-level cpu and memory (A1.6, E1 step 3). */
export function fargateProblem(
  td: Pick<TaskDefinition, 'networkMode' | 'cpu' | 'memory'>,
): string | undefined {
  // Exact strings from reference A1.6 (AWS uses typographic quotes in the first).
  if (td.networkMode !== 'awsvpc')
    return 'ClientException: Fargate only supports network mode ‘awsvpc’.';
  if (td.cpu === undefined)
    return "ClientException: Fargate requires that 'cpu' be defined at the task level.";
  if (td.memory === undefined)
    return "ClientException: Fargate requires that 'memory' be defined at the task level.";
  return undefined;
}

/** Registers the next revision of the family; returns an error string if the API would refuse. */
export function registerTaskDefinition(d: Draft, input: TaskDefinitionInput): string | undefined {
  if (!/^[A-Za-z0-9_-]{1,255}$/.test(input.family)) {
    return 'ClientException: Family name can be up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores.';
  }
  if (input.containerDefinitions.length === 0)
    return 'ClientException: Container list cannot be empty.';
  const fargate = fargateProblem(input);
  if (input.requiresCompatibilities.includes('FARGATE') && fargate) return fargate;
  let max = 0;
  for (const key of Object.keys(d.taskDefinitions)) {
    const td = d.taskDefinitions[key] as TaskDefinition;
    if (td.family === input.family) max = Math.max(max, td.revision);
  }
  const revision = max + 1;
  // ECS computes compatibilities: EC2 and EXTERNAL always, FARGATE when valid for it (PART D, model.ts).
  const compatibilities: LaunchType[] = fargate
    ? ['EC2', 'EXTERNAL']
    : ['EC2', 'EXTERNAL', 'FARGATE'];
  const td: TaskDefinition = {
    ...input,
    revision,
    taskDefinitionArn: taskDefinitionArn(d.cluster, input.family, revision),
    status: 'ACTIVE',
    registeredAt: d.now,
    compatibilities,
  };
  d.setTaskDefinition(`${input.family}:${revision}`, td);
  return undefined;
}

/**
 * Resolves "family" (latest ACTIVE revision), "family:revision" or a task definition ARN to its key.
 * INACTIVE revisions resolve only when named explicitly (they cannot start new services, A3.1).
 */
export function resolveTaskDefinition(
  d: Pick<Draft, 'taskDefinitions'>,
  ref: string,
): { key: string; td: TaskDefinition } | undefined {
  const short = ref.includes(':task-definition/')
    ? ref.slice(ref.indexOf(':task-definition/') + 17)
    : ref;
  if (short.includes(':')) {
    const td = d.taskDefinitions[short];
    return td ? { key: short, td } : undefined;
  }
  let best: TaskDefinition | undefined;
  for (const key of Object.keys(d.taskDefinitions)) {
    const td = d.taskDefinitions[key] as TaskDefinition;
    if (td.family === short && td.status === 'ACTIVE' && (!best || td.revision > best.revision))
      best = td;
  }
  return best ? { key: `${best.family}:${best.revision}`, td: best } : undefined;
}

/** DeregisterTaskDefinition: the revision becomes INACTIVE (running tasks are unaffected). */
export function deregisterTaskDefinition(d: Draft, ref: string): string | undefined {
  if (!ref.includes(':'))
    return 'ClientException: Revision is required when deregistering a task definition.';
  const found = resolveTaskDefinition(d, ref);
  if (!found) return 'ClientException: The specified task definition does not exist.';
  if (found.td.status === 'INACTIVE') return undefined;
  d.setTaskDefinition(found.key, { ...found.td, status: 'INACTIVE' });
  return undefined;
}
