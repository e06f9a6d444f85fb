/**
 * Inspector views shaped like `aws ecs describe-*` JSON output (field names and value formats of
 * [ECS-API] Task, Service, ContainerInstance, TaskDefinition). Timestamps are ISO strings computed
 * from the simulated clock (SIM_EPOCH_MS + ms), never the wall clock. Pure.
 */
import { isoAt } from './ids.ts';
import type { SimEvent, SimState, Task } from './model.ts';
import { serviceCounts } from './selectors.ts';
import { resolveTaskDefinition } from './task-definitions.ts';

/** A JSON-shaped plain object. */
export type DescribeOutput = { readonly [key: string]: unknown };

/** Ports the ECS agent reserves on every instance by default (22, Docker 2375/2376, agent 51678/51679). */
export const AGENT_RESERVED_PORTS: readonly number[] = [22, 2375, 2376, 51678, 51679];

function opt<T>(key: string, value: T | undefined): Record<string, T> {
  return value === undefined ? {} : { [key]: value };
}

function optTime(key: string, ms: number | undefined): Record<string, string> {
  return ms === undefined ? {} : { [key]: isoAt(ms) };
}

function tdArn(state: SimState, key: string): string {
  return state.taskDefinitions[key]?.taskDefinitionArn ?? key;
}

/** DescribeTasks `tasks[0]` for a task id (or undefined). */
export function describeTask(state: SimState, taskId: string): DescribeOutput | undefined {
  const t: Task | undefined = state.tasks[taskId];
  if (!t) return undefined;
  const inst = t.containerInstanceId ? state.instances[t.containerInstanceId] : undefined;
  const prefix = t.taskArn.replace(':task/', ':container/');
  return {
    taskArn: t.taskArn,
    clusterArn: state.cluster.clusterArn,
    taskDefinitionArn: tdArn(state, t.taskDefinitionKey),
    ...opt('containerInstanceArn', inst?.containerInstanceArn),
    availabilityZone: t.availabilityZone,
    launchType: t.launchType,
    ...opt('capacityProviderName', t.capacityProviderName),
    ...(t.launchType === 'FARGATE' ? { platformVersion: '1.4.0', platformFamily: 'Linux' } : {}),
    cpu: String(t.cpu),
    memory: String(t.memory),
    lastStatus: t.lastStatus,
    desiredStatus: t.desiredStatus,
    healthStatus: t.healthStatus,
    group: t.group,
    startedBy: t.startedBy,
    ...optTime('createdAt', t.createdAt),
    ...optTime('pullStartedAt', t.pullStartedAt),
    ...optTime('pullStoppedAt', t.pullStoppedAt),
    ...optTime('startedAt', t.startedAt),
    ...optTime('stoppingAt', t.stoppingAt),
    ...optTime('stoppedAt', t.stoppedAt),
    ...opt('stopCode', t.stopCode),
    ...opt('stoppedReason', t.stoppedReason),
    containers: t.containers.map((c, i) => ({
      containerArn: `${prefix}/${c.name}-${i}`,
      taskArn: t.taskArn,
      name: c.name,
      image: c.image,
      lastStatus: c.lastStatus,
      ...opt('exitCode', c.exitCode),
      ...opt('reason', c.reason),
      healthStatus: c.healthStatus,
      networkBindings: t.hostPorts.map((p) => ({
        bindIP: '0.0.0.0',
        hostPort: p,
        containerPort: p,
        protocol: 'tcp',
      })),
    })),
    attachments:
      t.usesEni || t.launchType === 'FARGATE'
        ? [
            {
              type: 'ElasticNetworkInterface',
              status: t.lastStatus === 'STOPPED' ? 'DELETED' : 'ATTACHED',
            },
          ]
        : [],
    version: t.history.length,
  };
}

function eventView(e: SimEvent): DescribeOutput {
  return { id: `evt-${String(e.id).padStart(8, '0')}`, createdAt: isoAt(e.at), message: e.message };
}

