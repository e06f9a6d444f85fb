/**
 * Pure read-only views over a SimState for the machine, canvas and panels. None of them mutate.
 */
import type { ContainerInstance, ServiceCounts, SimState, Task } from './model.ts';

const PENDING_LIKE = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING']);

/** Pure: sorts tasks by creation time, then id (stable across runs). */
function byCreation(a: Task, b: Task): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Pure: desired/running/pending counts as DescribeServices shows them: runningCount = tasks in
 * RUNNING, pendingCount = tasks not yet RUNNING (PROVISIONING/PENDING/ACTIVATING). Zeroes for an
 * unknown service.
 */
export function serviceCounts(state: SimState, serviceName: string): ServiceCounts {
  const svc = state.services[serviceName];
  let runningCount = 0;
  let pendingCount = 0;
  for (const id in state.tasks) {
    const t = state.tasks[id] as Task;
    if (t.serviceName !== serviceName) continue;
    if (t.lastStatus === 'RUNNING') runningCount++;
    else if (PENDING_LIKE.has(t.lastStatus)) pendingCount++;
  }
  return { desiredCount: svc?.desiredCount ?? 0, runningCount, pendingCount };
}

/**
 * Pure: the service's tasks, oldest first. STOPPED tasks (still retained for an hour) are included
 * only with `includeStopped`.
 */
export function tasksOfService(
  state: SimState,
  serviceName: string,
  opts: { readonly includeStopped?: boolean } = {},
): Task[] {
  const out: Task[] = [];
  for (const id in state.tasks) {
    const t = state.tasks[id] as Task;
    if (t.serviceName === serviceName && (opts.includeStopped || t.lastStatus !== 'STOPPED'))
      out.push(t);
  }
  return out.sort(byCreation);
}

/** Pure: tasks on a container instance that are not STOPPED (they hold its resources), oldest first. */
export function liveTasksOnInstance(state: SimState, instanceId: string): Task[] {
  const out: Task[] = [];
  for (const id in state.tasks) {
    const t = state.tasks[id] as Task;
    if (t.containerInstanceId === instanceId && t.lastStatus !== 'STOPPED') out.push(t);
  }
  return out.sort(byCreation);
}

/** Pure: instances ordered by AZ then EC2 id (a stable layout order for the canvas). */
export function instancesInOrder(state: SimState): ContainerInstance[] {
  return Object.values(state.instances).sort(
    (a, b) =>
      a.availabilityZone.localeCompare(b.availabilityZone) ||
      a.ec2InstanceId.localeCompare(b.ec2InstanceId),
  );
}

/** Pure: the AZs that are currently down (AZ_OUTAGE), never undefined. */
export function downAvailabilityZones(state: SimState): readonly string[] {
  return state.downAvailabilityZones ?? [];
}
