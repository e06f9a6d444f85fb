/**
 * `createSimulation`: an empty ECS cluster at simulated time 0.
 */
import { clusterArn } from './ids.ts';
import type { SimState } from './model.ts';
import { seedRng } from './rng.ts';

/** Options for a new simulation; every field but the seed has an AWS-like default. */
export interface SimulationOptions {
  readonly seed: number;
  /** Default "default", ECS's default cluster name [ECS-DG service_definition_parameters]. */
  readonly clusterName?: string;
  /** Default us-east-1. */
  readonly region?: string;
  /** Default the region's a/b/c zones. */
  readonly availabilityZones?: readonly string[];
  /** Default 123456789012 (the AWS documentation account). */
  readonly accountId?: string;
}

/** Pure: an empty cluster (no instances, task definitions, services or tasks). */
export function createSimulation(opts: SimulationOptions): SimState {
  const region = opts.region ?? 'us-east-1';
  const clusterName = opts.clusterName ?? 'default';
  const accountId = opts.accountId ?? '123456789012';
  return {
    version: 0,
    now: 0,
    seed: opts.seed,
    rng: seedRng(opts.seed),
    counters: { event: 0, deployment: 0 },
    cluster: {
      clusterName,
      clusterArn: clusterArn(region, accountId, clusterName),
      region,
      accountId,
      availabilityZones: [
        ...(opts.availabilityZones ?? [`${region}a`, `${region}b`, `${region}c`]),
      ],
    },
    instances: {},
    taskDefinitions: {},
    services: {},
    tasks: {},
    events: [],
    downAvailabilityZones: [],
  };
}
