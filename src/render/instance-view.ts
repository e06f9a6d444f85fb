/**
 * One container instance box: outline and resource bar tracks (Graphics, redrawn only when its
 * geometry, status or theme changes), used CPU and memory fills (sprites resized in place), a
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
  readonly box = new Graphics();
  readonly label = new BitmapText({
    text: '',
    style: { fontFamily: 'Arial, sans-serif', fontSize: 10, fill: 0xffffff },
  });
  private readonly cpuUsed = new Sprite(Texture.WHITE);
  private readonly memUsed = new Sprite(Texture.WHITE);
  private readonly aggregate: AggregateBar;
  id = '';
  seen = 0;
  private drawnKey = '';
  private labelText = '';

  constructor(layers: InstanceLayers) {
    layers.boxes.addChild(this.box);
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
    const key = `${rect.x},${rect.y},${rect.h},${inst.status},${themeName}`;
    if (key !== this.drawnKey) {
      this.drawnKey = key;
      this.drawBox(inst, rect, theme);
      this.cpuUsed.tint = theme.cpu;
      this.memUsed.tint = theme.memory;
      this.label.tint = inst.status === 'INACTIVE' ? theme.mutedText : theme.text;
    }
    // The id is shortened to fit the box (the inspector shows it whole); fewer glyphs also keep
    // the label layer cheap on software WebGL.
    const id = shortId(inst.ec2InstanceId);
    const text =
      inst.status === 'ACTIVE'
        ? `${inst.instanceType} ${id}`
        : `${inst.instanceType} ${id} ${inst.status}`;
    if (text !== this.labelText) {
      this.labelText = text;
      this.label.text = text;
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
    if (inactive) box.rect(r.x, r.y, r.w, r.h).fill(theme.inactive);
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
    box
      .rect(r.x, r.y, r.w, r.h)
      .stroke({ width: draining ? 2 : 1, color: draining ? theme.draining : theme.instanceStroke });
    const barW = r.w - 2 * g.instancePad;
    // A baseline rather than a filled track marks each bar's full extent (registered capacity):
    // fewer filled pixels, which is what software WebGL pays for.
    for (const y of [r.y + g.cpuBarY + g.barH, r.y + g.memBarY + g.barH]) {
      box.moveTo(r.x + g.instancePad, y).lineTo(r.x + g.instancePad + barW, y);
    }
    box.stroke({ width: 1, color: theme.barTrack });
    box.alpha = inactive ? 0.6 : 1;
  }

  /** Hides everything before the view goes back to the pool. */
  hide(): void {
    this.box.visible = this.label.visible = this.cpuUsed.visible = this.memUsed.visible = false;
    this.aggregate.hide();
    this.drawnKey = '';
    this.id = '';
  }
}
