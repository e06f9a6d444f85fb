/**
 * What screen readers hear (src/ui/announcements.ts): failures assertively, status changes
 * politely, routine chatter not at all, and never more than one announcement per window per region
 * however fast the simulation runs. Events come from the real simulation, not hand-written strings.
 */
import { describe, expect, it } from 'vitest';
import {
  Announcer,
  classifyEvent,
  summarize,
  taskStopped,
  type Announcement,
} from '../../src/ui/announcements.ts';
import {
  advance,
  advanceUntilSteady,
  applyCommand,
  createDefaultCluster,
  tasksOfService,
  type SimCommand,
  type SimState,
} from '../../src/sim/index.ts';
import { buildCluster, step } from '../properties/ecs-model.ts';
import { clusterWith, container, register, taskDef } from '../sim/helpers.ts';
import { advanceK8s } from '../../src/sim/k8s/index.ts';
import {
  cluster as k8sCluster,
  deployment as k8sDeployment,
  run as k8sRun,
} from '../sim/k8s/helpers.ts';

const apply = (s: SimState, c: SimCommand): SimState => {
  const r = applyCommand(s, c);
  if (r.error) throw new Error(r.error);
  return r.state;
};

/** The events added between two states. */
const since = (before: SimState, after: SimState) =>
  after.events.filter((e) => e.id > (before.events.at(-1)?.id ?? -1));

describe('classifyEvent (real simulation events)', () => {
  it('an AZ outage is assertive, its return polite; started tasks and ACTIVE instances are not announced', () => {
    const s0 = advanceUntilSteady(createDefaultCluster(1));
    const s1 = advance(apply(s0, { type: 'AZ_OUTAGE', availabilityZone: 'us-east-1a' }), 120_000);
    const out = since(s0, s1).map(classifyEvent);
    expect(out.find((a) => a?.kind === 'az-outage')?.politeness).toBe('assertive');
    const s2 = advanceUntilSteady(
      apply(s1, { type: 'AZ_RESTORE', availabilityZone: 'us-east-1a' }),
    );
    const back = since(s1, s2);
    expect(back.map(classifyEvent).find((a) => a?.kind === 'az-restored')?.politeness).toBe(
      'polite',
    );
    const routine = createDefaultCluster(1).events.filter((e) =>
      /has started|is ACTIVE|Launching/.test(e.message),
    );
    expect(routine.length).toBeGreaterThan(2);
    expect(routine.map(classifyEvent)).toEqual(routine.map(() => undefined));
    const steady = advanceUntilSteady(createDefaultCluster(1)).events.find((e) =>
      /steady state/.test(e.message),
    );
    expect(steady && classifyEvent(steady)).toMatchObject({
      kind: 'steady-state',
      politeness: 'polite',
    });
  });

  it('a failed deployment and its rollback are assertive', () => {
    let s = register(clusterWith([['m5.xlarge', 'us-east-1a']]), taskDef());
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'svc',
      taskDefinition: 'app',
      desiredCount: 1,
      launchType: 'EC2',
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } },
    });
    s = advanceUntilSteady(s);
    const before = s;
    s = register(s, taskDef({ containerDefinitions: [container({ image: 'nginx:broken' })] }));
    s = apply(s, { type: 'UPDATE_SERVICE', serviceName: 'svc', taskDefinition: 'app:2' });
    // Crash every task of the new revision until the circuit breaker trips (3 failures).
    for (let i = 0; i < 400 && !since(before, s).some((e) => /rolling back/.test(e.message)); i++) {
      s = advance(s, 5000);
      for (const t of tasksOfService(s, 'svc'))
        if (t.taskDefinitionKey === 'app:2' && t.lastStatus === 'RUNNING')
          s = apply(s, { type: 'CRASH_TASK', taskId: t.id });
    }
    const said = since(before, s)
      .map(classifyEvent)
      .filter((a) => a !== undefined);
    expect(said.find((a) => a.kind === 'deployment-failed')?.politeness).toBe('assertive');
    expect(said.find((a) => a.kind === 'rollback')?.politeness).toBe('assertive');
  });

  it('a scaling activity is polite', () => {
    let s = buildCluster({ seed: 3, instances: [] });
    s = step(
      s,
      { kind: 'webApp', fargate: true, count: 1, min: 1, span: 5, target: 30, rps: 1500 },
      0,
    );
    const before = s;
    s = advance(s, 900_000);
    const scaling = since(before, s).filter((e) => e.kind === 'scaling');
    expect(scaling.length).toBeGreaterThan(0);
    expect(scaling.map((e) => classifyEvent(e)?.politeness)).toEqual(scaling.map(() => 'polite'));
  });
});

