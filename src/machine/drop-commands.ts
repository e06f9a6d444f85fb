/**
 * What dropping a palette item on a place in the cluster means, as ECS API calls (issue 5). Pure:
 * `dropCommands(state, item, target)` returns the SimCommands the drop sends — or, when ECS would
 * refuse (or the drop makes no sense there), the reason, and nothing is sent. Every command list is
 * dry-run against `state` first, so a refusal carries AWS's own words (e.g. "InvalidParameterException:
 * Task definition does not support launch_type FARGATE.") and a refused drop changes nothing.
 *
 * Semantics (ECS):
 * - EC2 instance type → RunInstances + the ECS agent registers it with the cluster, in the AZ it was
 *   dropped in (on the cluster background: the AZ with the fewest instances, as ADD_INSTANCE does).
 * - Task definition → RegisterTaskDefinition (a new revision of its family) then: on a service,
 *   UpdateService to that revision (a rolling deployment); on Fargate, RunTask FARGATE; on an EC2
 *   instance, RunTask EC2 with `memberOf(ec2InstanceId == …)`; on an AZ, RunTask EC2 with
 *   `memberOf(attribute:ecs.availability-zone == …)` (Fargate-only definitions: RunTask FARGATE);
 *   on the cluster, RunTask with the definition's first required launch type.
 * - Service → CreateService (2 tasks) from a library definition, on Fargate or EC2 as dropped.
 * - Faults: crash a task (its essential container exits), terminate an instance, take an AZ down,
 *   deploy a broken revision (an image tag that does not exist, circuit breaker with rollback on).
 */
import { applyCommand, type LaunchType, type SimCommand, type SimState } from '../sim/index.ts';
import { libraryTaskDefinition } from './palette-library-parse.ts';
import { planCapacityOrTraffic } from './drop-more.ts';

export type FaultKind =
  'crashTask' | 'terminateInstance' | 'azDown' | 'brokenRevision' | 'spotInterruption';

/** A palette item being dragged. */
export type PaletteItem =
  | { readonly kind: 'instance'; readonly instanceType: string; readonly spot?: true }
  | { readonly kind: 'capacity'; readonly provider: 'FARGATE' | 'FARGATE_SPOT' }
  | { readonly kind: 'externalInstance' }
  | { readonly kind: 'loadBalancer' }
  | { readonly kind: 'loadGenerator'; readonly rps: number }
  | { readonly kind: 'taskDefinition'; readonly libraryId: string }
  | { readonly kind: 'service'; readonly libraryId: string }
  | { readonly kind: 'fault'; readonly fault: FaultKind };

/** Where it is dropped (from the canvas hit test, or chosen in the keyboard menu). */
export type DropTarget =
  | { readonly kind: 'cluster' }
  | { readonly kind: 'availabilityZone'; readonly az: string }
  | { readonly kind: 'fargate'; readonly az: string }
  | { readonly kind: 'instance'; readonly id: string }
  | { readonly kind: 'task'; readonly id: string }
  | { readonly kind: 'service'; readonly name: string };

export type DropResult =
  | { readonly ok: true; readonly commands: readonly SimCommand[]; readonly summary: string }
  | { readonly ok: false; readonly reason: string };

const refuse = (reason: string): DropResult => ({ ok: false, reason });

/** The tag the broken-revision fault deploys: no registry has it, so the image pull fails. */
export const BROKEN_TAG = 'does-not-exist';

/** Where a target sits: its AZ, instance, service and whether it is Fargate capacity. */
export function place(
  state: SimState,
  target: DropTarget,
): { az?: string; instanceId?: string; service?: string; fargate?: boolean; taskId?: string } {
  switch (target.kind) {
    case 'cluster':
      return {};
    case 'availabilityZone':
      return { az: target.az };
    case 'fargate':
      return { az: target.az, fargate: true };
    case 'instance':
      return { az: state.instances[target.id]?.availabilityZone, instanceId: target.id };
    case 'service':
      return { service: target.name };
    case 'task': {
      const t = state.tasks[target.id];
      if (t === undefined) return {};
      return {
        az: t.availabilityZone,
        taskId: t.id,
        ...(t.serviceName === undefined ? {} : { service: t.serviceName }),
        ...(t.containerInstanceId === undefined
          ? { fargate: t.launchType === 'FARGATE' }
          : { instanceId: t.containerInstanceId }),
      };
    }
  }
}

/** Latest ACTIVE revision key of `family` in `state`, if any. */
function latestActive(state: SimState, family: string): string | undefined {
  let best: { key: string; rev: number } | undefined;
  for (const [key, td] of Object.entries(state.taskDefinitions))
    if (
      td.family === family &&
      td.status === 'ACTIVE' &&
      (best === undefined || td.revision > best.rev)
    )
      best = { key, rev: td.revision };
  return best?.key;
}

