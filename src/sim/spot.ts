/**
 * Spot interruptions as faults, with the two-minute warning (src/sim/cost/spot-interruptions.ts
 * holds the wording and timing; reference A5.5, A2.2):
 * - Fargate Spot task: the warning arrives as a task state change event plus SIGTERM, so the task
 *   starts stopping at once (stopCode TerminationNotice, "Your Spot Task was interrupted."); its
 *   containers get stopTimeout to exit. The service scheduler starts a replacement, on Fargate Spot
 *   again when its strategy says so [ECS-DG fargate-capacity-providers].
 * - EC2 Spot instance: the "EC2 Spot Instance Interruption Warning" is given two minutes before the
 *   reclaim. With ECS_ENABLE_SPOT_INSTANCE_DRAINING=true (assumed on, as AWS recommends) ECS sets the
 *   instance DRAINING at the notice, so service tasks move elsewhere within the deployment limits;
 *   at the reclaim the instance is terminated and tasks still there stop with stopCode
 *   SpotInterruption.
 */
import type { Draft } from './draft.ts';
import { addInstance, findInstance, terminateInstance } from './instance-ops.ts';
import type { ContainerInstance, Task } from './model.ts';
import { requestStop, stopAbruptly } from './task-ops.ts';
import { reconcileAll } from './apply-command.ts';
import {
  EC2_SPOT_WARNING_DETAIL_TYPE,
  FARGATE_SPOT_INTERRUPTION,
  SPOT_INTERRUPTION_WARNING_MS,
  ec2SpotTaskStop,
} from './cost/spot-interruptions.ts';

export type SpotCommand =
  /** Launch an EC2 Spot instance (billed at the Spot discount) that registers with the cluster. */
  | {
      readonly type: 'ADD_SPOT_INSTANCE';
      readonly instanceType: string;
      readonly availabilityZone?: string;
    }
  /** Fault: AWS reclaims Spot capacity — a Fargate Spot task (`taskId`) or an EC2 Spot instance. */
  | { readonly type: 'SPOT_INTERRUPTION'; readonly taskId?: string; readonly instanceId?: string };

export const SPOT_COMMAND_TYPES: ReadonlySet<string> = new Set<SpotCommand['type']>([
  'ADD_SPOT_INSTANCE',
  'SPOT_INTERRUPTION',
]);

export function isSpotCommand(c: { readonly type: string }): c is SpotCommand {
  return SPOT_COMMAND_TYPES.has(c.type);
}

function newestInstance(d: Draft, before: ReadonlySet<string>): ContainerInstance | undefined {
  for (const id of d.instanceIds()) if (!before.has(id)) return d.instances[id];
  return undefined;
}

export function runSpotCommand(d: Draft, c: SpotCommand): string | undefined {
  if (c.type === 'ADD_SPOT_INSTANCE') {
    const before = new Set(d.instanceIds());
    const error = addInstance(d, c.instanceType, c.availabilityZone);
    if (error) return error;
    const inst = newestInstance(d, before);
    if (inst) d.setInstance({ ...inst, attributes: { ...inst.attributes, spot: 'true' } });
    return undefined;
  }
  if (c.taskId !== undefined) {
    const t = d.tasks.get(c.taskId) ?? d.tasks.values().find((x) => x.taskArn === c.taskId);
    if (!t || t.lastStatus === 'STOPPED') {
      return `InvalidParameterException: The referenced task was not found.`;
    }
    if (t.capacityProviderName !== 'FARGATE_SPOT') {
      return `InvalidParameterException: Task ${t.id} does not run on FARGATE_SPOT capacity.`;
    }
    d.pushEvent(
      'task',
      t.id,
      `Spot interruption: (task ${t.id}) receives SIGTERM; FARGATE_SPOT capacity is reclaimed in 2 minutes.`,
    );
    requestStop(d, t, FARGATE_SPOT_INTERRUPTION.stopCode, FARGATE_SPOT_INTERRUPTION.stoppedReason);
    reconcileAll(d);
    return undefined;
  }
  const inst = c.instanceId === undefined ? undefined : findInstance(d, c.instanceId);
  if (!inst || inst.status === 'INACTIVE') {
    return 'InvalidParameterException: The referenced container instance was not found.';
  }
  if (inst.attributes.spot !== 'true') {
    return `InvalidParameterException: Instance ${inst.ec2InstanceId} is an On-Demand instance, not a Spot instance.`;
  }
  if (inst.spotReclaimAt !== undefined) return undefined;
  d.setInstance({
    ...inst,
    status: 'DRAINING',
    spotReclaimAt: d.now + SPOT_INTERRUPTION_WARNING_MS,
  });
  d.pushEvent(
    'instance',
    inst.id,
    `${EC2_SPOT_WARNING_DETAIL_TYPE}: ${inst.ec2InstanceId} will be reclaimed in 2 minutes; container instance is DRAINING.`,
  );
  reconcileAll(d);
  return undefined;
}

/**
 * Instances under a two-minute notice (spotReclaimAt set, not INACTIVE), in instance id order:
 * by instances record while the draft wrote no instance, else per count of instance writes that
 * changed more than reservations (Draft.instanceStateWrites: a notice or status is neither). Pure
 * memoisation (a step at 1,000 instances does not visit them all, issue 8).
 */
const noticedByRecord = new WeakMap<object, readonly string[]>();
const noticedByDraft = new WeakMap<Draft, { writes: number; ids: readonly string[] }>();

function noticed(d: Draft): readonly string[] {
  if (d.instanceWrites === 0) {
    let ids = noticedByRecord.get(d.instances);
    if (!ids) noticedByRecord.set(d.instances, (ids = findNoticed(d)));
    return ids;
  }
  const hit = noticedByDraft.get(d);
  if (hit?.writes === d.instanceStateWrites) return hit.ids;
  const ids = findNoticed(d);
  noticedByDraft.set(d, { writes: d.instanceStateWrites, ids });
  return ids;
}

/** Ids of the instances with a Spot interruption notice that are not INACTIVE yet (sorted). */
function findNoticed(d: Draft): readonly string[] {
  const out: string[] = [];
  for (const id of d.instanceIds()) {
    const inst = d.instances[id] as ContainerInstance;
    if (inst.spotReclaimAt !== undefined && inst.status !== 'INACTIVE') out.push(id);
  }
  return out;
}

/** One simulation step: reclaims EC2 Spot instances whose two-minute notice has run out. */
export function spotStep(d: Draft): void {
  for (const id of noticed(d)) {
    const inst = d.instances[id];
    if (!inst || inst.spotReclaimAt === undefined || inst.status === 'INACTIVE') continue;
    if (inst.spotReclaimAt > d.now) continue;
    const { stopCode, stoppedReason } = ec2SpotTaskStop(inst.ec2InstanceId);
    for (const tid of d.tasks.keys().sort()) {
      const t = d.tasks.get(tid) as Task;
      if (t.containerInstanceId === id && t.lastStatus !== 'STOPPED') {
        stopAbruptly(d, t, stopCode, stoppedReason);
      }
    }
    terminateInstance(d, d.instances[id] as ContainerInstance, 'reclaimed (Spot interruption)');
  }
}
