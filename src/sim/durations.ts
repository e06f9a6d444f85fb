/**
 * Every timing the ECS core uses, in one table so it can be tuned in one place. AWS documents none of
 * the phase durations (reference A2.5 and F.4 mark them UNVERIFIED); the ranges below follow A2.5's
 * suggested defaults, shortened a little at the top end so the playground stays lively.
 */
import type { TaskStatus } from './model.ts';

/** An inclusive [min, max] range in simulated milliseconds; the actual value is drawn from the seeded RNG. */
export type DurationRange = readonly [number, number];

/** Which row of the duration table a task uses. */
export type DurationProfile = 'EC2' | 'EC2_AWSVPC' | 'FARGATE';

/**
 * How long a task stays in each transient lifecycle state (reference A2.5, UNVERIFIED defaults).
 * RUNNING and STOPPED are absent: a task leaves RUNNING only when something stops it.
 */
export const PHASE_DURATIONS: Readonly<
  Record<DurationProfile, Readonly<Partial<Record<TaskStatus, DurationRange>>>>
> = {
  // EC2 bridge/host: no ENI to attach, image often cached, no ENI to clean up (A2.5: 0 s / 2–20 s / 0–5 s).
  EC2: {
    PROVISIONING: [0, 0],
    PENDING: [2000, 10000],
    ACTIVATING: [1000, 3000],
    DEACTIVATING: [1000, 2000],
    STOPPING: [1000, 5000],
    DEPROVISIONING: [0, 0],
  },
  // awsvpc on EC2 attaches and later detaches a task ENI (A2.5: "awsvpc on EC2: 5–15 s").
  EC2_AWSVPC: {
    PROVISIONING: [5000, 15000],
    PENDING: [2000, 10000],
    ACTIVATING: [1000, 3000],
    DEACTIVATING: [1000, 2000],
    STOPPING: [1000, 5000],
    DEPROVISIONING: [2000, 5000],
  },
  // Fargate provisions isolated capacity plus an ENI and always pulls the image (A2.5: 10–30 s / 15–45 s).
  FARGATE: {
    PROVISIONING: [10000, 30000],
    PENDING: [15000, 45000],
    ACTIVATING: [1000, 5000],
    DEACTIVATING: [1000, 2000],
    STOPPING: [1000, 5000],
    DEPROVISIONING: [5000, 20000],
  },
};

/**
 * A RUNNING task without load balancer or container health check counts as healthy 40 s after it
 * reached RUNNING [ECS-API DeploymentConfiguration.minimumHealthyPercent] (reference A3.3).
 */
export const HEALTHY_AFTER_RUNNING_MS = 40_000;

/**
 * The service scheduler reconciles every service on this cadence. AWS does not document its tick
 * (reference F.4, "~15–30 s" UNVERIFIED); 5 s keeps the playground responsive while still showing
 * that self-healing is a periodic control loop, not an instant reaction.
 */
export const SERVICE_TICK_MS = 5_000;

/** A new EC2 instance shows REGISTERING this long before ACTIVE (our model; real boot takes ~1 min). */
export const INSTANCE_REGISTERING_MS = 5_000;

/** Duplicate service event messages are suppressed for 6 hours [ECS-DG service-event-messages] (A3.6). */
export const DUPLICATE_EVENT_WINDOW_MS = 6 * 60 * 60 * 1000;

/**
 * Launch throttling: delay before the next launch attempt after n consecutive tasks failed to start.
 * AWS documents only the 15-minute cap (A3.5); the doubling from 10 s is reference A3.5's suggestion.
 */
export function launchBackoffMs(consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return 0;
  return Math.min(900_000, 10_000 * 2 ** (consecutiveFailures - 1));
}

/** After this many consecutive failed launches the service reports it cannot start tasks consistently. */
export const THROTTLE_EVENT_AFTER_FAILURES = 3;

/** How many lifecycle transitions each task keeps in `history`. */
export const TASK_HISTORY_LIMIT = 10;

/** INACTIVE (terminated) container instances stay visible this long, like STOPPED tasks. */
export const INACTIVE_INSTANCE_RETENTION_MS = 60 * 60 * 1000;
