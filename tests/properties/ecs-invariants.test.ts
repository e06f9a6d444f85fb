/**
 * Issue 9: ECS invariants under random play. Random clusters, random sequences of user actions and
 * faults; after every step the checker in ecs-model.ts verifies capacity (CPU, memory, ports, ENIs),
 * the lifecycle (one state, allowed transitions, tracked per task across steps), that no task is lost,
 * that numbers are finite, and that time/version/event ids only move forward.
 * Runs: a few dozen sequences per property by default; PROPERTY_RUNS=10000 for a soak.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  INSTANCE_REGISTERING_MS,
  advance,
  applyCommand,
  serviceCounts,
  type SimState,
} from '../../src/sim/index.ts';
import {
  AZS,
  actionArb,
  buildCluster,
  checkEcsInvariants,
  clusterArb,
  newObserver,
  params,
  PROPERTY_TIMEOUT,
  step,
  type Action,
  type ClusterSpec,
} from './ecs-model.ts';

/** Plays a sequence, checking the invariants after every step; returns the final state. */
export function play(spec: ClusterSpec, actions: readonly Action[]): SimState {
  let s = buildCluster(spec);
  const obs = newObserver();
  checkEcsInvariants(s, obs);
  actions.forEach((a, i) => {
    s = step(s, a, i);
    checkEcsInvariants(s, obs);
  });
  return s;
}

/**
 * After the random phase: every AZ restored, every instance re-activated, and one m5.xlarge per
 * desired task in each AZ (any task of FAMILIES fits alone on one, ports and ENIs included), so
 * capacity suffices. Returns the healed state.
 */
function heal(s: SimState): SimState {
  for (const az of AZS) s = applyCommand(s, { type: 'AZ_RESTORE', availabilityZone: az }).state;
  for (const inst of Object.values(s.instances))
    if (inst.status === 'DRAINING')
      s = applyCommand(s, { type: 'ACTIVATE_INSTANCE', instanceId: inst.id }).state;
  const wanted = Object.values(s.services).reduce(
    (n, svc) => n + (svc.status === 'ACTIVE' && svc.launchType === 'EC2' ? svc.desiredCount : 0),
    0,
  );
  for (let i = 0; i < Math.ceil(wanted / AZS.length); i++)
    for (const az of AZS)
      s = applyCommand(s, {
        type: 'ADD_INSTANCE',
        instanceType: 'm5.xlarge',
        availabilityZone: az,
      }).state;
  return advance(s, INSTANCE_REGISTERING_MS);
}

/** Bounded simulated time for a service with enough capacity to reach its desired count. */
const CONVERGE_WITHIN_MS = 20 * 60_000;

const sequence = fc.array(actionArb, { minLength: 1, maxLength: 30 });

describe('ECS invariants under random play', () => {
  it(
    'capacity, lifecycle, nothing lost, finite numbers hold after every step',
    () => {
      fc.assert(
        fc.property(clusterArb, sequence, (spec, actions) => {
          play(spec, actions);
        }),
        params(9_001, 60),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'a service with enough capacity reaches its desired count within bounded simulated time',
    () => {
      fc.assert(
        fc.property(clusterArb, sequence, (spec, actions) => {
          let s = heal(play(spec, actions));
          const obs = newObserver();
          const until = s.now + CONVERGE_WITHIN_MS;
          const converged = (x: SimState): boolean =>
            Object.values(x.services).every((svc) => {
              if (svc.status !== 'ACTIVE') return true;
              const c = serviceCounts(x, svc.serviceName);
              return c.runningCount === svc.desiredCount && c.pendingCount === 0;
            });
          while (!converged(s) && s.now < until) {
            s = advance(s, 10_000);
            checkEcsInvariants(s, obs);
          }
          const report = Object.values(s.services).map((svc) => ({
            svc: svc.serviceName,
            desired: svc.desiredCount,
            ...serviceCounts(s, svc.serviceName),
          }));
          expect(converged(s), JSON.stringify(report)).toBe(true);
        }),
        params(9_002, 30),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'determinism: the same seed and actions give deep-equal states',
    () => {
      fc.assert(
        fc.property(clusterArb, sequence, (spec, actions) => {
          expect(play(spec, actions)).toEqual(play(spec, actions));
        }),
        params(9_003, 15),
      );
    },
    PROPERTY_TIMEOUT,
  );
});
