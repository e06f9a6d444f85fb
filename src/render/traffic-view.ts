/**
 * Traffic on the canvas: a load balancer badge above the cluster with its alarm state and the next
 * scaling action, requests flowing from it to the tasks as particles (their number follows the
 * request rate, their targets each task's share of it), and a glow around each task by its CPU
 * utilisation. Reads snapshots only. Particles are a ParticleFlow (particle-flow.ts, shared with the
 * EKS view): a fixed pool of quads moved in place each frame (no per-frame allocation); the glow
 * (one ring quad per glowing task, quad-batch.ts) is redrawn only when a snapshot arrives; the badge
 * is a DOM box placed over the canvas in world coordinates (badge-overlay.ts).
 */
import { Container } from 'pixi.js';
import { BadgeOverlay } from './badge-overlay.ts';
import { traffic, type SimState } from '../sim/index.ts';
import type { ClusterLayout } from './layout-types.ts';
import type { ThemeColors } from './palette.ts';
import { ParticleFlow } from './particle-flow.ts';
import { QuadBatch } from './quad-batch.ts';

/** Most particles on screen, however many tasks or requests (keeps the frame cost flat). */
export const MAX_PARTICLES = 320;

/**
 * The badge's text changes at most this often, ms. Its numbers move with every simulation step;
 * four updates a second stay readable, and the text is not laid out and rasterised again on every
 * frame. The newest text always shows within this time.
 */
export const BADGE_TEXT_MS = 250;

/** Glow colour by CPU %: warm above 40 %, hot above 70 %, red above 90 %. */
function glowColor(cpu: number): number {
  if (cpu >= 90) return 0xe5383b;
  if (cpu >= 70) return 0xff7a00;
  return 0xf5b700;
}

function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Rectangles, colours and alphas of rings, in reused arrays (grown, never shrunk). */
class RingList {
  x = new Float64Array(256);
  y = new Float64Array(256);
  w = new Float64Array(256);
  h = new Float64Array(256);
  color = new Int32Array(256);
  alpha = new Float64Array(256);

  grow(): void {
    const size = this.x.length * 2;
    const more = <T extends Float64Array | Int32Array>(a: T, b: T): T => (b.set(a), b);
    this.x = more(this.x, new Float64Array(size));
    this.y = more(this.y, new Float64Array(size));
    this.w = more(this.w, new Float64Array(size));
    this.h = more(this.h, new Float64Array(size));
    this.color = more(this.color, new Int32Array(size));
    this.alpha = more(this.alpha, new Float64Array(size));
  }
}

export class TrafficView {
  readonly root = new Container({ label: 'traffic' });
  /** One ring per glowing task, drawn in one call; `glowSlots[0, glowing)` are shown. */
  private readonly glow = new QuadBatch(256, 'glow', 'ring');
  private readonly glowSlots: number[] = [];
  private readonly badge: BadgeOverlay;
  /** The badge's text now and the widest it may grow (world px). */
  private text = '';
  private wrap = 0;
  private readonly flow = new ParticleFlow(MAX_PARTICLES, 0x1f6feb);
  private readonly load = new traffic.TaskLoadReader();
  /** The glow rings of a snapshot, written into the glow batch in one call (setRings). */
  private readonly rings = new RingList();
  private glowing = 0;
  private totalRps = 0;
  private badgeHeight = 0;
  /** Text waiting for its turn (BADGE_TEXT_MS after the last change), and when that was. */
  private pendingText: string | undefined;
  private textAt = -Infinity;
  /** Where the badge box is (world px) and the cluster width it is centred on. */
  private readonly box = { x: 0, y: 0, w: 0, h: 0, layoutW: 0 };
  private selectionColor = 0;

  /** @param host the canvas's host element (the badge box goes into it). */
  constructor(host: HTMLElement) {
    this.badge = new BadgeOverlay(host);
    this.root.addChild(this.glow.mesh, this.flow.root);
    this.root.visible = false;
  }

  /**
   * Places the badge box for the world's current position and the camera's zoom (CSS px), shown
   * while the traffic view is (call after the camera or visibility changed; writes style only on
   * change).
   */
  placeOverlay(
    origin: { readonly x: number; readonly y: number },
    view: { readonly zoom: number },
  ): void {
    this.badge.place(this.root.visible, this.box, origin, view);
  }

  destroy(): void {
    this.badge.destroy();
  }

  /** World height above y = 0 taken by the badge (the canvas fits it into view). */
  get topMargin(): number {
    return this.root.visible ? this.badgeHeight + 16 : 0;
  }

  /** True while particles are moving or a badge text waits (the canvas keeps its ticker running). */
  get flowing(): boolean {
    return this.root.visible && (this.flow.count > 0 || this.pendingText !== undefined);
  }

  stats(): { particles: number; glowing: number; rps: number } {
    return { particles: this.flow.count, glowing: this.glowing, rps: this.totalRps };
  }

