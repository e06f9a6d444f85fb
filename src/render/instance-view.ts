/**
 * One container instance box: outline and resource bar baselines (quads of the canvas's chrome
 * QuadBatch, set only when its geometry, status or theme changes; DRAINING stripes are Graphics),
 * used CPU and memory fills (quads resized in place), a one-line label (BitmapText: glyphs from one
 * shared atlas), and in aggregate mode a status bar.
 * Status follows ECS: ACTIVE plain, DRAINING striped amber, INACTIVE greyed [ECS-DG container-instance-draining].
 */
import { BitmapText, Graphics, type Container } from 'pixi.js';
import type { ContainerInstance } from '../sim/model.ts';
import { AggregateBar, type GroupCounts } from './aggregate-bar.ts';
import { GEOMETRY, type InstanceLayout } from './layout.ts';
import type { ThemeColors } from './palette.ts';
import type { QuadBatch } from './quad-batch.ts';

/** "i-0abc…12345678" → "i-…12345678": enough to tell instances apart on the canvas. */
export function shortId(ec2InstanceId: string): string {
  const dash = ec2InstanceId.indexOf('-');
  const tail = ec2InstanceId.slice(dash + 1);
  return tail.length <= 8 ? ec2InstanceId : `${ec2InstanceId.slice(0, dash + 1)}…${tail.slice(-8)}`;
}

/** What an instance view draws into (shared by all instance views so each draws in one call). */
export interface InstanceLayers {
  /** DRAINING stripes (Graphics). */
  readonly boxes: Container;
  /** Outlines, baselines, fills and bars of every box, in one draw call (above the stripes). */
  readonly chrome: QuadBatch;
  readonly labels: Container;
}

/** A pooled instance box. */
export class InstanceView {
  /** DRAINING stripes only (drawn rarely); the outline and bar baselines are sprites. */
  readonly box = new Graphics();
  /**
   * Quads of the chrome batch, in drawing order: the INACTIVE fill, the outline (top, bottom, left,
   * right), the two bar baselines, then the used CPU and memory bars. Stroked Graphics outlines
   * cost about as much GPU time as all the task tiles on software WebGL (see `npm run bench`).
   */
  private readonly fill: number;
  private readonly lines: number[];
  private readonly cpuUsed: number;
  private readonly memUsed: number;
  private readonly chrome: QuadBatch;
  readonly label = new BitmapText({
    text: '',
    style: { fontFamily: 'Arial, sans-serif', fontSize: 10, fill: 0xffffff },
  });
  private readonly aggregate: AggregateBar;
  private cpuColor = 0;
  private memColor = 0;
  /** Widths of the used CPU and memory bars as last set. */
  private cpuW = NaN;
  private memW = NaN;
  id = '';
  seen = 0;
  /** What the box was last drawn for (x = NaN: nothing drawn). */
  private readonly drawn = { x: NaN, y: NaN, h: NaN, status: '', theme: '' };
  /** What the label was last set for. */
  private readonly labelFor = { ec2: '', type: '', status: '' };

  constructor(layers: InstanceLayers) {
    const q = (this.chrome = layers.chrome);
    this.fill = q.acquire();
    this.lines = Array.from({ length: 6 }, () => q.acquire());
    this.cpuUsed = q.acquire();
    this.memUsed = q.acquire();
    layers.boxes.addChild(this.box);
    layers.labels.addChild(this.label);
    this.aggregate = new AggregateBar(q);
    this.hide();
  }

