/**
 * Service traffic on the EKS area: a caption per loaded Service (rate, endpoints, the HPA's
 * current/target), requests flowing as particles from the Service to the pods that serve them
 * (their number follows the rate, their targets each pod's share), and a glow around each pod by
 * its CPU against its request. Reads the snapshot (sim.eks serviceTraffic/podTraffic) only.
 */
import { BitmapText, Container, Graphics } from 'pixi.js';
import type { K8sState, Pod } from '../sim/k8s/model.ts';
import { deploymentHpa, serviceDeployment } from '../sim/k8s/service-traffic.ts';
import { K8S_GEOMETRY, type K8sLayout } from './k8s-layout.ts';
import { ParticleFlow } from './particle-flow.ts';
import type { ThemeColors } from './palette.ts';

/** Most particles on screen for the EKS cluster. */
export const MAX_POD_PARTICLES = 240;

/** Glow colour by CPU % of request: warm above 40 %, hot above 70 %, red above 90 %. */
function glowColor(cpu: number): number {
  if (cpu >= 90) return 0xe5383b;
  if (cpu >= 70) return 0xff7a00;
  return 0xf5b700;
}

function cpuRequest(pod: Pod): number {
  return pod.spec.containers.reduce((a, c) => a + (c.resources?.requests?.cpu ?? 0), 0);
}

export class K8sTrafficView {
  readonly root = new Container({ label: 'eks-traffic' });
  private readonly glow = new Graphics();
  private readonly caption = new BitmapText({
    text: '',
    style: { fontFamily: 'Arial, sans-serif', fontSize: 12, fill: 0xffffff },
  });
  private readonly flow = new ParticleFlow(MAX_POD_PARTICLES, 0x1f6feb);
  private glowing = 0;
  private rps = 0;

  constructor() {
    this.root.addChild(this.glow, this.flow.root, this.caption);
    this.root.visible = false;
  }

  /** True while particles move (the canvas keeps its ticker running). */
  get flowing(): boolean {
    return this.root.visible && this.flow.count > 0;
  }

  stats(): { particles: number; glowing: number; rps: number } {
    return {
      particles: this.root.visible ? this.flow.count : 0,
      glowing: this.glowing,
      rps: this.rps,
    };
  }

  sync(k8s: K8sState, layout: K8sLayout, theme: ThemeColors): void {
    const services = k8s.serviceTraffic ? Object.keys(k8s.serviceTraffic).sort() : [];
    const lines: string[] = [];
    this.rps = 0;
    for (const key of services) {
      const t = k8s.serviceTraffic![key]!;
      if (t.offeredRps <= 0) continue;
      this.rps += t.offeredRps;
      const svc = k8s.services[key];
      const dep = svc ? serviceDeployment(k8s, svc) : undefined;
      const hpaKey = svc && dep ? deploymentHpa(k8s, svc.meta.namespace, dep) : undefined;
      const hpa = hpaKey ? k8s.hpas[hpaKey] : undefined;
      const m = hpa?.status.currentMetrics[0];
      const target = hpa?.spec.metrics?.[0]?.resource.target.averageUtilization;
      lines.push(
        `Service ${svc?.meta.name ?? key} (${svc?.spec.type ?? '?'}): ${t.offeredRps.toFixed(0)} req/s → ${t.endpoints} pods` +
          (t.errorRps > 0 ? `, ${t.errorRps.toFixed(0)} errors/s` : '') +
          (hpa ? ` · HPA ${m === undefined ? '<unknown>' : `${m}%`}/${target ?? '?'}%` : ''),
      );
    }
    if (lines.length === 0) {
      this.root.visible = false;
      this.flow.begin(0, 0);
      this.flow.commit();
      this.glowing = 0;
      return;
    }
    this.root.visible = true;
    const text = lines.join('\n');
    if (this.caption.text !== text) this.caption.text = text;
    this.caption.tint = theme.text;
    const x = Math.max(
      K8S_GEOMETRY.margin,
      layout.width - this.caption.width - K8S_GEOMETRY.margin,
    );
    this.caption.position.set(x, 2);
    this.flow.begin(x + this.caption.width / 2, 2 + this.caption.height);
    this.glow.clear();
    this.glowing = 0;
    const pods = k8s.podTraffic ?? {};
    for (const key in pods) {
      const tile = layout.pods.get(key);
      const pt = pods[key]!;
      const pod = k8s.pods[key];
      if (!tile || !pod) continue;
      this.flow.add(tile.x + tile.w / 2, tile.y + tile.h / 2, pt.rps);
      const req = cpuRequest(pod);
      const pct = req > 0 ? (pt.cpu * 100) / req : 0;
      if (pct >= 40) {
        this.glowing++;
        this.glow.rect(tile.x - 2, tile.y - 2, tile.w + 4, tile.h + 4).stroke({
          width: 2,
          color: glowColor(pct),
          alpha: Math.min(1, 0.35 + pct / 150),
        });
      }
    }
    this.flow.commit();
  }

  step(now: number, motion: number): void {
    if (this.root.visible) this.flow.step(now, motion);
  }
}
