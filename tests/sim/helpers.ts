/**
 * Small builders shared by the sim tests: clusters made through commands (never hand-built states),
 * task definitions, and command application that fails the test on an unexpected error.
 */
import {
  INSTANCE_REGISTERING_MS,
  advance,
  applyCommand,
  createSimulation,
  type ContainerDefinition,
  type SimCommand,
  type SimState,
  type TaskDefinitionInput,
} from '../../src/sim/index.ts';

/** Applies a command and throws if the API refused it. */
export function apply(state: SimState, command: SimCommand): SimState {
  const r = applyCommand(state, command);
  if (r.error) throw new Error(`${command.type}: ${r.error}`);
  return r.state;
}

/** Applies a command that must fail; returns the error text. */
export function applyError(state: SimState, command: SimCommand): string {
  const r = applyCommand(state, command);
  if (!r.error) throw new Error(`${command.type} unexpectedly succeeded`);
  if (r.state !== state) throw new Error('an error must leave the state unchanged');
  return r.error;
}

/** Applies commands in order. */
export function applyAll(state: SimState, commands: readonly SimCommand[]): SimState {
  return commands.reduce(apply, state);
}

/** A cluster with the given instances (type, AZ) already ACTIVE. */
export function clusterWith(
  instances: readonly (readonly [string, string?])[],
  seed = 7,
): SimState {
  let s = createSimulation({ seed });
  for (const [instanceType, availabilityZone] of instances) {
    s = apply(s, {
      type: 'ADD_INSTANCE',
      instanceType,
      ...(availabilityZone ? { availabilityZone } : {}),
    });
  }
  return advance(s, INSTANCE_REGISTERING_MS);
}

/** A container definition with sensible defaults. */
export function container(over: Partial<ContainerDefinition> = {}): ContainerDefinition {
  return {
    name: 'app',
    image: 'nginx:latest',
    cpu: 256,
    memory: 512,
    essential: true,
    portMappings: [],
    environment: [],
    ...over,
  };
}

/** An EC2 bridge-mode task definition (override anything). */
export function taskDef(over: Partial<TaskDefinitionInput> = {}): TaskDefinitionInput {
  return {
    family: 'app',
    containerDefinitions: [container()],
    requiresCompatibilities: ['EC2'],
    networkMode: 'bridge',
    cpuArchitecture: 'X86_64',
    operatingSystemFamily: 'LINUX',
    placementConstraints: [],
    ...over,
  };
}

/** A Fargate-compatible task definition (awsvpc, task-level 256 CPU / 512 MiB). */
export function fargateTaskDef(over: Partial<TaskDefinitionInput> = {}): TaskDefinitionInput {
  return taskDef({
    family: 'fg',
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: 256,
    memory: 512,
    ...over,
  });
}

/** Registers a task definition. */
export function register(state: SimState, td: TaskDefinitionInput): SimState {
  return apply(state, { type: 'REGISTER_TASK_DEFINITION', taskDefinition: td });
}

/** Advances in 1 s steps until `done` holds (or throws after `maxMs`). */
export function advanceUntil(
  state: SimState,
  done: (s: SimState) => boolean,
  maxMs = 30 * 60_000,
): SimState {
  let s = state;
  const until = s.now + maxMs;
  while (!done(s)) {
    if (s.now >= until) throw new Error(`condition not reached within ${maxMs} ms`);
    s = advance(s, 1000);
  }
  return s;
}

/** Messages of events after index `from`. */
export function messagesSince(state: SimState, from = 0): string[] {
  return state.events.slice(from).map((e) => e.message);
}

/** Deep-freezes a value (to prove functions never mutate their input). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) deepFreeze(v);
  }
  return value;
}