/** DescribeServices `services[0]` for a service name (or undefined). Events newest first, max 100. */
export function describeService(state: SimState, serviceName: string): DescribeOutput | undefined {
  const s = state.services[serviceName];
  if (!s) return undefined;
  const counts = serviceCounts(state, serviceName);
  const perDeployment = new Map<string, { running: number; pending: number }>();
  for (const t of Object.values(state.tasks)) {
    if (t.serviceName !== serviceName || !t.deploymentId) continue;
    const c = perDeployment.get(t.deploymentId) ?? { running: 0, pending: 0 };
    if (t.lastStatus === 'RUNNING') c.running++;
    else if (
      t.lastStatus === 'PROVISIONING' ||
      t.lastStatus === 'PENDING' ||
      t.lastStatus === 'ACTIVATING'
    )
      c.pending++;
    perDeployment.set(t.deploymentId, c);
  }
  const events: DescribeOutput[] = [];
  for (let i = state.events.length - 1; i >= 0 && events.length < 100; i--) {
    const e = state.events[i] as SimEvent;
    if ((e.kind === 'service' || e.kind === 'deployment') && e.subject === serviceName)
      events.push(eventView(e));
  }
  return {
    serviceArn: s.serviceArn,
    serviceName: s.serviceName,
    clusterArn: state.cluster.clusterArn,
    status: s.status,
    desiredCount: counts.desiredCount,
    runningCount: counts.runningCount,
    pendingCount: counts.pendingCount,
    launchType: s.launchType,
    ...(s.launchType === 'FARGATE' ? { platformVersion: 'LATEST', platformFamily: 'Linux' } : {}),
    taskDefinition: tdArn(state, s.taskDefinitionKey),
    deploymentConfiguration: s.deploymentConfiguration,
    deploymentController: { type: 'ECS' },
    deployments: s.deployments
      .filter((d) => d.status !== 'INACTIVE')
      .map((d) => ({
        id: d.id,
        status: d.status,
        taskDefinition: tdArn(state, d.taskDefinitionKey),
        desiredCount: d.status === 'PRIMARY' ? d.desiredCount : 0,
        pendingCount: perDeployment.get(d.id)?.pending ?? 0,
        runningCount: perDeployment.get(d.id)?.running ?? 0,
        failedTasks: d.failedTasks,
        createdAt: isoAt(d.createdAt),
        updatedAt: isoAt(d.updatedAt),
        launchType: s.launchType,
        rolloutState: d.rolloutState,
        rolloutStateReason: d.rolloutStateReason,
      })),
    events,
    createdAt: isoAt(s.createdAt),
    placementConstraints: s.placementConstraints,
    placementStrategy: s.placementStrategy,
    schedulingStrategy: s.schedulingStrategy,
    healthCheckGracePeriodSeconds: s.healthCheckGracePeriodSeconds,
  };
}

function resource(name: string, value: number | readonly string[]): DescribeOutput {
  return typeof value === 'number'
    ? { name, type: 'INTEGER', doubleValue: 0, longValue: 0, integerValue: value }
    : {
        name,
        type: 'STRINGSET',
        doubleValue: 0,
        longValue: 0,
        integerValue: 0,
        stringSetValue: value,
      };
}

/**
 * DescribeContainerInstances `containerInstances[0]` for a container instance id (or undefined).
 * registered/remainingResources list CPU, MEMORY, PORTS, PORTS_UDP as the API does (A5.1); PORTS
 * include the agent's default reserved ports.
 */
export function describeContainerInstance(state: SimState, id: string): DescribeOutput | undefined {
  const i =
    state.instances[id] ?? Object.values(state.instances).find((x) => x.ec2InstanceId === id);
  if (!i) return undefined;
  let running = 0;
  let pending = 0;
  for (const t of Object.values(state.tasks)) {
    if (t.containerInstanceId !== i.id) continue;
    if (t.lastStatus === 'RUNNING') running++;
    else if (
      t.lastStatus === 'PROVISIONING' ||
      t.lastStatus === 'PENDING' ||
      t.lastStatus === 'ACTIVATING'
    )
      pending++;
  }
  const reserved = AGENT_RESERVED_PORTS.map(String);
  return {
    containerInstanceArn: i.containerInstanceArn,
    ec2InstanceId: i.ec2InstanceId,
    version: 1,
    versionInfo: {
      agentVersion: '1.89.0',
      agentHash: 'a1b2c3d4',
      dockerVersion: 'DockerVersion: 25.0.8',
    },
    remainingResources: [
      resource('CPU', i.remainingCpu),
      resource('MEMORY', i.remainingMemory),
      resource('PORTS', [...reserved, ...i.usedPorts.map(String)]),
      resource('PORTS_UDP', []),
    ],
    registeredResources: [
      resource('CPU', i.registeredCpu),
      resource('MEMORY', i.registeredMemory),
      resource('PORTS', reserved),
      resource('PORTS_UDP', []),
    ],
    status: i.status,
    agentConnected: i.agentConnected,
    runningTasksCount: running,
    pendingTasksCount: pending,
    attributes: Object.keys(i.attributes)
      .sort()
      .map((name) => ({ name, value: i.attributes[name] })),
    registeredAt: isoAt(i.registeredAt),
    ...optTime('deregisteredAt', i.terminatedAt),
  };
}

/** DescribeTaskDefinition `taskDefinition` for "family", "family:rev" or an ARN (or undefined). */
export function describeTaskDefinition(state: SimState, ref: string): DescribeOutput | undefined {
  const found = resolveTaskDefinition(state, ref);
  if (!found) return undefined;
  const td = found.td;
  return {
    taskDefinitionArn: td.taskDefinitionArn,
    family: td.family,
    revision: td.revision,
    status: td.status,
    containerDefinitions: td.containerDefinitions,
    ...opt('cpu', td.cpu === undefined ? undefined : String(td.cpu)),
    ...opt('memory', td.memory === undefined ? undefined : String(td.memory)),
    networkMode: td.networkMode,
    requiresCompatibilities: td.requiresCompatibilities,
    compatibilities: td.compatibilities,
    runtimePlatform: {
      cpuArchitecture: td.cpuArchitecture,
      operatingSystemFamily: td.operatingSystemFamily,
    },
    placementConstraints: td.placementConstraints,
    ...opt('executionRoleArn', td.executionRoleArn),
    ...opt('taskRoleArn', td.taskRoleArn),
    registeredAt: isoAt(td.registeredAt),
  };
}
