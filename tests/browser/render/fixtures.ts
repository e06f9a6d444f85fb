/**
 * Hand-built SimState snapshots for the render tests and the frame bench, typed against the model
 * contract (src/sim/model.ts) so they break loudly if the contract changes.
 */
import type { ContainerInstance, SimState, Task, TaskStatus } from '../../../src/sim/model.ts';
import { seedRng } from '../../../src/sim/rng.ts';
import { STEP_MS } from '../../../src/sim/model.ts';
import {
  emptyTraffic,
  type ServiceLoadBalancer,
  type ServiceRouting,
  type ServiceTrafficStats,
} from '../../../src/sim/traffic/state.ts';
import { DEFAULT_APP_PROFILE } from '../../../src/sim/traffic/utilization.ts';

export const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'] as const;

/** A container instance with sensible defaults (m5.large: 2 vCPU = 2048 units, 7680 MiB usable). */
export function makeInstance(id: string, over: Partial<ContainerInstance> = {}): ContainerInstance {
  return {
    id,
    containerInstanceArn: `arn:aws:ecs:us-east-1:123456789012:container-instance/demo/${id}`,
    ec2InstanceId: `i-0${id.padStart(16, '0').slice(-16)}`,
    instanceType: 'm5.large',
    availabilityZone: AZS[0],
    status: 'ACTIVE',
    agentConnected: true,
    registeredAt: 0,
    registeredCpu: 2048,
    registeredMemory: 7680,
    remainingCpu: 2048,
    remainingMemory: 7680,
    usedPorts: [],
    usedEnis: 0,
    attributes: {},
    ...over,
  };
}

/** A task with sensible defaults (RUNNING EC2 task of service "web"). */
export function makeTask(id: string, over: Partial<Task> = {}): Task {
  const lastStatus: TaskStatus = over.lastStatus ?? 'RUNNING';
  return {
    id,
    taskArn: `arn:aws:ecs:us-east-1:123456789012:task/demo/${id}`,
    taskDefinitionKey: 'web:1',
    group: `service:${over.serviceName ?? 'web'}`,
    startedBy: 'ecs-svc/1',
    serviceName: 'web',
    deploymentId: 'ecs-svc/1',
    launchType: 'EC2',
    availabilityZone: AZS[0],
    cpu: 256,
    memory: 512,
    hostPorts: [],
    usesEni: false,
    lastStatus,
    desiredStatus: lastStatus === 'STOPPED' ? 'STOPPED' : 'RUNNING',
    healthStatus: 'UNKNOWN',
    containers: [],
    createdAt: 0,
    statusSince: 0,
    placementReason: 'fixture',
    history: [],
    ...over,
  };
}

/** A whole state from instances and tasks. */
export function makeState(
  instances: readonly ContainerInstance[],
  tasks: readonly Task[],
  version = 1,
): SimState {
  return {
    version,
    now: 0,
    seed: 1,
    rng: seedRng(1),
    counters: { event: 0, deployment: 1 },
    cluster: {
      clusterName: 'demo',
      clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/demo',
      region: 'us-east-1',
      accountId: '123456789012',
      availabilityZones: [...AZS],
    },
    instances: Object.fromEntries(instances.map((i) => [i.id, i])),
    taskDefinitions: {},
    services: {},
    tasks: Object.fromEntries(tasks.map((t) => [t.id, t])),
    events: [],
  };
}

/**
 * A small cluster: three instances (one per AZ, the third DRAINING), four EC2 tasks of two
 * services and two Fargate tasks. Task "t-web-1" is RUNNING on instance "ci-a".
 */
export function smallCluster(version = 1): SimState {
  const instances = [
    makeInstance('ci-a', { availabilityZone: AZS[0], remainingCpu: 1536, remainingMemory: 6656 }),
    makeInstance('ci-b', { availabilityZone: AZS[1], instanceType: 'c5.large', registeredAt: 1 }),
    makeInstance('ci-c', { availabilityZone: AZS[2], status: 'DRAINING', registeredAt: 2 }),
  ];
  const tasks = [
    makeTask('t-web-1', { containerInstanceId: 'ci-a', createdAt: 1 }),
    makeTask('t-web-2', { containerInstanceId: 'ci-b', availabilityZone: AZS[1], createdAt: 2 }),
    makeTask('t-api-1', {
      containerInstanceId: 'ci-a',
      serviceName: 'api',
      group: 'service:api',
      createdAt: 3,
    }),
    makeTask('t-api-2', {
      containerInstanceId: 'ci-b',
      serviceName: 'api',
      group: 'service:api',
      availabilityZone: AZS[1],
      lastStatus: 'PENDING',
      createdAt: 4,
    }),
    makeTask('t-fg-1', {
      launchType: 'FARGATE',
      serviceName: 'worker',
      group: 'service:worker',
      usesEni: true,
      createdAt: 5,
    }),
    makeTask('t-fg-2', {
      launchType: 'FARGATE',
      serviceName: 'worker',
      group: 'service:worker',
      usesEni: true,
      availabilityZone: AZS[2],
      createdAt: 6,
    }),
  ];
  return makeState(instances, tasks, version);
}

