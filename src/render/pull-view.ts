/**
 * The image-pull indicator: while a task is PENDING and its agent is pulling the image
 * (Task.imagePull, src/sim/image-registry.ts), a progress ring around its tile fills clockwise from
 * the top with the share of the pull that has elapsed; a pull that is failing (the agent is
 * retrying a manifest that does not exist) draws a red ring. One Graphics for all tasks, cleared and
 * redrawn when a snapshot changes (sim time moves in 1 s steps), bounded by MAX_RINGS.
 */
import { Container, Graphics } from 'pixi.js';
import type { SimState } from '../sim/model.ts';
import type { ClusterLayout } from './layout.ts';
import { pullProgress } from './pull-progress.ts';

export { pullProgress };

/** Blue of the ring (Okabe–Ito blue: readable on every theme and for colour-blind viewers). */
export const PULL_RING_COLOR = 0x0072b2;
/** Red of a failing pull (the colour the canvas uses for faults). */
export const PULL_FAIL_COLOR = 0xd55e00;
/** At most this many rings are drawn (a mass deploy would otherwise redraw thousands). */
export const MAX_RINGS = 400;

/** Ring radius relative to the tile size. */
const RING_SCALE = 0.8;

export class PullView {
  readonly root = new Container({ label: 'pulls' });
  private readonly g = new Graphics();
  /** Rings drawn by the last sync (tests, stats). */
  drawn = 0;

  constructor() {
    this.root.addChild(this.g);
  }

  /** Redraws the rings of every pulling task that has a tile slot. */
  sync(state: SimState, layout: ClusterLayout): void {
    const g = this.g.clear();
    let n = 0;
    if (layout.lod === 'tiles') {
      for (const id in state.tasks) {
        if (n >= MAX_RINGS) break;
        const task = state.tasks[id];
        if (!task) continue;
        const p = pullProgress(task, state.now);
        if (p === undefined) continue;
        const slot = layout.taskSlots.get(id);
        if (!slot) continue;
        const cx = slot.x + slot.w / 2;
        const cy = slot.y + slot.h / 2;
        const r = slot.w * RING_SCALE;
        const failing = task.imagePull?.error !== undefined;
        g.circle(cx, cy, r).stroke({ width: 1.5, color: PULL_RING_COLOR, alpha: 0.25 });
        const end = -Math.PI / 2 + (failing ? 2 * Math.PI : Math.max(0.08, p) * 2 * Math.PI);
        g.moveTo(cx, cy - r)
          .arc(cx, cy, r, -Math.PI / 2, end)
          .stroke({ width: 2, color: failing ? PULL_FAIL_COLOR : PULL_RING_COLOR });
        n++;
      }
    }
    this.drawn = n;
  }
}
