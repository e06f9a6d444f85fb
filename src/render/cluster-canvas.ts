/**
 * The cluster canvas: a Pixi v8 Application whose world container shows the newest SimState.
 * Each snapshot is laid out (layout.ts) and diffed against the views it already has (one Map per
 * entity kind): new tasks enter from a pool, moved or recoloured ones tween, stopped or vanished ones
 * play their exit (crash flash and shake, or a fade) and go back to the pool. It reads snapshots
 * only and decides nothing. The ticker runs only while something animates or the view moved, so a
 * paused simulation costs no frames at all; a snapshot with an unchanged version is ignored.
 */
import { Application, Container, UPDATE_PRIORITY } from 'pixi.js';
import type { EntityRef, SimState } from '../sim/model.ts';
import type { GroupCounts } from './aggregate-bar.ts';
import { AzView } from './az-view.ts';
import { Camera } from './camera.ts';
import { FargateView } from './fargate-view.ts';
import { contains, hitTest } from './hit-test.ts';
import { wireInput } from './input.ts';
import { InstanceView } from './instance-view.ts';
import { LOD_TASK_THRESHOLD, type ClusterLayout, type Rect } from './layout.ts';
import { LayoutCache } from './layout-cache.ts';
import { Legend, LEGEND_WIDTH } from './legend.ts';
import { entityRects, Outline } from './overlay.ts';
import { THEMES, type ThemeName } from './palette.ts';
import { Pool } from './pool.ts';
import { QuadBatch } from './quad-batch.ts';
import { TaskTiles } from './task-tiles.ts';
import { TrafficView } from './traffic-view.ts';
import { PullView } from './pull-view.ts';
import type { ClusterCanvas, ClusterCanvasOptions, ClusterCanvasStats } from './types.ts';
import type { CanvasView } from './types.ts';
import type { K8sState } from '../sim/k8s/model.ts';
import { EksAreaPlaceholder, type EksAreaLike } from './eks-area-slot.ts';

/**
 * Below this zoom instance and AZ labels are not drawn: 10 px text would be under 8 px, hard to
 * read, and glyph quads are a large share of the filled pixels on software WebGL.
 */
const LABEL_MIN_ZOOM = 0.8;

const NO_TASKS: GroupCounts = [0, 0, 0];

/** performance.mark name set when the first snapshot has been drawn (read by the start bench). */
export const FIRST_FRAME_MARK = 'cp:first-frame';

/** Services of the state (even with no live task) and groups with live tasks, sorted. */
function legendGroups(state: SimState, layout: ClusterLayout): readonly string[] {
  const extra = Object.keys(state.services).filter((s) => !layout.groups.includes(s));
  return extra.length === 0 ? layout.groups : [...layout.groups, ...extra].sort();
}

