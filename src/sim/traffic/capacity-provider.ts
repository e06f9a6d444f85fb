/**
 * EC2 Auto Scaling group capacity provider with managed scaling (reference A5.4; ECS-DG
 * cluster-auto-scaling). Evaluated once a minute; pure: returns new state, never mutates input.
 */

/** ManagedScaling settings with their defaults [ECS-API] ManagedScaling (reference A5.4). */
export interface ManagedScaling {
  readonly targetCapacity: number;
  readonly minimumScalingStepSize: number;
  readonly maximumScalingStepSize: number;
  readonly instanceWarmupPeriod: number;
}

export const DEFAULT_MANAGED_SCALING: ManagedScaling = {
  targetCapacity: 100,
  minimumScalingStepSize: 1,
  maximumScalingStepSize: 10000,
  instanceWarmupPeriod: 300,
};

/** ECS's alarms on CapacityProviderReservation: high 1 of 1 minute, low 15 of 15 (reference A5.4). */
export const CP_HIGH_ALARM_DATAPOINTS = 1;
export const CP_LOW_ALARM_DATAPOINTS = 15;

/** One EC2 instance of the group as the provider sees it. */
export interface AsgInstance {
  readonly instanceId: string;
  readonly launchedAt: number;
  /** Running non-daemon tasks (daemon-only instances count as empty, reference A5.4). */
  readonly nonDaemonTasks: number;
}

export interface CapacityProviderState {
  readonly name: string;
  readonly managedScaling: ManagedScaling;
  readonly managedTerminationProtection: boolean;
  readonly minSize: number;
  readonly maxSize: number;
  readonly desiredCapacity: number;
  /** The newest CapacityProviderReservation datapoints, oldest first (at most 15). */
  readonly reservations: readonly number[];
  readonly lastMinute: number;
}

/**
 * Pure: CapacityProviderReservation in percent. M / N × 100 with M = instances needed, N = running
 * instances [ECS-DG] (reference A5.4), where M = N + `extraNeeded` when tasks wait for capacity and
 * M = busy instances otherwise. Special cases: N = 0 with tasks waiting → 200 (the first step goes
 * to 200 %, two instances); N = 0 and nothing waiting → 100; with targetCapacity 100 and empty
 * instances, ECS publishes 100 − (number of empty instances) (2 empty → 98) [ECS-DG].
 */
export function capacityProviderReservation(
  instances: readonly AsgInstance[],
  extraNeeded: number,
  targetCapacity = 100,
): number {
  const n = instances.length;
  const busy = instances.filter((i) => i.nonDaemonTasks > 0).length;
  if (extraNeeded > 0) return n === 0 ? 200 : ((n + extraNeeded) * 100) / n;
  if (n === 0) return 100;
  const empty = n - busy;
  if (targetCapacity >= 100) return 100 - empty;
  return (busy * 100) / n;
}

/**
 * Pure: instances needed for waiting tasks, binpacked (first-fit decreasing) onto the largest
 * instance type; tasks that do not fit the smallest type are excluded and stay PENDING [ECS-DG]
 * managed scale-out (reference A5.4).
 */
export function estimateInstances(
  tasks: readonly { readonly cpu: number; readonly memory: number }[],
  smallest: { readonly cpu: number; readonly memory: number },
  largest: { readonly cpu: number; readonly memory: number } = smallest,
): { readonly count: number; readonly excluded: number } {
  const fits = tasks.filter((t) => t.cpu <= smallest.cpu && t.memory <= smallest.memory);
  const bins: { cpu: number; memory: number }[] = [];
  for (const t of [...fits].sort((a, b) => b.cpu - a.cpu || b.memory - a.memory)) {
    const bin = bins.find((b) => b.cpu >= t.cpu && b.memory >= t.memory);
    if (bin) {
      bin.cpu -= t.cpu;
      bin.memory -= t.memory;
    } else bins.push({ cpu: largest.cpu - t.cpu, memory: largest.memory - t.memory });
  }
  return { count: bins.length, excluded: tasks.length - fits.length };
}

export interface ManagedScalingResult {
  readonly state: CapacityProviderState;
  readonly reservation?: number;
  readonly alarmHigh: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  readonly alarmLow: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  /** Instances the ASG should launch now. */
  readonly launch: number;
  /** Instances the ASG should terminate now (only empty ones under managed termination protection). */
  readonly terminate: readonly string[];
}

