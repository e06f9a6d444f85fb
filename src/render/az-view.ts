/**
 * One Availability Zone column: an outlined panel with a header strip and its name. An AZ failed by AZ_OUTAGE
 * (state.downAvailabilityZones) is tinted red and labelled, since nothing is placed there until
 * it is restored. An ECS Anywhere on-premises site (col.site) is drawn apart from the Region: a
 * thicker outline in the draining (amber) colour, the label "On-premises site · NAME", and the link
 * to the Region across the gap — solid while connected, broken and red while SITE_DISCONNECT holds
 * (tasks keep running there; nothing new is placed). Redrawn only when its geometry, outage/link
 * flags or theme changes. The panel (outage fill, header strip, outline) is quads of the canvas's
 * shared 'round' QuadBatch (round-rect.ts: one untextured draw call for all columns); only a
 * site's link is a Graphics.
 */
import { Graphics, Text, type Container } from 'pixi.js';
import { GEOMETRY, type AzColumnLayout } from './layout.ts';
import type { ThemeColors } from './palette.ts';
import type { QuadBatch } from './quad-batch.ts';
import { RoundRect } from './round-rect.ts';

/** Corner radius of an AZ panel, world px. */
const RADIUS = 6;

/** One AZ column. */
export class AzView {
  /** A site's link to the Region (drawn only for a site). */
  readonly background = new Graphics();
  /** The panel, in drawing order (slots taken in this order, so drawn in it). */
  private readonly downFill: RoundRect;
  private readonly header: RoundRect;
  private readonly outline: RoundRect;
  // A handful of these exist (one per AZ), so plain Text is fine and crisper than bitmap glyphs.
  readonly label = new Text({
    text: '',
    style: { fontFamily: 'Arial, sans-serif', fontSize: 13, fontWeight: 'bold', fill: 0xffffff },
  });
  az = '';
  seen = 0;
  /** What the column was last drawn for (x = NaN: nothing drawn). */
  private readonly drawn: {
    x: number;
    y: number;
    w: number;
    h: number;
    down: boolean;
    site: boolean | undefined;
    linkDown: boolean | undefined;
    theme: string;
  } = { x: NaN, y: 0, w: 0, h: 0, down: false, site: undefined, linkDown: undefined, theme: '' };

  constructor(columns: Container, panels: QuadBatch, labels: Container) {
    columns.addChild(this.background);
    labels.addChild(this.label);
    this.downFill = new RoundRect(panels);
    this.header = new RoundRect(panels);
    this.outline = new RoundRect(panels);
  }

  /** Draws the column. */
  sync(col: AzColumnLayout, theme: ThemeColors, themeName: string): void {
    this.az = col.az;
    // Compared field by field (a key string was garbage on every snapshot).
    const d = this.drawn;
    if (
      d.x === col.x &&
      d.y === col.y &&
      d.w === col.w &&
      d.h === col.h &&
      d.down === col.down &&
      d.site === col.site &&
      d.linkDown === col.linkDown &&
      d.theme === themeName
    )
      return;
    d.x = col.x;
    d.y = col.y;
    d.w = col.w;
    d.h = col.h;
    d.down = col.down;
    d.site = col.site;
    d.linkDown = col.linkDown;
    d.theme = themeName;
    // Outline and header strip only: on software WebGL every filled pixel costs, and a full-height
    // fill per column roughly doubled the frame time (see scripts/bench-frame.mjs).
    const bg = this.background.clear();
    if (col.down) this.downFill.fill(col.x, col.y, col.w, col.h, RADIUS, theme.columnDown, 0.6);
    else this.downFill.hide();
    this.header.fill(col.x, col.y, col.w, 24, RADIUS, theme.column, 1);
    if (col.site) {
      this.outline.stroke(col.x, col.y, col.w, col.h, RADIUS, 2, theme.draining, 1);
      drawLink(bg, col, theme);
    } else {
      this.outline.stroke(col.x, col.y, col.w, col.h, RADIUS, 1, theme.instanceStroke, 0.5);
    }
    bg.visible = col.site === true;
    this.label.text = col.site
      ? `On-premises site · ${col.az}${col.linkDown ? ' — link down' : ''}`
      : col.down
        ? `${col.az} — outage`
        : col.az;
    this.label.tint = theme.text;
    this.label.position.set(col.x + 8, col.y + 5);
  }

  /** Removes the view for good. */
  destroy(): void {
    // Given back in reverse, so a view made next takes them in the same order (the outage fill
    // below the header, the outline above both).
    this.outline.release();
    this.header.release();
    this.downFill.release();
    this.background.destroy();
    this.label.destroy();
  }
}

/** Down-link red (the same in every theme: it must read as a fault). */
export const LINK_DOWN_COLOR = 0xd55e00;

/** The site's link to the Region, across the gap left of the site column. */
function drawLink(bg: Graphics, col: AzColumnLayout, theme: ThemeColors): void {
  const y = col.y + 12;
  const x0 = col.x - GEOMETRY.siteGap + 4;
  const x1 = col.x - 4;
  if (!col.linkDown) {
    bg.moveTo(x0, y).lineTo(x1, y).stroke({ width: 3, color: theme.draining });
    return;
  }
  const mid = (x0 + x1) / 2;
  bg.moveTo(x0, y)
    .lineTo(mid - 8, y)
    .moveTo(mid + 8, y)
    .lineTo(x1, y)
    .stroke({ width: 3, color: LINK_DOWN_COLOR });
  // A cross in the break.
  bg.moveTo(mid - 5, y - 5)
    .lineTo(mid + 5, y + 5)
    .moveTo(mid + 5, y - 5)
    .lineTo(mid - 5, y + 5)
    .stroke({ width: 2, color: LINK_DOWN_COLOR });
}
