/**
 * The canvas's EKS area: which cluster(s) are shown (ECS, EKS, side by side), where the EKS area
 * sits in the world (right of the ECS layout when side by side, or below it when that fits the
 * viewport larger: a tall, narrow stage such as a scenario's beside its narration), its layout and view, hit testing
 * and selection rectangles in world coordinates. The canvas delegates to it; it decides nothing.
 */
import type { EntityRef } from '../sim/model.ts';
import type { K8sState } from '../sim/k8s/model.ts';
import { hitTestK8s, layoutK8s, type K8sLayout } from './k8s-layout.ts';
import { K8sView } from './k8s-view.ts';
import { K8sTrafficView } from './k8s-traffic-view.ts';
import { PodTransitions } from './k8s-pod-transitions.ts';
import type { ClusterLayout, Rect } from './layout-types.ts';
import type { ThemeColors } from './palette.ts';
import type { CanvasView } from './types.ts';

/** Gap between the ECS and the EKS cluster when side by side (world px). */
export const SIDE_BY_SIDE_GAP = 32;

export class EksArea {
  private readonly view = new K8sView();
  /** Service traffic: caption, request particles to pods, CPU glow (k8s-traffic-view.ts). */
  private readonly traffic = new K8sTrafficView();
  /** Pod enter/exit animation (k8s-pod-transitions.ts). */
  private readonly transitions = new PodTransitions();
  /** 0 with reduced motion (set by the canvas; also refreshed each frame by `step`). */
  motion = 1;
  private k8s: K8sState | undefined;
  private mode: CanvasView = 'ECS';
  private layout: K8sLayout | undefined;
  private layoutOf: K8sState | undefined;
  private ox = 0;
  private oy = 0;

  constructor() {
    // Transitions sit under the pod tiles (above the node boxes): the halo rings a new tile
    // without tinting it; a leaving tile is no longer drawn, so its sprite shows.
    this.view.root.addChildAt(this.transitions.root, 1);
    this.view.root.addChild(this.traffic.root);
  }

  get root() {
    return this.view.root;
  }

  /** True while request particles move in the EKS area. */
  get flowing(): boolean {
    return this.showsEks && (this.traffic.flowing || this.transitions.animating);
  }

  podTransitions(): { entering: number; exiting: number; created: number } {
    return this.transitions.counts();
  }

  trafficStats(): { particles: number; glowing: number; rps: number } {
    return this.traffic.stats();
  }

  /** Per frame: moves the request particles (allocation-free). */
  step(now: number, motion: number): void {
    this.motion = motion;
    this.transitions.step(now, motion);
    if (this.showsEks) this.traffic.step(now, motion);
  }

  /** True unless only the EKS cluster is shown. */
  get showsEcs(): boolean {
    return this.mode !== 'EKS' || this.k8s === undefined;
  }

  private get showsEks(): boolean {
    return this.mode !== 'ECS' && this.k8s !== undefined;
  }

  set labelsVisible(on: boolean) {
    this.view.labelsVisible = on;
  }

  get podTiles(): number {
    return this.showsEks ? (this.layout?.pods.size ?? 0) : 0;
  }

  /** Takes a new snapshot; returns whether anything to draw changed. */
  set(k8s: K8sState | undefined, mode: CanvasView): boolean {
    if (k8s === this.k8s && mode === this.mode) return false;
    const changed = mode !== this.mode || k8s?.version !== this.k8s?.version || !k8s !== !this.k8s;
    this.k8s = k8s;
    this.mode = mode;
    return changed;
  }

  /**
   * Lays out and draws the EKS cluster next to (or instead of) the ECS layout; side by side, `fit`
   * (the viewport the world is fitted into) decides whether it goes right of or below the ECS one.
   */
  sync(ecs: ClusterLayout, theme: ThemeColors, themeName: string, fit?: Size): void {
    const k8s = this.k8s;
    this.view.root.visible = this.showsEks;
    if (!k8s || !this.showsEks) return;
    if (this.layoutOf !== k8s) {
      const before = this.layout;
      this.layout = layoutK8s(k8s);
      this.layoutOf = k8s;
      this.transitions.diff(before, this.layout, performance.now(), this.motion);
    }
    const below =
      this.mode === 'SIDE_BY_SIDE' && fit !== undefined && stacksBelow(ecs, this.layout!, fit);
    this.ox = this.mode === 'SIDE_BY_SIDE' && !below ? ecs.width + SIDE_BY_SIDE_GAP : 0;
    this.oy = below ? ecs.height + SIDE_BY_SIDE_GAP : 0;
    this.view.root.position.set(this.ox, this.oy);
    this.view.sync(this.layout as K8sLayout, theme, themeName, String(k8s.version));
    this.traffic.sync(k8s, this.layout as K8sLayout, theme);
  }

  /** Size of the world to fit in view. */
  worldSize(ecs: ClusterLayout): { w: number; h: number } {
    const l = this.layout;
    if (!this.showsEks || !l) return { w: ecs.width, h: ecs.height };
    if (this.mode === 'EKS') return { w: l.width, h: l.height };
    return {
      w: Math.max(ecs.width, this.ox + l.width),
      h: Math.max(ecs.height, this.oy + l.height),
    };
  }

  pick(x: number, y: number): EntityRef | undefined {
    if (!this.showsEks || !this.layout) return undefined;
    return hitTestK8s(this.layout, x - this.ox, y - this.oy);
  }

  rects(ref: EntityRef): Rect[] {
    const l = this.layout;
    if (!this.showsEks || !l) return [];
    const r =
      ref.kind === 'pod'
        ? l.pods.get(ref.id)
        : ref.kind === 'node'
          ? l.nodes.get(ref.id)
          : undefined;
    return r ? [{ x: r.x + this.ox, y: r.y + this.oy, w: r.w, h: r.h }] : [];
  }
}

type Size = { w: number; h: number };

/**
 * Whether the EKS cluster, side by side with the ECS one, is drawn larger below it than right of it
 * once the camera fits the world into `fit` (the zoom is the smaller of the two ratios).
 */
export function stacksBelow(
  ecs: { width: number; height: number },
  k8s: { width: number; height: number },
  fit: Size,
): boolean {
  const zoom = (w: number, h: number) => Math.min(fit.w / w, fit.h / h);
  const right = zoom(ecs.width + SIDE_BY_SIDE_GAP + k8s.width, Math.max(ecs.height, k8s.height));
  const below = zoom(Math.max(ecs.width, k8s.width), ecs.height + SIDE_BY_SIDE_GAP + k8s.height);
  return below > right;
}