/**
 * Pure: one managed-scaling evaluation at `now`; acts only on a new minute. Scale-out: when the
 * newest reservation exceeds targetCapacity (1 datapoint), desired = ceil(N × reservation / target)
 * with the step clamped to [min, max] step size, or 2 instances when none run (200 % rule); blocked
 * while any instance is inside instanceWarmupPeriod. Scale-in: after 15 consecutive datapoints below
 * target, each minute remove empty instances down to ceil(busy × 100 / target), at most half the
 * group per minute (ECS-DG: "greater than one instance and less than 50 % each minute"; our reading).
 */
export function evaluateManagedScaling(
  cp: CapacityProviderState,
  instances: readonly AsgInstance[],
  extraNeeded: number,
  now: number,
): ManagedScalingResult {
  const minute = Math.floor(now / 60_000);
  const idle = {
    state: cp,
    alarmHigh: 'INSUFFICIENT_DATA',
    alarmLow: 'INSUFFICIENT_DATA',
    launch: 0,
    terminate: [],
  } as const;
  if (minute <= cp.lastMinute) return idle;
  const ms = cp.managedScaling;
  const value = capacityProviderReservation(instances, extraNeeded, ms.targetCapacity);
  const reservations = [...cp.reservations, value].slice(-CP_LOW_ALARM_DATAPOINTS);
  const high = value > ms.targetCapacity;
  const low =
    reservations.length >= CP_LOW_ALARM_DATAPOINTS &&
    reservations.every((r) => r < ms.targetCapacity);
  let desired = cp.desiredCapacity;
  let terminate: string[] = [];
  const n = instances.length;
  if (high) {
    // Instances still launching (desired above registered) also block the next step.
    const warming =
      cp.desiredCapacity > n ||
      instances.some((i) => now - i.launchedAt < ms.instanceWarmupPeriod * 1000);
    if (!warming) {
      const wanted = n === 0 ? 2 : Math.ceil((n * value) / ms.targetCapacity - 1e-9);
      const step = Math.min(
        ms.maximumScalingStepSize,
        Math.max(ms.minimumScalingStepSize, wanted - n),
      );
      desired = Math.max(desired, n + step);
    }
  } else if (low) {
    const busy = instances.filter((i) => i.nonDaemonTasks > 0).length;
    const keep = Math.ceil((busy * 100) / Math.max(1, ms.targetCapacity) - 1e-9);
    const removable = Math.min(n - keep, Math.max(1, Math.floor(n / 2)));
    const candidates = [...instances]
      .filter((i) => !cp.managedTerminationProtection || i.nonDaemonTasks === 0)
      .sort(
        (a, b) =>
          a.nonDaemonTasks - b.nonDaemonTasks ||
          a.launchedAt - b.launchedAt ||
          (a.instanceId < b.instanceId ? -1 : 1),
      );
    terminate = candidates
      .slice(0, Math.max(0, Math.min(removable, n - cp.minSize)))
      .map((i) => i.instanceId);
    desired = n - terminate.length;
  }
  desired = Math.min(cp.maxSize, Math.max(cp.minSize, desired));
  const launch = Math.max(0, desired - Math.max(n, cp.desiredCapacity));
  return {
    state: { ...cp, desiredCapacity: desired, reservations, lastMinute: minute },
    reservation: value,
    alarmHigh: high ? 'ALARM' : 'OK',
    alarmLow: low
      ? 'ALARM'
      : reservations.length < CP_LOW_ALARM_DATAPOINTS
        ? 'INSUFFICIENT_DATA'
        : 'OK',
    launch,
    terminate,
  };
}

/** Pure: a capacity provider state with managed-scaling defaults. */
export function createCapacityProvider(
  init: Pick<CapacityProviderState, 'name' | 'minSize' | 'maxSize'> &
    Partial<CapacityProviderState>,
): CapacityProviderState {
  return {
    managedScaling: DEFAULT_MANAGED_SCALING,
    managedTerminationProtection: true,
    desiredCapacity: init.minSize,
    reservations: [],
    lastMinute: -1,
    ...init,
  };
}
