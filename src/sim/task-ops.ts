/**
 * Creating, advancing and stopping tasks inside a Draft. All lastStatus changes go through
 * `moveTask`, which calls `transitionTask` (the checked lifecycle) and releases the instance's
 * resources when a task reaches STOPPED.
 */
import type { Draft } from './draft.ts';
import {
  THROTTLE_EVENT_AFTER_FAILURES,
  launchBackoffMs,
  HEALTHY_AFTER_RUNNING_MS,
} from './durations.ts';
import { newEcsId, taskArn } from './ids.ts';
import type { LaunchType, StopCode, Task, TaskDefinition, TaskStatus } from './model.ts';
import { applyReservation, type TaskRequirements } from './resources.ts';
import { drawPhaseDuration, nextStatus, transitionTask } from './task-lifecycle.ts';
import {
  beginImagePull,
  finishImagePull,
  notePullFailure,
  withPullFailure,
} from './image-registry.ts';
import { capacityProviderFor } from './traffic/strategy-hook.ts';

/** Everything needed to create a placed task. */
export interface NewTask {
  readonly td: TaskDefinition;
  readonly key: string;
  readonly launchType: LaunchType;
  readonly requirements: TaskRequirements;
  readonly group: string;
  readonly startedBy: string;
  readonly serviceName?: string;
  readonly deploymentId?: string;
  readonly containerInstanceId?: string;
  readonly availabilityZone: string;
  readonly placementReason: string;
}

/** Creates a task in PROVISIONING and reserves its resources on the instance. Returns the task. */
export function createTask(d: Draft, n: NewTask): Task {
  const id = newEcsId(d.rng);
  const provider = capacityProviderFor(d, n.serviceName, n.launchType);
  const base: Task = {
    id,
    taskArn: taskArn(d.cluster, id),
    taskDefinitionKey: n.key,
    group: n.group,
    startedBy: n.startedBy,
    ...(n.serviceName ? { serviceName: n.serviceName } : {}),
    ...(n.deploymentId ? { deploymentId: n.deploymentId } : {}),
    launchType: n.launchType,
    ...(provider ? { capacityProviderName: provider } : {}),
    ...(n.containerInstanceId ? { containerInstanceId: n.containerInstanceId } : {}),
    availabilityZone: n.availabilityZone,
    cpu: n.requirements.cpu,
    memory: n.requirements.memory,
    hostPorts: n.requirements.hostPorts,
    usesEni: n.requirements.usesEni,
    lastStatus: 'PROVISIONING',
    desiredStatus: 'RUNNING',
    healthStatus: 'UNKNOWN',
    containers: n.td.containerDefinitions.map((c) => ({
      name: c.name,
      image: c.image,
      essential: c.essential,
      lastStatus: 'PENDING' as const,
      healthStatus: 'UNKNOWN' as const,
    })),
    createdAt: d.now,
    statusSince: d.now,
    placementReason: n.placementReason,
    history: [{ status: 'PROVISIONING', at: d.now }],
  };
  const task: Task = {
    ...base,
    nextTransitionAt: d.now + drawPhaseDuration(base, 'PROVISIONING', d.rng),
  };
  if (n.containerInstanceId) {
    const inst = d.instances[n.containerInstanceId];
    if (inst) d.setInstance(applyReservation(inst, task, 1));
  }
  d.setTask(task);
  return task;
}

/** Moves a task to `to` (checked) and releases its reservation on reaching STOPPED. */
export function moveTask(d: Draft, task: Task, to: TaskStatus): Task {
  // A failed image pull ends PENDING with a stop, not ACTIVATING (src/sim/image-registry.ts).
  if (to === 'ACTIVATING' && task.imagePull?.error) {
    notePullFailure(d, task);
    return requestStop(d, withPullFailure(task), 'TaskFailedToStart', task.imagePull.error);
  }
  let next = transitionTask(task, to, d.now, d.rng);
  if (to === 'PENDING') next = beginImagePull(d, next);
  if (to === 'ACTIVATING') finishImagePull(d, next);
  if (to === 'STOPPED' && task.containerInstanceId) {
    const inst = d.instances[task.containerInstanceId];
    if (inst) d.setInstance(applyReservation(inst, task, -1));
  }
  d.setTask(next);
  if (to === 'RUNNING' && next.serviceName) noteTaskStarted(d, next.serviceName);
  return next;
}

