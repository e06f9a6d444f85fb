/**
 * The public face of the simulation core. Everything outside src/sim imports from here.
 * Pure and deterministic: same seed and same commands at the same simulated times → same states.
 */
export * from './model.ts';
export * from './commands.ts';
export * from './rng.ts';
export * from './instance-types.ts';
export { createSimulation, type SimulationOptions } from './simulation.ts';
export { applyCommand } from './apply-command.ts';
export { advance } from './advance.ts';
export {
  createDefaultCluster,
  advanceUntilSteady,
  DEFAULT_CLUSTER_COMMANDS,
  WEB_TASK_DEFINITION,
  API_TASK_DEFINITION,
} from './default-cluster.ts';
export {
  serviceCounts,
  tasksOfService,
  liveTasksOnInstance,
  instancesInOrder,
  downAvailabilityZones,
} from './selectors.ts';
export {
  describeTask,
  describeService,
  describeContainerInstance,
  describeTaskDefinition,
  AGENT_RESERVED_PORTS,
  type DescribeOutput,
} from './describe.ts';
export { ALLOWED_TRANSITIONS, canTransition, nextStatus } from './task-lifecycle.ts';
export {
  PHASE_DURATIONS,
  HEALTHY_AFTER_RUNNING_MS,
  SERVICE_TICK_MS,
  INSTANCE_REGISTERING_MS,
} from './durations.ts';
export {
  minimumHealthyTasks,
  maximumTasks,
  rollingHeadroom,
  circuitBreakerThreshold,
} from './deployment-math.ts';
export { parseQuery, evaluateQuery, type QueryExpr, type QueryTarget } from './query-language.ts';
export {
  taskRequirements,
  recomputeInstanceResources,
  type TaskRequirements,
} from './resources.ts';
export { isoAt, SIM_EPOCH_MS } from './ids.ts';
export { DEFAULT_SERVICE_STRATEGY, DEFAULT_RUN_TASK_STRATEGY } from './placement.ts';
/** Load, ALB, CloudWatch metrics, Application Auto Scaling, capacity providers (src/sim/traffic). */
export * as traffic from './traffic/index.ts';
export type {
  TrafficState,
  ServiceTrafficStats,
  TaskTraffic,
  AsgProvider,
} from './traffic/state.ts';
