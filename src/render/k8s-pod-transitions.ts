/**
 * Pod enter/exit animation on the EKS area: when a pod appears, a ring in its state colour closes
 * in on its tile (300 ms); when a pod disappears, its tile shrinks and fades where it was. The static
 * tiles are drawn by K8sView; these are pooled sprites just under them, started only when a snapshot adds
 * or removes pods and moved in place each frame (no per-frame allocation). With reduced motion
 * (`motion` 0) nothing animates: pods appear and vanish at once.
 */
import { Container, Sprite, Texture } from 'pixi.js';
import { POD_COLORS, type K8sLayout } from './k8s-layout.ts';

export const POD_TRANSITION_MS = 300;

interface Transition {
  kind: 'enter' | 'exit';
  sprite: Sprite;
  start: number;
  cx: number;
  cy: number;
  size: number;
}

export class PodTransitions {
  readonly root = new Container({ label: 'pod-transitions' });
  private readonly pool: Sprite[] = [];
  private readonly active: Transition[] = [];
  private created = 0;

  /** Pods entering / exiting right now. */
  counts(): { entering: number; exiting: number; created: number } {
    let entering = 0;
    for (const t of this.active) if (t.kind === 'enter') entering++;
    return { entering, exiting: this.active.length - entering, created: this.created };
  }

  get animating(): boolean {
    return this.active.length > 0;
  }

  /** Starts transitions for pods added to or removed from the layout since `before`. */
  diff(before: K8sLayout | undefined, after: K8sLayout, now: number, motion: number): void {
    if (motion <= 0 || before === undefined) return;
    for (const [key, tile] of after.pods)
      if (!before.pods.has(key)) this.begin('enter', tile, POD_COLORS[tile.state], now);
    for (const [key, tile] of before.pods)
      if (!after.pods.has(key)) this.begin('exit', tile, POD_COLORS[tile.state], now);
  }

  private begin(
    kind: Transition['kind'],
    tile: { x: number; y: number; w: number; h: number },
    color: number,
    now: number,
  ): void {
    let sprite = this.pool.pop();
    if (!sprite) {
      sprite = new Sprite(Texture.WHITE);
      sprite.anchor.set(0.5);
      this.created++;
      this.root.addChild(sprite);
    }
    sprite.tint = color;
    sprite.visible = true;
    const t: Transition = {
      kind,
      sprite,
      start: now,
      cx: tile.x + tile.w / 2,
      cy: tile.y + tile.h / 2,
      size: Math.max(tile.w, tile.h),
    };
    this.active.push(t);
    this.place(t, 0);
  }

  private place(t: Transition, p: number): void {
    const e = p * p * (3 - 2 * p);
    // Enter: a ring-like halo 2.2× the tile closing in and fading; exit: the tile shrinking away.
    const scale = t.kind === 'enter' ? 2.2 - 1.2 * e : 1 - 0.8 * e;
    const s = t.sprite;
    s.position.set(t.cx, t.cy);
    s.width = t.size * scale;
    s.height = t.size * scale;
    s.alpha = t.kind === 'enter' ? 0.6 * (1 - e) : 1 - e;
  }

  /** Per frame: advances every transition; finished ones go back to the pool. */
  step(now: number, motion: number): void {
    for (let i = this.active.length - 1; i >= 0; i--) {
      const t = this.active[i]!;
      const p = motion > 0 ? (now - t.start) / POD_TRANSITION_MS : 1;
      if (p >= 1) {
        t.sprite.visible = false;
        this.pool.push(t.sprite);
        this.active[i] = this.active[this.active.length - 1]!;
        this.active.pop();
        continue;
      }
      this.place(t, Math.max(0, p));
    }
  }
}