/** The revision number a RegisterTaskDefinition of `family` will get. */
function nextRevision(state: SimState, family: string): number {
  let max = 0;
  for (const td of Object.values(state.taskDefinitions))
    if (td.family === family) max = Math.max(max, td.revision);
  return max + 1;
}

function uniqueServiceName(state: SimState, family: string): string {
  for (let n = 1; ; n++) {
    const name = `${family}-svc${n === 1 ? '' : `-${n}`}`;
    if (state.services[name] === undefined) return name;
  }
}

/** Dry-runs `commands` on `state`: the first AWS error, or undefined when all are accepted. */
export function dryRun(state: SimState, commands: readonly SimCommand[]): string | undefined {
  let s = state;
  for (const c of commands) {
    const r = applyCommand(s, c);
    if (r.error !== undefined) return r.error;
    s = r.state;
  }
  return undefined;
}

function plan(state: SimState, item: PaletteItem, target: DropTarget): DropResult {
  const where = place(state, target);
  if (target.kind === 'task' && where.taskId === undefined)
    return refuse('That task is gone: it was stopped and removed.');
  if (target.kind === 'instance' && state.instances[target.id] === undefined)
    return refuse('That container instance is gone.');
  switch (item.kind) {
    case 'instance': {
      if (target.kind === 'service')
        return refuse(
          'An EC2 instance registers with the cluster, not with a service: drop it in an Availability Zone.',
        );
      const az = where.az;
      return {
        ok: true,
        commands: [
          {
            type: item.spot === true ? 'ADD_SPOT_INSTANCE' : 'ADD_INSTANCE',
            instanceType: item.instanceType,
            ...(az === undefined ? {} : { availabilityZone: az }),
          },
        ],
        summary: `Launch an ${item.instanceType}${item.spot === true ? ' Spot' : ''} instance that registers with the cluster${az === undefined ? '' : ` in ${az}`}.`,
      };
    }
    case 'taskDefinition': {
      const td = libraryTaskDefinition(item.libraryId);
      const key = `${td.family}:${nextRevision(state, td.family)}`;
      const register: SimCommand = { type: 'REGISTER_TASK_DEFINITION', taskDefinition: td };
      if (where.service !== undefined) {
        return {
          ok: true,
          commands: [
            register,
            { type: 'UPDATE_SERVICE', serviceName: where.service, taskDefinition: key },
          ],
          summary: `Register ${key} and deploy it to service ${where.service} (rolling deployment).`,
        };
      }
      const ec2Id =
        where.instanceId === undefined
          ? undefined
          : state.instances[where.instanceId]?.ec2InstanceId;
      const run = runTask(td.requiresCompatibilities, key, { ...where, instanceId: ec2Id });
      return {
        ok: true,
        commands: [register, run.command],
        summary: `Register ${key} and run it (RunTask, ${run.how}).`,
      };
    }
    case 'service': {
      if (where.service !== undefined)
        return refuse(
          'A service belongs to the cluster: drop it on the cluster, an Availability Zone, an instance or Fargate.',
        );
      const td = libraryTaskDefinition(item.libraryId);
      const existing = latestActive(state, td.family);
      const commands: SimCommand[] = [];
      let key = existing;
      if (key === undefined) {
        commands.push({ type: 'REGISTER_TASK_DEFINITION', taskDefinition: td });
        key = `${td.family}:${nextRevision(state, td.family)}`;
      }
      const launchType = pickLaunchType(td.requiresCompatibilities, where);
      const serviceName = uniqueServiceName(state, td.family);
      commands.push({
        type: 'CREATE_SERVICE',
        serviceName,
        taskDefinition: key,
        desiredCount: 2,
        launchType,
      });
      return {
        ok: true,
        commands,
        summary: `Create service ${serviceName}: 2 tasks of ${key} on ${launchType}.`,
      };
    }
    case 'fault':
      if (item.fault === 'spotInterruption') return planCapacityOrTraffic(state, item, target);
      return fault(state, item.fault, target, where);
    case 'capacity':
    case 'externalInstance':
    case 'loadBalancer':
    case 'loadGenerator':
      return planCapacityOrTraffic(state, item, target);
  }
}

function pickLaunchType(
  requires: readonly LaunchType[],
  where: { fargate?: boolean; instanceId?: string; az?: string },
): LaunchType {
  if (where.fargate === true) return 'FARGATE';
  if (where.instanceId !== undefined || where.az !== undefined) return 'EC2';
  return requires[0] === 'FARGATE' ? 'FARGATE' : 'EC2';
}

