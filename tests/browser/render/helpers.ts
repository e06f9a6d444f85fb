/** Helpers shared by the canvas browser tests. */
import { Rectangle } from 'pixi.js';
import type { ClusterCanvas } from '../../../src/render/index.ts';

/** Renders now and returns the 0xRRGGBB colour of the screen pixel at (x, y). */
export function pixelAt(canvas: ClusterCanvas, x: number, y: number): number {
  const app = canvas.app;
  app.render();
  const { pixels } = app.renderer.extract.pixels({
    target: app.stage,
    frame: new Rectangle(Math.floor(x), Math.floor(y), 1, 1),
    resolution: 1,
  });
  return ((pixels[0] ?? 0) << 16) | ((pixels[1] ?? 0) << 8) | (pixels[2] ?? 0);
}

/** True when two colours differ by at most `tol` per channel. */
export function near(a: number, b: number, tol = 6): boolean {
  for (const shift of [16, 8, 0]) {
    if (Math.abs(((a >> shift) & 0xff) - ((b >> shift) & 0xff)) > tol) return false;
  }
  return true;
}

/** Hex for messages. */
export function hex(c: number | undefined): string {
  return c === undefined ? 'undefined' : `#${c.toString(16).padStart(6, '0')}`;
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Waits until `cond` holds (polling each animation frame), failing after `timeoutMs`. */
export async function until(cond: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!cond()) {
    if (performance.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  }
}

/** Dispatches a click (pointerdown + pointerup, no movement) at canvas-relative (x, y). */
export function clickAt(canvas: ClusterCanvas, x: number, y: number): void {
  const el = canvas.app.canvas;
  const rect = el.getBoundingClientRect();
  const init: PointerEventInit = {
    clientX: rect.left + x,
    clientY: rect.top + y,
    pointerId: 1,
    pointerType: 'mouse',
    isPrimary: true,
    button: 0,
    buttons: 1,
    bubbles: true,
    cancelable: true,
  };
  el.dispatchEvent(new PointerEvent('pointerdown', init));
  el.dispatchEvent(new PointerEvent('pointerup', { ...init, buttons: 0 }));
}

/** A host element of a fixed size attached to the document. */
export function makeHost(width = 900, height = 600): HTMLElement {
  const host = document.createElement('div');
  host.style.width = `${width}px`;
  host.style.height = `${height}px`;
  document.body.appendChild(host);
  return host;
}
