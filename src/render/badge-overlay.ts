/**
 * The load balancer badge as a small DOM box over the canvas, placed in world coordinates (it pans
 * and zooms with the cluster), like the legend (legend.ts): the browser draws its text once per
 * change instead of WebGL filling a text texture and a rounded box every frame, which on software
 * WebGL cost about as much as all the task tiles (`npm run bench`, BENCH_HIDE). It stays crisp at
 * any zoom and screen readers can read it. Text is set as text only; it lets pointer events through
 * to the canvas. Reads what TrafficView tells it; decides nothing.
 */

const css = (c: number): string => `#${c.toString(16).padStart(6, '0')}`;

/** The badge element and its placement. */
export class BadgeOverlay {
  readonly element = document.createElement('div');
  /** What the element's style was last set to (style writes only on change). */
  private readonly placed = { left: NaN, top: NaN, zoom: NaN, shown: false, wrap: NaN, color: NaN };

  constructor(host: HTMLElement) {
    if (getComputedStyle(host).position === 'static') host.style.position = 'relative';
    const s = this.element.style;
    s.position = 'absolute';
    s.left = '0';
    s.top = '0';
    s.transformOrigin = '0 0';
    s.boxSizing = 'border-box';
    s.minWidth = '200px';
    s.padding = '4px 11px';
    s.border = '2px solid';
    s.borderRadius = '8px';
    s.background = 'rgba(255, 255, 255, 0.95)';
    s.color = '#111827';
    s.font = '600 15px system-ui, sans-serif';
    s.lineHeight = '20px';
    s.whiteSpace = 'pre-wrap';
    s.overflowWrap = 'break-word';
    s.pointerEvents = 'none';
    // Laid out while hidden, so its size can be read before it is first shown.
    s.visibility = 'hidden';
    this.element.dataset.part = 'alb-badge';
    host.appendChild(this.element);
  }

  /** The text last set. */
  private text = '';

  /** The box's layout size, measured again only after its text or width changed. */
  private readonly measured = { w: 0, h: 0, stale: true };

  /** Sets the text (as text), the outline colour and the widest the box may grow (world px). */
  set(text: string, outline: number, maxWidth: number): void {
    // Compared with the text last set, not read back from the element (a DOM read and a new string
    // on every snapshot).
    if (this.text !== text) {
      this.text = text;
      this.element.textContent = text;
      this.measured.stale = true;
    }
    const p = this.placed;
    if (p.color !== outline) {
      p.color = outline;
      this.element.style.borderColor = css(outline);
    }
    if (p.wrap !== maxWidth) {
      p.wrap = maxWidth;
      this.element.style.maxWidth = `${maxWidth}px`;
      this.measured.stale = true;
    }
  }

  /**
   * Size of the box in world px (its layout size; the zoom is a transform). Read from the layout
   * only after a change: reading it forces a layout, and the canvas asks on every snapshot.
   */
  size(): { readonly w: number; readonly h: number } {
    const m = this.measured;
    if (m.stale || m.w === 0) {
      m.w = this.element.offsetWidth;
      m.h = this.element.offsetHeight;
      m.stale = false;
    }
    return m;
  }

  /**
   * Shows the box with its top-left at world `at`, for a world drawn at `origin` with `view.zoom`
   * (CSS px of the canvas), or hides it. Called every frame: takes the points and the camera, not
   * their numbers, since doubles passed to a call V8 does not inline are boxed (a heap number each).
   */
  place(
    shown: boolean,
    at: { readonly x: number; readonly y: number },
    origin: { readonly x: number; readonly y: number },
    view: { readonly zoom: number },
  ): void {
    const p = this.placed;
    if (shown !== p.shown) {
      p.shown = shown;
      this.element.style.visibility = shown ? 'visible' : 'hidden';
    }
    if (!shown) return;
    const zoom = view.zoom;
    const left = origin.x + at.x * zoom;
    const top = origin.y + at.y * zoom;
    if (left === p.left && top === p.top && zoom === p.zoom) return;
    p.left = left;
    p.top = top;
    p.zoom = zoom;
    this.element.style.transform = `translate(${left}px, ${top}px) scale(${zoom})`;
  }

  destroy(): void {
    this.element.remove();
  }
}
