/**
 * `advance`: moves simulated time forward in whole fixed steps of STEP_MS. Each step (1) finishes
 * instance registration, (2) moves every task whose nextTransitionAt is due along its lifecycle,
 * (3) drops STOPPED tasks past retention, and (4) on scheduler ticks reconciles every service.
 * Before (2), when SimState.traffic exists, the traffic step runs (src/sim/traffic/sim-step.ts).
 * A step touches only due tasks (found through the agenda, agenda.ts) and copies collections only
 * when it writes them.
 */
import {
  INACTIVE_INSTANCE_RETENTION_MS,
  INSTANCE_REGISTERING_MS,
  SERVICE_TICK_MS,
} from './durations.ts';
import { reconcileAll } from './apply-command.ts';
import { Draft } from './draft.ts';
import type { ContainerInstance, SimState, Task } from './model.ts';
import { STEP_MS } from './model.ts';
import { nextStatus } from './task-lifecycle.ts';
import { moveTask } from './task-ops.ts';
import { trafficStep } from './traffic/sim-step.ts';
import { chargeStep } from './cost-step.ts';
import { spotStep } from './spot.ts';
import { advanceEks } from './eks.ts';

function step(d: Draft): void {
  // The bill for this step: what was running as it began (src/sim/cost-step.ts).
  chargeStep(d, STEP_MS);
  d.now += STEP_MS;
  const now = d.now;
  // Sorted ids of the REGISTERING and INACTIVE instances, listed before the loop (a status change
  // or deletion below lists them again next time, not in this array).
  for (const id of d.instancesInTransit()) {
    const inst = d.instances[id] as ContainerInstance;
    if (inst.status !== 'REGISTERING' && inst.status !== 'INACTIVE') continue;
    if (inst.status === 'REGISTERING' && now - inst.registeredAt >= INSTANCE_REGISTERING_MS) {
      d.setInstance({ ...inst, status: 'ACTIVE' });
      d.pushEvent('instance', id, `Container instance ${inst.ec2InstanceId} is ACTIVE.`);
    } else if (
      inst.status === 'INACTIVE' &&
      now - (inst.terminatedAt ?? now) >= INACTIVE_INSTANCE_RETENTION_MS
    ) {
      d.deleteInstance(id);
    }
  }
  // Load, ALB, metrics and auto scaling act before the lifecycle, so a task stopped since the last
  // step is deregistered (and held DEACTIVATING for the deregistration delay) before it moves on.
  trafficStep(d);
  spotStep(d);
  // Collect due work first (sorted ids keep the RNG draw order deterministic).
  const due: string[] = [];
  const expired: string[] = [];
  // The draft's agenda yields exactly the tasks the old full scan found due or expired (see
  // agenda.ts), without visiting the others.
  d.agenda().popDue(now, d.tasks, due, expired);
  due.sort();
  for (const id of due) {
    let t = d.tasks.get(id) as Task;
    // Zero-length phases chain within the step; each hop is still a checked transition.
    while (t.nextTransitionAt !== undefined && t.nextTransitionAt <= now) {
      const to = nextStatus(t);
      if (!to) break;
      t = moveTask(d, t, to);
    }
  }
  // STOPPED tasks stay visible for at least an hour [ECS-DG task-lifecycle], then expire
  // (STOPPED_TASK_RETENTION_MS, see agenda.ts).
  for (const id of expired.sort()) d.deleteTask(id);
  if (now % SERVICE_TICK_MS === 0) reconcileAll(d);
}

/**
 * Pure: runs floor(ms / STEP_MS) whole steps; any remainder is ignored (the caller accumulates
 * real time and calls again). Returns the input object itself when ms < STEP_MS.
 */
export function advance(state: SimState, ms: number): SimState {
  const steps = Math.floor(ms / STEP_MS);
  if (steps <= 0) return state;
  const d = new Draft(state);
  for (let i = 0; i < steps; i++) step(d);
  return advanceEks(d.finish(), steps * STEP_MS);
}
