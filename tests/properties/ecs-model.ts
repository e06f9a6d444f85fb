/**
 * Random ECS clusters and random sequences of user actions and faults (fast-check arbitraries), and
 * the invariant checks the property tests run after every step. Actions reference tasks, instances
 * and services by index (modulo what exists at that moment), so every generated sequence is valid to
 * replay and shrinks well.
 */
import fc from 'fast-check';
import {
  ALLOWED_TRANSITIONS,
  INSTANCE_REGISTERING_MS,
  STOPPED_TASK_RETENTION_MS,
  TASK_STATUSES,
  advance,
  applyCommand,
  createSimulation,
  isoAt,
  serviceCounts,
  traffic,
  type SimCommand,
  type SimState,
  type TaskDefinitionInput,
  type TaskStatus,
} from '../../src/sim/index.ts';

/**
 * fast-check parameters: a fixed seed and a small run count keep `npx vitest run` fast and
 * reproducible; `PROPERTY_RUNS=10000 PROPERTY_SEED=123 npx vitest run tests/properties` soaks.
 */
/** The environment in node; empty in the browser (tests/determinism runs this model in Chromium too). */
const env: Record<string, string | undefined> =
  (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};

/** Per-test timeout: generous in CI (shared CPUs), unlimited (a day) when soaking. */
export const PROPERTY_TIMEOUT = Number(env.PROPERTY_RUNS ?? 0) > 0 ? 86_400_000 : 60_000;

export function params(seed: number, ciRuns: number): { seed: number; numRuns: number } {
  const runs = Number(env.PROPERTY_RUNS ?? 0);
  const envSeed = Number(env.PROPERTY_SEED ?? 0);
  return { seed: envSeed || seed, numRuns: runs > 0 ? runs : ciRuns };
}

export const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'] as const;
export const INSTANCE_TYPES = [
  't3.micro',
  't3.medium',
  'm5.large',
  'c5.large',
  'm5.xlarge',
] as const;

/** Task definitions covering every reservation path: static bridge port, dynamic port, host port, awsvpc (ENI), Fargate. */
export const FAMILIES: readonly TaskDefinitionInput[] = [
  {
    family: 'static',
    containerDefinitions: [
      {
        name: 'web',
        image: 'nginx:latest',
        cpu: 256,
        memory: 512,
        essential: true,
        portMappings: [{ containerPort: 80, hostPort: 8080, protocol: 'tcp' }],
        environment: [],
      },
    ],
    requiresCompatibilities: ['EC2'],
    networkMode: 'bridge',
    cpuArchitecture: 'X86_64',
    operatingSystemFamily: 'LINUX',
    placementConstraints: [],
  },
  {
    family: 'dynamic',
    containerDefinitions: [
      {
        name: 'api',
        image: 'node:20-alpine',
        cpu: 512,
        memory: 1024,
        memoryReservation: 768,
        essential: true,
        portMappings: [{ containerPort: 3000, protocol: 'tcp' }],
        environment: [],
      },
      {
        name: 'sidecar',
        image: 'busybox',
        cpu: 128,
        memory: 128,
        essential: false,
        portMappings: [],
        environment: [],
      },
    ],
    requiresCompatibilities: ['EC2'],
    networkMode: 'bridge',
    cpuArchitecture: 'X86_64',
    operatingSystemFamily: 'LINUX',
    placementConstraints: [],
  },
  {
    family: 'hostnet',
    containerDefinitions: [
      {
        name: 'agent',
        image: 'datadog/agent',
        cpu: 128,
        memory: 256,
        essential: true,
        portMappings: [{ containerPort: 9000, protocol: 'tcp' }],
        environment: [],
      },
    ],
    requiresCompatibilities: ['EC2'],
    networkMode: 'host',
    cpuArchitecture: 'X86_64',
    operatingSystemFamily: 'LINUX',
    placementConstraints: [],
  },
  {
    family: 'vpc',
    containerDefinitions: [
      {
        name: 'web',
        image: 'nginx:latest',
        cpu: 256,
        memory: 512,
        essential: true,
        portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }],
        environment: [],
      },
    ],
    requiresCompatibilities: ['EC2', 'FARGATE'],
    networkMode: 'awsvpc',
    cpu: 512,
    memory: 1024,
    cpuArchitecture: 'X86_64',
    operatingSystemFamily: 'LINUX',
    placementConstraints: [],
  },
];

