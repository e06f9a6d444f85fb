/**
 * RunTask, StopTask and the CRASH_TASK fault (reference A2.2–A2.4).
 */
import type { SimCommand } from './commands.ts';
import type { Draft } from './draft.ts';
import type { Task } from './model.ts';
import { DEFAULT_RUN_TASK_STRATEGY, placeOnFargate, placeOnInstances } from './placement.ts';
import { taskRequirements } from './resources.ts';
import { launchTypeProblem, placementProblem } from './service-commands.ts';
import { createTask, requestStop } from './task-ops.ts';
import { resolveTaskDefinition } from './task-definitions.ts';

type Cmd<T extends SimCommand['type']> = Extract<SimCommand, { type: T }>;

/** What RunTask reports besides the new state. */
export interface RunTaskOutcome {
  readonly error?: string;
  readonly failures: readonly { readonly arn?: string; readonly reason: string }[];
  readonly taskIds: readonly string[];
}

/**
 * RunTask: places `count` (1–10, [ECS-API RunTaskRequest]) standalone tasks; group "family:<family>"
 * (PART D). Tasks that cannot be placed come back as `failures` with reasons like RESOURCE:CPU
 * [ECS-DG api_failures_messages] (A2.4). When none could be placed, an error is returned and the
 * caller keeps the old state.
 */
export function runTask(d: Draft, c: Cmd<'RUN_TASK'>): RunTaskOutcome {
  const count = c.count ?? 1;
  if (!Number.isInteger(count) || count < 1 || count > 10) {
    return {
      error: 'InvalidParameterException: count must be between 1 and 10.',
      failures: [],
      taskIds: [],
    };
  }
  const found = resolveTaskDefinition(d, c.taskDefinition);
  if (!found)
    return { error: 'ClientException: TaskDefinition not found.', failures: [], taskIds: [] };
  if (found.td.status === 'INACTIVE')
    return { error: 'ClientException: TaskDefinition is inactive.', failures: [], taskIds: [] };
  const strategies = c.placementStrategy ?? [];
  const constraints = c.placementConstraints ?? [];
  const problem =
    launchTypeProblem(found.td, c.launchType) ??
    placementProblem(c.launchType, strategies, constraints);
  if (problem) return { error: problem, failures: [], taskIds: [] };
  const req = taskRequirements(found.td, c.launchType);
  const group = `family:${found.td.family}`;
  const label = `group ${group}`;
  const failures: { arn?: string; reason: string }[] = [];
  const taskIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const placed =
      c.launchType === 'FARGATE'
        ? placeOnFargate(d, group, label)
        : placeOnInstances(d, {
            requirements: req,
            group,
            groupLabel: label,
            constraints: [...constraints, ...found.td.placementConstraints],
            strategies: strategies.length ? strategies : DEFAULT_RUN_TASK_STRATEGY,
          });
    if (!placed.ok) {
      const arn = placed.closestInstanceId
        ? d.instances[placed.closestInstanceId]?.containerInstanceArn
        : undefined;
      failures.push(arn ? { arn, reason: placed.failure } : { reason: placed.failure });
      continue;
    }
    const task = createTask(d, {
      td: found.td,
      key: found.key,
      launchType: c.launchType,
      requirements: req,
      group,
      startedBy: c.startedBy ?? 'user',
      ...(placed.instanceId ? { containerInstanceId: placed.instanceId } : {}),
      availabilityZone: placed.availabilityZone,
      placementReason: placed.reason,
    });
    taskIds.push(task.id);
  }
  if (taskIds.length === 0) {
    const reasons = failures.map((f) => (f.arn ? `${f.reason} (${f.arn})` : f.reason)).join(', ');
    return { error: `RunTask failures: ${reasons}`, failures, taskIds };
  }
  if (failures.length) {
    d.pushEvent(
      'task',
      group,
      `RunTask placed ${taskIds.length} of ${count} tasks; failures: ${failures.map((f) => f.reason).join(', ')}`,
    );
  }
  return { failures, taskIds };
}

function findTask(d: Draft, ref: string): Task | undefined {
  const direct = d.tasks.get(ref);
  if (direct) return direct;
  const id = ref.slice(ref.lastIndexOf('/') + 1);
  return d.tasks.get(id);
}

/** StopTask: stopCode UserInitiated; reason defaults to "Task stopped by user" (A2.2, UNVERIFIED wording). */
export function stopTask(d: Draft, c: Cmd<'STOP_TASK'>): string | undefined {
  const task = findTask(d, c.taskId);
  if (!task) return 'InvalidParameterException: The referenced task was not found.';
  requestStop(d, task, 'UserInitiated', c.reason ?? 'Task stopped by user');
  return undefined;
}

/**
 * Fault: the essential container exits with `exitCode` (default 1): stopCode EssentialContainerExited,
 * stoppedReason "Essential container in task exited" [ECS-DG stopped-task-errors] (A2.2).
 */
export function crashTask(d: Draft, c: Cmd<'CRASH_TASK'>): string | undefined {
  const task = findTask(d, c.taskId);
  if (!task) return 'InvalidParameterException: The referenced task was not found.';
  if (task.desiredStatus === 'STOPPED' || task.lastStatus === 'STOPPED') {
    return 'InvalidParameterException: The task is already stopping or stopped.';
  }
  const exitCode = c.exitCode ?? 1;
  let crashed = false;
  const containers = task.containers.map((ct) => {
    if (crashed || !ct.essential) return ct;
    crashed = true;
    return {
      ...ct,
      lastStatus: 'STOPPED' as const,
      exitCode,
      ...(exitCode === 137
        ? { reason: 'OutOfMemoryError: Container killed due to memory usage' }
        : {}),
    };
  });
  requestStop(
    d,
    { ...task, containers },
    'EssentialContainerExited',
    'Essential container in task exited',
  );
  return undefined;
}
