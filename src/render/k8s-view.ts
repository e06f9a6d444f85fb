/**
 * The EKS area of the canvas: draws a K8sLayout (k8s-layout.ts) — control plane band, AZ columns,
 * node boxes, pod tiles coloured by state with their Deployment's colour as a top stripe, and the
 * Pending strip. It redraws only when the layout's content changed (a key of what it drew), reuses
 * its few Graphics and a pool of labels, and decides nothing.
 */
import { BitmapText, Container, Graphics } from 'pixi.js';
import { dashedRect } from './fargate-view.ts';
import { K8S_GEOMETRY, POD_COLORS, type K8sLayout } from './k8s-layout.ts';
import { serviceColor, type ThemeColors } from './palette.ts';

const HEALTHY = 0x009e73;
const FAILED = 0xd55e00;

export class K8sView {
  readonly root = new Container({ label: 'eks' });
  private readonly back = new Graphics();
  private readonly tiles = new Graphics();
  private readonly labelLayer = new Container({ label: 'eks-labels' });
  private readonly labels: BitmapText[] = [];
  private used = 0;
  private drawnKey = '';

  constructor() {
    this.root.addChild(this.back, this.tiles, this.labelLayer);
  }

  set labelsVisible(on: boolean) {
    this.labelLayer.visible = on;
  }

  /** A pooled label; `maxW` (world px) shrinks a longer text to fit (the cluster title). */
  private label(text: string, x: number, y: number, tint: number, size = 11, maxW = 0): void {
    let t = this.labels[this.used];
    if (!t) {
      t = new BitmapText({
        text: '',
        style: { fontFamily: 'Arial, sans-serif', fontSize: 11, fill: 0xffffff },
      });
      this.labels.push(t);
      this.labelLayer.addChild(t);
    }
    this.used++;
    t.visible = true;
    if (t.text !== text) t.text = text;
    t.scale.set(size / 11);
    if (maxW > 0 && t.width > maxW) t.scale.set((t.scale.x * maxW) / t.width);
    t.tint = tint;
    t.position.set(x, y);
  }

  /** Draws the layout at its origin; returns at once when nothing drawn would change. */
  sync(layout: K8sLayout, theme: ThemeColors, themeName: string, contentKey: string): void {
    const key = `${contentKey}|${themeName}|${layout.width}x${layout.height}`;
    if (key === this.drawnKey) return;
    this.drawnKey = key;
    const g = K8S_GEOMETRY;
    const b = this.back.clear();
    this.used = 0;
    this.label(layout.title, g.margin, g.margin, theme.text, 13, layout.width - 2 * g.margin);
    // Control plane band (AWS-managed account).
    const cp = layout.controlPlane;
    b.roundRect(cp.x, cp.y, cp.w, cp.h, 6).fill({ color: theme.column });
    b.roundRect(cp.x, cp.y, cp.w, cp.h, 6).stroke({
      width: 1,
      color: cp.available ? theme.instanceStroke : FAILED,
    });
    this.label(
      cp.available
        ? cp.runBy === 'you'
          ? 'Control plane on your own machines (you run and upgrade it): API servers + etcd'
          : 'EKS control plane (AWS-managed): API servers + etcd across AZs'
        : 'EKS control plane UNAVAILABLE: no API server or etcd quorum lost',
      cp.x + 8,
      cp.y + 6,
      cp.available ? theme.mutedText : FAILED,
    );
    for (const m of layout.members) {
      b.roundRect(m.x, m.y, m.w, m.h, 4).fill({ color: m.healthy ? HEALTHY : FAILED, alpha: 0.85 });
      this.label(
        `${m.role === 'api' ? 'API server' : 'etcd'}${m.healthy ? '' : ' ✕'}`,
        m.x + 5,
        m.y + 4,
        0xffffff,
      );
    }
    for (const col of layout.columns) {
      if (col.down)
        b.roundRect(col.x, col.y, col.w, col.h, 6).fill({ color: theme.columnDown, alpha: 0.6 });
      b.roundRect(col.x, col.y, col.w, 20, 6).fill(theme.column);
      b.roundRect(col.x, col.y, col.w, col.h, 6).stroke({
        width: 1,
        color: theme.instanceStroke,
        alpha: 0.5,
      });
      this.label(
        cp.runBy === 'you'
          ? `On-premises site · ${col.zone}`
          : col.down
            ? `${col.zone} — outage`
            : col.zone,
        col.x + 8,
        col.y + 4,
        theme.text,
        12,
      );
    }
    for (const n of layout.nodes.values()) {
      if (n.fargate) {
        dashedRect(b, n.x, n.y, n.w, n.h).stroke({ width: 1, color: theme.fargateStroke });
      } else {
        b.roundRect(n.x, n.y, n.w, n.h, 4).fill(n.ready ? theme.instance : theme.inactive);
        b.roundRect(n.x, n.y, n.w, n.h, 4).stroke({
          width: 1,
          color: n.ready ? theme.instanceStroke : FAILED,
        });
        // Requested CPU vs allocatable: what the scheduler's NodeResourcesFit filter compares.
        const barW = n.w - 2 * g.nodePad;
        b.rect(n.x + g.nodePad, n.y + 21, barW, 4).fill(theme.barTrack);
        if (n.cpuRequested > 0)
          b.rect(n.x + g.nodePad, n.y + 21, barW * n.cpuRequested, 4).fill(theme.cpu);
      }
      const name = n.fargate
        ? n.caption
        : `${n.name.replace(/\..*$/, '')}${n.ready ? '' : ' NotReady'}`;
      this.label(name, n.x + g.nodePad, n.y + 5, n.ready ? theme.text : FAILED, n.fargate ? 9 : 11);
      if (!n.fargate) this.label(n.caption, n.x + n.w - 58, n.y + 6, theme.mutedText, 9);
    }
    const p = layout.pending;
    dashedRect(b, p.x, p.y, p.w, p.h).stroke({ width: 1, color: theme.instanceStroke });
    this.label(
      `Pending — not scheduled (${p.podKeys.length})`,
      p.x + g.nodePad,
      p.y + 4,
      theme.mutedText,
    );
    // Legend: what each pod colour means (kubectl STATUS values).
    let lx = layout.legend.x;
    let ly = layout.legend.y;
    for (const [state, color] of Object.entries(POD_COLORS)) {
      const itemW = 18 + state.length * 6;
      if (lx + itemW > layout.legend.x + layout.legend.w) {
        lx = layout.legend.x;
        ly += 15;
      }
      b.rect(lx, ly + 2, 10, 10).fill(color);
      this.label(state, lx + 13, ly + 1, theme.mutedText, 10);
      lx += itemW;
    }
    const t = this.tiles.clear();
    for (const tile of layout.pods.values()) {
      t.rect(tile.x, tile.y, tile.w, tile.h).fill(POD_COLORS[tile.state]);
      t.rect(tile.x, tile.y, tile.w, 3).fill(serviceColor(tile.group));
    }
    for (let i = this.used; i < this.labels.length; i++)
      (this.labels[i] as BitmapText).visible = false;
  }

  destroy(): void {
    this.root.destroy({ children: true });
  }
}