/** Returns a copy of `state` with one task replaced (and the version bumped). */
export function withTask(state: SimState, task: Task, version = state.version + 1): SimState {
  return { ...state, version, tasks: { ...state.tasks, [task.id]: task } };
}

/**
 * A synthetic cluster of `taskCount` RUNNING tasks on taskCount/10 instances spread over three AZs,
 * ten services. `variant` shifts which tasks are not RUNNING so alternating variants animate.
 */
export function syntheticCluster(taskCount: number, variant = 0, version = 1): SimState {
  const instanceCount = Math.max(1, Math.ceil(taskCount / 10));
  const statuses: readonly TaskStatus[] = [
    'RUNNING',
    'RUNNING',
    'RUNNING',
    'ACTIVATING',
    'STOPPING',
  ];
  const instances: ContainerInstance[] = [];
  for (let i = 0; i < instanceCount; i++) {
    instances.push(
      makeInstance(`ci-${i}`, {
        availabilityZone: AZS[i % 3],
        instanceType: 'm5.xlarge',
        registeredAt: i,
        registeredCpu: 4096,
        registeredMemory: 15360,
        remainingCpu: 4096 - 2560,
        remainingMemory: 15360 - 5120,
      }),
    );
  }
  const tasks: Task[] = [];
  for (let t = 0; t < taskCount; t++) {
    const inst = instances[t % instanceCount] as ContainerInstance;
    const service = `svc-${t % 10}`;
    tasks.push(
      makeTask(`t-${t}`, {
        containerInstanceId: inst.id,
        availabilityZone: inst.availabilityZone,
        serviceName: service,
        group: `service:${service}`,
        createdAt: t,
        lastStatus:
          (t + variant) % 7 === 0
            ? (statuses[(t + variant) % statuses.length] ?? 'RUNNING')
            : 'RUNNING',
      }),
    );
  }
  return makeState(instances, tasks, version);
}

/**
 * `state` with load flowing: an ALB per service (svc-0 … svc-9 of syntheticCluster, or whatever
 * services the tasks name) routing requests to every RUNNING task of it, as the traffic step
 * (src/sim/traffic/sim-step.ts) leaves them in TrafficState.routing: each task's share varies from
 * task to task and with `variant`, so its CPU (0–99 % of a 256-unit task) and glow change between
 * snapshots. `cpuOf(taskId)` overrides a task's CPU %.
 */
export function withLoad(
  state: SimState,
  variant = 0,
  cpuOf: (taskId: string, k: number) => number = (_id, k) => (k * 37 + variant * 11) % 100,
): SimState {
  const running = new Map<string, string[]>();
  for (const id in state.tasks) {
    const t = state.tasks[id] as Task;
    if (!t.serviceName) continue;
    if (!running.has(t.serviceName)) running.set(t.serviceName, []);
    if (t.lastStatus === 'RUNNING') running.get(t.serviceName)!.push(id);
  }
  const serviceLoadBalancers: Record<string, ServiceLoadBalancer> = {};
  const stats: Record<string, ServiceTrafficStats> = {};
  const routing: Record<string, ServiceRouting> = {};
  let k = 0;
  for (const [name, list] of running) {
    serviceLoadBalancers[name] = {
      loadBalancerName: `alb-${name}`,
      targetGroupName: `tg-${name}`,
      containerPort: 80,
    };
    const ids = [...list].sort();
    // Requests per 1 s step: at 10 ms CPU per request, a 256-unit task serves 25.6 req/s at 100 %.
    const counts = ids.map((id) => {
      const cpu = Math.max(0, Math.min(99, cpuOf(id, k++)));
      const task = state.tasks[id] as Task;
      return Math.round((cpu / 100) * ((task.cpu / 1024) * 100) * (STEP_MS / 1000));
    });
    const rps = counts.reduce((x, y) => x + y, 0);
    routing[name] = {
      running: ids,
      routed: ids,
      split: { base: 0, extra: 0, from: 0, counts },
      failing: [],
      app: DEFAULT_APP_PROFILE,
    };
    stats[name] = {
      offeredRps: rps,
      servedRps: rps,
      errorRps: 0,
      elb5xxRps: 0,
      latencyMs: 40,
      cpuPercent: 55 + (variant % 5),
      memoryPercent: 40,
      healthyTargets: ids.length,
      targets: ids.length,
    };
  }
  return { ...state, traffic: { ...emptyTraffic(), serviceLoadBalancers, stats, routing } };
}
