/**
 * The Fargate area of one Availability Zone: a dashed outline (there are no instances to see or
 * manage), a caption, and one small outlined cell per Fargate task, because Fargate runs each task in
 * its own isolated compute environment [ECS-DG Fargate]. In aggregate mode the cells give way to a
 * status bar. The dashes are quads of the canvas's chrome QuadBatch and the cells quads of a shared
 * 'ring' QuadBatch (stroked Graphics cost a textured draw and many triangles per frame on software
 * WebGL; see `npm run bench`), set only when geometry, cell count or theme changes.
 */
import { BitmapText, type Container, type Graphics } from 'pixi.js';
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

/**
 * Calls `rect` with each dash of the dashed outline `dashedRect` draws, as the rectangle a 1 px
 * butt-capped stroke of it covers (so quads draw the same pixels as the Graphics stroke did).
 */
export function dashedRectDashes(
  x: number,
  y: number,
  w: number,
  h: number,
  rect: (x: number, y: number, w: number, h: number) => void,
  dash = 6,
  gap = 4,
  width = 1,
): void {
  const half = width / 2;
  const edge = (x0: number, y0: number, x1: number, y1: number): void => {
    const len = Math.hypot(x1 - x0, y1 - y0);
    for (let d = 0; d < len; d += dash + gap) {
      const e = Math.min(d + dash, len);
      const ax = x0 + ((x1 - x0) * d) / len;
      const ay = y0 + ((y1 - y0) * d) / len;
      const bx = x0 + ((x1 - x0) * e) / len;
      const by = y0 + ((y1 - y0) * e) / len;
      // Axis-aligned edges only: the stroke widens the dash across its direction.
      if (ay === by) rect(Math.min(ax, bx), ay - half, Math.abs(bx - ax), width);
      else rect(ax - half, Math.min(ay, by), width, Math.abs(by - ay));
    }
  };
  edge(x, y, x + w, y);
  edge(x + w, y, x + w, y + h);
  edge(x + w, y + h, x, y + h);
  edge(x, y + h, x, y);
}

/** What Fargate views draw into (shared by all of them, so each part is one draw call). */
export interface FargateLayers {
  /** Dashes of the outlines and aggregated status bars (a 'band' QuadBatch). */
  readonly chrome: QuadBatch;
  /** Cell outlines (a 'ring' QuadBatch). */
  readonly cells: QuadBatch;
  readonly labels: Container;
}

/** One AZ's Fargate area. */
export class FargateView {
  readonly caption = new BitmapText({
    text: FARGATE_CAPTION,
    style: { fontFamily: 'Arial, sans-serif', fontSize: 11, fill: 0xffffff },
  });
  private readonly aggregate: AggregateBar;
  az = '';
  seen = 0;
  private drawnKey = '';
  private readonly chrome: QuadBatch;
  private readonly cells: QuadBatch;
  /** Slots of the outline's dashes (chrome) and of the cells (ring batch) now in use. */
  private readonly dashSlots: number[] = [];
  private readonly cellSlots: number[] = [];
  private dashCount = 0;

  constructor(layers: FargateLayers) {
    this.chrome = layers.chrome;
    this.cells = layers.cells;
    layers.labels.addChild(this.caption);
    this.aggregate = new AggregateBar(layers.chrome);
  }

  /** Sets the next dash quad (taking a slot when needed). */
  private readonly addDash = (x: number, y: number, w: number, h: number): void => {
    if (this.dashCount === this.dashSlots.length) this.dashSlots.push(this.chrome.acquire());
    const slot = this.dashSlots[this.dashCount++] as number;
    this.chrome.set(slot, x, y, w, h, this.dashColor, 1);
  };
  private dashColor = 0;

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
      this.dashColor = theme.fargateStroke;
      this.dashCount = 0;
      dashedRectDashes(area.x, area.y, area.w, area.h, this.addDash);
      while (this.dashSlots.length > this.dashCount)
        this.chrome.release(this.dashSlots.pop() as number);
      const q = this.cells;
      while (this.cellSlots.length < cells) this.cellSlots.push(q.acquire());
      while (this.cellSlots.length > cells) q.release(this.cellSlots.pop() as number);
      for (let k = 0; k < cells; k++) {
        const x = area.cellArea.x + (k % area.perRow) * (g.cell + g.cellGap);
        const y = area.cellArea.y + Math.floor(k / area.perRow) * (g.cell + g.cellGap);
        // A 1 px stroke centred on the cell's edge, as the Graphics rect stroke it replaces.
        q.setRing(
          this.cellSlots[k] as number,
          x - 0.5,
          y - 0.5,
          g.cell + 1,
          g.cell + 1,
          1,
          theme.fargateStroke,
          0.6,
        );
      }
      this.caption.tint = theme.mutedText;
      this.caption.position.set(area.x + g.instancePad, area.y + 4);
    }
    if (counts) this.aggregate.draw({ ...area.cellArea, h: g.aggregateBarH }, counts, 0);
    else this.aggregate.hide();
  }

  /** Removes the view for good (AZs rarely come and go, so these are not pooled). */
  destroy(): void {
    while (this.dashSlots.length > 0) this.chrome.release(this.dashSlots.pop() as number);
    while (this.cellSlots.length > 0) this.cells.release(this.cellSlots.pop() as number);
    this.caption.destroy();
    this.aggregate.destroy();
  }
}
