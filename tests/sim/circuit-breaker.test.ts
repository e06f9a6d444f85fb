import { describe, expect, it } from 'vitest';
import {
  advanceUntilSteady,
  circuitBreakerThreshold,
  tasksOfService,
  type SimState,
  type Task,
} from '../../src/sim/index.ts';
import {
  apply,
  advanceUntil,
  clusterWith,
  container,
  messagesSince,
  register,
  taskDef,
} from './helpers.ts';

describe('deployment circuit breaker', () => {
  it('threshold = clamp(ceil(0.5 × desired), 3, 200) (ECS API ServiceDeploymentCircuitBreaker)', () => {
    expect(circuitBreakerThreshold(0)).toBe(3);
    expect(circuitBreakerThreshold(1)).toBe(3);
    expect(circuitBreakerThreshold(6)).toBe(3);
    expect(circuitBreakerThreshold(7)).toBe(4);
    expect(circuitBreakerThreshold(20)).toBe(10);
    expect(circuitBreakerThreshold(25)).toBe(13);
    expect(circuitBreakerThreshold(400)).toBe(200);
    expect(circuitBreakerThreshold(800)).toBe(200);
  });

  it('fails a deployment whose tasks keep crashing and rolls back to the last completed one', () => {
    let s = register(
      clusterWith([
        ['m5.xlarge', 'us-east-1a'],
        ['m5.xlarge', 'us-east-1b'],
      ]),
      taskDef(),
    );
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'svc',
      taskDefinition: 'app',
      desiredCount: 2,
      launchType: 'EC2',
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    });
    s = advanceUntilSteady(s);
    const good = s.services.svc?.deployments[0]?.id as string;
    s = register(s, taskDef({ containerDefinitions: [container({ image: 'nginx:broken' })] }));
    s = apply(s, { type: 'UPDATE_SERVICE', serviceName: 'svc', taskDefinition: 'app:2' });
    const bad = s.services.svc?.deployments[0]?.id as string;
    const from = s.events.length;
    let crashes = 0;
    const newTasks = (x: SimState): Task[] =>
      tasksOfService(x, 'svc').filter(
        (t) =>
          t.deploymentId === bad && t.desiredStatus === 'RUNNING' && t.lastStatus === 'RUNNING',
      );
    while (s.services.svc?.deployments.find((d) => d.id === bad)?.rolloutState === 'IN_PROGRESS') {
      s = advanceUntil(
        s,
        (x) => newTasks(x).length > 0 || x.services.svc?.deployments[0]?.id !== bad,
      );
      for (const t of newTasks(s)) {
        s = apply(s, { type: 'CRASH_TASK', taskId: t.id });
        crashes++;
      }
      s = advanceUntil(s, (x) => x.now >= s.now + 5000);
    }
    expect(crashes).toBeGreaterThanOrEqual(circuitBreakerThreshold(2));
    const failed = s.services.svc?.deployments.find((d) => d.id === bad);
    expect(failed?.rolloutState).toBe('FAILED');
    expect(failed?.failedTasks).toBe(circuitBreakerThreshold(2));
    const primary = s.services.svc?.deployments[0];
    expect(primary?.taskDefinitionKey).toBe('app:1');
    expect(primary?.rolloutStateReason).toBe(
      `ECS deployment circuit breaker: rolling back to deploymentId ${good}.`,
    );
    expect(messagesSince(s, from)).toContain(
      `(service svc) (deployment ${bad}) deployment failed: tasks failed to start.`,
    );
    s = advanceUntilSteady(s);
    expect(tasksOfService(s, 'svc').every((t) => t.taskDefinitionKey === 'app:1')).toBe(true);
    expect(s.services.svc?.taskDefinitionKey).toBe('app:1');
  });

  it('does nothing when disabled (the default)', () => {
    let s = register(clusterWith([['m5.xlarge', 'us-east-1a']]), taskDef());
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'svc',
      taskDefinition: 'app',
      desiredCount: 1,
      launchType: 'EC2',
    });
    for (let i = 0; i < 12; i++) {
      s = advanceUntil(s, (x) =>
        tasksOfService(x, 'svc').some(
          (t) => t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING',
        ),
      );
      const t = tasksOfService(s, 'svc').find(
        (x) => x.lastStatus === 'RUNNING' && x.desiredStatus === 'RUNNING',
      ) as Task;
      s = apply(s, { type: 'CRASH_TASK', taskId: t.id });
    }
    expect(s.services.svc?.deployments[0]?.rolloutState).toBe('IN_PROGRESS');
  });
});
