import { expect } from '@open-wc/testing';
import { Application, Rectangle } from 'pixi.js';
import { packColor, QuadBatch, TILE_SHAPE } from '../../../src/render/quad-batch.ts';
import { RoundRect } from '../../../src/render/round-rect.ts';
import { createClusterCanvas } from '../../../src/render/index.ts';
import { makeInstance, makeState, makeTask, withLoad } from './fixtures.ts';
import { hex, makeHost, near, pixelAt } from './helpers.ts';
import { THEMES } from '../../../src/render/palette.ts';

const BG = 0x000000;

async function app(): Promise<Application> {
  const a = new Application();
  await a.init({
    width: 200,
    height: 100,
    preference: 'webgl',
    antialias: false,
    resolution: 1,
    autoStart: false,
    background: BG,
  });
  document.body.appendChild(a.canvas);
  return a;
}

function pixel(a: Application | undefined, x: number, y: number): number {
  if (!a) throw new Error('no app');
  a.render();
  const { pixels } = a.renderer.extract.pixels({
    target: a.stage,
    frame: new Rectangle(x, y, 1, 1),
    resolution: 1,
  });
  return ((pixels[0] ?? 0) << 16) | ((pixels[1] ?? 0) << 8) | (pixels[2] ?? 0);
}

describe('QuadBatch (one draw call of coloured rectangles)', () => {
  let a: Application | undefined;
  afterEach(() => {
    a?.destroy(true, { children: true });
    a = undefined;
  });

  it('packs 0xRRGGBB and alpha as the bytes R, G, B, A', () => {
    expect(packColor(0x112233, 1)).to.equal(0xff332211);
    expect(packColor(0x112233, 0)).to.equal(0x00332211);
  });

  it('fills a quad with its colour and its left band with the band colour', async () => {
    a = await app();
    const q = new QuadBatch(4);
    a.stage.addChild(q.mesh);
    const s = q.acquire();
    q.set(s, 10, 10, 40, 20, 0x00ff00, 1, 8, 0xff0000);
    q.flush();
    expect(hex(pixel(a, 14, 20))).to.equal(hex(0xff0000));
    expect(hex(pixel(a, 30, 20))).to.equal(hex(0x00ff00));
    expect(hex(pixel(a, 60, 20))).to.equal(hex(BG));
    expect(q.shown).to.equal(1);
  });

  it('blends by alpha, hides a slot without drawing it, and grows past its capacity', async () => {
    a = await app();
    const q = new QuadBatch(1);
    a.stage.addChild(q.mesh);
    const slots = Array.from({ length: 5 }, () => q.acquire());
    slots.forEach((s, i) => q.set(s, i * 30, 0, 20, 20, 0xffffff, i === 0 ? 0.5 : 1));
    q.flush();
    expect(near(pixel(a, 10, 10), 0x808080, 2), hex(pixel(a, 10, 10))).to.equal(true);
    expect(hex(pixel(a, 4 * 30 + 10, 10))).to.equal(hex(0xffffff));
    q.hideSlot(slots[1] as number);
    q.flush();
    expect(hex(pixel(a, 40, 10))).to.equal(hex(BG));
    expect(q.shown).to.equal(4);
    for (const s of slots) q.release(s);
    q.flush();
    expect(q.shown).to.equal(0);
    expect(q.mesh.visible).to.equal(false);
  });

  it('uploads nothing when a slot already hidden is hidden again or a slot is set to what it holds', async () => {
    a = await app();
    const q = new QuadBatch(4);
    a.stage.addChild(q.mesh);
    const [shown, hidden] = [q.acquire(), q.acquire()] as [number, number];
    q.set(shown, 10, 10, 20, 20, 0x00ff00, 1);
    q.flush();
    let uploads = 0;
    q.mesh.geometry.getBuffer('aPosition').on('update', () => uploads++);
    q.hideSlot(hidden);
    q.set(shown, 10, 10, 20, 20, 0x00ff00, 1);
    q.flush();
    expect(uploads).to.equal(0);
    expect(hex(pixel(a, 20, 20))).to.equal(hex(0x00ff00));
    q.hideSlot(shown);
    q.flush();
    expect(uploads).to.equal(1);
    expect(hex(pixel(a, 20, 20))).to.equal(hex(BG));
    expect(q.shown).to.equal(0);
  });

  it('draws a hidden slot again once set, and redraws a slot rewritten with a new colour', async () => {
    a = await app();
    const q = new QuadBatch(4);
    a.stage.addChild(q.mesh);
    const slots = Array.from({ length: 3 }, () => q.acquire());
    slots.forEach((s, i) => q.set(s, i * 30, 0, 20, 20, 0x00ff00, 1));
    q.flush();
    q.hideSlot(slots[1] as number);
    q.flush();
    expect(hex(pixel(a, 40, 10))).to.equal(hex(BG));
    expect(hex(pixel(a, 70, 10))).to.equal(hex(0x00ff00));
    q.set(slots[1] as number, 30, 0, 20, 20, 0x0000ff, 1);
    q.flush();
    expect(hex(pixel(a, 40, 10))).to.equal(hex(0x0000ff));
    // The same values again change nothing; a new colour is drawn.
    q.set(slots[1] as number, 30, 0, 20, 20, 0x0000ff, 1);
    q.flush();
    expect(hex(pixel(a, 40, 10))).to.equal(hex(0x0000ff));
    q.set(slots[1] as number, 30, 0, 20, 20, 0xff0000, 1);
    q.flush();
    expect(hex(pixel(a, 40, 10))).to.equal(hex(0xff0000));
    expect(hex(pixel(a, 10, 10))).to.equal(hex(0x00ff00));
  });

  it('draws squares written in one setSquares call exactly as set() draws them, one by one', async () => {
    a = await app();
    const xs = new Float64Array([10.25, 40.5, 70.75, 100.1]);
    const ys = new Float64Array([20.7, 30.3, 40.5, 50]);
    const alphas = new Float64Array([1, 0.5, 0.2, 0.999]);
    const size = 9;
    const color = 0x1f6feb;
    const frame = new Rectangle(0, 0, 200, 100);
    const draw = (write: (q: QuadBatch, slots: number[]) => void): Uint8ClampedArray => {
      const q = new QuadBatch(2, 'squares', 'solid');
      const slots = [q.acquire(), q.acquire(), q.acquire(), q.acquire()];
      write(q, slots);
      q.flush();
      a!.stage.addChild(q.mesh);
      a!.render();
      const { pixels } = a!.renderer.extract.pixels({ target: a!.stage, frame, resolution: 1 });
      a!.stage.removeChild(q.mesh);
      expect(q.shown).to.equal(4);
      return new Uint8ClampedArray(pixels);
    };
    const one = draw((q, slots) => {
      for (let k = 0; k < 4; k++) q.set(slots[k]!, xs[k]!, ys[k]!, size, size, color, alphas[k]!);
    });
    const batched = draw((q, slots) => q.setSquares(slots, xs, ys, alphas, 4, size, color));
    expect(hex(pixel(a, 14, 25))).to.equal(hex(BG)); // nothing left on the stage
    let differing = 0;
    for (let i = 0; i < one.length; i++) if (one[i] !== batched[i]) differing++;
    expect(differing).to.equal(0);
    // Drawn at all: the opaque square's middle is the colour.
    const at = (14 * 1 + 25 * 200) * 4;
    expect(hex((batched[at]! << 16) | (batched[at + 1]! << 8) | batched[at + 2]!)).to.equal(
      hex(color),
    );
  });

  it("draws a 'tile' quad as a task tile with its band and glow, and re-sends nothing for the same tile", async () => {
    a = await app();
    const q = new QuadBatch(2, 'tiles', 'tile');
    // 4× magnified: the 10 px tile is 40 px, its band 12 px, its glow 8 px around it.
    q.mesh.scale.set(4);
    a.stage.addChild(q.mesh);
    const slot = q.acquire();
    const RED = 0xe5383b;
    const tile = { x: 5, y: 5, color: 0x00ff00, alpha: 1, band: 0x0000ff, glow: packColor(RED, 1) };
    q.setTile(slot, tile);
    q.flush();
    expect(TILE_SHAPE).to.deep.equal({ size: 10, band: 3, glowOut: 2 });
    expect(hex(pixel(a, 9, 40)), 'beyond the glow').to.equal(hex(BG));
    expect(hex(pixel(a, 16, 40)), 'glow on the left').to.equal(hex(RED));
    expect(hex(pixel(a, 21, 40)), 'band').to.equal(hex(0x0000ff));
    expect(hex(pixel(a, 40, 40)), 'status colour').to.equal(hex(0x00ff00));
    expect(hex(pixel(a, 59, 40)), 'status colour at the right edge').to.equal(hex(0x00ff00));
    expect(hex(pixel(a, 62, 40)), 'glow on the right').to.equal(hex(RED));
    expect(hex(pixel(a, 40, 64)), 'glow below').to.equal(hex(RED));
    expect(hex(pixel(a, 40, 70)), 'beyond the glow below').to.equal(hex(BG));
    // The same tile again: nothing to upload.
    let uploads = 0;
    q.mesh.geometry.getBuffer('aPosition').on('update', () => uploads++);
    q.setTile(slot, tile);
    q.flush();
    expect(uploads).to.equal(0);
    // A half-transparent glow blends over the background.
    q.setTile(slot, { ...tile, glow: packColor(RED, 0.5) });
    q.flush();
    expect(uploads).to.equal(1);
    expect(near(pixel(a, 16, 40), 0x731c1e, 3), hex(pixel(a, 16, 40))).to.equal(true);
    // No glow: the tile alone, nothing around it.
    q.setTile(slot, { ...tile, glow: 0 });
    q.flush();
    expect(hex(pixel(a, 16, 40))).to.equal(hex(BG));
    expect(hex(pixel(a, 21, 40))).to.equal(hex(0x0000ff));
    expect(hex(pixel(a, 62, 40))).to.equal(hex(BG));
    expect(q.shown).to.equal(1);
  });

  it('draws a ring quad as a stroke: its middle stays empty', async () => {
    a = await app();
    const q = new QuadBatch(2, 'rings', 'ring');
    a.stage.addChild(q.mesh);
    q.setRing(q.acquire(), 10, 10, 40, 40, 6, 0xff7a00, 1);
    q.flush();
    expect(hex(pixel(a, 12, 30))).to.equal(hex(0xff7a00));
    expect(hex(pixel(a, 47, 30))).to.equal(hex(0xff7a00));
    expect(hex(pixel(a, 30, 12))).to.equal(hex(0xff7a00));
    expect(hex(pixel(a, 30, 30))).to.equal(hex(BG));
  });
});

