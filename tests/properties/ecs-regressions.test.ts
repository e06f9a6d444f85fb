/**
 * Counterexamples the ECS property tests found, kept as named regression tests (issue 9).
 */
import { describe, expect, it } from 'vitest';
import { advance, applyCommand, serviceCounts } from '../../src/sim/index.ts';
import {
  AZS,
  buildCluster,
  checkEcsInvariants,
  newObserver,
  step,
  type Action,
} from './ecs-model.ts';

describe('ECS property-test regressions', () => {
  it('memoised scan misses a task placed in the same step (property seed 9002)', () => {
    // advance() memoised "no task work before T" on the draft's own tasks record, then the scheduler
    // placed a task with a zero-length PROVISIONING phase into that same record: the task stayed
    // PROVISIONING for ever and the service never reached its desired count.
    const actions: Action[] = [
      { kind: 'azOutage', az: 1 },
      { kind: 'newRevision', family: 0, cpu: 128 },
      { kind: 'azRestore', az: 0 },
      {
        kind: 'createService',
        family: 0,
        fargate: false,
        count: 2,
        strategy: 0,
        distinct: false,
        breaker: false,
      },
      { kind: 'crashTask', pick: 561, exitCode: 0 },
    ];
    let s = buildCluster({
      seed: 1,
      instances: [
        { type: 0, az: 0 },
        { type: 0, az: 0 },
      ],
    });
    actions.forEach((a, i) => (s = step(s, a, i)));
    for (const az of AZS) s = applyCommand(s, { type: 'AZ_RESTORE', availabilityZone: az }).state;
    for (const az of AZS)
      s = applyCommand(s, {
        type: 'ADD_INSTANCE',
        instanceType: 'm5.xlarge',
        availabilityZone: az,
      }).state;
    s = advance(s, 5 * 60_000);
    checkEcsInvariants(s, newObserver());
    expect(serviceCounts(s, 'svc-3')).toEqual({
      desiredCount: 2,
      runningCount: 2,
      pendingCount: 0,
    });
  });
});
