/**
 * ECS Anywhere: external instances (your own servers, on premises) registered to the cluster,
 * running tasks with launch type EXTERNAL [ECS-DG ecs-anywhere] (reference A5.3).
 *
 * Rules encoded here and in the placement filter:
 * - An external instance registers through SSM (managed instance id `mi-…`) and gets the attribute
 *   `ecs.capability.external`. It sits at an on-premises *site*, not in one of the Region's AZs;
 *   the site name is carried in `availabilityZone` so the canvas can draw it apart.
 * - Only EXTERNAL tasks go to external instances, and EXTERNAL tasks go only there (placement).
 * - Unsupported on EXTERNAL (A5.3): awsvpc network mode (refused at RunTask/CreateService in
 *   service-commands.ts), load balancers, service discovery, capacity providers, EFS volumes,
 *   App Mesh, SELinux, UpdateContainerAgent. `externalRestriction` names the ones the simulator
 *   models as fields.
 * - Losing the link to the Region (SITE_DISCONNECT): the agents disconnect (`agentConnected`
 *   false). Containers keep running on the servers — ECS does not stop tasks because their agent
 *   is unreachable — but nothing new is placed there (placement check AGENT) until SITE_RECONNECT.
 */
import type { Draft } from './draft.ts';
import { newEcsId } from './ids.ts';
import { registeringInstance } from './instance-ops.ts';
import type { ContainerInstance } from './model.ts';

export type AnywhereCommand =
  /** `amazon-ecs-init` + SSM activation on one of your servers at `site`. */
  | {
      readonly type: 'REGISTER_EXTERNAL_INSTANCE';
      readonly site: string;
      /** Server size; default 4 vCPU / 16 GiB. */
      readonly vcpu?: number;
      readonly memoryMiB?: number;
      readonly cpuArchitecture?: 'X86_64' | 'ARM64';
    }
  /** Fault: the site's link to the Region is cut (VPN/Direct Connect/internet down). */
  | { readonly type: 'SITE_DISCONNECT'; readonly site: string }
  | { readonly type: 'SITE_RECONNECT'; readonly site: string };

export const ANYWHERE_COMMAND_TYPES: ReadonlySet<string> = new Set<AnywhereCommand['type']>([
  'REGISTER_EXTERNAL_INSTANCE',
  'SITE_DISCONNECT',
  'SITE_RECONNECT',
]);

export function isAnywhereCommand(c: { readonly type: string }): c is AnywhereCommand {
  return ANYWHERE_COMMAND_TYPES.has(c.type);
}

/** The instanceType shown for external instances (they have no EC2 type). */
export const EXTERNAL_INSTANCE_TYPE = 'external';
/** Attribute ECS adds to external instances (A5.3). */
export const EXTERNAL_CAPABILITY_ATTRIBUTE = 'ecs.capability.external';

const SITE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9 ._-]{0,62}$/;

/** Pure: the on-premises sites that have external instances, sorted. */
export function externalSites(instances: Readonly<Record<string, ContainerInstance>>): string[] {
  const sites = new Set<string>();
  for (const i of Object.values(instances)) {
    if (i.external && i.status !== 'INACTIVE') sites.add(i.availabilityZone);
  }
  return [...sites].sort();
}

/**
 * Pure: why a service/RunTask field is refused with launch type EXTERNAL, or undefined. Wording
 * follows ECS's InvalidParameterException style (exact texts UNVERIFIED).
 */
export function externalRestriction(fields: {
  readonly loadBalancers?: readonly unknown[];
  readonly serviceRegistries?: readonly unknown[];
  readonly capacityProviderStrategy?: readonly unknown[];
}): string | undefined {
  if (fields.loadBalancers?.length) {
    return 'InvalidParameterException: Load balancers are not supported for services with launch type EXTERNAL.';
  }
  if (fields.serviceRegistries?.length) {
    return 'InvalidParameterException: Service discovery is not supported for services with launch type EXTERNAL.';
  }
  if (fields.capacityProviderStrategy?.length) {
    return 'InvalidParameterException: Capacity providers are not supported with external instances.';
  }
  return undefined;
}