export type Action =
  | { kind: 'addInstance'; type: number; az: number }
  | { kind: 'terminate'; pick: number }
  | { kind: 'drain'; pick: number }
  | { kind: 'activate'; pick: number }
  | { kind: 'azOutage'; az: number }
  | { kind: 'azRestore'; az: number }
  | {
      kind: 'createService';
      family: number;
      fargate: boolean;
      count: number;
      strategy: number;
      distinct: boolean;
      breaker: boolean;
    }
  | { kind: 'scaleService'; pick: number; count: number }
  | { kind: 'newRevision'; family: number; cpu: number }
  | { kind: 'deploy'; pick: number; force: boolean }
  | { kind: 'deleteService'; pick: number }
  | { kind: 'runTask'; family: number; fargate: boolean; count: number }
  | { kind: 'stopTask'; pick: number }
  | { kind: 'crashTask'; pick: number; exitCode: number }
  | {
      kind: 'webApp';
      fargate: boolean;
      count: number;
      min: number;
      span: number;
      target: number;
      rps: number;
    }
  | { kind: 'attachLb'; pick: number }
  | { kind: 'setLoad'; pick: number; rps: number; spike: boolean }
  | { kind: 'scalableTarget'; pick: number; min: number; span: number }
  | { kind: 'targetTracking'; pick: number; target: number; memory: boolean }
  | { kind: 'stepScaling'; pick: number; threshold: number; adjust: number }
  | { kind: 'scheduledAction'; pick: number; inSeconds: number; min: number; max: number }
  | { kind: 'failHealth'; pick: number; failing: boolean }
  | { kind: 'wait'; seconds: number };

const { MAX_ACTIVITIES } = traffic;
const pick = fc.nat({ max: 1000 });
const STRATEGIES: readonly NonNullable<
  Extract<SimCommand, { type: 'CREATE_SERVICE' }>['placementStrategy']
>[] = [
  [],
  [{ type: 'binpack', field: 'memory' }],
  [
    { type: 'spread', field: 'attribute:ecs.availability-zone' },
    { type: 'spread', field: 'instanceId' },
  ],
  [{ type: 'random' }],
];