describe('RoundRect (rounded rectangles as quads of a round batch)', () => {
  let a: Application | undefined;
  afterEach(() => {
    a?.destroy(true, { children: true });
    a = undefined;
  });

  it('fills a rounded rectangle: corners cut by the arc, sides and middle filled, once', async () => {
    a = await app();
    const q = new QuadBatch(8, 'round', 'round');
    a.stage.addChild(q.mesh);
    new RoundRect(q).fill(10, 10, 60, 40, 10, 0xffffff, 0.5);
    q.flush();
    const half = 0x808080;
    // Inside: blended once (no two pieces overlap), at the middle, the sides and the corner disc.
    for (const [x, y] of [
      [40, 30],
      [11, 30],
      [68, 30],
      [40, 11],
      [40, 48],
      [14, 14],
      [65, 45],
    ] as const)
      expect(near(pixel(a, x, y), half, 2), `${x},${y} ${hex(pixel(a, x, y))}`).to.equal(true);
    // The very corners lie outside the arc; outside the rectangle nothing is drawn.
    expect(hex(pixel(a, 10, 10))).to.equal(hex(BG));
    expect(hex(pixel(a, 69, 49))).to.equal(hex(BG));
    expect(hex(pixel(a, 75, 30))).to.equal(hex(BG));
  });

  it('strokes a rounded outline: the edge and arcs drawn, the middle and the cut corners not', async () => {
    a = await app();
    const q = new QuadBatch(8, 'round', 'round');
    a.stage.addChild(q.mesh);
    new RoundRect(q).stroke(10, 10, 60, 40, 10, 2, 0xff7a00, 1);
    q.flush();
    for (const [x, y] of [
      [10, 30],
      [69, 30],
      [40, 10],
      [40, 49],
      // On the top-left arc: 10 px from its centre (20, 20) at 45°.
      [12, 12],
    ] as const)
      expect(hex(pixel(a, x, y)), `${x},${y}`).to.equal(hex(0xff7a00));
    expect(hex(pixel(a, 40, 30))).to.equal(hex(BG));
    expect(hex(pixel(a, 9, 9))).to.equal(hex(BG));
    expect(hex(pixel(a, 16, 16))).to.equal(hex(BG));
  });

  it('hides and gives back its quads', async () => {
    a = await app();
    const q = new QuadBatch(8, 'round', 'round');
    a.stage.addChild(q.mesh);
    const r = new RoundRect(q);
    r.fill(10, 10, 60, 40, 10, 0xffffff, 1);
    q.flush();
    expect(q.shown).to.equal(7);
    r.hide();
    q.flush();
    expect(hex(pixel(a, 40, 30))).to.equal(hex(BG));
    r.release();
    expect(q.size).to.equal(0);
  });
});

