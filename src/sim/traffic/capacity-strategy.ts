/**
 * Capacity provider strategy split (reference A5.4, E3): which capacity provider (FARGATE,
 * FARGATE_SPOT or an Auto Scaling group provider) each new task of a service goes to. Pure.
 */

/** One item of a capacity provider strategy. `base` may be set on one provider only. */
export interface CapacityProviderStrategyItem {
  readonly capacityProvider: string;
  /** Tasks that run on this provider first (default 0). */
  readonly base?: number;
  /** Relative share of the tasks beyond base (default 0: nothing beyond base). */
  readonly weight?: number;
}

/**
 * Pure: validation errors for a strategy (reference A5.4): base on at most one provider, no mixing
 * of Fargate providers with Auto Scaling group providers, and at least one weight > 0.
 */
export function validateStrategy(strategy: readonly CapacityProviderStrategyItem[]): string[] {
  const errors: string[] = [];
  if (strategy.filter((s) => (s.base ?? 0) > 0).length > 1) {
    errors.push('A base value can be specified for only one capacity provider in a strategy.');
  }
  const fargate = strategy.filter((s) => s.capacityProvider.startsWith('FARGATE'));
  if (fargate.length > 0 && fargate.length < strategy.length) {
    errors.push(
      'A capacity provider strategy cannot contain a mix of Fargate and Auto Scaling group capacity providers.',
    );
  }
  if (!strategy.some((s) => (s.weight ?? 0) > 0)) {
    errors.push(
      'At least one capacity provider in a strategy must have a weight greater than zero.',
    );
  }
  return errors;
}

/**
 * Pure: how many of `n` new tasks go to each provider, given `currentCounts` tasks the service
 * already runs per provider (E3): first fill `base` on the provider that has it (existing tasks
 * count toward it); then give each next task to the provider with the lowest
 * (tasks beyond base) / weight among weight > 0 providers, ties to the earlier strategy item.
 * Weights 1:4 give one task on the first per four on the second (reference A5.4). Every provider
 * in the strategy appears in the result.
 */
export function splitByStrategy(
  strategy: readonly CapacityProviderStrategyItem[],
  currentCounts: Readonly<Record<string, number>>,
  n: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of strategy) out[s.capacityProvider] = 0;
  let remaining = Math.max(0, Math.floor(n));
  const beyondBase: Record<string, number> = {};
  for (const s of strategy) {
    const current = currentCounts[s.capacityProvider] ?? 0;
    const base = s.base ?? 0;
    const fill = Math.min(remaining, Math.max(0, base - current));
    out[s.capacityProvider] = fill;
    remaining -= fill;
    beyondBase[s.capacityProvider] = Math.max(0, current - base);
  }
  const weighted = strategy.filter((s) => (s.weight ?? 0) > 0);
  if (weighted.length === 0) return out;
  for (; remaining > 0; remaining--) {
    let best = weighted[0] as CapacityProviderStrategyItem;
    let bestRatio = Infinity;
    for (const s of weighted) {
      const ratio = (beyondBase[s.capacityProvider] ?? 0) / (s.weight ?? 1);
      if (ratio < bestRatio) {
        best = s;
        bestRatio = ratio;
      }
    }
    const name = best.capacityProvider;
    beyondBase[name] = (beyondBase[name] ?? 0) + 1;
    out[name] = (out[name] ?? 0) + 1;
  }
  return out;
}
