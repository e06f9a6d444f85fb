/**
 * `applyCommand`: the single entry point for every change a user, scenario or test makes.
 * Pure: returns a new state (or the same state plus an AWS-worded error), never mutates its input.
 */
import type { CommandResult, SimCommand } from './commands.ts';
import { applyEksCommand, followAzFault, isEksCommand } from './eks.ts';
import { Draft } from './draft.ts';
import {
  addInstance,
  azOutage,
  drainInstance,
  findInstance,
  terminateInstance,
} from './instance-ops.ts';
import type { SimState } from './model.ts';
import { isEcrCommand } from './image-registry-commands.ts';
import { runEcrCommand } from './image-registry.ts';
import { externalServiceRefusal, isAnywhereCommand, runAnywhereCommand } from './anywhere.ts';
import { isSpotCommand, runSpotCommand } from './spot.ts';
import { isPatchingCommand, runPatchingCommand, trackPatching } from './patching.ts';
import { createService, deleteService, updateService } from './service-commands.ts';
import { reconcileService } from './service-scheduler.ts';
import { crashTask, runTask, stopTask } from './task-commands.ts';
import { deregisterTaskDefinition, registerTaskDefinition } from './task-definitions.ts';
import { applyTrafficCommand } from './traffic/apply-traffic-command.ts';
import { isTrafficCommand } from './traffic/commands.ts';

/**
 * Steady services whose pass wrote nothing, with the version of the service's tasks in the index
 * (ClusterIndex.serviceVersion: changes when any of its tasks is added, written or removed) and the
 * instance epoch it saw (Draft.instanceEpoch: changes when an instance comes, goes, or changes status).
 * A steady service's pass depends only on those (its tasks are already counted healthy, and stay so;
 * it places nothing, so free resources do not matter), so while they are the same the pass is
 * skipped: other services' churn does not re-run a steady one, and a 10,000-task steady cluster
 * costs almost nothing per tick. Pure memoisation; never observable.
 */
const quietPasses = new WeakMap<object, { tasks: number | undefined; instances: number }>();

/** Runs one scheduler pass over every live service, in name order. */
export function reconcileAll(d: Draft): void {
  for (const name of Object.keys(d.services).sort()) {
    const svc = d.services[name];
    if (!svc || svc.status === 'INACTIVE') continue;
    const memo = quietPasses.get(svc);
    if (
      memo &&
      memo.instances === d.instanceEpoch &&
      memo.tasks === d.index().serviceVersion.get(name)
    )
      continue;
    const before = d.writes;
    reconcileService(d, name);
    const after = d.services[name];
    if (d.writes === before && after === svc && svc.steadyState) {
      quietPasses.set(svc, {
        tasks: d.index().serviceVersion.get(name),
        instances: d.instanceEpoch,
      });
    }
  }
}

function instanceNotFound(ref: string): string {
  return `InvalidInstanceID.NotFound: The instance ID '${ref}' does not exist`;
}

