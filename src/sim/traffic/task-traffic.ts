/**
 * Per-task traffic of the last step, read from the per-service routing (TrafficState.routing):
 * a task's requests come from its position among the routed targets and the step's split, its
 * CPU and response time from the utilisation model (utilization.ts) — the same numbers the step
 * summed into the service's metrics. Pure; nothing is stored per task per step (issue 8).
 */
import type { Task } from '../model.ts';
import { STEP_MS } from '../model.ts';
import { TaskTable } from '../task-table.ts';
import type { ServiceRouting, TaskTraffic, TrafficState } from './state.ts';
import { requestsAt } from './target-step.ts';
import { taskUtilization, type TaskUtilization } from './utilization.ts';

/** Position of each id in a task id list, memoised by the (immutable, shared) array. */
const positions = new WeakMap<readonly string[], Map<string, number>>();

/** Pure (memoised): task id → its position in `routed` (or any shared id list). */
export function routedPositions(routed: readonly string[]): ReadonlyMap<string, number> {
  let m = positions.get(routed);
  if (!m) {
    m = new Map();
    for (let i = 0; i < routed.length; i++) m.set(routed[i]!, i);
    positions.set(routed, m);
  }
  return m;
}

/** Pure: requests per second the task at `pos` of the routed targets got (0 when not routed). */
export function routedRps(r: ServiceRouting, pos: number | undefined): number {
  if (pos === undefined || pos < 0) return 0;
  return (requestsAt(r.split, pos, r.routed.length) * 1000) / STEP_MS;
}

/** Pure: the utilisation of one task of a routed service in the last step. */
function utilization(
  serviceName: string,
  task: Pick<Task, 'id' | 'cpu' | 'memory'>,
  rps: number,
  failing: boolean,
  r: ServiceRouting,
): TaskUtilization {
  return taskUtilization(
    {
      taskId: task.id,
      serviceName,
      cpu: task.cpu,
      memory: task.memory,
      rps,
      ...(failing ? { failing: true } : {}),
    },
    r.app,
  );
}

/**
 * Pure: the traffic a task got in the last step, or undefined when it was not a RUNNING task of a
 * load-balanced service then.
 */
export function taskTrafficOf(
  tr: TrafficState,
  tasks: Readonly<Record<string, Task>> | TaskTable,
  taskId: string,
): TaskTraffic | undefined {
  const task = tasks instanceof TaskTable ? tasks.get(taskId) : tasks[taskId];
  const name = task?.serviceName;
  const r = name === undefined ? undefined : tr.routing[name];
  if (!task || !r || !routedPositions(r.running).has(taskId)) return undefined;
  const rps = routedRps(r, routedPositions(r.routed).get(taskId));
  const u = utilization(name!, task, rps, r.failing.includes(taskId), r);
  return { rps, cpuPercent: u.cpuPercent, latencyMs: u.latencyMs };
}

/**
 * Pure: calls `fn` with every task's traffic of the last step (services by name, tasks by (createdAt, id)).
 * Tasks with the same size, rate and health share one record.
 */
export function forEachTaskTraffic(
  tr: TrafficState,
  tasks: Readonly<Record<string, Task>>,
  fn: (taskId: string, traffic: TaskTraffic) => void,
): void {
  for (const name of Object.keys(tr.routing).sort()) {
    const r = tr.routing[name]!;
    const pos = routedPositions(r.routed);
    let key: { cpu: number; memory: number; rps: number; failing: boolean } | undefined;
    let rec: TaskTraffic | undefined;
    for (const id of r.running) {
      const task = tasks[id];
      if (!task) continue;
      const rps = routedRps(r, pos.get(id));
      const failing = r.failing.length > 0 && r.failing.includes(id);
      if (
        !rec ||
        !key ||
        key.cpu !== task.cpu ||
        key.memory !== task.memory ||
        key.rps !== rps ||
        key.failing !== failing
      ) {
        const u = utilization(name, task, rps, failing, r);
        rec = { rps, cpuPercent: u.cpuPercent, latencyMs: u.latencyMs };
        key = { cpu: task.cpu, memory: task.memory, rps, failing };
      }
      fn(id, rec);
    }
  }
}
