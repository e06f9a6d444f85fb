/**
 * A rounded rectangle, filled or stroked, as a few quads of a 'round' QuadBatch (quad-batch.ts)
 * instead of a Graphics: what `roundRect(x, y, w, h, r).fill()` / `.stroke({ width })` draw, with
 * the radius clamped to half the shorter side as Pixi does. Only the four corner pieces run the
 * arc test; the straight parts are plain quads covering exactly the pixels of the Graphics'
 * triangles there, and the pieces never overlap (a translucent fill or stroke blends once).
 *
 * Why not one quad per rectangle: on software WebGL every pixel a quad covers runs its fragment
 * shader, and an outline quad spanning a whole AZ column cost more than the Graphics it replaced;
 * why not a Graphics: it is drawn through Pixi's textured batch, a second pipeline in the frame
 * that cost ~2–3 ms on SwiftShader for three AZ panels (BENCH_LAYERS in scripts/bench-frame.mjs).
 */
import type { QuadBatch } from './quad-batch.ts';

/** Pieces of a rectangle: four corners, then up to four straight parts. */
const PIECES = 8;

export class RoundRect {
  private readonly slots: number[] = [];

  constructor(private readonly batch: QuadBatch) {
    for (let i = 0; i < PIECES; i++) this.slots.push(batch.acquire());
  }

  /** Fills (x, y, w, h) with corners of `radius` px in `color` at `alpha`. */
  fill(
    x: number,
    y: number,
    w: number,
    h: number,
    radius: number,
    color: number,
    alpha: number,
  ): void {
    const r = clampRadius(radius, w, h);
    const q = this.batch;
    const s = this.slots as [number, number, number, number, number, number, number, number];
    const x1 = x + w;
    const y1 = y + h;
    // Corners: the quarter discs.
    q.setRoundPiece(s[0], x, y, r, r, x + r, y + r, r, 0, color, alpha);
    q.setRoundPiece(s[1], x1 - r, y, r, r, x1 - r, y + r, r, 0, color, alpha);
    q.setRoundPiece(s[2], x1 - r, y1 - r, r, r, x1 - r, y1 - r, r, 0, color, alpha);
    q.setRoundPiece(s[3], x, y1 - r, r, r, x + r, y1 - r, r, 0, color, alpha);
    // Between the corners at the top and bottom, and the full-width body between them.
    q.setRoundPiece(s[4], x + r, y, w - 2 * r, r, 0, 0, 0, 0, color, alpha);
    q.setRoundPiece(s[5], x + r, y1 - r, w - 2 * r, r, 0, 0, 0, 0, color, alpha);
    q.setRoundPiece(s[6], x, y + r, w, h - 2 * r, 0, 0, 0, 0, color, alpha);
    q.hideSlot(s[7]);
  }

  /**
   * Strokes the outline of (x, y, w, h) with corners of `radius` px, `width` px wide centred on
   * the edge (like a Graphics stroke), in `color` at `alpha`.
   */
  stroke(
    x: number,
    y: number,
    w: number,
    h: number,
    radius: number,
    width: number,
    color: number,
    alpha: number,
  ): void {
    const r = clampRadius(radius, w, h);
    const q = this.batch;
    const s = this.slots as [number, number, number, number, number, number, number, number];
    const o = width / 2;
    const x1 = x + w;
    const y1 = y + h;
    const c = r + o;
    // Corners: the arcs, each piece from the arc's centre out to the stroke's outer edge.
    q.setRoundPiece(s[0], x - o, y - o, c, c, x + r, y + r, r, width, color, alpha);
    q.setRoundPiece(s[1], x1 - r, y - o, c, c, x1 - r, y + r, r, width, color, alpha);
    q.setRoundPiece(s[2], x1 - r, y1 - r, c, c, x1 - r, y1 - r, r, width, color, alpha);
    q.setRoundPiece(s[3], x - o, y1 - r, c, c, x + r, y1 - r, r, width, color, alpha);
    // The straight sides between the corners.
    q.setRoundPiece(s[4], x + r, y - o, w - 2 * r, width, 0, 0, 0, 0, color, alpha);
    q.setRoundPiece(s[5], x + r, y1 - o, w - 2 * r, width, 0, 0, 0, 0, color, alpha);
    q.setRoundPiece(s[6], x - o, y + r, width, h - 2 * r, 0, 0, 0, 0, color, alpha);
    q.setRoundPiece(s[7], x1 - o, y + r, width, h - 2 * r, 0, 0, 0, 0, color, alpha);
  }

  /** Draws nothing (the slots stay taken). */
  hide(): void {
    for (const s of this.slots) this.batch.hideSlot(s);
  }

  /** Gives the slots back to the batch (last first: the next `acquire`s get them in order). */
  release(): void {
    for (let i = this.slots.length - 1; i >= 0; i--) this.batch.release(this.slots[i] as number);
    this.slots.length = 0;
  }
}

/** Pixi's clamp: a corner radius is at most half the shorter side (and not negative). */
function clampRadius(radius: number, w: number, h: number): number {
  return Math.max(0, Math.min(radius, w / 2, h / 2));
}
