import { describe, expect, it } from 'vitest';
import {
  advanceUntilSteady,
  describeService,
  maximumTasks,
  minimumHealthyTasks,
  rollingHeadroom,
  serviceCounts,
  tasksOfService,
  type DeploymentConfiguration,
  type SimState,
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

const STUCK =
  'was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.';

/** A steady service `svc` on revision 1 with a revision 2 registered and ready to deploy. */
function steadyService(desiredCount: number, cfg: Partial<DeploymentConfiguration>): SimState {
  let s = register(
    clusterWith([
      ['m5.xlarge', 'us-east-1a'],
      ['m5.xlarge', 'us-east-1b'],
      ['m5.xlarge', 'us-east-1c'],
    ]),
    taskDef(),
  );
  s = apply(s, {
    type: 'CREATE_SERVICE',
    serviceName: 'svc',
    taskDefinition: 'app',
    desiredCount,
    launchType: 'EC2',
    deploymentConfiguration: cfg,
  });
  s = advanceUntilSteady(s);
  return register(s, taskDef({ containerDefinitions: [container({ image: 'nginx:1.27' })] }));
}

const oldLive = (s: SimState): number =>
  tasksOfService(s, 'svc').filter(
    (t) => t.taskDefinitionKey === 'app:1' && t.desiredStatus === 'RUNNING',
  ).length;
const newLive = (s: SimState): number =>
  tasksOfService(s, 'svc').filter(
    (t) => t.taskDefinitionKey === 'app:2' && t.desiredStatus === 'RUNNING',
  ).length;

describe('rolling deployment arithmetic (AWS worked examples, reference A3.3)', () => {
  it('rounds minimumHealthyPercent up and maximumPercent down', () => {
    expect(minimumHealthyTasks(4, 50)).toBe(2);
    expect(minimumHealthyTasks(2, 75)).toBe(2);
    expect(maximumTasks(4, 200)).toBe(8);
    expect(maximumTasks(3, 125)).toBe(3);
  });

  it('desired 4, min 50 → may stop 2 first; desired 2, min 75 → none; desired 4, max 200 → start 4; desired 3, max 125 → none', () => {
    expect(rollingHeadroom(4, 50, 100).mayStopFirst).toBe(2);
    expect(rollingHeadroom(2, 75, 100).mayStopFirst).toBe(0);
    expect(rollingHeadroom(4, 100, 200).mayStartFirst).toBe(4);
    expect(rollingHeadroom(3, 100, 125).mayStartFirst).toBe(0);
  });
});

describe('rolling deployment in the scheduler', () => {
  it('desired 4 / min 50 / max 100 stops 2 old tasks before starting any new one', () => {
    let s = steadyService(4, { minimumHealthyPercent: 50, maximumPercent: 100 });
    s = apply(s, { type: 'UPDATE_SERVICE', serviceName: 'svc', taskDefinition: 'app:2' });
    expect(oldLive(s)).toBe(2);
    expect(newLive(s)).toBe(0);
    let minRunning = Infinity;
    s = advanceUntil(s, (x) => {
      minRunning = Math.min(minRunning, serviceCounts(x, 'svc').runningCount);
      return x.services.svc?.steadyState === true;
    });
    expect(minRunning).toBeGreaterThanOrEqual(2);
    expect(newLive(s)).toBe(4);
  });

  it('desired 4 / max 200 starts 4 new tasks before stopping any old one', () => {
    let s = steadyService(4, {});
    s = apply(s, { type: 'UPDATE_SERVICE', serviceName: 'svc', taskDefinition: 'app:2' });
    expect(newLive(s)).toBe(4);
    expect(oldLive(s)).toBe(4);
    let minRunning = Infinity;
    s = advanceUntil(s, (x) => {
      minRunning = Math.min(minRunning, serviceCounts(x, 'svc').runningCount);
      return x.services.svc?.steadyState === true;
    });
    expect(minRunning).toBeGreaterThanOrEqual(4);
  });

  it('desired 2 / min 75 / max 100 cannot stop or start anything and says so', () => {
    let s = steadyService(2, { minimumHealthyPercent: 75, maximumPercent: 100 });
    const from = s.events.length;
    s = apply(s, { type: 'UPDATE_SERVICE', serviceName: 'svc', taskDefinition: 'app:2' });
    s = advanceUntil(s, (x) => x.now >= s.now + 60_000);
    expect(oldLive(s)).toBe(2);
    expect(newLive(s)).toBe(0);
    expect(messagesSince(s, from).filter((m) => m === `(service svc) ${STUCK}`)).toHaveLength(1);
  });

  it('desired 3 / max 125 cannot start an extra task (floor(3.75) = 3)', () => {
    let s = steadyService(3, { minimumHealthyPercent: 100, maximumPercent: 125 });
    s = apply(s, { type: 'UPDATE_SERVICE', serviceName: 'svc', taskDefinition: 'app:2' });
    expect(newLive(s)).toBe(0);
    expect(s.events.at(-1)?.message).toBe(`(service svc) ${STUCK}`);
  });

  it('completes: new PRIMARY COMPLETED, old deployment gone from describe, completion and steady events', () => {
    let s = steadyService(3, {});
    const oldId = s.services.svc?.deployments[0]?.id;
    const from = s.events.length;
    s = apply(s, { type: 'UPDATE_SERVICE', serviceName: 'svc', taskDefinition: 'app' });
    const dep = s.services.svc?.deployments[0];
    expect(dep?.id).toMatch(/^ecs-svc\/\d{19}$/);
    expect(dep?.id).not.toBe(oldId);
    expect(dep?.taskDefinitionKey).toBe('app:2');
    expect(s.services.svc?.deployments[1]?.status).toBe('ACTIVE');
    s = advanceUntil(s, (x) => x.services.svc?.steadyState === true);
    expect(s.services.svc?.deployments[0]?.rolloutState).toBe('COMPLETED');
    const view = describeService(s, 'svc') as { deployments: { status: string }[] };
    expect(view.deployments.map((d) => d.status)).toEqual(['PRIMARY']);
    const msgs = messagesSince(s, from);
    expect(msgs).toContain(`(service svc) (deployment ${dep?.id}) deployment completed.`);
    expect(msgs.at(-1)).toBe('(service svc) has reached a steady state.');
    expect(
      msgs.some((m) =>
        /^\(service svc\) has stopped 1 running tasks: \(task [0-9a-f]{32}\)\.$/.test(m),
      ),
    ).toBe(true);
    const stopped = tasksOfService(s, 'svc', { includeStopped: true }).filter(
      (t) => t.taskDefinitionKey === 'app:1',
    );
    expect(
      stopped.every(
        (t) =>
          t.stopCode === 'ServiceSchedulerInitiated' &&
          t.stoppedReason === `Scaling activity initiated by (deployment ${dep?.id})`,
      ),
    ).toBe(true);
  });

  it('a desiredCount change alone resizes the PRIMARY deployment without a new one', () => {
    let s = steadyService(2, {});
    const id = s.services.svc?.deployments[0]?.id;
    s = apply(s, { type: 'UPDATE_SERVICE', serviceName: 'svc', desiredCount: 5 });
    expect(s.services.svc?.deployments.map((d) => d.id)).toEqual([id]);
    s = advanceUntilSteady(s);
    expect(serviceCounts(s, 'svc')).toEqual({ desiredCount: 5, runningCount: 5, pendingCount: 0 });
  });

  it('scales in from the AZ with the most tasks of the service', () => {
    let s = steadyService(4, {});
    const perAz = (x: SimState): Record<string, number> => {
      const out: Record<string, number> = {};
      for (const t of tasksOfService(x, 'svc'))
        if (t.desiredStatus === 'RUNNING')
          out[t.availabilityZone] = (out[t.availabilityZone] ?? 0) + 1;
      return out;
    };
    const before = perAz(s);
    const crowded = Object.keys(before).find((az) => before[az] === 2) as string;
    s = apply(s, { type: 'UPDATE_SERVICE', serviceName: 'svc', desiredCount: 3 });
    expect(perAz(s)[crowded]).toBe(1);
    expect(Object.values(perAz(s)).sort()).toEqual([1, 1, 1]);
  });
});