describe('summarize', () => {
  const a = (kind: Announcement['kind'], text: string): Announcement => ({
    kind,
    politeness: 'polite',
    text,
  });
  it('says one as is, several of a kind as a count, in arrival order', () => {
    expect(summarize([a('steady-state', 'web steady.')])).toBe('web steady.');
    expect(
      summarize([
        a('task-stopped', 'x'),
        a('steady-state', 'web steady.'),
        a('task-stopped', 'y'),
        a('task-stopped', 'z'),
      ]),
    ).toBe('3 tasks stopped. web steady.');
  });
});

describe('Announcer', () => {
  it('announces nothing from history, then a stopped task with its reason', () => {
    let s = advanceUntilSteady(createDefaultCluster(1));
    const an = new Announcer({ politeMs: 1000, assertiveMs: 500 });
    an.observe(s.events, s.tasks);
    expect(an.flush(0)).toEqual({});
    const victim = tasksOfService(s, 'web')[0]!;
    s = advance(
      apply(s, { type: 'STOP_TASK', taskId: victim.id, reason: 'Stopped by the test' }),
      60_000,
    );
    an.observe(s.events, s.tasks);
    const said = an.flush(10);
    expect(said.polite).toContain(`Task ${victim.id} of service web stopped: Stopped by the test.`);
    expect(taskStopped(s.tasks[victim.id]!).text).toBe(
      `Task ${victim.id} of service web stopped: Stopped by the test.`,
    );
  });

  it('throttles: one announcement per window per region, the rest summed up in the next', () => {
    let s = advanceUntilSteady(createDefaultCluster(1));
    const an = new Announcer({ politeMs: 5000, assertiveMs: 2000 });
    an.observe(s.events, s.tasks);
    // A busy stretch: outage and restore every simulated 2 minutes, 60 frames of 16 ms wall each.
    let now = 0;
    const said: { at: number; polite?: string; assertive?: string }[] = [];
    for (let frame = 0; frame < 600; frame++) {
      if (frame % 20 === 0)
        s = apply(s, {
          type: frame % 40 === 0 ? 'AZ_OUTAGE' : 'AZ_RESTORE',
          availabilityZone: 'us-east-1b',
        });
      s = advance(s, 6000);
      an.observe(s.events, s.tasks);
      now += 16;
      const out = an.flush(now);
      if (out.polite !== undefined || out.assertive !== undefined) said.push({ at: now, ...out });
    }
    const polite = said.filter((x) => x.polite !== undefined);
    const assertive = said.filter((x) => x.assertive !== undefined);
    // 9.6 s of wall time: at most 2 polite (0, 5 s) and 5 assertive (0, 2, 4, 6, 8 s) announcements.
    expect(polite.length).toBeGreaterThan(0);
    expect(polite.length).toBeLessThanOrEqual(Math.floor(now / 5000) + 1);
    expect(assertive.length).toBeGreaterThan(0);
    expect(assertive.length).toBeLessThanOrEqual(Math.floor(now / 2000) + 1);
    for (let i = 1; i < polite.length; i++)
      expect(polite[i]!.at - polite[i - 1]!.at).toBeGreaterThanOrEqual(5000);
    // Waiting ones are summed up, not dropped: the second polite one counts many stopped tasks.
    expect(said.map((x) => `${x.polite ?? ''} ${x.assertive ?? ''}`).join(' ')).toMatch(
      /\d+ (tasks stopped|Availability Zone outages)/,
    );
    expect(an.dueIn(now)).toBeGreaterThanOrEqual(0);
  });

  it('after RESET (event ids start again) nothing old is announced', () => {
    let s = advanceUntilSteady(createDefaultCluster(1));
    const an = new Announcer({ politeMs: 0, assertiveMs: 0 });
    an.observe(s.events, s.tasks);
    s = advance(apply(s, { type: 'AZ_OUTAGE', availabilityZone: 'us-east-1a' }), 60_000);
    const fresh = createDefaultCluster(2);
    an.observe(fresh.events, fresh.tasks);
    expect(an.flush(1)).toEqual({});
    expect(an.dueIn(1)).toBeUndefined();
  });
});

