/**
 * Traffic on the canvas: a load balancer badge above the cluster with its alarm state and the next
 * scaling action, requests flowing from it to the tasks as particles (their number follows the
 * request rate, their targets each task's share of it), and a glow around each task by its CPU
 * utilisation. Reads snapshots only. Particles are a ParticleFlow (particle-flow.ts, shared with the
 * EKS view): a fixed pool of sprites moved in place each frame (no per-frame allocation); the glow
 * and badge are redrawn only when a snapshot arrives.
 */
import { Container, Graphics, Text } from 'pixi.js';
import { traffic, type SimState } from '../sim/index.ts';
import type { ClusterLayout } from './layout-types.ts';
import type { ThemeColors } from './palette.ts';
import { ParticleFlow } from './particle-flow.ts';

/** Most particles on screen, however many tasks or requests (keeps the frame cost flat). */
export const MAX_PARTICLES = 320;

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
  private readonly flow = new ParticleFlow(MAX_PARTICLES, 0x1f6feb);
  private glowing = 0;
  private totalRps = 0;
  private badgeHeight = 0;

  constructor() {
    this.root.addChild(this.glow, this.badge, this.label, this.flow.root);
    this.root.visible = false;
  }

  /** World height above y = 0 taken by the badge (the canvas fits it into view). */
  get topMargin(): number {
    return this.root.visible ? this.badgeHeight + 16 : 0;
  }

  /** True while particles are moving (the canvas keeps its ticker running). */
  get flowing(): boolean {
    return this.root.visible && this.flow.count > 0;
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
    this.flow.begin(x + w / 2, y + h);

    // Glow and flow targets from the tasks' last-step traffic.
    this.glow.clear();
    this.glowing = 0;
    // Aggregated (zoomed out): no task slots, so no per-task pass.
    if (!aggregate)
      traffic.forEachTaskTraffic(tr, state.tasks, (id, t) => {
        const slot = layout.taskSlots.get(id);
        if (!slot) return;
        if (t.cpuPercent >= 40) {
          this.glowing++;
          this.glow.rect(slot.x - 2, slot.y - 2, slot.w + 4, slot.h + 4).stroke({
            width: 3,
            color: glowColor(t.cpuPercent),
            alpha: Math.min(1, 0.35 + t.cpuPercent / 150),
          });
        }
        this.flow.add(slot.x + slot.w / 2, slot.y + slot.h / 2, t.rps);
      });
    // Density: about 3 particles per √(req/s), capped; none when nothing is routed.
    this.flow.commit();
  }

  /** Moves the particles (once per frame; allocation-free). */
  step(now: number, motion: number): void {
    this.flow.step(now, this.root.visible ? motion : 0);
  }
}