function runTask(
  requires: readonly LaunchType[],
  key: string,
  where: { fargate?: boolean; instanceId?: string; az?: string },
): { command: SimCommand; how: string } {
  if (where.fargate === true)
    return {
      command: { type: 'RUN_TASK', taskDefinition: key, launchType: 'FARGATE' },
      how: 'Fargate',
    };
  if (where.instanceId !== undefined) {
    // The console's "run on this instance" is StartTask; RunTask with memberOf is the same placement.
    return {
      command: {
        type: 'RUN_TASK',
        taskDefinition: key,
        launchType: 'EC2',
        placementConstraints: [
          { type: 'memberOf', expression: `ec2InstanceId == ${where.instanceId}` },
        ],
      },
      how: 'EC2, on this instance',
    };
  }
  if (where.az !== undefined) {
    if (!requires.includes('EC2') && requires.includes('FARGATE'))
      return {
        command: { type: 'RUN_TASK', taskDefinition: key, launchType: 'FARGATE' },
        how: 'Fargate (a Fargate-only definition)',
      };
    return {
      command: {
        type: 'RUN_TASK',
        taskDefinition: key,
        launchType: 'EC2',
        placementConstraints: [
          { type: 'memberOf', expression: `attribute:ecs.availability-zone == ${where.az}` },
        ],
      },
      how: `EC2 in ${where.az}`,
    };
  }
  const launchType = pickLaunchType(requires, where);
  return { command: { type: 'RUN_TASK', taskDefinition: key, launchType }, how: launchType };
}

function fault(
  state: SimState,
  kind: FaultKind,
  target: DropTarget,
  where: ReturnType<typeof place>,
): DropResult {
  switch (kind) {
    case 'spotInterruption':
      // Planned in drop-more.ts (plan() sends it there).
      return refuse('A Spot interruption needs Spot capacity.');
    case 'crashTask':
      if (where.taskId === undefined) return refuse('Crash needs a task: drop it on a task tile.');
      return {
        ok: true,
        commands: [{ type: 'CRASH_TASK', taskId: where.taskId }],
        summary: 'The task’s essential container exits (exit code 1).',
      };
    case 'terminateInstance':
      if (where.instanceId === undefined)
        return refuse(
          where.fargate === true
            ? 'Fargate tasks run on capacity AWS manages: there is no EC2 instance of yours to terminate.'
            : 'Terminate needs an EC2 instance: drop it on an instance.',
        );
      return {
        ok: true,
        commands: [{ type: 'TERMINATE_INSTANCE', instanceId: where.instanceId }],
        summary: 'The EC2 instance is terminated; its tasks stop.',
      };
    case 'azDown':
      if (where.az === undefined)
        return refuse('Take an Availability Zone down: drop it on an AZ column.');
      return {
        ok: true,
        commands: [{ type: 'AZ_OUTAGE', availabilityZone: where.az }],
        summary: `${where.az} goes down: its instances and Fargate tasks are lost.`,
      };
    case 'brokenRevision': {
      const name = where.service ?? (target.kind === 'service' ? target.name : undefined);
      const svc = name === undefined ? undefined : state.services[name];
      if (svc === undefined)
        return refuse('Deploy a broken revision needs a service: drop it on a service’s task.');
      const current = state.taskDefinitions[svc.taskDefinitionKey];
      if (current === undefined) return refuse(`Task definition ${svc.taskDefinitionKey} is gone.`);
      const {
        revision: _r,
        taskDefinitionArn: _a,
        status: _s,
        registeredAt: _g,
        compatibilities: _c,
        ...input
      } = current;
      const broken = {
        ...input,
        containerDefinitions: current.containerDefinitions.map((c, i) =>
          i === 0 ? { ...c, image: `${c.image.replace(/[:@].*$/, '')}:${BROKEN_TAG}` } : c,
        ),
      };
      const key = `${current.family}:${nextRevision(state, current.family)}`;
      const commands: SimCommand[] = [];
      // Image pulls are only simulated once the registry is on; a missing tag then fails the pull.
      if (state.registry === undefined) commands.push({ type: 'ENABLE_IMAGE_PULLS' });
      commands.push(
        { type: 'REGISTER_TASK_DEFINITION', taskDefinition: broken },
        {
          type: 'UPDATE_SERVICE',
          serviceName: svc.serviceName,
          taskDefinition: key,
          deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
        },
      );
      return {
        ok: true,
        commands,
        summary: `Deploy ${key} (image tag :${BROKEN_TAG}) to ${svc.serviceName} with the deployment circuit breaker on: its tasks fail to start and the deployment rolls back.`,
      };
    }
  }
}

/**
 * The commands a drop sends, or why it is refused. Pure; a refusal means nothing is sent, so the
 * cluster is unchanged.
 */
export function dropCommands(state: SimState, item: PaletteItem, target: DropTarget): DropResult {
  const result = plan(state, item, target);
  if (!result.ok) return result;
  const error = dryRun(state, result.commands);
  return error === undefined ? result : refuse(error);
}
