/**
 * The render layer's public face: createClusterCanvas mounts a Pixi v8 canvas into a host element
 * and animates the SimState snapshots it is given. It reads snapshots only and decides nothing.
 */
import { Application } from 'pixi.js';
import { ClusterCanvasImpl } from './cluster-canvas.ts';
import { THEMES } from './palette.ts';
import type { ClusterCanvas, ClusterCanvasOptions } from './types.ts';

export type { ClusterCanvas, ClusterCanvasOptions, ClusterCanvasStats } from './types.ts';
export type { ThemeName, ThemeColors } from './palette.ts';
export { STATUS_COLORS, CRASH_COLOR, THEMES, serviceColor, statusGroupOf } from './palette.ts';
export { layoutCluster, LOD_TASK_THRESHOLD, GEOMETRY } from './layout.ts';
export type {
  ClusterLayout,
  Rect,
  TaskSlot,
  InstanceLayout,
  FargateAreaLayout,
  AzColumnLayout,
} from './layout.ts';
export { hitTest } from './hit-test.ts';
export { PRESENTER_LEGEND_SCALE } from './legend.ts';

/**
 * Creates the canvas inside `host` (appended as its child). Without explicit width/height it takes
 * the host's size and follows it with a ResizeObserver. Resolves once the renderer is ready.
 */
export async function createClusterCanvas(
  host: HTMLElement,
  options: ClusterCanvasOptions = {},
): Promise<ClusterCanvas> {
  const follow = options.width === undefined || options.height === undefined;
  const w = Math.max(1, Math.round(options.width ?? (host.clientWidth || 800)));
  const h = Math.max(1, Math.round(options.height ?? (host.clientHeight || 600)));
  const app = new Application();
  await app.init({
    width: w,
    height: h,
    preference: options.preference ?? 'webgl',
    background: THEMES[options.theme ?? 'light'].background,
    // Tiles and boxes are axis-aligned; MSAA would cost a lot on software WebGL for little gain.
    antialias: false,
    autoDensity: true,
    resolution: Math.max(1, globalThis.devicePixelRatio || 1),
    // The canvas drives its own ticker: it runs only while something animates (see cluster-canvas.ts).
    autoStart: false,
    sharedTicker: false,
  });
  app.canvas.style.display = 'block';
  app.canvas.setAttribute('aria-label', 'Cluster canvas: Availability Zones, instances and tasks');
  app.canvas.setAttribute('role', 'img');
  host.appendChild(app.canvas);
  const canvas = new ClusterCanvasImpl(app, host, options, { w, h });
  if (follow && typeof ResizeObserver !== 'undefined') {
    const ro = new ResizeObserver(() => {
      const cw = host.clientWidth;
      const ch = host.clientHeight;
      if (cw > 0 && ch > 0 && (cw !== app.screen.width || ch !== app.screen.height))
        canvas.resize(cw, ch);
    });
    ro.observe(host);
    canvas.addCleanup(() => ro.disconnect());
  }
  return canvas;
}
