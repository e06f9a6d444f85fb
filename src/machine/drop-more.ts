/**
 * Drop semantics of the palette's capacity and traffic items (issue 5), pure like the rest of
 * drop-commands.ts (which dry-runs what these return, so ECS's own refusal wins when it refuses):
 * - Fargate / Fargate Spot capacity → on a Fargate service (or one of its tasks): UpdateService
 *   --capacity-provider-strategy FARGATE (or FARGATE_SPOT) --force-new-deployment, so the tasks are
 *   replaced onto that capacity (ECS needs a new deployment for a strategy change to move running
 *   tasks [ECS-DG capacity providers, "Update a service's capacity provider strategy"]).
 * - External instance → ECS Anywhere: your own server registers with the cluster (SSM activation +
 *   ecs-init) at an on-premises site — never in an AWS Availability Zone or on Fargate.
 * - Load balancer → an Application Load Balancer + target group for a service: its tasks register
 *   as targets (ip for awsvpc, instance for bridge/host).
 * - Load generator → requests per second offered to a service's load balancer.
 * - Spot interruption fault → a FARGATE_SPOT task (SIGTERM, capacity reclaimed in 2 minutes) or an
 *   EC2 Spot instance (two-minute interruption notice, the instance drains then terminates).
 */
import type { SimState } from '../sim/index.ts';
import { externalSites } from '../sim/anywhere.ts';
import { place, type DropResult, type DropTarget, type PaletteItem } from './drop-commands.ts';

const refuse = (reason: string): DropResult => ({ ok: false, reason });

/** The default on-premises site a server is registered at. */
export const DEFAULT_SITE = 'on-premises';

/** A load balancer name for `service` (ELB: up to 32 letters, digits and hyphens). */
export function albNameFor(service: string): string {
  const base = `${service}-alb`
    .replace(/[^A-Za-z0-9-]/g, '-')
    .replace(/^-+/, '')
    .slice(0, 32)
    .replace(/-+$/, '');
  return base === '' ? 'alb' : base;
}

type MoreItem = Extract<
  PaletteItem,
  { kind: 'capacity' | 'externalInstance' | 'loadBalancer' | 'loadGenerator' | 'fault' }
>;

export function planCapacityOrTraffic(
  state: SimState,
  item: MoreItem,
  target: DropTarget,
): DropResult {
  const where = place(state, target);
  const serviceName = where.service;
  switch (item.kind) {
    case 'capacity': {
      const name = item.provider;
      if (serviceName === undefined)
        return refuse(
          `${name} is a capacity provider every cluster has for Fargate tasks: drop it on a Fargate service to make it the service's capacity provider strategy.`,
        );
      return {
        ok: true,
        commands: [
          {
            type: 'SET_CAPACITY_PROVIDER_STRATEGY',
            serviceName,
            capacityProviderStrategy: [{ capacityProvider: name, weight: 1 }],
          },
          { type: 'UPDATE_SERVICE', serviceName, forceNewDeployment: true },
        ],
        summary:
          name === 'FARGATE_SPOT'
            ? `Service ${serviceName} now runs on FARGATE_SPOT (spare capacity at a discount, interrupted with a two-minute warning): a new deployment replaces its tasks.`
            : `Service ${serviceName} now runs on FARGATE (on-demand): a new deployment replaces its tasks.`,
      };
    }
    case 'externalInstance': {
      if (where.fargate === true)
        return refuse(
          'An external instance is a server of yours outside AWS (ECS Anywhere): it cannot run on Fargate. Drop it on the cluster or on an on-premises site.',
        );
      if (where.service !== undefined)
        return refuse(
          'An external instance registers with the cluster, not with a service: drop it on the cluster or on an on-premises site.',
        );
      let site: string | undefined;
      if (where.instanceId !== undefined) {
        const inst = state.instances[where.instanceId];
        if (inst?.external === true) site = inst.availabilityZone;
      } else if (where.az !== undefined && !state.cluster.availabilityZones.includes(where.az))
        site = where.az;
      if (site === undefined && (where.az !== undefined || where.instanceId !== undefined))
        return refuse(
          `An external instance is a server of yours outside AWS (ECS Anywhere): it is not in an AWS Availability Zone. Drop it on the cluster background (or an on-premises site) instead.`,
        );
      site ??= externalSites(state.instances)[0] ?? DEFAULT_SITE;
      return {
        ok: true,
        commands: [{ type: 'REGISTER_EXTERNAL_INSTANCE', site }],
        summary: `Register an on-premises server at site “${site}” with the cluster (ECS Anywhere: SSM activation, then the ECS agent registers it as an EXTERNAL container instance).`,
      };
    }
    case 'loadBalancer': {
      if (serviceName === undefined)
        return refuse(
          'A load balancer sends requests to a service’s tasks: drop it on a service (or one of its tasks).',
        );
      const loadBalancerName = albNameFor(serviceName);
      return {
        ok: true,
        commands: [{ type: 'ATTACH_LOAD_BALANCER', serviceName, loadBalancerName }],
        summary: `Create Application Load Balancer ${loadBalancerName} with a target group for ${serviceName}: its RUNNING tasks register as targets and must pass health checks.`,
      };
    }
    case 'loadGenerator': {
      if (serviceName === undefined)
        return refuse(
          'The load generator sends requests to a service’s load balancer: drop it on a service (or one of its tasks).',
        );
      return {
        ok: true,
        commands: [{ type: 'SET_LOAD', serviceName, load: { kind: 'constant', rps: item.rps } }],
        summary: `Send ${item.rps} requests per second to ${serviceName}’s load balancer.`,
      };
    }
    case 'fault': {
      if (where.taskId !== undefined && where.fargate === true)
        return {
          ok: true,
          commands: [{ type: 'SPOT_INTERRUPTION', taskId: where.taskId }],
          summary:
            'AWS reclaims the Fargate Spot capacity: the task gets SIGTERM and a two-minute warning, then stops; its service starts a replacement.',
        };
      if (where.instanceId !== undefined)
        return {
          ok: true,
          commands: [{ type: 'SPOT_INTERRUPTION', instanceId: where.instanceId }],
          summary:
            'EC2 Spot Instance interruption notice: the instance is DRAINING and is reclaimed in two minutes; its service tasks are replaced elsewhere.',
        };
      return refuse(
        'A Spot interruption needs Spot capacity: drop it on a task running on FARGATE_SPOT or on an EC2 Spot instance.',
      );
    }
  }
}
