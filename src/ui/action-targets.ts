/**
 * Pure helpers for `<cp-actions>`: which selected thing a fault button acts on, and why a button is
 * disabled. Kept out of the component so the rules are easy to read and to test.
 */
import type { ContainerInstance, EntityRef, SimState, Task } from '../sim/index.ts';

/** The selected task, if the selection is a task that still exists. */
export function selectedTask(sim: SimState, selection: EntityRef | undefined): Task | undefined {
  return selection?.kind === 'task' ? sim.tasks[selection.id] : undefined;
}

/** The selected container instance, if the selection is one that still exists. */
export function selectedInstance(
  sim: SimState,
  selection: EntityRef | undefined,
): ContainerInstance | undefined {
  return selection?.kind === 'instance' ? sim.instances[selection.id] : undefined;
}

/**
 * The service a desired-count change should target by default: the selected service, or the
 * service of the selected task, or the first service.
 */
export function defaultServiceName(
  sim: SimState,
  selection: EntityRef | undefined,
): string | undefined {
  if (selection?.kind === 'service' && sim.services[selection.id] !== undefined)
    return selection.id;
  const task = selectedTask(sim, selection);
  if (task?.serviceName !== undefined) return task.serviceName;
  return Object.keys(sim.services)[0];
}

/** Why a task fault button cannot act now, or undefined when it can. */
export function taskActionBlocker(task: Task | undefined): string | undefined {
  if (task === undefined) return 'Select a task on the canvas first';
  if (task.lastStatus === 'STOPPED') return 'This task has already stopped';
  if (task.desiredStatus === 'STOPPED') return 'This task is already stopping';
  return undefined;
}

/** Why an instance button cannot act now, or undefined when it can. */
export function instanceActionBlocker(
  instance: ContainerInstance | undefined,
  action: 'terminate' | 'drain' | 'activate',
): string | undefined {
  if (instance === undefined) return 'Select a container instance on the canvas first';
  if (instance.status === 'INACTIVE' || instance.terminatedAt !== undefined) {
    return 'This instance has been terminated';
  }
  // UpdateContainerInstancesState moves ACTIVE ↔ DRAINING only [ECS-API UpdateContainerInstancesState].
  if (action === 'drain' && instance.status !== 'ACTIVE')
    return 'Only an ACTIVE instance can be drained';
  if (action === 'activate' && instance.status !== 'DRAINING') {
    return 'Only a DRAINING instance can be set back to ACTIVE';
  }
  return undefined;
}
