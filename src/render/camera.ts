/**
 * Zoom and pan of the world container. The camera fits the layout to the viewport until the user
 * zooms or drags; from then on it keeps their view (resetView fits again). Pure arithmetic on the
 * container's position and scale: no allocation per call.
 */
import type { Container } from 'pixi.js';

/** Smallest and largest zoom factors. */
export const MIN_ZOOM = 0.02;
export const MAX_ZOOM = 8;
/** A fitted view never magnifies beyond this, so a tiny cluster is not drawn huge. */
const MAX_FIT_ZOOM = 2.5;

/** The world's camera. */
export class Camera {
  /** True once the user zoomed or panned (auto-fit stops until resetView). */
  userMoved = false;
  /**
   * Counts the changes of the view (fit, zoom, pan): what follows the camera compares this integer
   * each frame instead of re-reading the position and zoom (doubles, boxed on every read by code
   * V8 has not optimised — a per-frame allocation in steady state).
   */
  moves = 0;

  constructor(private readonly world: Container) {}

  /** Current zoom factor. */
  get zoom(): number {
    return this.world.scale.x;
  }

  /** Fits a world of `w`×`h` into the viewport, centred, and clears userMoved. */
  fit(w: number, h: number, viewW: number, viewH: number): void {
    const s = Math.max(
      MIN_ZOOM,
      Math.min(MAX_FIT_ZOOM, viewW / Math.max(1, w), viewH / Math.max(1, h)),
    );
    this.world.scale.set(s);
    this.world.position.set(
      Math.round((viewW - w * s) / 2),
      Math.round(Math.max(0, (viewH - h * s) / 2)),
    );
    this.userMoved = false;
    this.moves++;
  }

  /** Zooms by `factor` keeping the screen point (sx, sy) over the same world point. */
  zoomAt(factor: number, sx: number, sy: number): void {
    const old = this.world.scale.x;
    const next = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, old * factor));
    if (next === old) return;
    const wx = (sx - this.world.position.x) / old;
    const wy = (sy - this.world.position.y) / old;
    this.world.scale.set(next);
    this.world.position.set(sx - wx * next, sy - wy * next);
    this.userMoved = true;
    this.moves++;
  }

  /** Moves the world by a screen-space delta. */
  panBy(dx: number, dy: number): void {
    this.world.position.set(this.world.position.x + dx, this.world.position.y + dy);
    this.userMoved = true;
    this.moves++;
  }

  /** World x of a screen point. */
  toWorldX(sx: number): number {
    return (sx - this.world.position.x) / this.world.scale.x;
  }

  /** World y of a screen point. */
  toWorldY(sy: number): number {
    return (sy - this.world.position.y) / this.world.scale.y;
  }
}
