/**
 * The arithmetic of ECS rolling deployments and the deployment circuit breaker (reference A3.3/A3.4).
 */

/** ECS rounds minimumHealthyPercent up: ceil(desired × min% / 100) [ECS-API DeploymentConfiguration]. */
export function minimumHealthyTasks(desiredCount: number, minimumHealthyPercent: number): number {
  return Math.ceil((desiredCount * minimumHealthyPercent) / 100 - 1e-9);
}

/** ECS rounds maximumPercent down: floor(desired × max% / 100) [ECS-API DeploymentConfiguration]. */
export function maximumTasks(desiredCount: number, maximumPercent: number): number {
  return Math.floor((desiredCount * maximumPercent) / 100 + 1e-9);
}

/**
 * How many old tasks a deployment may stop before any new one is healthy, and how many new tasks it
 * may start before stopping any (AWS's worked examples in A3.3: desired 4/min 50 → stop 2 first;
 * desired 2/min 75 → none; desired 4/max 200 → start 4; desired 3/max 125 → none).
 */
export function rollingHeadroom(
  desiredCount: number,
  minimumHealthyPercent: number,
  maximumPercent: number,
): { readonly mayStopFirst: number; readonly mayStartFirst: number } {
  return {
    mayStopFirst: Math.max(
      0,
      desiredCount - minimumHealthyTasks(desiredCount, minimumHealthyPercent),
    ),
    mayStartFirst: Math.max(0, maximumTasks(desiredCount, maximumPercent) - desiredCount),
  };
}

/**
 * Circuit-breaker failure threshold: clamp(ceil(0.5 × desired), 10, 200) [ECS-DG
 * deployment-circuit-breaker] (A3.4): desired 1 → 10, 25 → 13, 400 → 200.
 */
export function circuitBreakerThreshold(desiredCount: number): number {
  return Math.min(200, Math.max(10, Math.ceil(0.5 * desiredCount)));
}
