/**
 * All task tiles of the canvas: the Map<taskId, TaskView> diffed against each snapshot, the pool the
 * views come from and go back to, and the list of views with an animation in progress (stepped once
 * per frame, allocation-free). Enter: a task with a new slot takes a pooled view and slides in.
 * Update: a moved or recoloured task tweens. Exit: a task that STOPPED or vanished plays its exit
 * (crash flash and shake when its essential container exited [ECS-API TaskStopCode]) and is
 * returned to the pool when the exit ends.
 */
import type { SimState } from '../sim/model.ts';
import { taskGroupKey, type ClusterLayout, type Rect } from './layout.ts';
import type { TaskSlot } from './layout-types.ts';
import { STATUS_COLORS, serviceColor } from './palette.ts';
import { Pool } from './pool.ts';
import { QuadBatch } from './quad-batch.ts';
import { TaskView } from './task-view.ts';
import type { Container } from 'pixi.js';

/** The task tiles. */
export class TaskTiles {
  private readonly views = new Map<string, TaskView>();
  private readonly pool: Pool<TaskView>;
  private readonly animating: TaskView[] = [];
  /** The layout `slotIds` and `slotList` list (in its slot order), and each slot's view. */
  private listedFor: ClusterLayout | undefined;
  private readonly slotIds: string[] = [];
  private readonly slotList: TaskSlot[] = [];
  private readonly viewAt: (TaskView | undefined)[] = [];
  /** Views given a glow by the last setGlows call, in [0, glowCount), and setGlows's stamp. */
  private glowing: TaskView[] = [];
  private glowingNext: TaskView[] = [];
  private glowCount = 0;
  private glowStamp = 0;
  /** Live tiles (with their glow), and exiting tiles drawn above them (one draw call each). */
  private readonly live = new QuadBatch(256, 'task-tiles', 'tile');
  private readonly exiting = new QuadBatch(64, 'exit-tiles');

  /**
   * @param layers containers for the live tiles' mesh and, above it, the exiting tiles' mesh.
   * @param onAnimate called when a view starts animating (the canvas then runs its ticker).
   */
  constructor(
    layers: { readonly tiles: Container; readonly exitTiles: Container },
    private readonly onAnimate: () => void,
  ) {
    layers.tiles.addChild(this.live.mesh);
    layers.exitTiles.addChild(this.exiting.mesh);
    const batches = { live: this.live, exit: this.exiting };
    this.pool = new Pool(() => new TaskView(batches));
  }

  /** Uploads the tiles changed since the last call (before each render). */
  flush(): void {
    this.live.flush();
    this.exiting.flush();
  }

  /** Quads drawn now (live and exiting tiles). */
  get drawnCount(): number {
    return this.live.shown + this.exiting.shown;
  }