describe('Announcer: Kubernetes Warning events of the EKS cluster (real simulation events)', () => {
  it('announces a new Warning and each aggregated repeat, politely; Normal events and history are not', () => {
    let k = k8sCluster();
    k = k8sRun(k, {
      type: 'SET_IMAGE_BEHAVIOUR',
      image: 'bad:1',
      crashAfterSeconds: 1,
      exitCode: 1,
    });
    const a = new Announcer({ politeMs: 0, assertiveMs: 0 });
    a.observeK8s(undefined);
    expect(a.flush(0)).toEqual({});
    a.observeK8s(k.events);
    // Deploying: Scheduled, Pulling, Created, Started… are Normal: nothing to say.
    k = k8sRun(k, { type: 'APPLY', objects: [k8sDeployment('crashy', { image: 'bad:1' })] });
    k = advanceK8s(k, 1000);
    a.observeK8s(k.events);
    expect(k.events.some((e) => e.type === 'Normal')).toBe(true);
    expect(a.flush(1)).toEqual({});
    // The container crashes: BackOff warnings, first new, then repeated (count 2, 3…).
    const said: string[] = [];
    let last = k.events;
    for (let t = 0; t < 120; t++) {
      k = advanceK8s(k, 1000);
      a.observeK8s(k.events);
      const out = a.flush(2 + t);
      expect(out.assertive).toBeUndefined();
      if (out.polite) said.push(out.polite);
      last = k.events;
    }
    const backoff = last.find((e) => e.reason === 'BackOff')!;
    expect(backoff.count).toBeGreaterThan(1);
    const pod = backoff.involvedObject.name;
    const backoffSaid = said.filter((x) =>
      x.startsWith(`Warning BackOff pod/${pod}: Back-off restarting failed container`),
    );
    // Once per count the cluster recorded (the first occurrence and every repeat), nothing else.
    expect(backoffSaid).toHaveLength(backoff.count);
    expect(said.every((x) => x.startsWith('Warning '))).toBe(true);
    // The same events again say nothing new.
    a.observeK8s([...k.events]);
    expect(a.flush(1_000)).toEqual({});
  });

  it('a new EKS cluster (event ids start again) is a new baseline: its history is not announced', () => {
    let k = k8sCluster();
    k = k8sRun(k, {
      type: 'SET_IMAGE_BEHAVIOUR',
      image: 'bad:1',
      crashAfterSeconds: 1,
      exitCode: 1,
    });
    k = k8sRun(k, { type: 'APPLY', objects: [k8sDeployment('crashy', { image: 'bad:1' })] });
    for (let t = 0; t < 60; t++) k = advanceK8s(k, 1000);
    expect(k.events.some((e) => e.type === 'Warning')).toBe(true);
    const a = new Announcer({ politeMs: 0, assertiveMs: 0 });
    a.observeK8s(k.events);
    expect(a.flush(0)).toEqual({});
    a.observeK8s(k8sCluster().events);
    a.observeK8s(k.events.slice(0, 1));
    expect(a.flush(1)).toEqual({});
    // No EKS cluster, then one loaded with Warnings in its history (a save, a scenario step):
    // a baseline too, not a burst of old warnings.
    a.observeK8s(undefined);
    a.observeK8s(k.events);
    expect(a.flush(2)).toEqual({});
  });
});
