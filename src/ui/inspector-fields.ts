/**
 * Pure: the headline fields the inspector shows for a selected entity, read straight from the
 * SimState records with the ECS API's field names (as `aws ecs describe-*` prints them). The full
 * describe-* document below them comes from the sim's describe selectors.
 */
import type {
  ContainerInstance,
  EntityRef,
  SimEvent,
  SimState,
  Task,
  TaskDefinition,
} from '../sim/index.ts';
import { formatSimTime } from '../machine/sim-clock.ts';
import { instanceAmiFields, taskImageFields } from './inspector-image-fields.ts';

/** One "field: value" line; `tone` marks values worth colouring (failures, stop codes). */
export interface Field {
  readonly name: string;
  readonly value: string;
  readonly tone?: 'bad' | 'good';
}

const at = (ms: number | undefined): string => (ms === undefined ? '—' : formatSimTime(ms));

/** Headline fields of a task (DescribeTasks). */
export function taskFields(task: Task, sim: SimState): Field[] {
  const instance =
    task.containerInstanceId === undefined ? undefined : sim.instances[task.containerInstanceId];
  const fields: Field[] = [
    { name: 'taskArn', value: task.taskArn },
    {
      name: 'lastStatus',
      value: task.lastStatus,
      tone: task.lastStatus === 'RUNNING' ? 'good' : undefined,
    },
    { name: 'desiredStatus', value: task.desiredStatus },
    { name: 'healthStatus', value: task.healthStatus },
    { name: 'launchType', value: task.launchType },
    { name: 'group', value: task.group },
    { name: 'taskDefinition', value: task.taskDefinitionKey },
    { name: 'availabilityZone', value: task.availabilityZone },
    {
      name: 'containerInstance',
      value:
        instance === undefined
          ? '— (Fargate)'
          : `${instance.ec2InstanceId} (${instance.instanceType})`,
    },
    { name: 'cpu / memory', value: `${task.cpu} units / ${task.memory} MiB` },
    { name: 'createdAt', value: at(task.createdAt) },
    { name: 'startedAt', value: at(task.startedAt) },
  ];
  if (task.stopCode !== undefined)
    fields.push({ name: 'stopCode', value: task.stopCode, tone: 'bad' });
  if (task.stoppedReason !== undefined) {
    fields.push({ name: 'stoppedReason', value: task.stoppedReason, tone: 'bad' });
  }
  if (task.stoppedAt !== undefined) fields.push({ name: 'stoppedAt', value: at(task.stoppedAt) });
  fields.push({ name: 'placement', value: task.placementReason });
  fields.push(...taskImageFields(task, sim));
  return fields;
}

/** Headline fields of a container instance (DescribeContainerInstances). */
export function instanceFields(instance: ContainerInstance, sim: SimState): Field[] {
  const tasks = Object.values(sim.tasks).filter(
    (t) => t.containerInstanceId === instance.id && t.lastStatus !== 'STOPPED',
  );
  const down = (sim.downAvailabilityZones ?? []).includes(instance.availabilityZone);
  return [
    { name: 'ec2InstanceId', value: instance.ec2InstanceId },
    { name: 'containerInstanceArn', value: instance.containerInstanceArn },
    { name: 'instanceType', value: instance.instanceType },
    {
      name: 'availabilityZone',
      value: down ? `${instance.availabilityZone} (down)` : instance.availabilityZone,
    },
    { name: 'status', value: instance.status, tone: instance.status === 'ACTIVE' ? 'good' : 'bad' },
    { name: 'agentConnected', value: String(instance.agentConnected) },
    {
      name: 'CPU registered / remaining',
      value: `${instance.registeredCpu} / ${instance.remainingCpu}`,
    },
    {
      name: 'memory registered / remaining',
      value: `${instance.registeredMemory} / ${instance.remainingMemory} MiB`,
    },
    {
      name: 'runningTasksCount',
      value: String(tasks.filter((t) => t.lastStatus === 'RUNNING').length),
    },
    {
      name: 'pendingTasksCount',
      value: String(tasks.filter((t) => t.lastStatus !== 'RUNNING').length),
    },
    {
      name: 'ports in use',
      value: instance.usedPorts.length ? instance.usedPorts.join(', ') : '—',
    },
    ...instanceAmiFields(instance, sim),
  ];
}

/** Headline fields of a task definition revision (DescribeTaskDefinition). */
export function taskDefinitionFields(def: TaskDefinition): Field[] {
  return [
    { name: 'taskDefinitionArn', value: def.taskDefinitionArn },
    { name: 'status', value: def.status },
    { name: 'networkMode', value: def.networkMode },
    { name: 'requiresCompatibilities', value: def.requiresCompatibilities.join(', ') || '—' },
    { name: 'cpu / memory', value: `${def.cpu ?? '—'} / ${def.memory ?? '—'}` },
    {
      name: 'containers',
      value: def.containerDefinitions.map((c) => `${c.name} (${c.image})`).join(', '),
    },
  ];
}

/** Headline fields of an Availability Zone (not an ECS object: what the cluster has there). */
export function zoneFields(zone: string, sim: SimState): Field[] {
  const down = (sim.downAvailabilityZones ?? []).includes(zone);
  const instances = Object.values(sim.instances).filter(
    (i) => i.availabilityZone === zone && i.status !== 'INACTIVE',
  );
  const tasks = Object.values(sim.tasks).filter(
    (t) => t.availabilityZone === zone && t.lastStatus !== 'STOPPED',
  );
  return [
    { name: 'zone', value: zone },
    { name: 'state', value: down ? 'outage' : 'available', tone: down ? 'bad' : 'good' },
    { name: 'container instances', value: String(instances.length) },
    { name: 'tasks', value: String(tasks.length) },
  ];
}

/** The most recent events about `subject` (a service name, task id or instance id), newest first. */
export function recentEvents(sim: SimState, subject: string, limit = 5): SimEvent[] {
  const out: SimEvent[] = [];
  for (let i = sim.events.length - 1; i >= 0 && out.length < limit; i--) {
    const event = sim.events[i];
    if (event !== undefined && event.subject === subject) out.push(event);
  }
  return out;
}

/** Pure: a stable key telling the inspector whether what it shows could have changed. */
export function inspectedKey(sim: SimState, selection: EntityRef | undefined): unknown {
  switch (selection?.kind) {
    case undefined:
      return undefined;
    case 'task': {
      // A pulling task's progress moves with the clock, not with its record.
      const task = sim.tasks[selection.id];
      return task?.imagePull && task.lastStatus === 'PENDING' ? sim.now : task;
    }
    case 'instance':
      // Task counts on the instance change without the instance record changing.
      return sim.version;
    case 'taskDefinition':
      return sim.taskDefinitions[selection.id];
    default:
      return sim.version;
  }
}
