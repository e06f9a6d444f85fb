import { describe, expect, it } from 'vitest';
import {
  ALLOWED_TRANSITIONS,
  PHASE_DURATIONS,
  STOPPED_TASK_RETENTION_MS,
  TASK_STATUSES,
  advance,
  canTransition,
  createDefaultCluster,
  type SimState,
  type Task,
} from '../../src/sim/index.ts';
import { RngCursor, seedRng } from '../../src/sim/rng.ts';
import { transitionTask } from '../../src/sim/task-lifecycle.ts';
import { apply, advanceUntil, clusterWith, fargateTaskDef, register, taskDef } from './helpers.ts';

function everyHistoryIsLegal(state: SimState): void {
  for (const t of Object.values(state.tasks)) {
    for (let i = 1; i < t.history.length; i++) {
      const from = (t.history[i - 1] as Task['history'][number]).status;
      const to = (t.history[i] as Task['history'][number]).status;
      expect(canTransition(from, to), `${t.id}: ${from} → ${to}`).toBe(true);
    }
  }
}

describe('task lifecycle', () => {
  it('lists every status exactly once and lets nothing leave STOPPED', () => {
    expect(Object.keys(ALLOWED_TRANSITIONS).sort()).toEqual([...TASK_STATUSES].sort());
    expect(ALLOWED_TRANSITIONS.STOPPED).toEqual([]);
  });

  it('only moves forward along the documented order', () => {
    for (const from of TASK_STATUSES) {
      for (const to of ALLOWED_TRANSITIONS[from]) {
        expect(TASK_STATUSES.indexOf(to)).toBeGreaterThan(TASK_STATUSES.indexOf(from));
      }
    }
  });

  it('rejects a transition that is not in the table', () => {
    const s = createDefaultCluster(3);
    const running = Object.values(s.tasks).find((t) => t.lastStatus === 'RUNNING') as Task;
    expect(() => transitionTask(running, 'PENDING', s.now, new RngCursor(seedRng(1)))).toThrow(
      /Illegal task transition/,
    );
    expect(() =>
      transitionTask(running, 'DEPROVISIONING', s.now, new RngCursor(seedRng(1))),
    ).toThrow();
  });

  it('walks the full start path PROVISIONING → PENDING → ACTIVATING → RUNNING', () => {
    const s = createDefaultCluster(5);
    for (const t of Object.values(s.tasks)) {
      expect(t.history.map((h) => h.status)).toEqual([
        'PROVISIONING',
        'PENDING',
        'ACTIVATING',
        'RUNNING',
      ]);
      expect(t.startedAt).toBeDefined();
      expect(t.pullStartedAt).toBeLessThanOrEqual(t.pullStoppedAt as number);
      expect(t.containers.every((c) => c.lastStatus === 'RUNNING')).toBe(true);
    }
  });

  it('stops a running task through DEACTIVATING → STOPPING → DEPROVISIONING → STOPPED', () => {
    let s = createDefaultCluster(2);
    const t = Object.values(s.tasks)[0] as Task;
    s = apply(s, { type: 'STOP_TASK', taskId: t.id });
    expect(s.tasks[t.id]?.desiredStatus).toBe('STOPPED');
    expect(s.tasks[t.id]?.lastStatus).toBe('DEACTIVATING');
    s = advanceUntil(s, (x) => x.tasks[t.id]?.lastStatus === 'STOPPED');
    const statuses = (s.tasks[t.id] as Task).history.map((h) => h.status);
    expect(statuses.slice(-4)).toEqual(['DEACTIVATING', 'STOPPING', 'DEPROVISIONING', 'STOPPED']);
    expect(s.tasks[t.id]?.stopCode).toBe('UserInitiated');
    everyHistoryIsLegal(s);
  });

  it('takes the early stop path when a task is stopped before it runs', () => {
    let s = register(clusterWith([['m5.large', 'us-east-1a']]), fargateTaskDef());
    s = apply(s, { type: 'RUN_TASK', taskDefinition: 'fg', launchType: 'FARGATE' });
    const id = Object.keys(s.tasks)[0] as string;
    expect(s.tasks[id]?.lastStatus).toBe('PROVISIONING');
    s = apply(s, { type: 'STOP_TASK', taskId: id });
    expect(s.tasks[id]?.lastStatus).toBe('DEPROVISIONING');
    s = advanceUntil(s, (x) => x.tasks[id]?.lastStatus === 'STOPPED');
    expect(s.tasks[id]?.history.map((h) => h.status)).toEqual([
      'PROVISIONING',
      'DEPROVISIONING',
      'STOPPED',
    ]);
    expect(s.tasks[id]?.startedAt).toBeUndefined();
  });

  it('keeps a bounded history', () => {
    const s = createDefaultCluster(4);
    for (const t of Object.values(s.tasks)) expect(t.history.length).toBeLessThanOrEqual(10);
  });

  it('starts tasks faster on EC2 than on Fargate (duration table, seeded jitter)', () => {
    let s = register(
      register(
        clusterWith([
          ['m5.xlarge', 'us-east-1a'],
          ['m5.xlarge', 'us-east-1b'],
        ]),
        taskDef(),
      ),
      fargateTaskDef(),
    );
    for (let i = 0; i < 3; i++) {
      s = apply(s, { type: 'RUN_TASK', taskDefinition: 'app', launchType: 'EC2', count: 5 });
      s = apply(s, { type: 'RUN_TASK', taskDefinition: 'fg', launchType: 'FARGATE', count: 5 });
    }
    s = advanceUntil(s, (x) => Object.values(x.tasks).every((t) => t.lastStatus === 'RUNNING'));
    const mean = (lt: string): number => {
      const ts = Object.values(s.tasks).filter((t) => t.launchType === lt);
      return ts.reduce((a, t) => a + ((t.startedAt as number) - t.createdAt), 0) / ts.length;
    };
    expect(mean('EC2')).toBeLessThan(mean('FARGATE'));
    const sum = (p: 'EC2' | 'FARGATE', i: 0 | 1): number =>
      (['PROVISIONING', 'PENDING', 'ACTIVATING'] as const).reduce(
        (a, st) => a + (PHASE_DURATIONS[p][st]?.[i] ?? 0),
        0,
      );
    expect(sum('EC2', 1)).toBeLessThan(sum('FARGATE', 0) + sum('FARGATE', 1));
    everyHistoryIsLegal(s);
  });

  it('drops STOPPED tasks after the retention period', () => {
    let s = createDefaultCluster(6);
    const t =
      Object.values(s.tasks).find((x) => !x.serviceName) ?? (Object.values(s.tasks)[0] as Task);
    s = apply(s, { type: 'STOP_TASK', taskId: t.id });
    s = advanceUntil(s, (x) => x.tasks[t.id]?.lastStatus === 'STOPPED');
    const stoppedAt = s.tasks[t.id]?.stoppedAt as number;
    s = advance(s, stoppedAt + STOPPED_TASK_RETENTION_MS - s.now - 1000);
    expect(s.tasks[t.id]).toBeDefined();
    s = advance(s, 2000);
    expect(s.tasks[t.id]).toBeUndefined();
  });
});
