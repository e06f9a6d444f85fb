/**
 * The canvas's EKS area is loaded the first time a snapshot has an EKS cluster (issue 8: initial
 * JS; the Kubernetes layout, views and formatting are not needed to draw an ECS cluster). Until
 * then this stand-in takes its place: it draws nothing, shows the ECS cluster and remembers the
 * last snapshot, which the real area gets when it arrives (cluster-canvas.ts).
 */
import { Container } from 'pixi.js';
import type { EntityRef } from '../sim/model.ts';
import type { K8sState } from '../sim/k8s/model.ts';
import type { EksArea } from './k8s-area.ts';
import type { ClusterLayout, Rect } from './layout-types.ts';
import type { CanvasView } from './types.ts';

/** What the canvas uses of an EKS area (k8s-area.ts). */
export type EksAreaLike = Pick<
  EksArea,
  | 'root'
  | 'flowing'
  | 'trafficStats'
  | 'podTransitions'
  | 'motion'
  | 'step'
  | 'showsEcs'
  | 'labelsVisible'
  | 'podTiles'
  | 'set'
  | 'sync'
  | 'worldSize'
  | 'pick'
  | 'rects'
>;

export class EksAreaPlaceholder implements EksAreaLike {
  readonly root = new Container();
  readonly flowing = false;
  readonly showsEcs = true;
  readonly podTiles = 0;
  labelsVisible = false;
  /** The last snapshot handed over, for the real area. */
  k8s: K8sState | undefined;
  mode: CanvasView = 'ECS';

  motion = 1;

  trafficStats(): { particles: number; glowing: number; rps: number } {
    return { particles: 0, glowing: 0, rps: 0 };
  }

  podTransitions(): { entering: number; exiting: number; created: number } {
    return { entering: 0, exiting: 0, created: 0 };
  }

  step(): void {}

  set(k8s: K8sState | undefined, mode: CanvasView): boolean {
    this.k8s = k8s;
    this.mode = mode;
    return false;
  }

  sync(): void {}

  worldSize(ecs: ClusterLayout): { w: number; h: number } {
    return { w: ecs.width, h: ecs.height };
  }

  pick(): EntityRef | undefined {
    return undefined;
  }

  rects(): Rect[] {
    return [];
  }
}
