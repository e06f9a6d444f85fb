import { describe, expect, it } from 'vitest';
import { layoutCluster, LOD_TASK_THRESHOLD, type Rect } from '../../src/render/layout.ts';
import { hitTest } from '../../src/render/hit-test.ts';
import {
  AZS,
  makeInstance,
  makeState,
  makeTask,
  smallCluster,
  syntheticCluster,
} from '../browser/render/fixtures.ts';

const VIEW = { width: 1280, height: 720 };

function inside(inner: Rect, outer: Rect): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.w <= outer.x + outer.w &&
    inner.y + inner.h <= outer.y + outer.h
  );
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

describe('layoutCluster', () => {
  it('gives every live task a slot inside its instance box or its AZ Fargate area', () => {
    const state = smallCluster();
    const layout = layoutCluster(state, VIEW);
    expect(layout.lod).toBe('tiles');
    for (const task of Object.values(state.tasks)) {
      const slot = layout.taskSlots.get(task.id);
      expect(slot, task.id).toBeDefined();
      if (!slot) continue;
      if (task.launchType === 'FARGATE') {
        const area = layout.fargateAreas.get(task.availabilityZone);
        expect(area && inside(slot, area.cellArea), task.id).toBe(true);
        expect(slot.cell && inside(slot, slot.cell)).toBe(true);
      } else {
        const box = layout.instances.get(task.containerInstanceId ?? '');
        expect(box && inside(slot, box.tileArea), task.id).toBe(true);
      }
    }
  });

  it('puts AZs in cluster order as columns, each instance inside its own AZ column', () => {
    const layout = layoutCluster(smallCluster(), VIEW);
    expect(layout.azColumns.map((c) => c.az)).toEqual([...AZS]);
    for (let i = 1; i < layout.azColumns.length; i++) {
      const prev = layout.azColumns[i - 1] as Rect;
      expect((layout.azColumns[i] as Rect).x).toBeGreaterThanOrEqual(prev.x + prev.w);
    }
    for (const inst of layout.instances.values()) {
      const col = layout.azColumns.find((c) => c.az === inst.az);
      expect(col && inside(inst, col)).toBe(true);
    }
  });

  it('never overlaps two task slots, two instances, or an instance and a Fargate area', () => {
    const state = syntheticCluster(600, 3);
    const layout = layoutCluster(state, VIEW);
    const slots = [...layout.taskSlots.values()];
    expect(slots.length).toBe(600);
    // Slots of one container are a grid: check pairs within each container and across containers
    // through their boxes (containers do not overlap, checked below).
    const byKey = new Map<string, Rect[]>();
    for (const s of slots) byKey.set(s.containerKey, [...(byKey.get(s.containerKey) ?? []), s]);
    for (const list of byKey.values()) {
      for (let i = 0; i < list.length; i++)
        for (let j = i + 1; j < list.length; j++)
          expect(overlaps(list[i] as Rect, list[j] as Rect)).toBe(false);
    }
    const boxes: Rect[] = [...layout.instances.values(), ...layout.fargateAreas.values()];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++)
        expect(overlaps(boxes[i] as Rect, boxes[j] as Rect)).toBe(false);
  });

  it('is deterministic: same state and viewport give an equal layout, whatever the record order', () => {
    const a = smallCluster();
    const reversed = {
      ...a,
      tasks: Object.fromEntries(Object.entries(a.tasks).reverse()),
      instances: Object.fromEntries(Object.entries(a.instances).reverse()),
    };
    const la = layoutCluster(a, VIEW);
    const lb = layoutCluster(reversed, VIEW);
    expect([...lb.taskSlots.entries()]).toEqual([...la.taskSlots.entries()]);
    expect([...lb.instances.entries()]).toEqual([...la.instances.entries()]);
    expect(lb.width).toBe(la.width);
  });

  it('groups tiles by service within an instance', () => {
    const inst = makeInstance('ci-x');
    const tasks = ['web', 'api', 'web', 'api', 'web'].map((svc, i) =>
      makeTask(`t${i}`, {
        containerInstanceId: 'ci-x',
        serviceName: svc,
        group: `service:${svc}`,
        createdAt: i,
      }),
    );
    const layout = layoutCluster(makeState([inst], tasks), VIEW);
    expect(layout.instances.get('ci-x')?.taskIds).toEqual(['t1', 't3', 't0', 't2', 't4']);
  });

  it('gives STOPPED tasks and EC2 tasks on unknown instances no slot', () => {
    const state = makeState(
      [makeInstance('ci-a')],
      [
        makeTask('gone', { containerInstanceId: 'ci-a', lastStatus: 'STOPPED' }),
        makeTask('orphan', { containerInstanceId: 'nope' }),
      ],
    );
    const layout = layoutCluster(state, VIEW);
    expect(layout.taskSlots.size).toBe(0);
    expect(layout.liveTasks).toBe(0);
  });

  it(`switches to aggregated bars above ${LOD_TASK_THRESHOLD} live tasks`, () => {
    expect(layoutCluster(syntheticCluster(LOD_TASK_THRESHOLD), VIEW).lod).toBe('tiles');
    const big = layoutCluster(syntheticCluster(LOD_TASK_THRESHOLD + 10), VIEW);
    expect(big.lod).toBe('aggregate');
    expect(big.taskSlots.size).toBe(0);
    expect(big.instances.size).toBe(Math.ceil((LOD_TASK_THRESHOLD + 10) / 10));
  });

  it('shapes a large cluster to the viewport instead of one tall column', () => {
    const layout = layoutCluster(syntheticCluster(2000), VIEW);
    const aspect = layout.width / layout.height;
    expect(aspect).toBeGreaterThan(0.5);
    expect(aspect).toBeLessThan(4);
  });
});

describe('hitTest', () => {
  it('finds the task under a tile, the instance around it, the AZ, and nothing outside', () => {
    const layout = layoutCluster(smallCluster(), VIEW);
    for (const [id, slot] of layout.taskSlots) {
      expect(hitTest(layout, slot.x + slot.w / 2, slot.y + slot.h / 2)).toEqual({
        kind: 'task',
        id,
      });
    }
    const box = layout.instances.get('ci-a');
    expect(box && hitTest(layout, box.x + 2, box.y + 2)).toEqual({ kind: 'instance', id: 'ci-a' });
    const col = layout.azColumns[1];
    expect(col && hitTest(layout, col.x + 2, col.y + 2)).toEqual({
      kind: 'availabilityZone',
      id: AZS[1],
    });
    expect(hitTest(layout, -5, -5)).toBeUndefined();
  });
});