describe('AZ panels on the canvas', () => {
  it('draws each AZ column header strip and its outline', async () => {
    const host = makeHost();
    const canvas = await createClusterCanvas(host, {
      width: 900,
      height: 600,
      reducedMotion: true,
      theme: 'dark',
    });
    canvas.update(makeState([makeInstance('ci-a')], []));
    const az = canvas.locate({ kind: 'availabilityZone', id: 'us-east-1a' })!;
    expect(az, 'AZ column').to.not.equal(undefined);
    const zoom = canvas.stats().zoom;
    const strip = pixelAt(canvas, az.x + az.w / 2, az.y + 20 * zoom);
    expect(hex(strip)).to.equal(hex(THEMES.dark.column));
    // The 1 px outline (half-transparent stroke colour) at the left edge, half way down; the
    // column's inside is not filled.
    const inside = pixelAt(canvas, az.x + 4 * zoom, az.y + az.h / 2);
    const edge = pixelAt(canvas, az.x, az.y + az.h / 2);
    expect(hex(edge)).to.not.equal(hex(inside));
    expect(near(edge, THEMES.dark.instanceStroke, 140), hex(edge)).to.equal(true);
    canvas.destroy();
    host.remove();
  });
});

describe('task glow under load', () => {
  it('rings a hot task in the glow colour, outside its tile, none round a cool one, and follows the next snapshot', async () => {
    const host = makeHost();
    const canvas = await createClusterCanvas(host, {
      width: 900,
      height: 600,
      reducedMotion: true,
      theme: 'dark',
    });
    const inst = makeInstance('ci-a');
    const hot = makeTask('t-hot', { containerInstanceId: 'ci-a', createdAt: 1 });
    const cool = makeTask('t-cool', { containerInstanceId: 'ci-a', createdAt: 2 });
    canvas.update(withLoad(makeState([inst], [hot, cool]), 0, (id) => (id === 't-hot' ? 95 : 10)));
    expect(canvas.stats().traffic?.glowing).to.equal(1);
    const r = canvas.locate({ kind: 'task', id: 't-hot' })!;
    const zoom = canvas.stats().zoom;
    // The glow: 2 px around the tile (world px), red above 90 % CPU.
    const ringY = r.y + r.h / 2;
    const left = pixelAt(canvas, r.x - 1 * zoom, ringY);
    expect(near(left, 0xe5383b, 40), hex(left)).to.equal(true);
    const c = canvas.locate({ kind: 'task', id: 't-cool' })!;
    const below = pixelAt(canvas, c.x + c.w / 2, c.y + c.h + 1 * zoom);
    expect(near(below, 0xe5383b, 60)).to.equal(false);
    // The next snapshot: the hot task cools down and the cool one heats up; the glows follow.
    const next = withLoad(makeState([inst], [hot, cool]), 0, (id) => (id === 't-hot' ? 10 : 95));
    canvas.update({ ...next, version: next.version + 1 });
    expect(canvas.stats().traffic?.glowing).to.equal(1);
    const after = pixelAt(canvas, r.x - 1 * zoom, ringY);
    expect(near(after, 0xe5383b, 60), hex(after)).to.equal(false);
    const heated = pixelAt(canvas, c.x + c.w / 2, c.y + c.h + 1 * zoom);
    expect(near(heated, 0xe5383b, 40), hex(heated)).to.equal(true);
    canvas.destroy();
    host.remove();
  });
});
