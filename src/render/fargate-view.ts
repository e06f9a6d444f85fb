/**
 * The Fargate area of one Availability Zone: a dashed outline (there are no instances to see or
 * manage), a caption, and one small outlined cell per Fargate task, because Fargate runs each task in
 * its own isolated compute environment [ECS-DG Fargate]. In aggregate mode the cells give way to a
 * status bar. The Graphics is rebuilt only when geometry, cell count or theme changes.
 */
import { BitmapText, Graphics, type Container } from 'pixi.js';
import { AggregateBar, type GroupCounts } from './aggregate-bar.ts';
import { GEOMETRY, type FargateAreaLayout, type LevelOfDetail } from './layout.ts';
import type { ThemeColors } from './palette.ts';
import type { QuadBatch } from './quad-batch.ts';

/** The caption every Fargate area shows. */
export const FARGATE_CAPTION = 'Fargate (serverless)';

/** Draws a dashed rectangle outline into `g` (Pixi v8 strokes have no dash option). */
export function dashedRect(
  g: Graphics,
  x: number,
  y: number,
  w: number,
  h: number,
  dash = 6,
  gap = 4,
): Graphics {
  const edge = (x0: number, y0: number, x1: number, y1: number): void => {
    const len = Math.hypot(x1 - x0, y1 - y0);
    for (let d = 0; d < len; d += dash + gap) {
      const e = Math.min(d + dash, len);
      g.moveTo(x0 + ((x1 - x0) * d) / len, y0 + ((y1 - y0) * d) / len);
      g.lineTo(x0 + ((x1 - x0) * e) / len, y0 + ((y1 - y0) * e) / len);
    }
  };
  edge(x, y, x + w, y);
  edge(x + w, y, x + w, y + h);
  edge(x + w, y + h, x, y + h);
  edge(x, y + h, x, y);
  return g;
}

/** One AZ's Fargate area. */
export class FargateView {
  readonly outline = new Graphics();
  readonly caption = new BitmapText({
    text: FARGATE_CAPTION,
    style: { fontFamily: 'Arial, sans-serif', fontSize: 11, fill: 0xffffff },
  });
  private readonly aggregate: AggregateBar;
  az = '';
  seen = 0;
  private drawnKey = '';

  constructor(boxes: Container, chrome: QuadBatch, labels: Container) {
    boxes.addChild(this.outline);
    labels.addChild(this.caption);
    this.aggregate = new AggregateBar(chrome);
  }

  /** Shows the area; `counts` is set in aggregate mode. */
  sync(
    area: FargateAreaLayout,
    lod: LevelOfDetail,
    theme: ThemeColors,
    themeName: string,
    counts: GroupCounts | undefined,
  ): void {
    const g = GEOMETRY;
    this.az = area.az;
    const cells = lod === 'tiles' ? area.taskIds.length : 0;
    const key = `${area.x},${area.y},${area.w},${area.h},${cells},${themeName}`;
    if (key !== this.drawnKey) {
      this.drawnKey = key;
      const o = this.outline.clear();
      dashedRect(o, area.x, area.y, area.w, area.h).stroke({
        width: 1,
        color: theme.fargateStroke,
      });
      for (let k = 0; k < cells; k++) {
        const x = area.cellArea.x + (k % area.perRow) * (g.cell + g.cellGap);
        const y = area.cellArea.y + Math.floor(k / area.perRow) * (g.cell + g.cellGap);
        o.rect(x, y, g.cell, g.cell);
      }
      if (cells > 0) o.stroke({ width: 1, color: theme.fargateStroke, alpha: 0.6 });
      this.caption.tint = theme.mutedText;
      this.caption.position.set(area.x + g.instancePad, area.y + 4);
    }
    if (counts) this.aggregate.draw({ ...area.cellArea, h: g.aggregateBarH }, counts, 0);
    else this.aggregate.hide();
  }

  /** Removes the view for good (AZs rarely come and go, so these are not pooled). */
  destroy(): void {
    this.outline.destroy();
    this.caption.destroy();
    this.aggregate.destroy();
  }
}
