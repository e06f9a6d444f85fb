/**
 * The legend, in screen space at the top right: the task status palette (what each colour means)
 * and one row per service with its band colour. Service rows are clickable (they select the
 * service). Rebuilt only when the set of services or the theme changes; a few dozen glyph labels.
 */
import { BitmapText, Container, Graphics, type FederatedPointerEvent } from 'pixi.js';
import { TASK_STATUSES, type EntityRef } from '../sim/model.ts';
import { CRASH_COLOR, STATUS_COLORS, serviceColor, type ThemeColors } from './palette.ts';

const ROW = 15;
const WIDTH = 168;
/** At most this many service rows; the rest are summarised as "+N more". */
const MAX_SERVICES = 10;

/** The legend panel. */
export class Legend extends Container {
  private key = '';

  /** @param select called when a service row is clicked. */
  constructor(private readonly select: (ref: EntityRef) => void) {
    super({ label: 'legend' });
  }

  /** Rebuilds the rows when `services` (sorted) or the theme changed; places the panel. */
  sync(services: readonly string[], theme: ThemeColors, themeName: string, viewW: number): void {
    this.position.set(Math.max(0, viewW - WIDTH - 8), 8);
    const key = `${themeName}|${services.join(',')}`;
    if (key === this.key) return;
    this.key = key;
    for (const child of this.removeChildren()) child.destroy();
    const rows: { label: string; color: number; service?: string }[] = [
      ...TASK_STATUSES.map((s) => ({ label: s, color: STATUS_COLORS[s] })),
      { label: 'crash (essential container exited)', color: CRASH_COLOR },
      ...services
        .slice(0, MAX_SERVICES)
        .map((s) => ({ label: `service ${s}`, color: serviceColor(s), service: s })),
    ];
    if (services.length > MAX_SERVICES)
      rows.push({
        label: `+${services.length - MAX_SERVICES} more services`,
        color: theme.mutedText,
      });
    const bg = new Graphics()
      .roundRect(0, 0, WIDTH, rows.length * ROW + 10, 4)
      .fill({ color: theme.background, alpha: 0.88 });
    bg.stroke({ width: 1, color: theme.instanceStroke });
    this.addChild(bg);
    rows.forEach((row, i) => {
      const y = 5 + i * ROW;
      const sw = new Graphics().rect(6, y + 2, row.service ? 4 : 10, 10).fill(row.color);
      const text = new BitmapText({
        text: row.label,
        style: { fontFamily: 'Arial, sans-serif', fontSize: 10, fill: 0xffffff },
      });
      text.tint = theme.text;
      text.position.set(22, y);
      this.addChild(sw, text);
      const service = row.service;
      if (service !== undefined) {
        const hit = new Graphics().rect(0, y, WIDTH, ROW).fill({ color: 0xffffff, alpha: 0.001 });
        hit.eventMode = 'static';
        hit.cursor = 'pointer';
        hit.on('pointerdown', (e: FederatedPointerEvent) => e.stopPropagation());
        hit.on('pointertap', (e: FederatedPointerEvent) => {
          e.stopPropagation();
          this.select({ kind: 'service', id: service });
        });
        this.addChild(hit);
      }
    });
  }
}
