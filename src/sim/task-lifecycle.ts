/**
 * The ECS task lifecycle as data [ECS-DG task-lifecycle] (reference A2.1), and the ONE function
 * through which every lastStatus change goes (`transitionTask`), so no rule can skip a state.
 */
import { PHASE_DURATIONS, TASK_HISTORY_LIMIT, type DurationProfile } from './durations.ts';
import type { ContainerState, Task, TaskStatus } from './model.ts';
import type { RngCursor } from './rng.ts';

/**
 * Allowed lastStatus transitions. The forward path is PROVISIONING → PENDING → ACTIVATING → RUNNING →
 * DEACTIVATING → STOPPING → DEPROVISIONING → STOPPED. A task asked to stop before it runs leaves the
 * start path early (PROVISIONING → DEPROVISIONING, PENDING → STOPPING, ACTIVATING → DEACTIVATING), and
 * any state may jump straight to STOPPED when the host or AZ under it is lost (A2.1/A2.2; our model).
 */
export const ALLOWED_TRANSITIONS: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  PROVISIONING: ['PENDING', 'DEPROVISIONING', 'STOPPED'],
  PENDING: ['ACTIVATING', 'STOPPING', 'STOPPED'],
  ACTIVATING: ['RUNNING', 'DEACTIVATING', 'STOPPED'],
  RUNNING: ['DEACTIVATING', 'STOPPED'],
  DEACTIVATING: ['STOPPING', 'STOPPED'],
  STOPPING: ['DEPROVISIONING', 'STOPPED'],
  DEPROVISIONING: ['STOPPED'],
  STOPPED: [],
};

/** Pure: whether `from → to` is in ALLOWED_TRANSITIONS. */
export function canTransition(from: TaskStatus, to: TaskStatus): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

/**
 * Pure: the status a task moves to next on its own, given its desiredStatus; undefined when it
 * rests (RUNNING with desiredStatus RUNNING, or STOPPED).
 */
export function nextStatus(task: Task): TaskStatus | undefined {
  const s = task.lastStatus;
  if (task.desiredStatus !== 'STOPPED') {
    if (s === 'PROVISIONING') return 'PENDING';
    if (s === 'PENDING') return 'ACTIVATING';
    if (s === 'ACTIVATING') return 'RUNNING';
    if (s === 'RUNNING' || s === 'STOPPED') return undefined;
  }
  switch (s) {
    case 'PROVISIONING':
      return 'DEPROVISIONING';
    case 'PENDING':
      return 'STOPPING';
    case 'ACTIVATING':
    case 'RUNNING':
      return 'DEACTIVATING';
    case 'DEACTIVATING':
      return 'STOPPING';
    case 'STOPPING':
      return 'DEPROVISIONING';
    case 'DEPROVISIONING':
      return 'STOPPED';
    default:
      return undefined;
  }
}

/** Pure: which duration row applies to a task. */
export function durationProfile(task: Pick<Task, 'launchType' | 'usesEni'>): DurationProfile {
  if (task.launchType === 'FARGATE') return 'FARGATE';
  return task.usesEni ? 'EC2_AWSVPC' : 'EC2';
}

/** Draws how long a task stays in `status` (whole seconds, since the sim steps by 1 s). */
export function drawPhaseDuration(
  task: Pick<Task, 'launchType' | 'usesEni'>,
  status: TaskStatus,
  rng: RngCursor,
): number {
  const range = PHASE_DURATIONS[durationProfile(task)][status];
  if (!range) return 0;
  const [min, max] = range;
  return rng.int(Math.round(min / 1000), Math.round(max / 1000)) * 1000;
}

function containersFor(task: Task, to: TaskStatus): readonly ContainerState[] {
  // Only PENDING, RUNNING and STOPPED reach the API for containers [ECS-AGENT] (A2.1).
  if (to === 'RUNNING') {
    return task.containers.map((c) =>
      c.lastStatus === 'PENDING' ? { ...c, lastStatus: 'RUNNING' } : c,
    );
  }
  if (to === 'STOPPED' || to === 'DEPROVISIONING') {
    return task.containers.map((c) => {
      if (c.lastStatus === 'STOPPED') return c;
      // A container that ran and received SIGTERM exits 0 in our model; one that never started has no code.
      const exitCode =
        c.lastStatus === 'RUNNING' && task.stopCode !== 'InfrastructureHealth' ? 0 : undefined;
      return exitCode === undefined
        ? { ...c, lastStatus: 'STOPPED' }
        : { ...c, lastStatus: 'STOPPED', exitCode };
    });
  }
  return task.containers;
}

/**
 * Pure: `task` moved to `to` at `now`. Throws if the transition is not in ALLOWED_TRANSITIONS (a bug in
 * a rule, never a user error). Stamps the API timestamps [ECS-API Task], appends bounded history and
 * schedules `nextTransitionAt` from the duration table.
 */
export function transitionTask(task: Task, to: TaskStatus, now: number, rng: RngCursor): Task {
  if (!canTransition(task.lastStatus, to)) {
    throw new Error(`Illegal task transition ${task.lastStatus} → ${to} for task ${task.id}`);
  }
  const history = [...task.history, { status: to, at: now }];
  const stamped: {
    pullStartedAt?: number;
    pullStoppedAt?: number;
    startedAt?: number;
    stoppingAt?: number;
    stoppedAt?: number;
  } = {};
  if (to === 'PENDING') stamped.pullStartedAt = now;
  if (to === 'ACTIVATING') stamped.pullStoppedAt = now;
  if (to === 'RUNNING') stamped.startedAt = now;
  if (to === 'STOPPING' || to === 'DEACTIVATING') stamped.stoppingAt = task.stoppingAt ?? now;
  if (to === 'STOPPED') stamped.stoppedAt = now;
  const next: Task = {
    ...task,
    ...stamped,
    lastStatus: to,
    statusSince: now,
    containers: containersFor(task, to),
    history: history.length > TASK_HISTORY_LIMIT ? history.slice(-TASK_HISTORY_LIMIT) : history,
  };
  const following = nextStatus(next);
  if (following === undefined) {
    const { nextTransitionAt: _drop, ...rest } = next;
    return rest;
  }
  // `next` is this function's own new record: set its due time in place rather than copy it once
  // more (the same keys in the same order as `{ ...next, nextTransitionAt }`).
  (next as { nextTransitionAt?: number }).nextTransitionAt =
    now + drawPhaseDuration(next, to, rng);
  return next;
}
