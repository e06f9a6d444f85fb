/**
 * Utilisation model: turns the requests a task receives into CPU and memory utilisation, response
 * time and 5xx errors. Our model (AWS documents the metrics, not the application):
 *
 * - Each request costs `cpuMsPerRequest` ms of CPU. A task with C CPU units has C / 1024 vCPU
 *   (1024 units = 1 vCPU [ECS-DG], reference A5.6), i.e. capacity μ = (C / 1024) × 1000 / cpuMsPerRequest
 *   requests per second.
 * - Offered load λ; utilisation ρ = λ / μ. Served = min(λ, μ): a task cannot exceed 100 % CPU.
 * - Latency, M/M/1-like: baseLatencyMs / (1 − ρ), capped at maxLatencyMs (queueing makes it rise
 *   steeply as ρ → 1). At ρ ≥ 1 latency is the cap and the excess λ − μ is answered with 5xx.
 * - A task whose application is failing (`failing`) answers every request with a 5xx.
 * - Memory: baseMemoryMiB + in-flight requests × memoryPerRequestMiB, where in-flight = served rate
 *   × latency (Little's law). Not capped: MemoryUtilization can exceed 100 % with soft limits (A5.7).
 */

/** Application parameters of a service (one per service; all fields have defaults). */
export interface AppProfile {
  readonly cpuMsPerRequest: number;
  readonly baseLatencyMs: number;
  readonly maxLatencyMs: number;
  readonly baseMemoryMiB: number;
  readonly memoryPerRequestMiB: number;
}

/** Defaults: 10 ms CPU per request → 102.4 rps per vCPU; 20 ms base latency, 10 s cap. */
export const DEFAULT_APP_PROFILE: AppProfile = {
  cpuMsPerRequest: 10,
  baseLatencyMs: 20,
  maxLatencyMs: 10_000,
  baseMemoryMiB: 128,
  memoryPerRequestMiB: 1,
};

/** One task's inputs for a step. */
export interface TaskLoad {
  readonly taskId: string;
  readonly serviceName: string;
  /** Reserved CPU units (task-level cpu, as in model.Task.cpu). */
  readonly cpu: number;
  /** Reserved memory MiB. */
  readonly memory: number;
  /** Offered requests per second. */
  readonly rps: number;
  readonly failing?: boolean;
}

/** One task's utilisation for a step. */
export interface TaskUtilization {
  readonly taskId: string;
  readonly serviceName: string;
  /** Reserved CPU units and memory MiB, copied from the load. */
  readonly cpu: number;
  readonly memory: number;
  readonly cpuPercent: number;
  readonly memoryPercent: number;
  /** Share of CPU capacity demanded (may exceed 1 when overloaded). */
  readonly rho: number;
  readonly servedRps: number;
  readonly errorRps: number;
  readonly latencyMs: number;
  /** CPU units in use (for the A5.7 service formula). */
  readonly cpuUnitsUsed: number;
  readonly memoryMiBUsed: number;
}

/** Pure: the utilisation of one task under `load` for application `app`. */
export function taskUtilization(
  load: TaskLoad,
  app: AppProfile = DEFAULT_APP_PROFILE,
): TaskUtilization {
  const vcpu = Math.max(0, load.cpu) / 1024;
  const capacity = app.cpuMsPerRequest > 0 ? (vcpu * 1000) / app.cpuMsPerRequest : Infinity;
  const offered = Math.max(0, load.rps);
  if (load.failing === true) {
    const mem = app.baseMemoryMiB;
    return result(load, 0, 0, offered, app.baseLatencyMs, 0, mem);
  }
  const rho = capacity > 0 ? offered / capacity : offered > 0 ? Infinity : 0;
  const served = Math.min(offered, capacity);
  const errors = offered - served;
  const latency =
    rho >= 1 ? app.maxLatencyMs : Math.min(app.maxLatencyMs, app.baseLatencyMs / (1 - rho));
  const cpuUnitsUsed =
    capacity > 0 && Number.isFinite(capacity) ? (served / capacity) * load.cpu : 0;
  const inFlight = served * (latency / 1000);
  const mem = app.baseMemoryMiB + inFlight * app.memoryPerRequestMiB;
  return result(load, rho, served, errors, latency, cpuUnitsUsed, mem);
}

function result(
  load: TaskLoad,
  rho: number,
  served: number,
  errors: number,
  latency: number,
  cpuUnitsUsed: number,
  mem: number,
): TaskUtilization {
  return {
    taskId: load.taskId,
    serviceName: load.serviceName,
    cpu: load.cpu,
    memory: load.memory,
    cpuPercent: load.cpu > 0 ? (cpuUnitsUsed * 100) / load.cpu : 0,
    memoryPercent: load.memory > 0 ? (mem * 100) / load.memory : 0,
    rho,
    servedRps: served,
    errorRps: errors,
    latencyMs: latency,
    cpuUnitsUsed,
    memoryMiBUsed: mem,
  };
}

/** A service's aggregate over its tasks for a step. */
export interface ServiceUtilization {
  readonly serviceName: string;
  readonly taskCount: number;
  /** A5.7: CPU units used by the service's tasks × 100 / (CPU units reserved × number of tasks). */
  readonly cpuPercent: number;
  /** Same formula for memory. */
  readonly memoryPercent: number;
  readonly servedRps: number;
  readonly errorRps: number;
  /** Mean response time weighted by served requests (0 when nothing was served). */
  readonly latencyMs: number;
}

/**
 * Pure: aggregates task utilisations per service following A5.7 (used ÷ reserved over the
 * service's tasks, ×100); services with no task are absent.
 */
export function serviceUtilization(
  tasks: readonly TaskUtilization[],
): Record<string, ServiceUtilization> {
  const acc: Record<
    string,
    {
      n: number;
      cpuUsed: number;
      cpuRes: number;
      memUsed: number;
      memRes: number;
      served: number;
      errors: number;
      latW: number;
    }
  > = {};
  for (const t of tasks) {
    const a = (acc[t.serviceName] ??= {
      n: 0,
      cpuUsed: 0,
      cpuRes: 0,
      memUsed: 0,
      memRes: 0,
      served: 0,
      errors: 0,
      latW: 0,
    });
    a.n += 1;
    a.cpuUsed += t.cpuUnitsUsed;
    a.cpuRes += t.cpu;
    a.memUsed += t.memoryMiBUsed;
    a.memRes += t.memory;
    a.served += t.servedRps;
    a.errors += t.errorRps;
    a.latW += t.latencyMs * t.servedRps;
  }
  const out: Record<string, ServiceUtilization> = {};
  for (const [serviceName, a] of Object.entries(acc)) {
    out[serviceName] = {
      serviceName,
      taskCount: a.n,
      cpuPercent: a.cpuRes > 0 ? (a.cpuUsed * 100) / a.cpuRes : 0,
      memoryPercent: a.memRes > 0 ? (a.memUsed * 100) / a.memRes : 0,
      servedRps: a.served,
      errorRps: a.errors,
      latencyMs: a.served > 0 ? a.latW / a.served : 0,
    };
  }
  return out;
}
