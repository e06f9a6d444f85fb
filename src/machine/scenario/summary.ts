/**
 * A compact, JSON-friendly summary of a simulation state (what `run FILE --json` prints):
 * services with desired/running/pending, tasks counted by lastStatus, instances and the last
 * events. Pure.
 */
import { TASK_STATUSES, serviceCounts } from '../../sim/index.ts';
import type { SimState, TaskStatus } from '../../sim/index.ts';
import { instancesByRegistration } from './selectors.ts';

/** How many of the newest events a summary keeps. */
export const SUMMARY_EVENTS = 20;

export interface StateSummary {
  /** Simulated seconds since the start. */
  readonly seconds: number;
  readonly services: readonly {
    readonly name: string;
    readonly status: string;
    readonly launchType: string;
    readonly taskDefinition: string;
    readonly desired: number;
    readonly running: number;
    readonly pending: number;
    readonly steadyState: boolean;
  }[];
  readonly tasksByStatus: Readonly<Record<TaskStatus, number>>;
  readonly instances: readonly {
    readonly id: string;
    readonly ec2InstanceId: string;
    readonly instanceType: string;
    readonly availabilityZone: string;
    readonly status: string;
  }[];
  readonly taskDefinitions: readonly string[];
  /** Oldest first, the last SUMMARY_EVENTS. */
  readonly events: readonly { readonly seconds: number; readonly message: string }[];
}

/** Summarises `state` (services sorted by name, instances in registration order). Pure. */
export function summarizeState(state: SimState): StateSummary {
  const tasksByStatus = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<
    TaskStatus,
    number
  >;
  for (const task of Object.values(state.tasks)) tasksByStatus[task.lastStatus]++;
  return {
    seconds: state.now / 1000,
    services: Object.values(state.services)
      .map((svc) => {
        const counts = serviceCounts(state, svc.serviceName);
        return {
          name: svc.serviceName,
          status: svc.status,
          launchType: svc.launchType,
          taskDefinition: svc.taskDefinitionKey,
          desired: counts.desiredCount,
          running: counts.runningCount,
          pending: counts.pendingCount,
          steadyState: svc.steadyState,
        };
      })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    tasksByStatus,
    instances: instancesByRegistration(state).map((i) => ({
      id: i.id,
      ec2InstanceId: i.ec2InstanceId,
      instanceType: i.instanceType,
      availabilityZone: i.availabilityZone,
      status: i.status,
    })),
    taskDefinitions: Object.keys(state.taskDefinitions).sort(),
    events: state.events
      .slice(-SUMMARY_EVENTS)
      .map((e) => ({ seconds: e.at / 1000, message: e.message })),
  };
}