  /** Shows `inst` at `rect`; `counts` is set in aggregate mode (undefined draws no status bar). */
  sync(
    inst: ContainerInstance,
    rect: InstanceLayout,
    theme: ThemeColors,
    themeName: string,
    counts: GroupCounts | undefined,
  ): void {
    const g = GEOMETRY;
    this.id = inst.id;
    this.label.visible = true;
    // Compared field by field (no key string): this runs for every instance on every snapshot.
    const d = this.drawn;
    const redraw =
      d.x !== rect.x ||
      d.y !== rect.y ||
      d.h !== rect.h ||
      d.status !== inst.status ||
      d.theme !== themeName;
    if (redraw) {
      d.x = rect.x;
      d.y = rect.y;
      d.h = rect.h;
      d.status = inst.status;
      d.theme = themeName;
      this.drawBox(inst, rect, theme);
      this.cpuColor = theme.cpu;
      this.memColor = theme.memory;
      this.label.tint = inst.status === 'INACTIVE' ? theme.mutedText : theme.text;
    }
    // The id is shortened to fit the box (the inspector shows it whole); fewer glyphs also keep
    // the label layer cheap on software WebGL. Rebuilt only when what it shows changes.
    if (
      inst.ec2InstanceId !== this.labelFor.ec2 ||
      inst.instanceType !== this.labelFor.type ||
      inst.status !== this.labelFor.status
    ) {
      this.labelFor.ec2 = inst.ec2InstanceId;
      this.labelFor.type = inst.instanceType;
      this.labelFor.status = inst.status;
      const id = shortId(inst.ec2InstanceId);
      this.label.text =
        inst.status === 'ACTIVE'
          ? `${inst.instanceType} ${id}`
          : `${inst.instanceType} ${id} ${inst.status}`;
    }
    this.label.position.set(rect.x + g.instancePad, rect.y + 3);
    const barW = rect.w - 2 * g.instancePad;
    // Used = registered − remaining, as ECS reports them [ECS-API ContainerInstance].
    const cpuShare =
      inst.registeredCpu > 0 ? (inst.registeredCpu - inst.remainingCpu) / inst.registeredCpu : 0;
    const memShare =
      inst.registeredMemory > 0
        ? (inst.registeredMemory - inst.remainingMemory) / inst.registeredMemory
        : 0;
    const cpuW = clamp01(cpuShare) * barW;
    const memW = clamp01(memShare) * barW;
    // Set only when they changed: each call boxes its fractional numbers (issue 8).
    if (redraw || cpuW !== this.cpuW || memW !== this.memW) {
      this.cpuW = cpuW;
      this.memW = memW;
      const q = this.chrome;
      const x = rect.x + g.instancePad;
      q.set(this.cpuUsed, x, rect.y + g.cpuBarY, cpuW, g.barH, this.cpuColor, 1);
      q.set(this.memUsed, x, rect.y + g.memBarY, memW, g.barH, this.memColor, 1);
    }
    if (counts) this.aggregate.draw({ ...rect.tileArea, h: g.aggregateBarH }, counts, 0);
    else this.aggregate.hide();
  }

  private drawBox(inst: ContainerInstance, r: InstanceLayout, theme: ThemeColors): void {
    const g = GEOMETRY;
    const box = this.box.clear();
    const inactive = inst.status === 'INACTIVE' || inst.status === 'DEREGISTERING';
    const draining = inst.status === 'DRAINING';
    const q = this.chrome;
    // Only an INACTIVE box is filled (greyed); others are outlined, which keeps the filled area, the
    // main cost on software WebGL, close to the tiles themselves.
    const alpha = inactive ? 0.6 : 1;
    if (inactive) q.set(this.fill, r.x, r.y, r.w, r.h, theme.inactive, alpha);
    else q.hideSlot(this.fill);
    if (draining) {
      // Diagonal stripes: DRAINING instances take no new tasks while their tasks move away.
      for (let d = 8; d < r.w + r.h; d += 10) {
        const x0 = r.x + Math.max(0, d - r.h);
        const y0 = r.y + Math.min(d, r.h);
        const x1 = r.x + Math.min(d, r.w);
        const y1 = r.y + Math.max(0, d - r.w);
        box.moveTo(x0, y0).lineTo(x1, y1);
      }
      box.stroke({ width: 2, color: theme.draining, alpha: 0.25 });
    }
    box.visible = draining;
    // Outline, centred on the box edge like the stroke it replaces.
    const lw = draining ? 2 : 1;
    const color = draining ? theme.draining : theme.instanceStroke;
    const [top, bottom, left, right, cpuBase, memBase] = this.lines as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    q.set(top, r.x - lw / 2, r.y - lw / 2, r.w + lw, lw, color, alpha);
    q.set(bottom, r.x - lw / 2, r.y + r.h - lw / 2, r.w + lw, lw, color, alpha);
    q.set(left, r.x - lw / 2, r.y + lw / 2, lw, r.h - lw, color, alpha);
    q.set(right, r.x + r.w - lw / 2, r.y + lw / 2, lw, r.h - lw, color, alpha);
    // A baseline rather than a filled track marks each bar's full extent (registered capacity):
    // fewer filled pixels, which is what software WebGL pays for.
    const barW = r.w - 2 * g.instancePad;
    const bx = r.x + g.instancePad;
    q.set(cpuBase, bx, r.y + g.cpuBarY + g.barH - 0.5, barW, 1, theme.barTrack, alpha);
    q.set(memBase, bx, r.y + g.memBarY + g.barH - 0.5, barW, 1, theme.barTrack, alpha);
  }

  /** Hides everything before the view goes back to the pool. */
  hide(): void {
    this.box.visible = this.label.visible = false;
    const q = this.chrome;
    q.hideSlot(this.fill);
    for (const l of this.lines) q.hideSlot(l);
    q.hideSlot(this.cpuUsed);
    q.hideSlot(this.memUsed);
    this.aggregate.hide();
    this.drawn.x = NaN;
    this.id = '';
  }
}

function clamp01(x: number): number {
  return x <= 0 ? 0 : x >= 1 ? 1 : x;
}
