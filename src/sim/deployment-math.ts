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
 * Circuit-breaker failure threshold: clamp(ceil(0.5 × desired), 3, 200). The current API reference
 * [ECS-API ServiceDeploymentCircuitBreaker.threshold] says "a minimum threshold of 3 and a maximum
 * threshold of 200" with "0.5 * desired task count" (default ThresholdConfiguration BOUNDED_PERCENT 50);
 * the 2023 developer guide quoted in reference A3.4 had a minimum of 10 — we follow the newer API text.
 * Fractions round up as in the guide's example (25 → 13): desired 1 → 3, 25 → 13, 400 → 200.
 */
export function circuitBreakerThreshold(desiredCount: number): number {
  return Math.min(200, Math.max(3, Math.ceil(0.5 * desiredCount)));
}
