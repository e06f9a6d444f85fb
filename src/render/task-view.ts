/**
 * One task tile: a quad of the tiles' QuadBatch (quad-batch.ts) filled with its lastStatus colour,
 * with a narrow band on its left in its service's colour and, under load, its CPU glow around it
 * (the same quad: quad-batch.ts 'tile' quads); every live tile of the scene is drawn by one draw
 * call. The view only animates what the canvas tells it (enter, move, recolour, glow, crash, exit);
 * it decides nothing.
 */
import { CRASH_COLOR, STATUS_COLORS } from './palette.ts';
import { TILE_SHAPE, type QuadBatch, type TileQuad } from './quad-batch.ts';
import type { Rect } from './layout.ts';
import { DURATIONS, lerp, lerpColor, Tween } from './tween.ts';

/** Width of the service colour band on the left of a tile (world px). */
export const BAND_W = TILE_SHAPE.band;
/** How far left of its slot a new tile starts (it slides in from its service's side). */
const ENTER_OFFSET = 14;
const SHAKE_PX = 2.5;

/**
 * The batches task views draw into: `live` tiles ('tile' quads, with their glow), and `exit` above
 * them ('band' quads), where a leaving tile plays its exit so a replacement taking the same slot
 * does not hide the crash.
 */
export interface TaskBatches {
  readonly live: QuadBatch;
  readonly exit: QuadBatch;
}

/** Lifecycle of a view: live while its task is drawn, exiting while its exit plays, done after. */
export type TaskViewPhase = 'live' | 'exiting' | 'done';

/** A pooled task tile. */
export class TaskView {
  id = '';
  phase: TaskViewPhase = 'done';
  crashed = false;
  /** True while the canvas holds this view in its list of animating views. */
  animating = false;
  /** Last update stamp in which the canvas saw this task (for the exit sweep). */
  seen = 0;
  private x = 0;
  private y = 0;
  /** Where the quad was last drawn (x includes the shake). */
  private drawnX = 0;
  private drawnY = 0;
  private w = 10;
  private h = 10;
  private serviceColor = 0;
  /** The batch and slot of the quad (slot -1: none). */
  private batch: QuadBatch;
  private slot = -1;
  private fromX = 0;
  private fromY = 0;
  private toX = 0;
  private toY = 0;
  private color = 0;
  private fromColor = 0;
  private toColor = 0;
  private alpha = 1;
  private fromAlpha = 1;
  private toAlpha = 1;
  /**
   * CPU glow of a live tile (RGBA, quad-batch.ts packColor; 0: none), and when it was last set.
   * Read and written by TaskTiles.setGlows (a field, not an argument: a packed colour is past the
   * small-integer range, and passed to a call it would be boxed).
   */
  glow = 0;
  glowStamp = 0;
  /** What `draw` hands the live batch (a record: no boxed numbers per call). */
  private readonly quad: TileQuad = { x: 0, y: 0, color: 0, alpha: 1, band: 0, glow: 0 };
  private readonly move = new Tween();
  private readonly recolor = new Tween();
  private readonly fade = new Tween();
  private readonly shake = new Tween();

  constructor(private readonly batches: TaskBatches) {
    this.batch = batches.live;
  }

  /** Starts showing task `id` at `slot`, sliding in from the left and fading in. */
  enter(
    id: string,
    slot: Rect,
    color: number,
    serviceColor: number,
    now: number,
    motion: number,
  ): void {
    this.id = id;
    this.phase = 'live';
    this.crashed = false;
    this.glow = 0;
    this.w = slot.w;
    this.h = slot.h;
    this.serviceColor = serviceColor;
    if (this.slot < 0) {
      this.batch = this.batches.live;
      this.slot = this.batch.acquire();
    }
    this.fromX = slot.x - ENTER_OFFSET * motion;
    this.fromY = slot.y;
    this.toX = slot.x;
    this.toY = slot.y;
    this.move.start(now, DURATIONS.enter * motion);
    this.color = this.fromColor = this.toColor = color;
    this.recolor.active = false;
    this.shake.active = false;
    this.fromAlpha = 0;
    this.toAlpha = 1;
    this.fade.start(now, DURATIONS.enter * motion);
    this.step(now);
  }