export const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('addInstance' as const),
      type: fc.nat({ max: INSTANCE_TYPES.length - 1 }),
      az: fc.nat({ max: 2 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('terminate' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drain' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('activate' as const), pick }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('azOutage' as const), az: fc.nat({ max: 2 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('azRestore' as const), az: fc.nat({ max: 2 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('createService' as const),
      family: fc.nat({ max: FAMILIES.length - 1 }),
      fargate: fc.boolean(),
      count: fc.nat({ max: 8 }),
      strategy: fc.nat({ max: STRATEGIES.length - 1 }),
      distinct: fc.boolean(),
      breaker: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('scaleService' as const),
      pick,
      count: fc.nat({ max: 10 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('newRevision' as const),
      family: fc.nat({ max: FAMILIES.length - 1 }),
      cpu: fc.constantFrom(128, 256, 512, 1024),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('deploy' as const), pick, force: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteService' as const), pick }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('runTask' as const),
      family: fc.nat({ max: FAMILIES.length - 1 }),
      fargate: fc.boolean(),
      count: fc.integer({ min: 1, max: 4 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('stopTask' as const), pick }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('crashTask' as const),
      pick,
      exitCode: fc.constantFrom(0, 1, 137),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('webApp' as const),
      fargate: fc.boolean(),
      count: fc.nat({ max: 4 }),
      min: fc.nat({ max: 3 }),
      span: fc.nat({ max: 6 }),
      target: fc.constantFrom(30, 50, 70),
      rps: fc.constantFrom(0, 50, 300, 1500),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('attachLb' as const), pick }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('setLoad' as const),
      pick,
      rps: fc.constantFrom(0, 10, 100, 400, 2000),
      spike: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('scalableTarget' as const),
      pick,
      min: fc.nat({ max: 4 }),
      span: fc.nat({ max: 6 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('targetTracking' as const),
      pick,
      target: fc.constantFrom(20, 50, 70, 90),
      memory: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('stepScaling' as const),
      pick,
      threshold: fc.constantFrom(10, 50, 80),
      adjust: fc.integer({ min: -3, max: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('scheduledAction' as const),
      pick,
      inSeconds: fc.integer({ min: 1, max: 900 }),
      min: fc.nat({ max: 5 }),
      max: fc.integer({ min: 1, max: 8 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('failHealth' as const), pick, failing: fc.boolean() }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('wait' as const),
      seconds: fc.integer({ min: 1, max: 600 }),
    }),
  },
);

export interface ClusterSpec {
  seed: number;
  instances: { type: number; az: number }[];
}

export const clusterArb: fc.Arbitrary<ClusterSpec> = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  instances: fc.array(
    fc.record({ type: fc.nat({ max: INSTANCE_TYPES.length - 1 }), az: fc.nat({ max: 2 }) }),
    { minLength: 0, maxLength: 6 },
  ),
});

function nth<T>(xs: readonly T[], i: number): T | undefined {
  return xs.length === 0 ? undefined : xs[i % xs.length];
}

const sortedKeys = (r: Readonly<Record<string, unknown>>): string[] => Object.keys(r).sort();

/** The cluster before any action: instances (ACTIVE) and the four families registered. */
export function buildCluster(spec: ClusterSpec): SimState {
  let s = createSimulation({ seed: spec.seed });
  for (const i of spec.instances) {
    s = applyCommand(s, {
      type: 'ADD_INSTANCE',
      instanceType: INSTANCE_TYPES[i.type] as string,
      availabilityZone: AZS[i.az] as string,
    }).state;
  }
  for (const td of FAMILIES)
    s = applyCommand(s, { type: 'REGISTER_TASK_DEFINITION', taskDefinition: td }).state;
  return advance(s, INSTANCE_REGISTERING_MS);
}

/** The SimCommand an action means in `s` (undefined when it has nothing to act on, or for `wait`). */
export function commandFor(s: SimState, a: Action, serial: number): SimCommand | undefined {
  const instanceIds = sortedKeys(s.instances);
  const serviceNames = sortedKeys(s.services);
  const taskIds = sortedKeys(s.tasks);
  switch (a.kind) {
    case 'addInstance':
      return {
        type: 'ADD_INSTANCE',
        instanceType: INSTANCE_TYPES[a.type] as string,
        availabilityZone: AZS[a.az] as string,
      };
    case 'terminate':
    case 'drain':
    case 'activate': {
      const id = nth(instanceIds, a.pick);
      if (!id) return undefined;
      const type =
        a.kind === 'terminate'
          ? 'TERMINATE_INSTANCE'
          : a.kind === 'drain'
            ? 'DRAIN_INSTANCE'
            : 'ACTIVATE_INSTANCE';
      return { type, instanceId: id };
    }
    case 'azOutage':
      return { type: 'AZ_OUTAGE', availabilityZone: AZS[a.az] as string };
    case 'azRestore':
      return { type: 'AZ_RESTORE', availabilityZone: AZS[a.az] as string };
    case 'createService': {
      const td = FAMILIES[a.family] as TaskDefinitionInput;
      const fargate = a.fargate && td.requiresCompatibilities.includes('FARGATE');
      return {
        type: 'CREATE_SERVICE',
        serviceName: `svc-${serial}`,
        taskDefinition: td.family,
        desiredCount: a.count,
        launchType: fargate ? 'FARGATE' : 'EC2',
        ...(fargate ? {} : { placementStrategy: STRATEGIES[a.strategy] }),
        ...(a.distinct && !fargate
          ? { placementConstraints: [{ type: 'distinctInstance' as const }] }
          : {}),
        ...(a.breaker
          ? {
              deploymentConfiguration: {
                deploymentCircuitBreaker: { enable: true, rollback: true },
              },
            }
          : {}),
      };
    }
    case 'scaleService': {
      const name = nth(serviceNames, a.pick);
      return name
        ? { type: 'UPDATE_SERVICE', serviceName: name, desiredCount: a.count }
        : undefined;
    }
    case 'newRevision': {
      const td = FAMILIES[a.family] as TaskDefinitionInput;
      const first = td.containerDefinitions[0];
      if (!first) return undefined;
      return {
        type: 'REGISTER_TASK_DEFINITION',
        taskDefinition: {
          ...td,
          containerDefinitions: [{ ...first, cpu: a.cpu }, ...td.containerDefinitions.slice(1)],
        },
      };
    }
    case 'deploy': {
      const name = nth(serviceNames, a.pick);
      const svc = name ? s.services[name] : undefined;
      if (!svc) return undefined;
      const family = svc.taskDefinitionKey.split(':')[0] as string;
      return a.force
        ? { type: 'UPDATE_SERVICE', serviceName: svc.serviceName, forceNewDeployment: true }
        : { type: 'UPDATE_SERVICE', serviceName: svc.serviceName, taskDefinition: family };
    }
    case 'deleteService': {
      const name = nth(serviceNames, a.pick);
      return name ? { type: 'DELETE_SERVICE', serviceName: name, force: true } : undefined;
    }
    case 'runTask': {
      const td = FAMILIES[a.family] as TaskDefinitionInput;
      const fargate = a.fargate && td.requiresCompatibilities.includes('FARGATE');
      return {
        type: 'RUN_TASK',
        taskDefinition: td.family,
        count: a.count,
        launchType: fargate ? 'FARGATE' : 'EC2',
      };
    }
    case 'stopTask': {
      const id = nth(taskIds, a.pick);
      return id ? { type: 'STOP_TASK', taskId: id } : undefined;
    }
    case 'crashTask': {
      const id = nth(taskIds, a.pick);
      return id ? { type: 'CRASH_TASK', taskId: id, exitCode: a.exitCode } : undefined;
    }
    case 'webApp':
      return undefined;
    case 'attachLb':
    case 'setLoad':
    case 'scalableTarget':
    case 'targetTracking':
    case 'stepScaling':
    case 'scheduledAction': {
      const serviceName = nth(serviceNames, a.pick);
      if (!serviceName) return undefined;
      if (a.kind === 'attachLb')
        return { type: 'ATTACH_LOAD_BALANCER', serviceName, loadBalancerName: 'alb' };
      if (a.kind === 'setLoad')
        return {
          type: 'SET_LOAD',
          serviceName,
          load: a.spike
            ? {
                kind: 'spike',
                base: a.rps / 10,
                peak: a.rps,
                startSeconds: 30,
                durationSeconds: 300,
              }
            : { kind: 'constant', rps: a.rps },
        };
      if (a.kind === 'scalableTarget')
        return {
          type: 'REGISTER_SCALABLE_TARGET',
          serviceName,
          minCapacity: a.min,
          maxCapacity: a.min + a.span,
        };
      if (a.kind === 'targetTracking')
        return {
          type: 'PUT_SCALING_POLICY',
          serviceName,
          policyName: 'tt',
          targetTracking: {
            predefinedMetricType: a.memory
              ? 'ECSServiceAverageMemoryUtilization'
              : 'ECSServiceAverageCPUUtilization',
            targetValue: a.target,
            scaleOutCooldown: 60,
            scaleInCooldown: 120,
          },
        };
      if (a.kind === 'stepScaling')
        return {
          type: 'PUT_SCALING_POLICY',
          serviceName,
          policyName: 'step',
          stepScaling: {
            adjustmentType: 'ChangeInCapacity',
            stepAdjustments: [
              a.adjust < 0
                ? { metricIntervalUpperBound: 0, scalingAdjustment: a.adjust }
                : { metricIntervalLowerBound: 0, scalingAdjustment: a.adjust === 0 ? 1 : a.adjust },
            ],
            cooldown: 60,
            alarm: {
              metric: 'CPUUtilization',
              threshold: a.threshold,
              comparisonOperator: a.adjust < 0 ? 'LessThanThreshold' : 'GreaterThanThreshold',
              evaluationPeriods: 2,
            },
          },
        };
      return {
        type: 'PUT_SCHEDULED_ACTION',
        serviceName,
        scheduledActionName: 'sched',
        schedule: `at(${isoSeconds(s.now + a.inSeconds * 1000)})`,
        minCapacity: Math.min(a.min, a.max),
        maxCapacity: a.max,
      };
    }
    case 'failHealth': {
      const id = nth(taskIds, a.pick);
      return id ? { type: 'FAIL_HEALTH_CHECKS', taskId: id, failing: a.failing } : undefined;
    }
    case 'wait':
      return undefined;
  }
}

/** at(yyyy-mm-ddThh:mm:ss) for a simulated time (Application Auto Scaling's at() format, UTC). */
function isoSeconds(at: number): string {
  return isoAt(at).slice(0, 19);
}

/**
 * The guide's load-balanced, auto-scaled web service in one action (CreateService, ALB, scalable
 * target, target tracking, load), so random sequences reach the traffic and scaling rules often.
 */
function webAppCommands(a: Extract<Action, { kind: 'webApp' }>, serial: number): SimCommand[] {
  const serviceName = `web-${serial}`;
  return [
    {
      type: 'CREATE_SERVICE',
      serviceName,
      taskDefinition: a.fargate ? 'vpc' : 'dynamic',
      desiredCount: a.count,
      launchType: a.fargate ? 'FARGATE' : 'EC2',
    },
    { type: 'ATTACH_LOAD_BALANCER', serviceName, loadBalancerName: 'alb' },
    {
      type: 'REGISTER_SCALABLE_TARGET',
      serviceName,
      minCapacity: a.min,
      maxCapacity: a.min + a.span,
    },
    {
      type: 'PUT_SCALING_POLICY',
      serviceName,
      policyName: 'cpu',
      targetTracking: {
        predefinedMetricType: 'ECSServiceAverageCPUUtilization',
        targetValue: a.target,
      },
    },
    { type: 'SET_LOAD', serviceName, load: { kind: 'constant', rps: a.rps } },
  ];
}

/** Applies an action (commands through applyCommand, waits through advance). */
export function step(s: SimState, a: Action, serial: number): SimState {
  if (a.kind === 'wait') return advance(s, a.seconds * 1000);
  const cmds = a.kind === 'webApp' ? webAppCommands(a, serial) : [commandFor(s, a, serial)];
  let next = s;
  for (const cmd of cmds) {
    if (!cmd) continue;
    const r = applyCommand(next, cmd);
    if (r.error !== undefined && r.state !== next)
      throw new Error(`${cmd.type} returned an error (${r.error}) and a changed state`);
    next = r.state;
  }
  if (next === s) return s;
  // Every command is followed by one scheduler tick's worth of time, like a user clicking.
  return advance(next, 1000);
}

/** Statuses reachable from `from` along ALLOWED_TRANSITIONS (including `from`). */
const REACHABLE: Record<TaskStatus, Set<TaskStatus>> = Object.fromEntries(
  TASK_STATUSES.map((from) => {
    const seen = new Set<TaskStatus>([from]);
    const todo: TaskStatus[] = [from];
    while (todo.length) {
      for (const n of ALLOWED_TRANSITIONS[todo.pop() as TaskStatus]) {
        if (seen.has(n)) continue;
        seen.add(n);
        todo.push(n);
      }
    }
    return [from, seen];
  }),
) as Record<TaskStatus, Set<TaskStatus>>;

/** What the checker remembers about each task between observations. */
export interface Observer {
  seen: Map<string, { status: TaskStatus; stoppedAt?: number }>;
  lastEventId: number;
  activities: Set<string>;
  lastVersion: number;
  lastNow: number;
}

export function newObserver(): Observer {
  return { seen: new Map(), activities: new Set(), lastEventId: 0, lastVersion: -1, lastNow: -1 };
}

function fail(msg: string): never {
  throw new Error(msg);
}

/** Walks a value and fails on any NaN or ±Infinity number (metrics, counters, resources, times). */
export function assertFiniteNumbers(value: unknown, path = 'state'): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(`${path} is ${value}`);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) value.forEach((v, i) => assertFiniteNumbers(v, `${path}[${i}]`));
  else for (const [k, v] of Object.entries(value)) assertFiniteNumbers(v, `${path}.${k}`);
}

function assertNonNegativeNumbers(value: unknown, path: string): void {
  if (typeof value === 'number') {
    if (value < 0) fail(`${path} is negative: ${value}`);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) assertNonNegativeNumbers(v, `${path}.${k}`);
}

/** Every ring buffer ({capacity, items, head}) inside `value` holds at most `capacity` items. */
function assertRingsBounded(value: unknown, path: string): void {
  if (value === null || typeof value !== 'object') return;
  const r = value as { capacity?: unknown; items?: unknown };
  if (typeof r.capacity === 'number' && Array.isArray(r.items) && r.items.length > r.capacity)
    fail(`${path} holds ${r.items.length} > ${r.capacity}`);
  for (const [k, v] of Object.entries(value)) assertRingsBounded(v, `${path}.${k}`);
}

/** Checks every ECS invariant of issue 9 on `s`, given what was observed before. */
export function checkEcsInvariants(s: SimState, obs: Observer): void {
  // Time and version only move forward.
  if (s.now < obs.lastNow) fail(`time went backwards ${obs.lastNow} → ${s.now}`);
  if (s.version < obs.lastVersion) fail(`version went backwards ${obs.lastVersion} → ${s.version}`);
  obs.lastNow = s.now;
  obs.lastVersion = s.version;
  assertFiniteNumbers(s);

  // Capacity: no instance holds more CPU, memory, ports or ENIs than it has, and its bookkeeping
  // equals registered minus what its non-STOPPED tasks reserve (model.ts invariant).
  const byInstance = new Map<
    string,
    { cpu: number; memory: number; ports: number[]; enis: number }
  >();
  for (const t of Object.values(s.tasks)) {
    if (t.lastStatus === 'STOPPED' || !t.containerInstanceId) continue;
    const u = byInstance.get(t.containerInstanceId) ?? { cpu: 0, memory: 0, ports: [], enis: 0 };
    u.cpu += t.cpu;
    u.memory += t.memory;
    u.ports.push(...t.hostPorts);
    u.enis += t.usesEni ? 1 : 0;
    byInstance.set(t.containerInstanceId, u);
  }
  for (const inst of Object.values(s.instances)) {
    const u = byInstance.get(inst.id) ?? { cpu: 0, memory: 0, ports: [], enis: 0 };
    byInstance.delete(inst.id);
    if (inst.remainingCpu < 0 || inst.remainingMemory < 0)
      fail(
        `instance ${inst.id} over-committed: cpu ${inst.remainingCpu} mem ${inst.remainingMemory}`,
      );
    if (inst.registeredCpu - u.cpu !== inst.remainingCpu)
      fail(
        `instance ${inst.id} remainingCpu ${inst.remainingCpu} ≠ ${inst.registeredCpu} − ${u.cpu}`,
      );
    if (inst.registeredMemory - u.memory !== inst.remainingMemory)
      fail(
        `instance ${inst.id} remainingMemory ${inst.remainingMemory} ≠ ${inst.registeredMemory} − ${u.memory}`,
      );
    if (new Set(u.ports).size !== u.ports.length)
      fail(`instance ${inst.id} has two live tasks on one host port: ${u.ports.join(',')}`);
    if (
      [...inst.usedPorts].sort((a, b) => a - b).join(',') !==
      u.ports.sort((a, b) => a - b).join(',')
    )
      fail(
        `instance ${inst.id} usedPorts ${inst.usedPorts.join(',')} ≠ tasks' ${u.ports.join(',')}`,
      );
    if (inst.usedEnis !== u.enis || inst.usedEnis < 0)
      fail(`instance ${inst.id} usedEnis ${inst.usedEnis} ≠ ${u.enis}`);
  }
  for (const [id] of byInstance) fail(`live task on missing instance ${id}`);

  // Lifecycle: one known status, history along allowed transitions, moves since last look reachable.
  const down = new Set(s.downAvailabilityZones ?? []);
  for (const t of Object.values(s.tasks)) {
    if (!TASK_STATUSES.includes(t.lastStatus))
      fail(`task ${t.id} has unknown status ${t.lastStatus}`);
    const h = t.history;
    if (h.length === 0 || h[h.length - 1]?.status !== t.lastStatus)
      fail(`task ${t.id} history does not end in ${t.lastStatus}`);
    for (let i = 1; i < h.length; i++) {
      const a = h[i - 1]!.status;
      const b = h[i]!.status;
      if (!ALLOWED_TRANSITIONS[a].includes(b)) fail(`task ${t.id} moved ${a} → ${b}`);
      if (h[i]!.at < h[i - 1]!.at) fail(`task ${t.id} history goes back in time`);
    }
    const before = obs.seen.get(t.id);
    if (before && !REACHABLE[before.status].has(t.lastStatus))
      fail(`task ${t.id} went ${before.status} → ${t.lastStatus}`);
    if (!before && h[0]?.status !== 'PROVISIONING')
      fail(`task ${t.id} was born in ${h[0]?.status}`);
    if (t.lastStatus === 'STOPPED') {
      if (!t.stopCode || !t.stoppedReason) fail(`task ${t.id} STOPPED without stop code/reason`);
      if (t.stoppedAt === undefined) fail(`task ${t.id} STOPPED without stoppedAt`);
      if (t.nextTransitionAt !== undefined) fail(`STOPPED task ${t.id} still scheduled`);
    } else {
      if (t.containerInstanceId && !s.instances[t.containerInstanceId])
        fail(`task ${t.id} on a missing instance`);
      if (down.has(t.availabilityZone)) fail(`live task ${t.id} in down AZ ${t.availabilityZone}`);
      // A live task either rests in RUNNING or has its next transition scheduled (never stuck).
      const rests = t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING';
      if (!rests && t.nextTransitionAt === undefined) fail(`task ${t.id} stuck in ${t.lastStatus}`);
    }
    if (t.cpu < 0 || t.memory < 0) fail(`task ${t.id} negative reservation`);
  }
  // No task lost: a task disappears only after it was seen STOPPED and its retention passed.
  for (const [id, was] of obs.seen) {
    if (s.tasks[id]) continue;
    if (was.status !== 'STOPPED') fail(`task ${id} vanished while ${was.status}`);
    if ((was.stoppedAt ?? Infinity) + STOPPED_TASK_RETENTION_MS > s.now)
      fail(`task ${id} removed before its retention`);
    obs.seen.delete(id);
  }
  for (const t of Object.values(s.tasks))
    obs.seen.set(t.id, {
      status: t.lastStatus,
      ...(t.stoppedAt !== undefined ? { stoppedAt: t.stoppedAt } : {}),
    });

  // Services: counts are sane; events are monotonic and bounded.
  for (const svc of Object.values(s.services)) {
    const c = serviceCounts(s, svc.serviceName);
    if (svc.desiredCount < 0 || c.runningCount < 0 || c.pendingCount < 0)
      fail(`service ${svc.serviceName} negative counts`);
    if (svc.deployments.filter((d) => d.status === 'PRIMARY').length > 1)
      fail(`service ${svc.serviceName} has two PRIMARY deployments`);
  }
  // Traffic: scaling never leaves min/max; metrics and stats are non-negative; histories bounded.
  const tr = s.traffic;
  if (tr) {
    for (const act of tr.activities) {
      if (obs.activities.has(act.activityId)) continue;
      obs.activities.add(act.activityId);
      const name = act.resourceId.split('/').at(-1) as string;
      const target = tr.scaling[name]?.target;
      if (target && (act.toDesired < target.minCapacity || act.toDesired > target.maxCapacity))
        fail(
          `scaling activity set ${name} to ${act.toDesired}, outside [${target.minCapacity}, ${target.maxCapacity}]`,
        );
      if (act.toDesired < 0) fail(`scaling activity to ${act.toDesired}`);
    }
    if (tr.activities.length > MAX_ACTIVITIES)
      fail(`scaling activities unbounded: ${tr.activities.length}`);
    for (const [name, st] of Object.entries(tr.stats))
      for (const [k, v] of Object.entries(st)) if (v < 0) fail(`traffic stats ${name}.${k} = ${v}`);
    traffic.forEachTaskTraffic(tr, s.tasks, (id, tt) => {
      for (const [k, v] of Object.entries(tt)) if (v < 0) fail(`task traffic ${id}.${k} = ${v}`);
    });
    assertNonNegativeNumbers(tr.metrics, 'traffic.metrics');
    assertRingsBounded(tr.metrics, 'traffic.metrics');
  }
  for (let i = 1; i < s.events.length; i++)
    if (s.events[i]!.id <= s.events[i - 1]!.id) fail('event ids not increasing');
  if (s.events.length > 500) fail(`event log unbounded: ${s.events.length}`);
}
