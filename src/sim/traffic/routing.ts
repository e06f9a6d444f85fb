/**
 * How an ALB spreads one step's requests over a target group's routable targets (reference A7.2,
 * A7.3). Works on whole requests and is O(targets), so it stays cheap at thousands of tasks.
 */
import type { RoutingAlgorithm, Target } from './target-group.ts';

/**
 * Pure: the targets that may receive new requests. Only healthy targets get traffic; if none is
 * healthy the ALB fails open and routes to every registered target that is not draining or unused
 * [ALB-UG] (reference A7.2 "Fail-open", E5 "routing").
 */
export function routableTargets(targets: readonly Target[]): {
  readonly targets: readonly Target[];
  readonly failOpen: boolean;
} {
  const healthy = targets.filter((t) => t.state === 'healthy');
  if (healthy.length > 0) return { targets: healthy, failOpen: false };
  const registered = targets.filter((t) => t.state === 'initial' || t.state === 'unhealthy');
  return { targets: registered, failOpen: registered.length > 0 };
}

/**
 * Pure: splits `requests` (a whole number) over `weights` in proportion, by largest remainder.
 * Leftover single requests go first to the largest remainders, ties broken in rotation starting at
 * `cursor` so that equal targets take turns across steps (round-robin fairness: shares differ by
 * at most one request in a step and even out over steps).
 */
export function apportion(requests: number, weights: readonly number[], cursor: number): number[] {
  const n = weights.length;
  if (n === 0 || requests <= 0) return weights.map(() => 0);
  if (weights.every((w) => w === weights[0]) && (weights[0] ?? 0) > 0) {
    // Equal weights (round robin): the same result as the general rule below, where every
    // remainder ties and the rotation from `cursor` decides, without sorting (hot at 1,000 targets).
    const q = Math.floor(requests / n);
    const r = requests - q * n;
    const c = cursor % n;
    return weights.map((_, i) => q + ((i - c + n) % n < r ? 1 : 0));
  }
  const total = weights.reduce((a, w) => a + Math.max(0, w), 0);
  const norm = total > 0 ? weights.map((w) => Math.max(0, w) / total) : weights.map(() => 1 / n);
  const exact = norm.map((w) => w * requests);
  const out = exact.map((x) => Math.floor(x + 1e-9));
  let left = requests - out.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, rem: x - (out[i] ?? 0), rot: (i - (cursor % n) + n) % n }))
    .sort((a, b) => b.rem - a.rem || a.rot - b.rot);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
    left--;
  }
  return out;
}

/**
 * Pure: routing weights for one step. round_robin gives every target the same share.
 * least_outstanding_requests sends each request to the target with the fewest in-flight requests;
 * by Little's law in-flight = rate × latency, so in steady state a target's share is proportional
 * to 1 / its latency (our model; ALB documents only the per-request rule [ELBv2-API]).
 * `latencyMs` maps task id → last observed response time; unknown targets count as `fallbackMs`.
 */
export function routingWeights(
  algorithm: RoutingAlgorithm,
  targets: readonly Target[],
  latencyMs: Readonly<Record<string, number>>,
  fallbackMs = 50,
): number[] {
  if (algorithm === 'round_robin') return targets.map(() => 1);
  return targets.map((t) => 1 / Math.max(1e-3, latencyMs[t.id] ?? fallbackMs));
}
