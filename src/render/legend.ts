/**
 * The legend: what each tile colour means (the task status palette and the crash flash) and one
 * row per service with its band colour; service rows are buttons that select the service. It is a
 * small DOM overlay on the canvas's host rather than Pixi text: it costs the WebGL canvas nothing
 * (filled pixels are the main cost on software WebGL), stays crisp at any zoom, and screen readers
 * can read it. Names are set as text only. Rebuilt only when the services or the theme change.
 */
import { TASK_STATUSES, type EntityRef } from '../sim/model.ts';
import { CRASH_COLOR, STATUS_COLORS, serviceColor, type ThemeColors } from './palette.ts';

/** Width of the legend strip at the right edge, which the cluster layout leaves free. */
export const LEGEND_WIDTH = 176;
/**
 * The legend's size in presenter mode (issue: readable from the back row): 11 px type becomes
 * about 18 px, and the strip the layout leaves free grows with it (ClusterCanvas.setLegendScale).
 */
export const PRESENTER_LEGEND_SCALE = 1.6;
/** At most this many service rows; the rest are summarised as "+N more". */
const MAX_SERVICES = 10;

const css = (c: number): string => `#${c.toString(16).padStart(6, '0')}`;

/** The legend panel. */
export class Legend {
  readonly element = document.createElement('div');
  private key = '';

  /** @param select called when a service row is clicked. */
  constructor(
    host: HTMLElement,
    private readonly select: (ref: EntityRef) => void,
  ) {
    if (getComputedStyle(host).position === 'static') host.style.position = 'relative';
    const s = this.element.style;
    s.position = 'absolute';
    s.top = '8px';
    s.right = '8px';
    s.width = `${LEGEND_WIDTH - 16}px`;
    s.font = '11px system-ui, Arial, sans-serif';
    s.lineHeight = '15px';
    s.padding = '4px 6px';
    s.borderRadius = '4px';
    s.boxSizing = 'border-box';
    this.element.setAttribute('role', 'list');
    this.element.setAttribute('aria-label', 'Legend');
    this.element.dataset.part = 'legend';
    host.appendChild(this.element);
  }

  /** Rebuilds the rows when `services` (sorted) or the theme changed. */
  sync(services: readonly string[], theme: ThemeColors, themeName: string): void {
    const key = `${themeName}|${services.join(',')}`;
    if (key === this.key) return;
    this.key = key;
    const el = this.element;
    el.style.color = css(theme.text);
    el.style.background = css(theme.background) + 'e0';
    el.style.border = `1px solid ${css(theme.instanceStroke)}`;
    el.replaceChildren();
    for (const status of TASK_STATUSES)
      el.appendChild(this.row(status, STATUS_COLORS[status], false));
    el.appendChild(this.row('crash (essential container exited)', CRASH_COLOR, false));
    for (const name of services.slice(0, MAX_SERVICES)) {
      const row = this.row(`service ${name}`, serviceColor(name), true);
      row.addEventListener('click', () => this.select({ kind: 'service', id: name }));
      el.appendChild(row);
    }
    if (services.length > MAX_SERVICES) {
      el.appendChild(
        this.row(`+${services.length - MAX_SERVICES} more services`, theme.mutedText, false),
      );
    }
  }

  private row(label: string, color: number, button: boolean): HTMLElement {
    const row = document.createElement(button ? 'button' : 'div');
    row.setAttribute('role', 'listitem');
    const s = row.style;
    s.display = 'flex';
    s.alignItems = 'center';
    s.gap = '6px';
    s.width = '100%';
    s.overflow = 'hidden';
    s.whiteSpace = 'nowrap';
    if (button) {
      s.font = 'inherit';
      s.color = 'inherit';
      s.background = 'none';
      s.border = 'none';
      s.padding = '0';
      s.cursor = 'pointer';
      s.textAlign = 'left';
    }
    const swatch = document.createElement('span');
    swatch.style.cssText = `flex:none;display:inline-block;width:${button ? 4 : 10}px;height:10px;background:${css(color)}`;
    const text = document.createElement('span');
    text.textContent = label;
    text.style.overflow = 'hidden';
    text.style.textOverflow = 'ellipsis';
    row.append(swatch, text);
    return row;
  }

  /**
   * Draws the panel `k` times its normal size (CSS zoom: type, swatches, padding and offsets alike;
   * its buttons stay clickable where they are drawn). Its width is then `LEGEND_WIDTH * k` minus the
   * margins, which the canvas leaves free.
   */
  setScale(k: number): void {
    this.element.style.zoom = k === 1 ? '' : String(k);
  }

  /** Removes the panel from the host. */
  destroy(): void {
    this.element.remove();
  }
}
