/**
 * Container instance commands and faults: register (ADD_INSTANCE), terminate, drain/activate
 * (UpdateContainerInstancesState, reference A5.2), and AZ outage/restore.
 */
import type { Draft } from './draft.ts';
import { containerInstanceArn, newEc2InstanceId, newEcsId } from './ids.ts';
import { INSTANCE_TYPES, registeredCpuUnits, registeredMemoryMiB } from './instance-types.ts';
import type { ContainerInstance, Task } from './model.ts';
import { stopAbruptly } from './task-ops.ts';

/** Finds an instance by container instance id, EC2 instance id, or ARN. */
export function findInstance(
  d: Pick<Draft, 'instances'>,
  ref: string,
): ContainerInstance | undefined {
  const direct = d.instances[ref];
  if (direct) return direct;
  for (const id of Object.keys(d.instances).sort()) {
    const inst = d.instances[id] as ContainerInstance;
    if (inst.ec2InstanceId === ref || inst.containerInstanceArn === ref) return inst;
  }
  return undefined;
}

/** Pure: the up AZ with the fewest non-INACTIVE instances (ties: first in the cluster's order). */
export function leastPopulatedAz(
  d: Pick<Draft, 'instances' | 'downAzs' | 'cluster'>,
): string | undefined {
  const counts = new Map<string, number>();
  for (const inst of Object.values(d.instances)) {
    if (inst.status !== 'INACTIVE')
      counts.set(inst.availabilityZone, (counts.get(inst.availabilityZone) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const az of d.cluster.availabilityZones) {
    if (d.downAzs.includes(az)) continue;
    if (best === undefined || (counts.get(az) ?? 0) < (counts.get(best) ?? 0)) best = az;
  }
  return best;
}

/**
 * Registers a new EC2 instance (status REGISTERING; ACTIVE after INSTANCE_REGISTERING_MS). Built-in
 * attributes per [ECS-DG task-placement-constraints] (A4.2); resources per A5.1.
 * Returns an EC2-style error string when the type or AZ is unusable.
 */
export function addInstance(d: Draft, instanceType: string, az?: string): string | undefined {
  const info = INSTANCE_TYPES[instanceType];
  if (!info) return `InvalidParameterValue: Invalid value '${instanceType}' for InstanceType.`;
  const zone = az ?? leastPopulatedAz(d);
  if (zone === undefined || !d.cluster.availabilityZones.includes(zone)) {
    return `InvalidParameterValue: Invalid availability zone: [${zone ?? ''}]`;
  }
  if (d.downAzs.includes(zone)) {
    return `InsufficientInstanceCapacity: We currently do not have sufficient ${instanceType} capacity in the Availability Zone you requested (${zone}).`;
  }
  const id = newEcsId(d.rng);
  const ec2 = newEc2InstanceId(d.rng);
  const cpu = registeredCpuUnits(info);
  const mem = registeredMemoryMiB(info);
  const arch = info.architecture;
  const inst = registeringInstance(d, {
    id,
    ec2InstanceId: ec2,
    instanceType,
    availabilityZone: zone,
    cpu,
    memory: mem,
    attributes: {
      'ecs.ami-id': arch === 'arm64' ? 'ami-0a4c2f1e6b9d3e5f7' : 'ami-0f1b2c3d4e5f60718',
      'ecs.availability-zone': zone,
      'ecs.instance-type': instanceType,
      'ecs.os-type': 'linux',
      'ecs.os-family': 'LINUX',
      'ecs.cpu-architecture': arch,
      'ecs.vpc-id': 'vpc-0a1b2c3d4e5f67890',
      'ecs.subnet-id': `subnet-0${zone.charCodeAt(zone.length - 1).toString(16)}4d5e6f7a8b9c0d1`,
    },
  });
  d.setInstance(inst);
  d.pushEvent(
    'instance',
    id,
    `Container instance ${ec2} (${instanceType}) is registering in ${zone}.`,
  );
  return undefined;
}

/**
 * A container instance as RegisterContainerInstance leaves it: REGISTERING, agent connected,
 * nothing used yet (remaining = registered). EC2 and ECS Anywhere (external) instances both start so.
 */
export function registeringInstance(
  d: Draft,
  fields: Pick<
    ContainerInstance,
    'id' | 'ec2InstanceId' | 'instanceType' | 'availabilityZone' | 'attributes'
  > &
    Partial<Pick<ContainerInstance, 'external'>> & {
      readonly cpu: number;
      readonly memory: number;
    },
): ContainerInstance {
  const { cpu, memory, ...rest } = fields;
  return {
    ...rest,
    containerInstanceArn: containerInstanceArn(d.cluster, fields.id),
    status: 'REGISTERING',
    agentConnected: true,
    registeredAt: d.now,
    registeredCpu: cpu,
    registeredMemory: memory,
    remainingCpu: cpu,
    remainingMemory: memory,
    usedPorts: [],
    usedEnis: 0,
  };
}

function tasksOnInstance(d: Draft, instanceId: string): Task[] {
  // One walk over the table, then only the few found are sorted (sorting all 10,000 ids and reading
  // each back cost a terminate ~100 ms at scale, issue 8). Ids are unique: same order as before.
  const found: Task[] = [];
  d.tasks.forEach((t) => {
    if (t.containerInstanceId === instanceId && t.lastStatus !== 'STOPPED') found.push(t);
  });
  return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The EC2 instance is terminated: every task on it stops at once with stoppedReason
 * "Host EC2 (instance <id>) terminated." [ECS-DG stopped-task-errors] (A2.2); stopCode
 * InfrastructureHealth (our reading of A2.2's mapping, UNVERIFIED). The instance becomes INACTIVE.
 */
export function terminateInstance(d: Draft, inst: ContainerInstance, why = 'terminated'): void {
  for (const t of tasksOnInstance(d, inst.id)) {
    stopAbruptly(d, t, 'InfrastructureHealth', `Host EC2 (instance ${inst.ec2InstanceId}) ${why}.`);
  }
  const after = d.instances[inst.id] ?? inst;
  d.setInstance({ ...after, status: 'INACTIVE', agentConnected: false, terminatedAt: d.now });
  d.pushEvent(
    'instance',
    inst.id,
    `EC2 instance ${inst.ec2InstanceId} ${why}; container instance is INACTIVE.`,
  );
}

/**
 * DRAINING (A5.2): no new placements; PENDING service tasks there stop at once; RUNNING service
 * tasks are replaced by the scheduler within min/max percent; standalone tasks are untouched.
 */
export function drainInstance(d: Draft, inst: ContainerInstance): void {
  d.setInstance({ ...inst, status: 'DRAINING' });
  d.pushEvent('instance', inst.id, `Container instance ${inst.ec2InstanceId} is DRAINING.`);
}

/** AZ outage: instances there are lost, Fargate tasks there stop, and the AZ takes no placements. */
export function azOutage(d: Draft, az: string): void {
  d.setDownAzs([...d.downAzs, az]);
  d.pushEvent('cluster', az, `Availability Zone ${az} is unavailable (simulated outage).`);
  for (const id of Object.keys(d.instances).sort()) {
    const inst = d.instances[id] as ContainerInstance;
    if (inst.availabilityZone === az && inst.status !== 'INACTIVE') terminateInstance(d, inst);
  }
  for (const id of d.tasks.keys().sort()) {
    const t = d.tasks.get(id) as Task;
    if (t.launchType === 'FARGATE' && t.availabilityZone === az && t.lastStatus !== 'STOPPED') {
      // Wording is ours: AWS gives no stoppedReason for a whole-AZ loss in the reference.
      stopAbruptly(d, t, 'InfrastructureHealth', `Availability Zone ${az} is unavailable.`);
    }
  }
}
