/**
 * Traffic on the canvas: a load balancer badge above the cluster with its alarm state and the next
 * scaling action, requests flowing from it to the tasks as particles (their number follows the
 * request rate, their targets each task's share of it), and a glow around each task by its CPU
 * utilisation. Reads snapshots only. Particles are a fixed pool of sprites moved in place each
 * frame (no per-frame allocation); the glow and badge are redrawn only when a snapshot arrives.
 */
import { Container, Graphics, Sprite, Text, Texture } from 'pixi.js';
import { traffic, type SimState } from '../sim/index.ts';
import type { ClusterLayout } from './layout-types.ts';
import type { ThemeColors } from './palette.ts';

/** Most particles on screen, however many tasks or requests (keeps the frame cost flat). */
export const MAX_PARTICLES = 320;
const TRAVEL_MS = 900;
const PARTICLE_SIZE = 5;

/** Glow colour by CPU %: warm above 40 %, hot above 70 %, red above 90 %. */
function glowColor(cpu: number): number {
  if (cpu >= 90) return 0xe5383b;
  if (cpu >= 70) return 0xff7a00;
  return 0xf5b700;
}

export class TrafficView {
  readonly root = new Container({ label: 'traffic' });
  private readonly glow = new Graphics();
  private readonly badge = new Graphics();
  private readonly label = new Text({
    text: '',
    style: { fontFamily: 'system-ui, sans-serif', fontSize: 15, fontWeight: '600', fill: 0x111827 },
  });
  private readonly particles: Sprite[] = [];
  private readonly progress = new Float32Array(MAX_PARTICLES);
  private readonly target = new Int32Array(MAX_PARTICLES);
  /** Flow targets (task slot centres) and their cumulative request shares; grown, never shrunk. */
  private tx = new Float32Array(64);
  private ty = new Float32Array(64);
  private cum = new Float64Array(64);
  private targets = 0;
  private active = 0;
  private sourceX = 0;
  private sourceY = 0;
  private seed = 0x9e3779b9;
  private lastFrame = 0;
  private glowing = 0;
  private totalRps = 0;
  private badgeHeight = 0;

  constructor() {
    this.root.addChild(this.glow, this.badge, this.label);
    for (let i = 0; i < MAX_PARTICLES; i++) {
      const p = new Sprite(Texture.WHITE);
      p.width = PARTICLE_SIZE;
      p.height = PARTICLE_SIZE;
      p.anchor.set(0.5);
      p.tint = 0x1f6feb;
      p.visible = false;
      this.particles.push(p);
      this.root.addChild(p);
    }
    this.root.visible = false;
  }

  /** World height above y = 0 taken by the badge (the canvas fits it into view). */
  get topMargin(): number {
    return this.root.visible ? this.badgeHeight + 16 : 0;
  }

  /** True while particles are moving (the canvas keeps its ticker running). */
  get flowing(): boolean {
    return this.root.visible && this.active > 0;
  }

  stats(): { particles: number; glowing: number; rps: number } {
    return { particles: this.active, glowing: this.glowing, rps: this.totalRps };
  }

  /** Applies a snapshot: badge text, glow rectangles, flow targets and particle count. */
  sync(state: SimState, layout: ClusterLayout, theme: ThemeColors, aggregate: boolean): void {
    const tr = state.traffic;
    const services = tr ? Object.keys(tr.serviceLoadBalancers).sort() : [];
    if (!tr || services.length === 0) {
      this.root.visible = false;
      this.active = 0;
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
    const wrap = Math.max(180, layout.width - 24);
    if (this.label.style.wordWrapWidth !== wrap) {
      this.label.style.wordWrap = true;
      this.label.style.wordWrapWidth = wrap;
    }
    if (this.label.text !== text) this.label.text = text;
    const h = this.label.height + 12;
    this.badgeHeight = h;
    const w = Math.max(200, this.label.width + 24);
    const x = Math.max(0, (layout.width - w) / 2);
    const y = -h - 16;
    this.badge.clear();
    this.badge
      .roundRect(x, y, w, h, 8)
      .fill({ color: 0xffffff, alpha: 0.95 })
      .stroke({ width: 2, color: theme.selection });
    this.label.position.set(x + 12, y + 6);
    this.sourceX = x + w / 2;
    this.sourceY = y + h;

    // Glow and flow targets from the tasks' last-step traffic.
    this.glow.clear();
    this.glowing = 0;
    let n = 0;
    let total = 0;
    const taskTraffic = tr.taskTraffic;
    for (const id in taskTraffic) {
      const t = taskTraffic[id]!;
      const slot = aggregate ? undefined : layout.taskSlots.get(id);
      if (!slot) continue;
      if (t.cpuPercent >= 40) {
        this.glowing++;
        this.glow.rect(slot.x - 2, slot.y - 2, slot.w + 4, slot.h + 4).stroke({
          width: 3,
          color: glowColor(t.cpuPercent),
          alpha: Math.min(1, 0.35 + t.cpuPercent / 150),
        });
      }
      if (t.rps <= 0) continue;
      if (n >= this.cum.length) this.grow();
      total += t.rps;
      this.tx[n] = slot.x + slot.w / 2;
      this.ty[n] = slot.y + slot.h / 2;
      this.cum[n] = total;
      n++;
    }
    this.targets = n;
    // Density: about 3 particles per √(req/s), capped; none when nothing is routed.
    const want =
      n === 0 ? 0 : Math.min(MAX_PARTICLES, Math.max(8, Math.round(3 * Math.sqrt(total))));
    for (let i = this.active; i < want; i++) {
      this.progress[i] = this.random();
      this.target[i] = this.pick();
    }
    for (let i = want; i < this.active; i++) this.particles[i]!.visible = false;
    for (let i = 0; i < want; i++) {
      if (this.target[i]! >= n) this.target[i] = this.pick();
      this.particles[i]!.visible = true;
    }
    this.active = want;
  }

  /** Moves the particles (once per frame; allocation-free). */
  step(now: number, motion: number): void {
    const dt = this.lastFrame === 0 ? 16 : Math.min(100, now - this.lastFrame);
    this.lastFrame = now;
    if (!this.root.visible || this.active === 0) return;
    const speed = motion > 0 ? dt / TRAVEL_MS : 0;
    for (let i = 0; i < this.active; i++) {
      let t = this.progress[i]! + speed;
      if (t >= 1) {
        t -= 1;
        this.target[i] = this.pick();
      }
      this.progress[i] = t;
      const k = this.target[i]!;
      const p = this.particles[i]!;
      const ease = t * t * (3 - 2 * t);
      p.x = this.sourceX + (this.tx[k]! - this.sourceX) * ease;
      p.y = this.sourceY + (this.ty[k]! - this.sourceY) * ease;
      p.alpha = t < 0.9 ? 1 : (1 - t) * 10;
    }
  }

  private grow(): void {
    const size = this.cum.length * 2;
    const tx = new Float32Array(size);
    const ty = new Float32Array(size);
    const cum = new Float64Array(size);
    tx.set(this.tx);
    ty.set(this.ty);
    cum.set(this.cum);
    this.tx = tx;
    this.ty = ty;
    this.cum = cum;
  }

  /** A target index drawn in proportion to each task's request share (binary search). */
  private pick(): number {
    const n = this.targets;
    if (n === 0) return 0;
    const r = this.random() * this.cum[n - 1]!;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cum[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** xorshift32: a cheap visual-only random stream (never touches the simulation). */
  private random(): number {
    let x = this.seed;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.seed = x >>> 0;
    return this.seed / 4294967296;
  }
}
