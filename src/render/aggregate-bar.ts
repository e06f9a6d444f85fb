/**
 * The level-of-detail stand-in for many tiles: one stacked bar of status groups (starting, running,
 * stopping) whose segment widths are proportional to task counts. Three quads of a QuadBatch
 * (quad-batch.ts), rewritten in place, so it shares one draw call with the instance chrome and
 * allocates nothing when counts change.
 */
import { STATUS_GROUPS, STATUS_GROUP_COLORS } from './palette.ts';
import type { Rect } from './layout.ts';
import type { QuadBatch } from './quad-batch.ts';

/** Task counts per status group, indexed like STATUS_GROUPS. */
export type GroupCounts = readonly [number, number, number];

/** A stacked status bar. */
export class AggregateBar {
  private readonly slots: number[];

  constructor(private readonly batch: QuadBatch) {
    this.slots = STATUS_GROUPS.map(() => batch.acquire());
  }

  /** Draws `counts` into `area` (width split by share of `capacity`, at least the total count). */
  draw(area: Rect, counts: GroupCounts, capacity: number): void {
    const total = counts[0] + counts[1] + counts[2];
    const scale = area.w / Math.max(1, capacity, total);
    let x = area.x;
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[i] as number;
      const w = (counts[i] ?? 0) * scale;
      if (w > 0)
        this.batch.set(slot, x, area.y, w, area.h, STATUS_GROUP_COLORS[STATUS_GROUPS[i]!], 1);
      else this.batch.hideSlot(slot);
      x += w;
    }
  }

  /** Hides the bar (tile mode, or the view is pooled). */
  hide(): void {
    const slots = this.slots;
    for (let i = 0; i < slots.length; i++) this.batch.hideSlot(slots[i]!);
  }

  /** Gives the quads back to the batch. */
  destroy(): void {
    for (const s of this.slots) this.batch.release(s);
    this.slots.length = 0;
  }
}
