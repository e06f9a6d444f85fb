/**
 * Traffic on the canvas: a load balancer badge above the cluster with its alarm state and the next
 * scaling action, requests flowing from it to the tasks as particles (their number follows the
 * request rate, their targets each task's share of it), and a glow around each task by its CPU
 * utilisation. Reads snapshots only. Particles are a ParticleFlow (particle-flow.ts, shared with the
 * EKS view): a fixed pool of quads moved in place each frame (no per-frame allocation); the glow is
 * drawn by the task tiles themselves (task-tiles.ts `setGlows`: a tile and its glow are one quad,
 * which halved the quads a loaded cluster draws), set only when a snapshot arrives; the badge is a
 * DOM box placed over the canvas in world coordinates (badge-overlay.ts).
 */
import { Container } from 'pixi.js';
import { BadgeOverlay } from './badge-overlay.ts';
import { traffic, type SimState } from '../sim/index.ts';
import type { ClusterLayout } from './layout-types.ts';
import type { ThemeColors } from './palette.ts';
import { ParticleFlow } from './particle-flow.ts';
import { packColor } from './quad-batch.ts';

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

/** Where the traffic view hands each task's glow (the task tiles, task-tiles.ts). */
export interface GlowSink {
  /** `colors[k]` (RGBA, packColor) for task `ids[k]`, k < count; no glow for the others. */
  setGlows(ids: readonly string[], colors: Uint32Array, count: number): void;
}

export class TrafficView {
  readonly root = new Container({ label: 'traffic' });
  private readonly badge: BadgeOverlay;
  /** The badge's text now and the widest it may grow (world px). */
  private text = '';
  private wrap = 0;
  private readonly flow = new ParticleFlow(MAX_PARTICLES, 0x1f6feb);
  private readonly load = new traffic.TaskLoadReader();
  /** The glowing tasks of a snapshot and their glow (reused arrays, grown when needed). */
  private glowIds: string[] = [];
  private glowColors = new Uint32Array(256);
  private glowing = 0;
  private totalRps = 0;
  private badgeHeight = 0;
  /** Text waiting for its turn (BADGE_TEXT_MS after the last change), and when that was. */
  private pendingText: string | undefined;
  private textAt = -Infinity;
  /** Where the badge box is (world px) and the cluster width it is centred on. */
  private readonly box = { x: 0, y: 0, w: 0, h: 0, layoutW: 0 };
  private selectionColor = 0;

  /**
   * @param host the canvas's host element (the badge box goes into it).
   * @param glows what draws each task's glow (the task tiles).
   */
  constructor(
    host: HTMLElement,
    private readonly glows: GlowSink,
  ) {
    this.badge = new BadgeOverlay(host);
    this.root.addChild(this.flow.root);
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
      if (this.glowing > 0) this.glows.setGlows(this.glowIds, this.glowColors, 0);
      this.glowing = 0;
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
    // Aggregated (zoomed out): no task tiles, so no per-task pass.
    if (!aggregate) {
      this.load.read(tr, state.tasks);
      this.drawLoad(layout);
    } else this.glowing = 0;
    // Density: about 3 particles per √(req/s), capped; none when nothing is routed.
    this.flow.commit();
  }

  /**
   * Glows and flow targets of the tasks read into `load`: each glowing task's id and glow colour
   * are gathered into reused arrays and handed to the tiles in one call (no record per task).
   */
  private drawLoad(layout: ClusterLayout): void {
    const load = this.load;
    const slots = layout.taskSlots;
    let n = 0;
    for (let i = 0; i < load.count; i++) {
      const id = load.ids[i]!;
      const slot = slots.get(id);
      if (!slot) continue;
      const cpu = load.cpu[i]!;
      if (cpu >= 40) {
        if (n === this.glowColors.length) {
          const more = new Uint32Array(n * 2);
          more.set(this.glowColors);
          this.glowColors = more;
        }
        this.glowIds[n] = id;
        this.glowColors[n] = packColor(glowColor(cpu), Math.min(1, 0.35 + cpu / 150));
        n++;
      }
      this.flow.add(slot.x + slot.w / 2, slot.y + slot.h / 2, load.rps[i]!);
    }
    this.glows.setGlows(this.glowIds, this.glowColors, n);
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
