/**
 * One container instance box: outline and resource bar baselines (white-texture sprites, set only
 * when its geometry, status or theme changes; DRAINING stripes are Graphics), used CPU and memory fills (sprites resized in place), a
 * one-line label (BitmapText: glyphs from one shared atlas), and in aggregate mode a status bar.
 * Status follows ECS: ACTIVE plain, DRAINING striped amber, INACTIVE greyed [ECS-DG container-instance-draining].
 */
import { BitmapText, Graphics, Sprite, Texture, type Container } from 'pixi.js';
import type { ContainerInstance } from '../sim/model.ts';
import { AggregateBar, type GroupCounts } from './aggregate-bar.ts';
import { GEOMETRY, type InstanceLayout } from './layout.ts';
import type { ThemeColors } from './palette.ts';

/** "i-0abc…12345678" → "i-…12345678": enough to tell instances apart on the canvas. */
export function shortId(ec2InstanceId: string): string {
  const dash = ec2InstanceId.indexOf('-');
  const tail = ec2InstanceId.slice(dash + 1);
  return tail.length <= 8 ? ec2InstanceId : `${ec2InstanceId.slice(0, dash + 1)}…${tail.slice(-8)}`;
}

/** The layers an instance view draws into (shared by all instance views so each layer batches). */
export interface InstanceLayers {
  readonly boxes: Container;
  readonly bars: Container;
  readonly labels: Container;
}

/** A pooled instance box. */
export class InstanceView {
  /** DRAINING stripes only (drawn rarely); the outline and bar baselines are sprites. */
  readonly box = new Graphics();
  /**
   * Outline (top, bottom, left, right), the two bar baselines and the INACTIVE fill: sprites on the
   * shared white texture, 2 triangles each, batched with the tiles. Stroked Graphics outlines cost
   * about as much GPU time as all the task tiles on software WebGL (see `npm run bench`).
   */
  private readonly lines: Sprite[] = Array.from({ length: 6 }, () => new Sprite(Texture.WHITE));
  private readonly fill = new Sprite(Texture.WHITE);
  readonly label = new BitmapText({
    text: '',
    style: { fontFamily: 'Arial, sans-serif', fontSize: 10, fill: 0xffffff },
  });
  private readonly cpuUsed = new Sprite(Texture.WHITE);
  private readonly memUsed = new Sprite(Texture.WHITE);
  private readonly aggregate: AggregateBar;
  id = '';
  seen = 0;
  /** What the box was last drawn for (x = NaN: nothing drawn). */
  private readonly drawn = { x: NaN, y: NaN, h: NaN, status: '', theme: '' };
  /** What the label was last set for. */
  private readonly labelFor = { ec2: '', type: '', status: '' };

  constructor(layers: InstanceLayers) {
    layers.boxes.addChild(this.fill, this.box, ...this.lines);
    layers.bars.addChild(this.cpuUsed, this.memUsed);
    layers.labels.addChild(this.label);
    this.aggregate = new AggregateBar(layers.bars);
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
    this.box.visible = this.label.visible = this.cpuUsed.visible = this.memUsed.visible = true;
    for (const l of this.lines) l.visible = true;
    // Compared field by field (no key string): this runs for every instance on every snapshot.
    const d = this.drawn;
    if (
      d.x !== rect.x ||
      d.y !== rect.y ||
      d.h !== rect.h ||
      d.status !== inst.status ||
      d.theme !== themeName
    ) {
      d.x = rect.x;
      d.y = rect.y;
      d.h = rect.h;
      d.status = inst.status;
      d.theme = themeName;
      this.drawBox(inst, rect, theme);
      this.cpuUsed.tint = theme.cpu;
      this.memUsed.tint = theme.memory;
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
    this.cpuUsed.position.set(rect.x + g.instancePad, rect.y + g.cpuBarY);
    this.cpuUsed.scale.set(Math.max(0, Math.min(1, cpuShare)) * barW, g.barH);
    this.memUsed.position.set(rect.x + g.instancePad, rect.y + g.memBarY);
    this.memUsed.scale.set(Math.max(0, Math.min(1, memShare)) * barW, g.barH);
    if (counts) this.aggregate.draw({ ...rect.tileArea, h: g.aggregateBarH }, counts, 0);
    else this.aggregate.hide();
  }

  private drawBox(inst: ContainerInstance, r: InstanceLayout, theme: ThemeColors): void {
    const g = GEOMETRY;
    const box = this.box.clear();
    const inactive = inst.status === 'INACTIVE' || inst.status === 'DEREGISTERING';
    const draining = inst.status === 'DRAINING';
    // Only an INACTIVE box is filled (greyed); others are outlined, which keeps the filled area, the
    // main cost on software WebGL, close to the tiles themselves.
    this.fill.visible = inactive;
    if (inactive) {
      this.fill.position.set(r.x, r.y);
      this.fill.scale.set(r.w, r.h);
      this.fill.tint = theme.inactive;
    }
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
      Sprite,
      Sprite,
      Sprite,
      Sprite,
      Sprite,
      Sprite,
    ];
    place(top, r.x - lw / 2, r.y - lw / 2, r.w + lw, lw, color);
    place(bottom, r.x - lw / 2, r.y + r.h - lw / 2, r.w + lw, lw, color);
    place(left, r.x - lw / 2, r.y + lw / 2, lw, r.h - lw, color);
    place(right, r.x + r.w - lw / 2, r.y + lw / 2, lw, r.h - lw, color);
    // A baseline rather than a filled track marks each bar's full extent (registered capacity):
    // fewer filled pixels, which is what software WebGL pays for.
    const barW = r.w - 2 * g.instancePad;
    place(cpuBase, r.x + g.instancePad, r.y + g.cpuBarY + g.barH - 0.5, barW, 1, theme.barTrack);
    place(memBase, r.x + g.instancePad, r.y + g.memBarY + g.barH - 0.5, barW, 1, theme.barTrack);
    for (const l of this.lines) l.alpha = inactive ? 0.6 : 1;
    this.fill.alpha = inactive ? 0.6 : 1;
  }

  /** Hides everything before the view goes back to the pool. */
  hide(): void {
    this.box.visible = this.label.visible = this.cpuUsed.visible = this.memUsed.visible = false;
    this.fill.visible = false;
    for (const l of this.lines) l.visible = false;
    this.aggregate.hide();
    this.drawn.x = NaN;
    this.id = '';
  }
}

/** Sets a white-texture sprite to a rectangle of one colour. */
function place(s: Sprite, x: number, y: number, w: number, h: number, color: number): void {
  s.position.set(x, y);
  s.scale.set(w, h);
  s.tint = color;
}
