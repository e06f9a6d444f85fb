/**
 * One Availability Zone column: an outlined panel with a header strip and its name. An AZ failed by AZ_OUTAGE
 * (state.downAvailabilityZones) is tinted red and labelled, since nothing is placed there until
 * it is restored. Redrawn only when its geometry, outage flag or theme changes.
 */
import { Graphics, Text, type Container } from 'pixi.js';
import type { AzColumnLayout } from './layout.ts';
import type { ThemeColors } from './palette.ts';

/** One AZ column. */
export class AzView {
  readonly background = new Graphics();
  // A handful of these exist (one per AZ), so plain Text is fine and crisper than bitmap glyphs.
  readonly label = new Text({
    text: '',
    style: { fontFamily: 'Arial, sans-serif', fontSize: 13, fontWeight: 'bold', fill: 0xffffff },
  });
  az = '';
  seen = 0;
  private drawnKey = '';

  constructor(columns: Container, labels: Container) {
    columns.addChild(this.background);
    labels.addChild(this.label);
  }

  /** Draws the column. */
  sync(col: AzColumnLayout, theme: ThemeColors, themeName: string): void {
    this.az = col.az;
    const key = `${col.x},${col.y},${col.w},${col.h},${col.down},${themeName}`;
    if (key === this.drawnKey) return;
    this.drawnKey = key;
    // Outline and header strip only: on software WebGL every filled pixel costs, and a full-height
    // fill per column roughly doubled the frame time (see scripts/bench-frame.mjs).
    const bg = this.background.clear();
    if (col.down)
      bg.roundRect(col.x, col.y, col.w, col.h, 6).fill({ color: theme.columnDown, alpha: 0.6 });
    bg.roundRect(col.x, col.y, col.w, 24, 6).fill(theme.column);
    bg.roundRect(col.x, col.y, col.w, col.h, 6).stroke({
      width: 1,
      color: theme.instanceStroke,
      alpha: 0.5,
    });
    this.label.text = col.down ? `${col.az} — outage` : col.az;
    this.label.tint = theme.text;
    this.label.position.set(col.x + 8, col.y + 5);
  }

  /** Removes the view for good. */
  destroy(): void {
    this.background.destroy();
    this.label.destroy();
  }
}
