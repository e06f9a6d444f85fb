/**
 * Selection outline and focus ring, drawn above everything in world space. The outline marks what
 * the inspector shows; the focus ring pulses (alpha only, none under reduced motion) around what a
 * scenario step is about. Both are redrawn on a new snapshot or a new ref, never per frame.
 */
import { Graphics, type Container } from 'pixi.js';
import type { EntityRef, SimState } from '../sim/model.ts';
import { taskGroupKey, type ClusterLayout, type Rect } from './layout.ts';

/** The world rectangles an entity occupies in a layout (a service: each of its tiles). */
export function entityRects(
  ref: EntityRef,
  layout: ClusterLayout,
  state: SimState | undefined,
): Rect[] {
  switch (ref.kind) {
    case 'task': {
      const slot = layout.taskSlots.get(ref.id);
      if (slot) return [slot];
      // Aggregate mode (or no slot): fall back to the task's instance or Fargate area.
      const task = state?.tasks[ref.id];
      const box = task?.containerInstanceId
        ? layout.instances.get(task.containerInstanceId)
        : undefined;
      const area = task ? layout.fargateAreas.get(task.availabilityZone) : undefined;
      return box ? [box] : area && task?.launchType === 'FARGATE' ? [area] : [];
    }
    case 'instance': {
      const box = layout.instances.get(ref.id);
      return box ? [box] : [];
    }
    case 'availabilityZone': {
      const col = layout.azColumns.find((c) => c.az === ref.id);
      return col ? [col] : [];
    }
    case 'service': {
      if (!state) return [];
      const rects: Rect[] = [];
      for (const id in state.tasks) {
        const task = state.tasks[id];
        if (!task || taskGroupKey(task) !== ref.id) continue;
        const slot = layout.taskSlots.get(id);
        if (slot) rects.push(slot);
        else if (task.containerInstanceId) {
          const box = layout.instances.get(task.containerInstanceId);
          if (box && !rects.includes(box)) rects.push(box);
        }
      }
      return rects;
    }
    default:
      return [];
  }
}

/** One outline layer (selection or focus). */
export class Outline {
  readonly graphics = new Graphics();

  constructor(
    layer: Container,
    private readonly pad: number,
    private readonly width: number,
  ) {
    layer.addChild(this.graphics);
  }

  /** Draws outlines around `rects` in `color`, or clears when empty. */
  draw(rects: readonly Rect[], color: number): void {
    const g = this.graphics.clear();
    if (rects.length === 0) return;
    for (const r of rects)
      g.roundRect(r.x - this.pad, r.y - this.pad, r.w + 2 * this.pad, r.h + 2 * this.pad, 3);
    g.stroke({ width: this.width, color });
  }
}