function run(
  d: Draft,
  c: SimCommand,
): { error?: string; failures?: CommandResult<SimState>['failures'] } {
  if (isEcrCommand(c)) return { error: runEcrCommand(d, c) };
  if (isTrafficCommand(c))
    return { error: externalServiceRefusal(d, c) ?? applyTrafficCommand(d, c) };
  if (isAnywhereCommand(c)) return { error: runAnywhereCommand(d, c) };
  if (isSpotCommand(c)) return { error: runSpotCommand(d, c) };
  if (isPatchingCommand(c)) return { error: runPatchingCommand(d, c) };
  // EKS commands never reach the ECS draft (applyCommand hands them to applyEksCommand).
  if (isEksCommand(c)) return { error: `${c.type} is an EKS command` };
  switch (c.type) {
    case 'REGISTER_TASK_DEFINITION':
      return { error: registerTaskDefinition(d, c.taskDefinition) };
    case 'DEREGISTER_TASK_DEFINITION':
      return { error: deregisterTaskDefinition(d, c.taskDefinition) };
    case 'CREATE_SERVICE': {
      const error = createService(d, c);
      // ECS starts the first tasks right away rather than waiting for the next scheduler tick.
      if (!error) reconcileService(d, c.serviceName);
      return { error };
    }
    case 'UPDATE_SERVICE': {
      const error = updateService(d, c);
      if (!error) reconcileService(d, c.serviceName);
      return { error };
    }
    case 'DELETE_SERVICE': {
      const error = deleteService(d, c);
      if (!error) reconcileService(d, c.serviceName);
      return { error };
    }
    case 'RUN_TASK': {
      const out = runTask(d, c);
      return { error: out.error, failures: out.failures.length ? out.failures : undefined };
    }
    case 'STOP_TASK':
      return { error: stopTask(d, c) };
    case 'CRASH_TASK':
      return { error: crashTask(d, c) };
    case 'ADD_INSTANCE':
      return { error: addInstance(d, c.instanceType, c.availabilityZone) };
    case 'TERMINATE_INSTANCE': {
      const inst = findInstance(d, c.instanceId);
      if (!inst || inst.status === 'INACTIVE') return { error: instanceNotFound(c.instanceId) };
      terminateInstance(d, inst);
      return {};
    }
    case 'DRAIN_INSTANCE':
    case 'ACTIVATE_INSTANCE': {
      const inst = findInstance(d, c.instanceId);
      if (!inst || inst.status === 'INACTIVE') {
        return {
          error: 'InvalidParameterException: The referenced container instance was not found.',
        };
      }
      if (c.type === 'DRAIN_INSTANCE') {
        if (inst.status === 'DRAINING') return {};
        drainInstance(d, inst);
        // Draining stops PENDING service tasks immediately (A5.2): run the scheduler now.
        reconcileAll(d);
      } else if (inst.status === 'DRAINING') {
        d.setInstance({ ...inst, status: 'ACTIVE' });
        d.pushEvent('instance', inst.id, `Container instance ${inst.ec2InstanceId} is ACTIVE.`);
      }
      return {};
    }
    case 'AZ_OUTAGE':
    case 'AZ_RESTORE': {
      const az = c.availabilityZone;
      if (!d.cluster.availabilityZones.includes(az)) {
        return { error: `InvalidParameterValue: Invalid availability zone: [${az}]` };
      }
      const down = d.downAzs.includes(az);
      if (c.type === 'AZ_OUTAGE' && !down) azOutage(d, az);
      if (c.type === 'AZ_RESTORE' && down) {
        d.setDownAzs(d.downAzs.filter((z) => z !== az));
        d.pushEvent('cluster', az, `Availability Zone ${az} is available again.`);
      }
      return {};
    }
  }
  // Typed callers and the scenario schema cannot send an unknown command, but data from elsewhere
  // (a hand-edited save, a future version's log) could: refuse it with the AWS common error for an
  // unknown action (AWS API reference, "Common Errors": InvalidAction), naming what was sent.
  const unknown: { readonly type?: unknown } = c;
  return {
    error: `InvalidAction: The action or operation requested is invalid. Verify that the action is typed correctly. (${String(unknown.type)})`,
  };
}

/**
 * Pure: applies one command. On error the returned state is the input state itself and `error` holds
 * the AWS-style message; RunTask placement failures are also listed in `failures`.
 */
export function applyCommand(state: SimState, command: SimCommand): CommandResult<SimState> {
  if (isEksCommand(command)) return applyEksCommand(state, command);
  const d = new Draft(state);
  const out = trackPatching(d, command, () => run(d, command));
  if (out.error)
    return out.failures
      ? { state, error: out.error, failures: out.failures }
      : { state, error: out.error };
  const next = followAzFault(d.finish(), command);
  return out.failures ? { state: next, failures: out.failures } : { state: next };
}
