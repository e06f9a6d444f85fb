/**
 * When a service task counts as healthy toward minimumHealthyPercent during a deployment
 * (reference A3.3, [ECS-API DeploymentConfiguration.minimumHealthyPercent]):
 * - no load balancer, no essential-container health check: 40 s after it reached RUNNING
 *   (countedHealthy in task-ops.ts);
 * - behind a load balancer: when its target group reports the target healthy. Without this rule
 *   old tasks were stopped as soon as new ones had run 40 s, while the load balancer still had them
 *   in `initial` health checking — fewer than the minimum actually served traffic.
 * (Container health checks are not simulated: tasks stay healthStatus UNKNOWN, so the third and
 * fourth rows of the reference table never apply.)
 */
import type { Draft } from './draft.ts';
import type { Task } from './model.ts';
import { countedHealthy } from './task-ops.ts';

/** A predicate "counts as healthy now" for the tasks of service `name`. */
export function deploymentHealth(d: Draft, name: string): (t: Task) => boolean {
  const traffic = d.traffic;
  const binding = traffic?.serviceLoadBalancers[name];
  const tg =
    binding === undefined
      ? undefined
      : traffic?.loadBalancers[binding.loadBalancerName]?.targetGroups[binding.targetGroupName];
  if (tg === undefined) return (t) => countedHealthy(t, d.now);
  // Looked up per task (no set of healthy ids built per call: hot at 10,000 targets, issue 8).
  const targets = tg.targets;
  return (t) =>
    t.lastStatus === 'RUNNING' &&
    t.desiredStatus !== 'STOPPED' &&
    targets[t.id]?.state === 'healthy';
}
