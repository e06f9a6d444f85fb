import { expect } from '@open-wc/testing';
import { Rectangle } from 'pixi.js';
import {
  createClusterCanvas,
  GEOMETRY,
  THEMES,
  type ClusterCanvas,
} from '../../../src/render/index.ts';
import { smallCluster } from './fixtures.ts';
import { hex, makeHost, near, pixelAt } from './helpers.ts';

/** The 0xRRGGBB colours of the screen column x from y0 to y1 (one render, one readback). */
function column(canvas: ClusterCanvas, x: number, y0: number, y1: number): number[] {
  const app = canvas.app;
  app.render();
  const top = Math.floor(y0);
  const h = Math.max(1, Math.floor(y1) - top);
  const { pixels } = app.renderer.extract.pixels({
    target: app.stage,
    frame: new Rectangle(Math.floor(x), top, 1, h),
    resolution: 1,
  });
  const out: number[] = [];
  for (let i = 0; i < h; i++)
    out.push(
      ((pixels[4 * i] ?? 0) << 16) | ((pixels[4 * i + 1] ?? 0) << 8) | (pixels[4 * i + 2] ?? 0),
    );
  return out;
}

/** `fg` at `alpha` over `bg`. */
function blend(fg: number, bg: number, alpha: number): number {
  let c = 0;
  for (const s of [16, 8, 0])
    c |= Math.round(((fg >> s) & 0xff) * alpha + ((bg >> s) & 0xff) * (1 - alpha)) << s;
  return c;
}

describe('Fargate area outlines (quads)', () => {
  it('outlines each Fargate task cell and dashes the area outline', async () => {
    const host = makeHost();
    const canvas = await createClusterCanvas(host, {
      width: 900,
      height: 600,
      reducedMotion: true,
      theme: 'dark',
    });
    try {
      canvas.update(smallCluster());
      const theme = THEMES.dark;
      // Extracted pixels have no renderer background: where nothing is drawn they read as black.
      const empty = 0x000000;
      const z = canvas.stats().zoom;
      const r = canvas.locate({ kind: 'task', id: 't-fg-1' })!;
      const g = GEOMETRY;
      const inset = (g.cell - g.tile) / 2;
      const midY = r.y + r.h / 2;
      // The cell: a 1 px stroke centred on its edge at 60 % alpha; empty between it and the tile.
      const edge = pixelAt(canvas, r.x - inset * z, midY);
      const cellColor = blend(theme.fargateStroke, empty, 0.6);
      expect(near(edge, cellColor, 3), `${hex(edge)} vs ${hex(cellColor)}`).to.equal(true);
      const gap = pixelAt(canvas, r.x - (inset / 2) * z, midY);
      expect(hex(gap)).to.equal(hex(empty));
      // The area's left edge (the first cell sits instancePad inside it): dashes and gaps.
      const x = r.x - (inset + g.instancePad) * z;
      const px = column(canvas, x, r.y - 10 * z, r.y + 12 * z);
      const dash = px.filter((c) => near(c, theme.fargateStroke, 3)).length;
      const bg = px.filter((c) => c === empty).length;
      expect(dash, px.map(hex).join(' ')).to.be.greaterThan(0);
      expect(bg, px.map(hex).join(' ')).to.be.greaterThan(0);
    } finally {
      canvas.destroy();
      host.remove();
    }
  });
});