/** Implementation of ClusterCanvas (create it with createClusterCanvas). */
export class ClusterCanvasImpl implements ClusterCanvas {
  private readonly world = new Container({ label: 'world' });
  private readonly layers = {
    columns: new Container({ label: 'columns' }),
    boxes: new Container({ label: 'boxes' }),
    bars: new Container({ label: 'bars' }),
    tiles: new Container({ label: 'tiles' }),
    exitTiles: new Container({ label: 'exit-tiles' }),
    labels: new Container({ label: 'labels' }),
    overlay: new Container({ label: 'overlay' }),
  };
  private readonly camera = new Camera(this.world);
  /** camera.moves when the load balancer badge was last placed. */
  private badgeMoves = -1;
  private readonly legend: Legend;
  private readonly selectionOutline: Outline;
  private readonly focusOutline: Outline;
  private readonly instanceViews = new Map<string, InstanceView>();
  private readonly fargateViews = new Map<string, FargateView>();
  private readonly azViews = new Map<string, AzView>();
  private readonly instancePool: Pool<InstanceView>;
  private readonly tiles: TaskTiles;
  /** Instance outlines, baselines, resource bars and aggregated status bars: one draw call. */
  private readonly chrome = new QuadBatch(1024, 'chrome', 'solid');
  /** AZ panels (az-view.ts): header strips, outage fills and outlines, one draw call. */
  private readonly panels = new QuadBatch(32, 'az-panels', 'round');
  /** Fargate cell outlines (fargate-view.ts): one draw call, none while there is no cell. */
  private readonly fargateCells = new QuadBatch(64, 'fargate-cells', 'ring');
  private readonly listeners = new Set<(ref: EntityRef | undefined) => void>();
  private state: SimState | undefined;
  private layout: ClusterLayout | undefined;
  private readonly layouts = new LayoutCache();
  private themeName: ThemeName;
  private motion: number;
  private viewW: number;
  private viewH: number;
  /** The legend's size factor (setLegendScale): 1, or PRESENTER_LEGEND_SCALE when presenting. */
  private legendScale = 1;
  private stamp = 0;
  private selection: EntityRef | undefined;
  private focus: EntityRef | undefined;
  private dirty = true;
  private frames = 0;
  private updates = 0;
  private lastFrameMs = 0;
  private lastUpdateMs = 0;
  private frameStart = 0;
  private dragging = false;
  private firstFrameMarked = false;
  private readonly cleanups: (() => void)[] = [];
  /** The EKS area: a placeholder until a snapshot has an EKS cluster (eks-area-slot.ts). */
  private eks: EksAreaLike = new EksAreaPlaceholder();
  private eksLoading = false;
  private destroyed = false;
  /** Load balancer badge, request particles, CPU glow (traffic-view.ts). */
  private readonly traffic: TrafficView;
  /** Image-pull progress rings on PENDING tasks (pull-view.ts). */
  private readonly pulls = new PullView();

  constructor(
    readonly app: Application,
    host: HTMLElement,
    options: ClusterCanvasOptions,
    size: { w: number; h: number },
  ) {
    this.themeName = options.theme ?? 'light';
    this.motion = options.reducedMotion ? 0 : 1;
    this.eks.motion = this.motion;
    this.viewW = size.w;
    this.viewH = size.h;
    this.tiles = new TaskTiles(this.layers, () => this.requestFrame());
    // Each task's CPU glow is drawn by its tile (one quad for both).
    this.traffic = new TrafficView(host, this.tiles);
    this.world.addChild(...Object.values(this.layers));
    this.world.addChildAt(this.eks.root, this.world.getChildIndex(this.layers.overlay));
    this.world.addChildAt(this.traffic.root, this.world.getChildIndex(this.layers.overlay));
    this.world.addChildAt(this.pulls.root, this.world.getChildIndex(this.layers.overlay));
    // Tiles and bands are drawn, not hit-tested by Pixi: hitTest() works on the layout instead.
    this.world.interactiveChildren = false;
    this.legend = new Legend(host, (ref) => this.emit(ref));
    app.stage.addChild(this.world);
    this.selectionOutline = new Outline(this.layers.overlay, 2, 2);
    this.focusOutline = new Outline(this.layers.overlay, 5, 3);
    this.layers.bars.addChild(this.chrome.mesh);
    this.layers.columns.addChild(this.panels.mesh);
    this.layers.boxes.addChild(this.fargateCells.mesh);
    this.instancePool = new Pool(
      () =>
        new InstanceView({
          boxes: this.layers.boxes,
          chrome: this.chrome,
          labels: this.layers.labels,
        }),
    );
    app.renderer.background.color = THEMES[this.themeName].background;
    this.cleanups.push(
      wireInput(app, this.camera, {
        pick: (x, y) =>
          this.eks.pick(x, y) ??
          (this.layout && this.eks.showsEcs ? hitTest(this.layout, x, y) : undefined),
        select: (ref) => this.emit(ref),
        changed: () => this.requestFrame(),
        dragging: (on) => (this.dragging = on),
      }),
    );
    app.ticker.add(this.beginFrame, this, UPDATE_PRIORITY.HIGH);
    app.ticker.add(this.endFrame, this, UPDATE_PRIORITY.UTILITY);
    this.legend.sync([], THEMES[this.themeName], this.themeName);
    this.requestFrame();
  }

  update(state: SimState): void {
    // Renderers skip work when the version is unchanged (model.ts contract).
    if (this.state !== undefined && state.version === this.state.version) return;
    this.state = state;
    this.updates++;
    this.rebuild();
  }

