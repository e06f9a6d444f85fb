/**
 * LayoutCache hands the canvas its last layout back when a snapshot would lay out the same: it
 * must be equal to a fresh layoutCluster of that snapshot every time, and be a new one whenever an
 * input of the layout changed.
 */
import { describe, expect, it } from 'vitest';
import { LayoutCache } from '../../src/render/layout-cache.ts';
import { layoutCluster } from '../../src/render/layout.ts';
import type { ContainerInstance, SimState, Task } from '../../src/sim/model.ts';
import { AZS, makeTask, smallCluster, syntheticCluster } from '../browser/render/fixtures.ts';

const VIEW = { width: 1280, height: 720 };

function withTasks(s: SimState, f: (t: Task) => Task): SimState {
  const tasks: Record<string, Task> = {};
  for (const id in s.tasks) tasks[id] = f(s.tasks[id]!);
  return { ...s, tasks, version: s.version + 1 };
}

function withInstances(s: SimState, f: (i: ContainerInstance) => ContainerInstance): SimState {
  const instances: Record<string, ContainerInstance> = {};
  for (const id in s.instances) instances[id] = f(s.instances[id]!);
  return { ...s, instances, version: s.version + 1 };
}

describe('LayoutCache', () => {
  it('hands back the last layout when only statuses, resources and traffic changed', () => {
    const cache = new LayoutCache();
    const first = cache.get(syntheticCluster(200, 0), VIEW);
    for (let v = 1; v < 6; v++) {
      // New task and instance objects with other statuses (none STOPPED) and resources.
      const s = withInstances(syntheticCluster(200, v), (i) => ({
        ...i,
        remainingCpu: i.remainingCpu - v * 100,
      }));
      const got = cache.get(s, VIEW);
      expect(got).toBe(first);
      expect(got).toEqual(layoutCluster(s, VIEW));
    }
    expect(cache.made).toBe(1);
  });

  it('makes a new layout whenever an input of the layout changed, equal to a fresh one', () => {
    const base = smallCluster();
    const someTask = Object.keys(base.tasks).find((id) => base.tasks[id]!.containerInstanceId)!;
    const otherInstance = Object.keys(base.instances).find(
      (id) => id !== base.tasks[someTask]!.containerInstanceId,
    )!;
    const oneTask = (f: (t: Task) => Partial<Task>) =>
      withTasks(base, (t) => (t.id === someTask ? { ...t, ...f(t) } : t));
    const firstInstance = Object.keys(base.instances)[0]!;
    const oneInstance = (f: Partial<ContainerInstance>) =>
      withInstances(base, (i) => (i.id === firstInstance ? { ...i, ...f } : i));
    const changes: [string, SimState, { width: number; height: number }?][] = [
      ['a task stopped', oneTask(() => ({ lastStatus: 'STOPPED' }))],
      ['a task moved', oneTask(() => ({ containerInstanceId: otherInstance }))],
      ['a task older', oneTask((t) => ({ createdAt: t.createdAt - 1e6 }))],
      ['a task of another service', oneTask(() => ({ serviceName: 'zzz' }))],
      ['a task of no service', oneTask(() => ({ serviceName: undefined }))],
      ['a task on Fargate', oneTask(() => ({ launchType: 'FARGATE' }))],
      [
        'a task added',
        {
          ...base,
          tasks: {
            ...base.tasks,
            't-new': makeTask('t-new', { containerInstanceId: firstInstance, createdAt: 5 }),
          },
        },
      ],
      [
        'a task gone',
        {
          ...base,
          tasks: Object.fromEntries(Object.entries(base.tasks).filter(([id]) => id !== someTask)),
        },
      ],
      ['an instance in another AZ', oneInstance({ availabilityZone: AZS[1] })],
      ['an instance registered earlier', oneInstance({ registeredAt: -1e6 })],
      ['an instance inactive', oneInstance({ status: 'INACTIVE' })],
      ['an instance external', oneInstance({ external: true, availabilityZone: 'dc-1' })],
      [
        'an instance gone',
        {
          ...base,
          instances: Object.fromEntries(
            Object.entries(base.instances).filter(([id]) => id !== otherInstance),
          ),
        },
      ],
      ['an AZ down', { ...base, downAvailabilityZones: [AZS[0]] }],
      [
        'another Region AZ list',
        { ...base, cluster: { ...base.cluster, availabilityZones: [AZS[1], AZS[0], AZS[2]] } },
      ],
      ['another viewport', base, { width: 600, height: 900 }],
    ];
    for (const [what, s, view] of changes) {
      const cache = new LayoutCache();
      const before = cache.get(base, VIEW);
      const after = cache.get(s, view ?? VIEW);
      expect(after, what).not.toBe(before);
      expect(after, what).toEqual(layoutCluster(s, view ?? VIEW));
      // And back: the first state's layout again (a new one).
      expect(cache.get(base, VIEW), what).toEqual(before);
      expect(cache.made, what).toBe(3);
    }
  });

  it('makes a new layout when a RunTask group changes', () => {
    const base = withTasks(smallCluster(), (t) => ({ ...t, serviceName: undefined }));
    const id = Object.keys(base.tasks)[0]!;
    const s = withTasks(base, (t) => (t.id === id ? { ...t, group: 'family:other' } : t));
    const cache = new LayoutCache();
    const before = cache.get(base, VIEW);
    const after = cache.get(s, VIEW);
    expect(after).not.toBe(before);
    expect(after).toEqual(layoutCluster(s, VIEW));
    expect(after.groups).toContain('family:other');
  });

  it('makes a new layout when an instance outside the Region becomes external (a site)', () => {
    const base = withInstances(smallCluster(), (i) => ({ ...i, availabilityZone: 'dc-1' }));
    const s = withInstances(base, (i) => ({ ...i, external: true }));
    const cache = new LayoutCache();
    const before = cache.get(base, VIEW);
    const after = cache.get(s, VIEW);
    expect(after).not.toBe(before);
    expect(after).toEqual(layoutCluster(s, VIEW));
    expect(after.azColumns.some((c) => c.site)).toBe(true);
  });

  it('an external instance losing its agent relays out the site (link down)', () => {
    const base = withInstances(smallCluster(), (i) => ({
      ...i,
      external: true,
      availabilityZone: 'dc-1',
    }));
    const cache = new LayoutCache();
    cache.get(base, VIEW);
    const s = withInstances(base, (i) => ({ ...i, agentConnected: false }));
    const got = cache.get(s, VIEW);
    expect(got).toEqual(layoutCluster(s, VIEW));
    expect(got.azColumns.some((c) => c.linkDown)).toBe(true);
  });

  it('makes aggregate layouts afresh (they count statuses), and keeps tile layouts after them', () => {
    const cache = new LayoutCache();
    const a = cache.get(syntheticCluster(3500, 0), VIEW);
    expect(a.lod).toBe('aggregate');
    const s = syntheticCluster(3500, 1);
    const b = cache.get(s, VIEW);
    expect(b).not.toBe(a);
    expect(b).toEqual(layoutCluster(s, VIEW));
    const again = cache.get(syntheticCluster(3500, 1), VIEW);
    expect(again).not.toBe(b);
    expect(again).toEqual(b);
    const t = cache.get(syntheticCluster(200, 0), VIEW);
    expect(t.lod).toBe('tiles');
    expect(cache.get(syntheticCluster(200, 1), VIEW)).toBe(t);
  });

  it('equals a fresh layout through a random run of changes', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const cache = new LayoutCache();
    let s = syntheticCluster(120, 0);
    const statuses = ['PENDING', 'RUNNING', 'STOPPING', 'STOPPED', 'DEACTIVATING'] as const;
    let made = 0;
    for (let i = 0; i < 300; i++) {
      const ids = Object.keys(s.tasks);
      const id = ids[rand(ids.length)]!;
      const kind = rand(4);
      if (kind === 0)
        s = withTasks(s, (t) => (t.id === id ? { ...t, lastStatus: statuses[rand(5)]! } : t));
      else if (kind === 1)
        s = withTasks(s, (t) => (t.id === id ? { ...t, createdAt: rand(1000) } : t));
      else if (kind === 2)
        s = withTasks(s, (t) =>
          t.id === id ? { ...t, containerInstanceId: `ci-${rand(12)}` } : t,
        );
      else s = withTasks(s, (t) => ({ ...t }));
      const before = cache.made;
      expect(cache.get(s, VIEW)).toEqual(layoutCluster(s, VIEW));
      made += cache.made - before;
    }
    // Both paths were taken.
    expect(made).toBeGreaterThan(50);
    expect(made).toBeLessThan(250);
  });
});