function siteInstances(d: Draft, site: string): ContainerInstance[] {
  return d
    .instanceIds()
    .map((id) => d.instances[id] as ContainerInstance)
    .filter((i) => i.external && i.availabilityZone === site && i.status !== 'INACTIVE');
}

/** Applies one ECS Anywhere command inside a draft; returns the AWS-style error, if any. */
export function runAnywhereCommand(d: Draft, c: AnywhereCommand): string | undefined {
  if (!SITE_NAME.test(c.site) || d.cluster.availabilityZones.includes(c.site)) {
    return `InvalidParameterException: Invalid site name '${c.site}' (an on-premises location, not an Availability Zone).`;
  }
  if (c.type === 'REGISTER_EXTERNAL_INSTANCE') {
    const vcpu = c.vcpu ?? 4;
    const memoryMiB = c.memoryMiB ?? 16_384;
    if (!(Number.isInteger(vcpu) && vcpu >= 1 && vcpu <= 192)) {
      return 'InvalidParameterException: vcpu must be an integer from 1 to 192.';
    }
    if (!(Number.isInteger(memoryMiB) && memoryMiB >= 512)) {
      return 'InvalidParameterException: memoryMiB must be an integer of at least 512.';
    }
    const id = newEcsId(d.rng);
    // SSM managed instance ids are `mi-` + 17 hex digits.
    const managed = `mi-${d.rng.hex(17)}`;
    const cpu = vcpu * 1024;
    // The agent registers what the OS reports, less than nominal (same heuristic as EC2, A5.1).
    const mem = Math.floor(memoryMiB * 0.975);
    const arch = c.cpuArchitecture === 'ARM64' ? 'arm64' : 'x86_64';
    const inst = registeringInstance(d, {
      id,
      ec2InstanceId: managed,
      instanceType: EXTERNAL_INSTANCE_TYPE,
      availabilityZone: c.site,
      cpu,
      memory: mem,
      attributes: {
        [EXTERNAL_CAPABILITY_ATTRIBUTE]: '',
        'ecs.os-type': 'linux',
        'ecs.os-family': 'LINUX',
        'ecs.cpu-architecture': arch,
        location: c.site,
      },
      external: true,
    });
    d.setInstance(inst);
    d.pushEvent(
      'instance',
      id,
      `External instance ${managed} at ${c.site} is registering (ECS Anywhere, ${vcpu} vCPU, ${memoryMiB} MiB).`,
    );
    return undefined;
  }
  const insts = siteInstances(d, c.site);
  if (insts.length === 0) {
    return `InvalidParameterException: No external instances are registered at site '${c.site}'.`;
  }
  const connect = c.type === 'SITE_RECONNECT';
  if (insts.every((i) => i.agentConnected === connect)) return undefined;
  for (const i of insts) d.setInstance({ ...i, agentConnected: connect });
  d.pushEvent(
    'cluster',
    c.site,
    connect
      ? `Site ${c.site} reconnected to ${d.cluster.region}: ${insts.length} agents connected; tasks can be placed there again.`
      : `Site ${c.site} lost its link to ${d.cluster.region}: ${insts.length} agents disconnected. Running containers keep running; no new tasks are placed there.`,
  );
  return undefined;
}

/**
 * Refusal for a traffic command aimed at an EXTERNAL service: ECS Anywhere services get no load
 * balancer and no capacity provider strategy (A5.3). Undefined for anything else.
 */
export function externalServiceRefusal(
  d: Pick<Draft, 'services'>,
  c: { readonly type: string; readonly serviceName?: string },
): string | undefined {
  if (c.type !== 'ATTACH_LOAD_BALANCER' && c.type !== 'SET_CAPACITY_PROVIDER_STRATEGY')
    return undefined;
  const svc = c.serviceName === undefined ? undefined : d.services[c.serviceName];
  if (!svc || svc.launchType !== 'EXTERNAL') return undefined;
  return c.type === 'ATTACH_LOAD_BALANCER'
    ? externalRestriction({ loadBalancers: [c] })
    : externalRestriction({ capacityProviderStrategy: [c] });
}