/** Whether a RUNNING task counts as healthy (40 s after RUNNING without LB/health check, A3.3). */
export function countedHealthy(task: Task, now: number): boolean {
  return (
    task.lastStatus === 'RUNNING' &&
    task.desiredStatus !== 'STOPPED' &&
    task.startedAt !== undefined &&
    now - task.startedAt >= HEALTHY_AFTER_RUNNING_MS
  );
}

/**
 * Asks a task to stop: desiredStatus STOPPED, stopCode and stoppedReason set (A2.1: desiredStatus
 * changes first, lastStatus follows), and the first stop-path state entered now. No-op if already
 * stopping. Failures of service tasks feed the circuit breaker and launch throttling.
 */
export function requestStop(d: Draft, task: Task, stopCode: StopCode, reason: string): Task {
  if (task.desiredStatus === 'STOPPED' || task.lastStatus === 'STOPPED') return task;
  noteTaskFailure(d, task, stopCode);
  const asked: Task = { ...task, desiredStatus: 'STOPPED', stopCode, stoppedReason: reason };
  const to = nextStatus(asked);
  if (!to) {
    d.setTask(asked);
    return asked;
  }
  return moveTask(d, asked, to);
}

/** The host or AZ is gone: the task goes straight to STOPPED (no graceful stop path). */
export function stopAbruptly(d: Draft, task: Task, stopCode: StopCode, reason: string): Task {
  if (task.lastStatus === 'STOPPED') return task;
  if (task.desiredStatus !== 'STOPPED') noteTaskFailure(d, task, stopCode);
  const asked: Task = {
    ...task,
    desiredStatus: 'STOPPED',
    stopCode: task.desiredStatus === 'STOPPED' ? (task.stopCode ?? stopCode) : stopCode,
    stoppedReason: task.desiredStatus === 'STOPPED' ? (task.stoppedReason ?? reason) : reason,
  };
  return moveTask(d, asked, 'STOPPED');
}

function noteTaskStarted(d: Draft, serviceName: string): void {
  const svc = d.services[serviceName];
  // Tasks reaching RUNNING end launch throttling (A3.5: only never-RUNNING failures throttle).
  if (svc && svc.launchBackoff.consecutiveFailures > 0) {
    d.setService({ ...svc, launchBackoff: { consecutiveFailures: 0, nextAttemptAt: 0 } });
  }
}

/**
 * Circuit breaker (A3.4) and launch throttling (A3.5) bookkeeping when a service task fails.
 * Stage 1: a task of the in-progress deployment that never reached RUNNING counts as a failure;
 * stage 2 (our model of "failed health checks" without LB): one that crashes before being counted
 * healthy. Only never-RUNNING failures throttle launches.
 */
function noteTaskFailure(d: Draft, task: Task, stopCode: StopCode): void {
  if (!task.serviceName) return;
  if (stopCode !== 'EssentialContainerExited' && stopCode !== 'TaskFailedToStart') return;
  const svc = d.services[task.serviceName];
  if (!svc) return;
  const neverRan = task.startedAt === undefined;
  const deployments = svc.deployments.map((dep) =>
    dep.id === task.deploymentId &&
    dep.rolloutState === 'IN_PROGRESS' &&
    (neverRan || !countedHealthy(task, d.now))
      ? { ...dep, failedTasks: dep.failedTasks + 1, updatedAt: d.now }
      : dep,
  );
  let launchBackoff = svc.launchBackoff;
  if (neverRan) {
    const n = launchBackoff.consecutiveFailures + 1;
    launchBackoff = { consecutiveFailures: n, nextAttemptAt: d.now + launchBackoffMs(n) };
    if (n >= THROTTLE_EVENT_AFTER_FAILURES) {
      // [ECS-DG service-throttle-logic] (A3.5)
      d.pushEvent(
        'service',
        svc.serviceName,
        `(service ${svc.serviceName}) is unable to consistently start tasks successfully.`,
        true,
      );
    }
  }
  d.setService({ ...svc, deployments, launchBackoff, steadyState: false });
}