  updateK8s(k8s: K8sState | undefined, view: CanvasView): void {
    if (k8s && this.eks instanceof EksAreaPlaceholder) this.loadEksArea();
    if (!this.eks.set(k8s, view)) return;
    this.rebuild();
  }

  /** Loads the EKS area (its own chunk) and puts it in the placeholder's place. */
  private loadEksArea(): void {
    if (this.eksLoading) return;
    this.eksLoading = true;
    void import('./k8s-area.ts').then(({ EksArea }) => {
      const placeholder = this.eks;
      if (this.destroyed || !(placeholder instanceof EksAreaPlaceholder)) return;
      const area = new EksArea();
      const at = this.world.getChildIndex(placeholder.root);
      this.world.removeChild(placeholder.root);
      this.world.addChildAt(area.root, at);
      this.eks = area;
      area.motion = this.motion;
      area.set(placeholder.k8s, placeholder.mode);
      this.rebuild();
    });
  }

  setSelection(ref: EntityRef | undefined): void {
    this.selection = ref;
    this.drawOverlays();
    this.requestFrame();
  }

  setFocus(ref: EntityRef | undefined): void {
    this.focus = ref;
    this.drawOverlays();
    this.requestFrame();
  }

  onSelect(cb: (ref: EntityRef | undefined) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  setReducedMotion(reduced: boolean): void {
    this.motion = reduced ? 0 : 1;
    this.eks.motion = this.motion;
  }

  setTheme(theme: ThemeName): void {
    if (theme === this.themeName) return;
    this.themeName = theme;
    this.app.renderer.background.color = THEMES[theme].background;
    this.rebuild();
  }

  resize(width: number, height: number): void {
    this.viewW = Math.max(1, Math.round(width));
    this.viewH = Math.max(1, Math.round(height));
    this.app.renderer.resize(this.viewW, this.viewH);
    this.rebuild();
  }

  /**
   * Sizes the ECS legend `k` times its normal size (presenter mode: PRESENTER_LEGEND_SCALE, so the
   * back row can read the states) and fits the cluster into what it leaves free.
   */
  setLegendScale(k: number): void {
    if (k === this.legendScale) return;
    this.legendScale = k;
    this.legend.setScale(k);
    this.rebuild();
  }

  resetView(): void {
    if (this.layout) this.fitCamera(this.layout);
    this.requestFrame();
  }

  /** Zooms by `factor` around the viewport centre (for +/- keys and toolbar buttons). */
  zoomBy(factor: number): void {
    this.camera.zoomAt(factor, this.viewW / 2, this.viewH / 2);
    this.requestFrame();
  }

  locate(ref: EntityRef): Rect | undefined {
    if (!this.layout) return undefined;
    const tile = ref.kind === 'task' ? this.tiles.bounds(ref.id) : undefined;
    const r = tile ?? this.rectsOf(ref)[0];
    if (!r) return undefined;
    const s = this.camera.zoom;
    return {
      x: this.world.position.x + r.x * s,
      y: this.world.position.y + r.y * s,
      w: r.w * s,
      h: r.h * s,
    };
  }

  pick(x: number, y: number): { readonly ref?: EntityRef; readonly fargateAz?: string } {
    if (!this.layout) return {};
    const wx = this.camera.toWorldX(x);
    const wy = this.camera.toWorldY(y);
    const ref = hitTest(this.layout, wx, wy);
    for (const area of this.layout.fargateAreas.values())
      if (contains(area, wx, wy)) return { ...(ref ? { ref } : {}), fargateAz: area.az };
    return ref ? { ref } : {};
  }

  tint(taskId: string): number | undefined {
    return this.tiles.tint(taskId);
  }

  stats(): ClusterCanvasStats {
    return {
      views:
        this.tiles.liveCount + this.instanceViews.size + this.fargateViews.size + this.azViews.size,
      taskViews: this.tiles.liveCount,
      tileQuads: this.tiles.drawnCount,
      chromeQuads: this.chrome.shown,
      pooled: this.tiles.pooledCount + this.instancePool.size,
      created: this.tiles.createdCount + this.instancePool.createdCount,
      animating: this.tiles.animatingCount,
      frames: this.frames,
      updates: this.updates,
      lastFrameMs: this.lastFrameMs,
      lastUpdateMs: this.lastUpdateMs,
      lod: this.layout?.lod ?? 'tiles',
      lodThreshold: LOD_TASK_THRESHOLD,
      zoom: this.camera.zoom,
      podTiles: this.eks.podTiles,
      traffic: this.traffic.stats(),
      pullRings: this.pulls.drawn,
      eksTraffic: this.eks.trafficStats(),
      podTransitions: this.eks.podTransitions(),
    };
  }

  destroy(): void {
    this.destroyed = true;
    for (const off of this.cleanups) off();
    this.listeners.clear();
    this.legend.destroy();
    this.traffic.destroy();
    this.app.destroy(true, { children: true });
  }

  // ---------------------------------------------------------------------------------------------

  private rebuild(): void {
    const state = this.state;
    if (!state) {
      this.requestFrame();
      return;
    }
    const t0 = performance.now();
    // The last layout when this snapshot lays out the same (layout-cache.ts).
    const layout = this.layouts.get(state, { width: this.fitWidth, height: this.viewH });
    this.layout = layout;
    const stamp = ++this.stamp;
    const theme = THEMES[this.themeName];
    const themeName = this.themeName;
    for (const col of layout.azColumns) {
      let v = this.azViews.get(col.az);
      if (!v)
        this.azViews.set(
          col.az,
          (v = new AzView(this.layers.columns, this.panels, this.layers.labels)),
        );
      v.seen = stamp;
      v.sync(col, theme, themeName);
    }
    for (const [az, v] of this.azViews) {
      if (v.seen === stamp) continue;
      v.destroy();
      this.azViews.delete(az);
    }
    const aggregate = layout.lod === 'aggregate';
    for (const box of layout.instances.values()) {
      const inst = state.instances[box.id];
      if (!inst) continue;
      let v = this.instanceViews.get(box.id);
      if (!v) this.instanceViews.set(box.id, (v = this.instancePool.acquire()));
      v.seen = stamp;
      v.sync(
        inst,
        box,
        theme,
        themeName,
        aggregate ? (layout.groupCounts.get(box.id) ?? NO_TASKS) : undefined,
      );
    }
    // Values, not entries: an entry pair per view per snapshot was garbage (issue 8).
    for (const v of this.instanceViews.values()) {
      if (v.seen === stamp) continue;
      this.instanceViews.delete(v.id);
      v.hide();
      this.instancePool.release(v);
    }
    for (const area of layout.fargateAreas.values()) {
      let v = this.fargateViews.get(area.az);
      if (!v)
        this.fargateViews.set(
          area.az,
          (v = new FargateView({
            chrome: this.chrome,
            cells: this.fargateCells,
            labels: this.layers.labels,
          })),
        );
      v.seen = stamp;
      v.sync(
        area,
        layout.lod,
        theme,
        themeName,
        aggregate ? (layout.groupCounts.get(`fargate:${area.az}`) ?? NO_TASKS) : undefined,
      );
    }
    for (const [az, v] of this.fargateViews) {
      if (v.seen === stamp) continue;
      v.destroy();
      this.fargateViews.delete(az);
    }
    if (aggregate) this.tiles.releaseAll();
    else this.tiles.diff(state, layout, stamp, performance.now(), this.motion);
    this.traffic.sync(state, layout, theme, aggregate);
    this.pulls.sync(state, layout);
    this.pulls.root.visible = this.eks.showsEcs;
    this.traffic.root.visible &&= this.eks.showsEcs;
    this.legend.sync(legendGroups(state, layout), theme, themeName);
    // The legend is the ECS tasks' (the EKS area draws its own pod legend): hidden with them.
    this.legend.element.hidden = !this.eks.showsEcs;
    this.eks.sync(layout, theme, themeName, {
      w: this.fitWidth,
      h: this.viewH - this.traffic.topMargin,
    });
    for (const layer of Object.values(this.layers))
      if (layer !== this.layers.overlay) layer.visible = this.eks.showsEcs;
    if (!this.camera.userMoved) this.fitCamera(layout);
    this.drawOverlays();
    this.flush();
    this.placeBadge();
    this.lastUpdateMs = performance.now() - t0;
    this.requestFrame();
  }

  /** Fits the world into view, keeping room above it for the load balancer badge. */
  private fitCamera(layout: ClusterLayout): void {
    const size = this.eks.worldSize(layout);
    const top = this.traffic.topMargin;
    this.camera.fit(size.w, size.h + top, this.fitWidth, this.viewH);
    this.world.position.y += top * this.camera.zoom;
  }

  private drawOverlays(): void {
    const layout = this.layout;
    const theme = THEMES[this.themeName];
    this.selectionOutline.draw(
      layout && this.selection ? this.rectsOf(this.selection) : [],
      theme.selection,
    );
    this.focusOutline.draw(layout && this.focus ? this.rectsOf(this.focus) : [], theme.focus);
    this.focusOutline.graphics.alpha = 1;
  }

  /** World rectangles of an entity: EKS pods/nodes from the EKS area, the rest from the ECS layout. */
  private rectsOf(ref: EntityRef): Rect[] {
    if (ref.kind === 'pod' || ref.kind === 'node') return this.eks.rects(ref);
    return this.layout ? [...entityRects(ref, this.layout, this.state)] : [];
  }

  private emit(ref: EntityRef | undefined): void {
    for (const cb of this.listeners) cb(ref);
  }

  /** Viewport width the cluster is fitted into: the legend strip at the right stays free (if shown). */
  private get fitWidth(): number {
    return Math.max(
      120,
      this.viewW - (this.eks.showsEcs ? Math.round(LEGEND_WIDTH * this.legendScale) : 0),
    );
  }

  // ---- frames --------------------------------------------------------------------------------

  private requestFrame(): void {
    this.dirty = true;
    if (!this.app.ticker.started) this.app.ticker.start();
  }

  private beginFrame(): void {
    const now = performance.now();
    // Labels below ~5 screen px are unreadable: skip drawing them (thousands of glyphs at scale).
    this.layers.labels.visible = this.camera.zoom >= LABEL_MIN_ZOOM && this.eks.showsEcs;
    this.eks.labelsVisible = this.camera.zoom >= LABEL_MIN_ZOOM;
    this.frameStart = now;
    this.frames++;
    this.tiles.step(now);
    this.flush();
    this.traffic.step(now, this.motion);
    // Only when the view moved since (each snapshot places it too: the box or its visibility moved).
    if (this.camera.moves !== this.badgeMoves) this.placeBadge();
    this.eks.step(now, this.motion);
    if (this.focus && this.motion > 0)
      this.focusOutline.graphics.alpha = 0.55 + 0.45 * Math.sin(now / 180);
  }

  /** Places the load balancer badge (a DOM box) over the world where the camera shows it. */
  private placeBadge(): void {
    this.badgeMoves = this.camera.moves;
    this.traffic.placeOverlay(this.world.position, this.camera);
  }

  /** Uploads the quad batches written since the last render (once per frame / snapshot). */
  private flush(): void {
    this.tiles.flush();
    this.chrome.flush();
    this.fargateCells.flush();
    this.panels.flush();
  }

  private endFrame(): void {
    this.lastFrameMs = performance.now() - this.frameStart;
    this.dirty = false;
    if (!this.firstFrameMarked && this.state) {
      // The first frame that drew a snapshot (render runs before this UTILITY-priority callback):
      // `npm run bench` reads this mark's time from navigation start.
      this.firstFrameMarked = true;
      performance.mark(FIRST_FRAME_MARK);
    }
    const pulsing = this.focus !== undefined && this.motion > 0;
    if (
      this.tiles.animatingCount === 0 &&
      !pulsing &&
      !this.dragging &&
      !this.traffic.flowing &&
      !this.eks.flowing
    )
      this.app.ticker.stop();
  }

  /** Registers a cleanup to run on destroy (used by the factory for its ResizeObserver). */
  addCleanup(fn: () => void): void {
    this.cleanups.push(fn);
  }

  get isDirty(): boolean {
    return this.dirty;
  }
}