  /** Moves to a new slot and/or recolours; returns true when something needs animating. */
  retarget(slot: Rect, color: number, now: number, motion: number): boolean {
    let changed = false;
    if (slot.x !== this.toX || slot.y !== this.toY) {
      this.fromX = this.x;
      this.fromY = this.y;
      this.toX = slot.x;
      this.toY = slot.y;
      this.move.start(now, DURATIONS.move * motion);
      changed = true;
    }
    if (!this.crashed && color !== this.toColor) {
      this.fromColor = this.color;
      this.toColor = color;
      this.recolor.start(now, DURATIONS.color * motion);
      changed = true;
    }
    return changed;
  }

  /** An essential container exited: flash the crash colour and shake (no shake under reduced motion). */
  crash(now: number, motion: number): void {
    if (this.crashed) return;
    this.crashed = true;
    this.color = this.fromColor = this.toColor = CRASH_COLOR;
    this.recolor.active = false;
    this.shake.start(now, DURATIONS.shake * motion);
    this.step(now);
  }

  /**
   * The task stopped or vanished: fade to the STOPPED grey and out (after the crash shake, if any),
   * then the canvas returns the view to the pool. Under reduced motion a crashed tile holds its crash
   * colour without motion for a moment, then disappears.
   */
  exit(now: number, motion: number): void {
    if (this.phase !== 'live') return;
    this.phase = 'exiting';
    this.glow = 0;
    if (this.slot >= 0) this.batch.release(this.slot);
    this.batch = this.batches.exit;
    this.slot = this.batch.acquire();
    const begin = this.crashed ? now + (motion > 0 ? DURATIONS.shake : DURATIONS.reducedHold) : now;
    const duration = (this.crashed ? DURATIONS.crashFade : DURATIONS.exit) * motion;
    this.fromColor = this.color;
    this.toColor = STATUS_COLORS.STOPPED;
    this.recolor.start(begin, duration);
    this.fromAlpha = this.alpha;
    this.toAlpha = 0;
    this.fade.start(begin, duration);
    this.step(now);
  }

  /** Applies the animations at time `now`; returns true while anything is still moving. */
  step(now: number): boolean {
    const m = this.move.progress(now);
    this.x = lerp(this.fromX, this.toX, m);
    this.y = lerp(this.fromY, this.toY, m);
    let dx = 0;
    if (this.shake.active) {
      const t = this.shake.raw(now);
      dx = Math.sin(t * Math.PI * 12) * SHAKE_PX * (1 - t);
      if (t >= 1) this.shake.active = false;
    }
    this.color = lerpColor(this.fromColor, this.toColor, this.recolor.progress(now));
    this.alpha = lerp(this.fromAlpha, this.toAlpha, this.fade.progress(now));
    this.drawnX = this.x + dx;
    this.drawnY = this.y;
    this.draw();
    const busy = this.move.active || this.recolor.active || this.fade.active || this.shake.active;
    if (!busy && this.phase === 'exiting') this.phase = 'done';
    return busy;
  }

  /** Writes the quad as the view stands (a live tile with its glow; an exiting one without). */
  draw(): void {
    if (this.slot < 0) return;
    if (this.batch === this.batches.live) {
      const q = this.quad;
      q.x = this.drawnX;
      q.y = this.drawnY;
      q.color = this.color;
      q.alpha = this.alpha;
      q.band = this.serviceColor;
      q.glow = this.glow;
      this.batch.setTile(this.slot, q);
    } else
      this.batch.set(
        this.slot,
        this.drawnX,
        this.drawnY,
        this.w,
        this.h,
        this.color,
        this.alpha,
        BAND_W,
        this.serviceColor,
      );
  }

  /** Current tint (for tests and hit feedback). */
  get tint(): number {
    return this.color;
  }

  /** Current top-left and size in world px. */
  get bounds(): Rect {
    return { x: this.drawnX, y: this.drawnY, w: this.w, h: this.h };
  }

  /** Gives the quad back before the view goes back to the pool. */
  hide(): void {
    if (this.slot >= 0) this.batch.release(this.slot);
    this.slot = -1;
    this.batch = this.batches.live;
    this.phase = 'done';
    this.id = '';
  }
}
