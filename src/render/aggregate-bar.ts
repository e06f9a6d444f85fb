/**
 * The level-of-detail stand-in for many tiles: one stacked bar of status groups (starting, running,
 * stopping) whose segment widths are proportional to task counts. Three sprites on the shared white
 * texture, resized in place, so it batches with the tiles and allocates nothing when counts change.
 */
import { Sprite, Texture, type Container } from 'pixi.js';
import { STATUS_GROUPS, STATUS_GROUP_COLORS } from './palette.ts';
import type { Rect } from './layout.ts';

/** Task counts per status group, indexed like STATUS_GROUPS. */
export type GroupCounts = readonly [number, number, number];

/** A stacked status bar. */
export class AggregateBar {
  private readonly segments: Sprite[];

  constructor(layer: Container) {
    this.segments = STATUS_GROUPS.map((group) => {
      const s = new Sprite(Texture.WHITE);
      s.tint = STATUS_GROUP_COLORS[group];
      s.visible = false;
      layer.addChild(s);
      return s;
    });
  }

  /** Draws `counts` into `area` (width split by share of `capacity`, at least the total count). */
  draw(area: Rect, counts: GroupCounts, capacity: number): void {
    const total = counts[0] + counts[1] + counts[2];
    const scale = area.w / Math.max(1, capacity, total);
    let x = area.x;
    for (let i = 0; i < this.segments.length; i++) {
      const s = this.segments[i] as Sprite;
      const w = (counts[i] ?? 0) * scale;
      s.visible = w > 0;
      s.position.set(x, area.y);
      s.scale.set(w, area.h);
      x += w;
    }
  }

  /** Hides the bar (tile mode, or the view is pooled). */
  hide(): void {
    for (const s of this.segments) s.visible = false;
  }

  /** Removes the sprites from their layer and frees them. */
  destroy(): void {
    for (const s of this.segments) s.destroy();
  }
}