  /**
   * Enter, update and exit tiles against the new layout (tiles level of detail). Walks the
   * layout's slots rather than the task record: a for…in over 1,000+ tasks, a dictionary-mode
   * object, cost several times more, and the layout already did one. The slots are listed once per
   * layout, with each one's view as last seen, so a snapshot laid out the same (layout-cache.ts)
   * looks nothing up in a Map; the exit sweep runs only when some view went unseen.
   */
  diff(state: SimState, layout: ClusterLayout, stamp: number, now: number, motion: number): void {
    const tasks = state.tasks;
    if (layout !== this.listedFor) this.list(layout);
    const ids = this.slotIds;
    const slots = this.slotList;
    const viewAt = this.viewAt;
    let seen = 0;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      const task = tasks[id];
      if (!task) continue;
      const slot = slots[k]!;
      let view = viewAt[k];
      // The view listed here, unless it has left since (its id and phase tell).
      if (view === undefined || view.id !== id || view.phase !== 'live')
        view = viewAt[k] = this.views.get(id);
      const color = STATUS_COLORS[task.lastStatus];
      if (!view) {
        view = viewAt[k] = this.pool.acquire();
        view.enter(id, slot, color, serviceColor(taskGroupKey(task)), now, motion);
        this.views.set(id, view);
        this.animate(view);
      } else if (view.retarget(slot, color, now, motion)) {
        this.animate(view);
      }
      if (task.stopCode === 'EssentialContainerExited' && !view.crashed) {
        view.crash(now, motion);
        this.animate(view);
      }
      view.seen = stamp;
      seen++;
    }
    // Tiles without a slot now: their task STOPPED (a crash flashes first) or vanished.
    if (seen === this.views.size) return;
    for (const view of this.views.values()) {
      if (view.seen === stamp) continue;
      const id = view.id;
      if (tasks[id]?.stopCode === 'EssentialContainerExited') view.crash(now, motion);
      view.exit(now, motion);
      this.views.delete(id);
      this.animate(view);
    }
  }

  /** Lists the layout's slots in order (keys and values: no [key, value] pair per slot). */
  private list(layout: ClusterLayout): void {
    this.listedFor = layout;
    const ids = this.slotIds;
    const slots = this.slotList;
    ids.length = 0;
    slots.length = 0;
    for (const id of layout.taskSlots.keys()) {
      ids.push(id);
      slots.push(layout.taskSlots.get(id)!);
    }
    this.viewAt.length = ids.length;
    this.viewAt.fill(undefined);
  }

  /**
   * The CPU glow of every live tile: `colors[k]` (RGBA, quad-batch.ts packColor) for task `ids[k]`,
   * k < count; none for the others. Call after `diff` for the same snapshot. Allocates nothing.
   */
  setGlows(ids: readonly string[], colors: Uint32Array, count: number): void {
    const stamp = ++this.glowStamp;
    const next = this.glowingNext;
    let n = 0;
    for (let k = 0; k < count; k++) {
      const view = this.views.get(ids[k]!);
      if (!view || view.phase !== 'live') continue;
      const glow = colors[k]!;
      if (view.glow !== glow) {
        view.glow = glow;
        view.draw();
      }
      view.glowStamp = stamp;
      next[n++] = view;
    }
    // Tiles that glowed last time and do not now (a pooled view was reset when it entered again).
    const last = this.glowing;
    for (let k = 0; k < this.glowCount; k++) {
      const view = last[k]!;
      if (view.glowStamp === stamp || view.glow === 0 || view.phase !== 'live') continue;
      view.glow = 0;
      view.draw();
    }
    // Swap the lists (entries past the count are stale: views the pool keeps anyway).
    this.glowing = next;
    this.glowingNext = last;
    this.glowCount = n;
  }

  /** Hides every tile at once and pools it (switching to the aggregate level of detail). */
  releaseAll(): void {
    if (this.views.size === 0 && this.animating.length === 0) return;
    const all = new Set([...this.views.values(), ...this.animating]);
    for (const v of all) {
      v.animating = false;
      v.hide();
      this.pool.release(v);
    }
    this.views.clear();
    this.animating.length = 0;
    this.glowCount = 0;
  }

  /** Steps every animating view to `now`; pools views whose exit ended. No allocation. */
  step(now: number): void {
    const list = this.animating;
    for (let i = list.length - 1; i >= 0; i--) {
      const v = list[i] as TaskView;
      if (v.step(now)) continue;
      v.animating = false;
      list[i] = list[list.length - 1] as TaskView;
      list.pop();
      if (v.phase === 'done') {
        v.hide();
        this.pool.release(v);
      }
    }
  }

  /** Current tile colour of a task, live or exiting. */
  tint(taskId: string): number | undefined {
    const live = this.views.get(taskId);
    if (live) return live.tint;
    for (const v of this.animating) if (v.id === taskId && v.phase === 'exiting') return v.tint;
    return undefined;
  }

  /** Current world rectangle of a live tile. */
  bounds(taskId: string): Rect | undefined {
    return this.views.get(taskId)?.bounds;
  }

  get liveCount(): number {
    return this.views.size;
  }

  get animatingCount(): number {
    return this.animating.length;
  }

  get pooledCount(): number {
    return this.pool.size;
  }

  get createdCount(): number {
    return this.pool.createdCount;
  }

  private animate(view: TaskView): void {
    if (view.animating) return;
    view.animating = true;
    this.animating.push(view);
    this.onAnimate();
  }
}