  /** Applies a snapshot: badge text, glow rectangles, flow targets and particle count. */
  sync(state: SimState, layout: ClusterLayout, theme: ThemeColors, aggregate: boolean): void {
    const tr = state.traffic;
    const services = tr ? Object.keys(tr.serviceLoadBalancers).sort() : [];
    if (!tr || services.length === 0) {
      this.root.visible = false;
      this.flow.begin(0, 0);
      this.flow.commit();
      for (let i = 0; i < this.glowing; i++) this.glow.hideSlot(this.glowSlots[i] as number);
      this.glowing = 0;
      this.glow.flush();
      return;
    }
    this.root.visible = true;
    // Badge: one line per load-balanced service (name, rate, alarms, next action).
    const lines: string[] = [];
    this.totalRps = 0;
    for (const name of services) {
      const s = tr.stats[name];
      const o = traffic.scalingOutlook(state, name);
      const alarms = o?.alarms
        .map((a) => `${a.label} ${a.state} ${a.breaching}/${a.needed}`)
        .join(' · ');
      this.totalRps += s?.offeredRps ?? 0;
      lines.push(
        `ALB ${tr.serviceLoadBalancers[name]!.loadBalancerName} → ${name}: ${(s?.offeredRps ?? 0).toFixed(0)} req/s, CPU ${(s?.cpuPercent ?? 0).toFixed(0)} %` +
          (alarms ? `\n${alarms}` : '') +
          (o ? `\nnext: ${o.next}` : ''),
      );
    }
    const text = lines.join('\n');
    // Wrap to the cluster's width so the badge never runs off a small (magnified) cluster.
    this.wrap = Math.max(180, layout.width - 24) + 24;
    this.selectionColor = theme.selection;
    this.box.layoutW = layout.width;
    const now = performance.now();
    if (text === this.text) this.pendingText = undefined;
    else if (lineCount(text) !== lineCount(this.text) || now - this.textAt >= BADGE_TEXT_MS)
      this.setText(text, now);
    else this.pendingText = text;
    const { x, y, w, h } = this.placeBadge();
    this.flow.begin(x + w / 2, y + h);

    // Glow and flow targets from the tasks' last-step traffic (read without a record per task).
    const shownBefore = this.glowing;
    this.glowing = 0;
    // Aggregated (zoomed out): no task slots, so no per-task pass.
    if (!aggregate) {
      this.load.read(tr, state.tasks);
      this.drawLoad(layout);
    }
    for (let i = this.glowing; i < shownBefore; i++)
      this.glow.hideSlot(this.glowSlots[i] as number);
    this.glow.flush();
    // Density: about 3 particles per √(req/s), capped; none when nothing is routed.
    this.flow.commit();
  }

  /**
   * Glow rings and flow targets of the tasks read into `load`. The rings are gathered into `rings`
   * and written in one `setRings` call: a `setRing` call per ring boxed its fractional arguments,
   * ~50 KB of heap numbers per snapshot at 1,000 tasks (issue 8).
   */
  private drawLoad(layout: ClusterLayout): void {
    const load = this.load;
    const slots = layout.taskSlots;
    const r = this.rings;
    let n = 0;
    for (let i = 0; i < load.count; i++) {
      const slot = slots.get(load.ids[i]!);
      if (!slot) continue;
      const cpu = load.cpu[i]!;
      if (cpu >= 40) {
        if (n === this.glowSlots.length) this.glowSlots.push(this.glow.acquire());
        if (n === r.x.length) r.grow();
        // A 3 px stroke centred on the tile's outline grown by 2 px.
        r.x[n] = slot.x - 3.5;
        r.y[n] = slot.y - 3.5;
        r.w[n] = slot.w + 7;
        r.h[n] = slot.h + 7;
        r.color[n] = glowColor(cpu);
        r.alpha[n] = Math.min(1, 0.35 + cpu / 150);
        n++;
      }
      this.flow.add(slot.x + slot.w / 2, slot.y + slot.h / 2, load.rps[i]!);
    }
    this.glow.setRings(this.glowSlots, r.x, r.y, r.w, r.h, 3, r.color, r.alpha, n);
    this.glowing = n;
  }

  /** Moves the particles and shows a waiting badge text when its turn comes (once per frame). */
  step(now: number, motion: number): void {
    this.flow.step(now, this.root.visible ? motion : 0);
    if (this.pendingText !== undefined && now - this.textAt >= BADGE_TEXT_MS) {
      this.setText(this.pendingText, now);
      this.placeBadge();
    }
  }

  private setText(text: string, now: number): void {
    this.text = text;
    this.textAt = now;
    this.pendingText = undefined;
  }

  /** Sizes the badge box to its text, centred above the cluster (world px). */
  private placeBadge(): { x: number; y: number; w: number; h: number } {
    this.badge.set(this.text, this.selectionColor, this.wrap);
    const { w, h } = this.badge.size();
    const b = this.box;
    this.badgeHeight = h;
    b.w = w;
    b.h = h;
    b.x = Math.max(0, (b.layoutW - w) / 2);
    b.y = -h - 16;
    return b;
  }
}
