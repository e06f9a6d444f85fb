/**
 * Which capacity provider a new service task goes to: the service's capacity provider strategy
 * split by base/weight (reference A5.4, E3), counting the tasks it already runs per provider.
 * Called by createTask; without a strategy Fargate tasks are on FARGATE as before.
 */
import { isLive, type Draft } from '../draft.ts';
import type { LaunchType } from '../model.ts';
import { splitByStrategy } from './capacity-strategy.ts';

export function capacityProviderFor(
  d: Draft,
  serviceName: string | undefined,
  launchType: LaunchType,
): string | undefined {
  const strategy = serviceName === undefined ? undefined : d.traffic?.strategies[serviceName];
  if (!strategy || serviceName === undefined)
    return launchType === 'FARGATE' ? 'FARGATE' : undefined;
  const counts: Record<string, number> = {};
  for (const id of d.index().ofService.get(serviceName) ?? []) {
    const t = d.tasks.get(id);
    if (t && isLive(t) && t.capacityProviderName)
      counts[t.capacityProviderName] = (counts[t.capacityProviderName] ?? 0) + 1;
  }
  const split = splitByStrategy(strategy, counts, 1);
  return (
    strategy.find((s) => (split[s.capacityProvider] ?? 0) > 0)?.capacityProvider ??
    strategy[0]?.capacityProvider
  );
}
