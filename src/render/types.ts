/**
 * The public contract of the cluster canvas (what src/ui codes against).
 */
import type { Application } from 'pixi.js';
import type { EntityRef, SimState } from '../sim/model.ts';
import type { K8sState } from '../sim/k8s/model.ts';

/** Which cluster(s) the canvas shows (the machine's ClusterView). */
export type CanvasView = 'ECS' | 'EKS' | 'SIDE_BY_SIDE';
import type { LevelOfDetail, Rect } from './layout.ts';
import type { ThemeName } from './palette.ts';

/** Options of createClusterCanvas. */
export interface ClusterCanvasOptions {
  /** Make every animation instant (prefers-reduced-motion); a crash still shows its colour briefly. */
  reducedMotion?: boolean;
  /** Renderer preference; WebGL by default, 'canvas' falls back where WebGL is unavailable. */
  preference?: 'webgl' | 'canvas';
  theme?: ThemeName;
  /** Size in CSS px; when omitted the canvas follows the host element's size. */
  width?: number;
  height?: number;
}

/** Counters for tests and the bench. */
export interface ClusterCanvasStats {
  /** Request particles in flight, tasks glowing by CPU, offered requests/s (traffic-view.ts). */
  readonly traffic?: { readonly particles: number; readonly glowing: number; readonly rps: number };
  /** Image-pull progress rings drawn on PENDING tasks (pull-view.ts). */
  readonly pullRings?: number;
  /** The same for the EKS Services' traffic to pods (k8s-traffic-view.ts). */
  readonly eksTraffic?: {
    readonly particles: number;
    readonly glowing: number;
    readonly rps: number;
  };
  /** Live views of every kind (tasks, instances, Fargate areas, AZ columns). */
  readonly views: number;
  /** Live task tiles. */
  readonly taskViews: number;
  /**
   * Rectangles the quad batches draw now (quad-batch.ts): task tiles (live and exiting) and
   * `chromeQuads` (instance outlines, baselines, resource bars, Fargate outline dashes, aggregated
   * status bars).
   */
  readonly tileQuads: number;
  readonly chromeQuads: number;
  /** Views waiting in pools for reuse. */
  readonly pooled: number;
  /** Views ever created by pools (stays flat when views are reused). */
  readonly created: number;
  /** Task views with an animation in progress (including exits). */
  readonly animating: number;
  /** Ticker frames run; stays flat while idle (the ticker stops). */
  readonly frames: number;
  /** Snapshots applied (an unchanged version is not counted). */
  readonly updates: number;
  /** Animation step + Pixi render of the last frame, ms (CPU side). */
  readonly lastFrameMs: number;
  /** Layout + diff of the last snapshot, ms. */
  readonly lastUpdateMs: number;
  readonly lod: LevelOfDetail;
  /** Tasks above which the canvas draws aggregated bars (LOD_TASK_THRESHOLD). */
  readonly lodThreshold: number;
  readonly zoom: number;
  /** EKS pod tiles drawn (0 when the EKS area is hidden). */
  readonly podTiles: number;
  /** EKS pods animating in and out now, and sprites ever created for it (pooled). */
  readonly podTransitions?: {
    readonly entering: number;
    readonly exiting: number;
    readonly created: number;
  };
}

/** A mounted cluster canvas. */
export interface ClusterCanvas {
  readonly app: Application;
  /** Shows the newest snapshot; returns at once when state.version is unchanged. */
  update(state: SimState): void;
  /**
   * Shows the EKS cluster (if any) and picks which cluster(s) are drawn; side by side puts EKS right
   * of ECS, or below it when the viewport is tall enough that it is drawn larger there.
   */
  updateK8s(k8s: K8sState | undefined, view: CanvasView): void;
  /** Outlines the selected entity (undefined clears). */
  setSelection(ref: EntityRef | undefined): void;
  /** Pulsing ring around what a scenario step is about (undefined clears). */
  setFocus(ref: EntityRef | undefined): void;
  /** Calls `cb` on a click: a task, instance or AZ, a service (legend row), or undefined (background). */
  onSelect(cb: (ref: EntityRef | undefined) => void): () => void;
  setTheme(theme: ThemeName): void;
  /**
   * Sizes the ECS legend `k` times its normal size (presenter mode: PRESENTER_LEGEND_SCALE) and
   * fits the cluster into the width it leaves free.
   */
  setLegendScale(k: number): void;
  /** Animations off (true: changes show at once) or on; `<cp-app>` follows prefers-reduced-motion. */
  setReducedMotion(reduced: boolean): void;
  resize(width: number, height: number): void;
  /** Zoom and pan back to fit the whole cluster. */
  resetView(): void;
  /** Zooms by `factor` around the viewport centre (+/- keys, toolbar buttons). */
  zoomBy(factor: number): void;
  /** Screen-space rectangle (CSS px, relative to the canvas) of an entity, if drawn. */
  locate(ref: EntityRef): Rect | undefined;
  /**
   * What is under canvas point (x, y) (CSS px): the entity the hit test finds, and `fargateAz` when
   * the point is in an AZ's Fargate area (drop targets of the palette, issue 5).
   */
  pick(x: number, y: number): { readonly ref?: EntityRef; readonly fargateAz?: string };
  /** Current tile colour of a task (0xRRGGBB), if it has a tile. */
  tint(taskId: string): number | undefined;
  stats(): ClusterCanvasStats;
  destroy(): void;
}
