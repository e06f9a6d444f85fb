/**
 * The cluster the app opens on: three EC2 instances across three AZs, a `web` (nginx, awsvpc,
 * EC2 + Fargate) and an `api` (bridge, dynamic host port) task definition, a `web` service on
 * FARGATE with 3 tasks and an `api` service on EC2 with 4, advanced until both are steady.
 */
import { advance } from './advance.ts';
import { applyCommand } from './apply-command.ts';
import type { SimCommand } from './commands.ts';
import type { SimState, TaskDefinitionInput } from './model.ts';
import { STEP_MS } from './model.ts';
import { createSimulation } from './simulation.ts';

/** `web`: nginx:latest, 512 CPU / 1024 MiB, port 80, awsvpc: valid on EC2 and Fargate (A1.2 pair 0.5 vCPU/1 GB). */
export const WEB_TASK_DEFINITION: TaskDefinitionInput = {
  family: 'web',
  containerDefinitions: [
    {
      name: 'web',
      image: 'nginx:latest',
      cpu: 512,
      memory: 1024,
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
};

/** `api`: bridge mode with a dynamic host port (hostPort absent), 256 CPU / 512 MiB soft limit, EC2 only. */
export const API_TASK_DEFINITION: TaskDefinitionInput = {
  family: 'api',
  containerDefinitions: [
    {
      name: 'api',
      image: 'public.ecr.aws/docker/library/node:20-alpine',
      cpu: 256,
      memory: 768,
      memoryReservation: 512,
      essential: true,
      portMappings: [{ containerPort: 3000, protocol: 'tcp' }],
      environment: [{ name: 'NODE_ENV', value: 'production' }],
      command: ['node', 'server.js'],
    },
  ],
  requiresCompatibilities: ['EC2'],
  networkMode: 'bridge',
  cpuArchitecture: 'X86_64',
  operatingSystemFamily: 'LINUX',
  placementConstraints: [],
};

/** The commands that build the default cluster (also handy for scenarios and tests). */
export const DEFAULT_CLUSTER_COMMANDS: readonly SimCommand[] = [
  { type: 'ADD_INSTANCE', instanceType: 'm5.large', availabilityZone: 'us-east-1a' },
  { type: 'ADD_INSTANCE', instanceType: 'c5.large', availabilityZone: 'us-east-1b' },
  { type: 'ADD_INSTANCE', instanceType: 't3.large', availabilityZone: 'us-east-1c' },
  { type: 'REGISTER_TASK_DEFINITION', taskDefinition: WEB_TASK_DEFINITION },
  { type: 'REGISTER_TASK_DEFINITION', taskDefinition: API_TASK_DEFINITION },
];

/** Pure: advances until every service is steady (or `maxMs` passes). */
export function advanceUntilSteady(state: SimState, maxMs = 15 * 60_000): SimState {
  let s = state;
  const until = state.now + maxMs;
  const steady = (x: SimState): boolean =>
    Object.values(x.services).every((svc) => svc.status !== 'ACTIVE' || svc.steadyState);
  while (s.now < until && !steady(s)) s = advance(s, STEP_MS);
  return s;
}

function must(state: SimState, command: SimCommand): SimState {
  const r = applyCommand(state, command);
  if (r.error) throw new Error(`default cluster: ${command.type} failed: ${r.error}`);
  return r.state;
}

/**
 * Pure: the cluster the app opens on, already steady (all tasks RUNNING). Deterministic per seed.
 */
export function createDefaultCluster(seed = 1): SimState {
  let s = createSimulation({ seed });
  for (const c of DEFAULT_CLUSTER_COMMANDS) s = must(s, c);
  // Let the instances finish REGISTERING before the EC2 service places tasks.
  s = advance(s, 10_000);
  s = must(s, {
    type: 'CREATE_SERVICE',
    serviceName: 'web',
    taskDefinition: 'web',
    desiredCount: 3,
    launchType: 'FARGATE',
  });
  s = must(s, {
    type: 'CREATE_SERVICE',
    serviceName: 'api',
    taskDefinition: 'api',
    desiredCount: 4,
    launchType: 'EC2',
  });
  return advanceUntilSteady(s);
}
