/**
 * Frame bench page (driven by scripts/bench-frame.mjs). `window.benchPair(n, frames)` renders the
 * playground's ClusterCanvas with a synthetic cluster of n tasks on n/10 instances, fed a new snapshot
 * every frame (tasks changing status, so tiles recolour and the diff runs each frame), and beside it
 * a bare Pixi scene of n moving sprites (the floor). Per frame it times the work (snapshot diff,
 * animation step, Pixi render) plus a 1-pixel readback that waits for the GPU (SwiftShader here).
 */
import { Application, Sprite, Texture, type WebGLRenderer } from 'pixi.js';
import { createClusterCanvas, GEOMETRY } from '../src/render/index.ts';
import { syntheticCluster } from '../tests/browser/render/fixtures.ts';

const WIDTH = 1280;
const HEIGHT = 720;
const WARMUP = 30;

interface FrameResult {
  mode: string;
  n: number;
  frames: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  meanIntervalMs: number;
  lod: string;
  sprites: number;
  /** Playground only: mean layout + diff of the snapshot, ms (part of meanMs). */
  diffMs?: number;
}

function nextFrame(): Promise<number> {
  return new Promise((r) => requestAnimationFrame(r));
}

function gpuSync(app: Application): void {
  const gl = (app.renderer as WebGLRenderer).gl;
  const px = new Uint8Array(4);
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
}

function summarise(
  mode: string,
  n: number,
  times: number[],
  intervals: number[],
  lod: string,
  sprites: number,
): FrameResult {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  return {
    mode,
    n,
    frames: times.length,
    meanMs: mean(times),
    p50Ms: sorted[Math.floor(sorted.length * 0.5)] ?? 0,
    p95Ms: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
    meanIntervalMs: mean(intervals),
    lod,
    sprites,
  };
}

/** The playground side: a ClusterCanvas fed a new snapshot (status changes) every frame. */
async function makePlayground(
  host: HTMLElement,
  n: number,
): Promise<{
  app: Application;
  frame: (i: number) => void;
  info: () => { lod: string; drawables: number; zoom: number };
  diffMs: () => number;
  destroy: () => void;
}> {
  const canvas = await createClusterCanvas(host, { width: WIDTH, height: HEIGHT, theme: 'dark' });
  const app = canvas.app;
  // The bench drives the canvas's ticker itself, once per measured frame, instead of its own loop.
  app.ticker.stop();
  app.ticker.start = () => undefined;
  const variants = [syntheticCluster(n, 0), syntheticCluster(n, 1), syntheticCluster(n, 2)];
  let version = 1;
  const frame = (i: number): void => {
    const base = variants[i % variants.length] ?? variants[0];
    if (base) canvas.update({ ...base, version: ++version });
    app.ticker.update(performance.now());
  };
  frame(0);
  const info = (): { lod: string; drawables: number; zoom: number } => {
    let drawables = 0;
    app.stage.getChildByLabel('world')?.children.forEach((layer) => {
      if (layer.visible) drawables += layer.children.filter((c) => c.visible).length;
    });
    return { lod: canvas.stats().lod, drawables, zoom: canvas.stats().zoom };
  };
  return {
    app,
    frame,
    info,
    diffMs: () => canvas.stats().lastUpdateMs,
    destroy: () => canvas.destroy(),
  };
}

/**
 * The floor: a bare Pixi scene of n sprites, each the on-screen size of a task tile in the
 * playground's fitted view, spread over the canvas, all moving every frame.
 */
async function makeBare(
  host: HTMLElement,
  n: number,
  size: number,
): Promise<{ app: Application; frame: (i: number) => void; destroy: () => void }> {
  const app = new Application();
  await app.init({
    width: WIDTH,
    height: HEIGHT,
    preference: 'webgl',
    antialias: false,
    resolution: 1,
    autoStart: false,
    background: 0x15191e,
  });
  host.appendChild(app.canvas);
  const sprites: Sprite[] = [];
  const cols = Math.ceil(Math.sqrt((n * WIDTH) / HEIGHT));
  const pitch = WIDTH / cols;
  for (let i = 0; i < n; i++) {
    const s = new Sprite(Texture.WHITE);
    s.scale.set(size);
    s.tint = i % 2 ? 0x009e73 : 0x56b4e9;
    s.position.set((i % cols) * pitch, Math.floor(i / cols) * pitch);
    sprites.push(s);
    app.stage.addChild(s);
  }
  const frame = (f: number): void => {
    for (let i = 0; i < sprites.length; i++) {
      const s = sprites[i] as Sprite;
      s.x = (i % cols) * pitch + Math.sin((f + i) * 0.1) * 2;
    }
    app.render();
  };
  return { app, frame, destroy: () => app.destroy(true, { children: true }) };
}

/**
 * Runs both scenes in the same page, alternating frame by frame, so load on the machine bills both
 * alike and the ratio stays meaningful on a busy host.
 */
async function benchPair(
  n: number,
  frames: number,
): Promise<{ playground: FrameResult; bare: FrameResult; ratioMedian: number }> {
  const hostA = document.getElementById('host') as HTMLElement;
  const hostB = document.getElementById('host2') as HTMLElement;
  const play = await makePlayground(hostA, n);
  const { lod, zoom } = play.info();
  const tile = Math.max(1, GEOMETRY.tile * zoom);
  const floor = await makeBare(hostB, n, tile);
  const a: number[] = [];
  const b: number[] = [];
  const ia: number[] = [];
  const diff: number[] = [];
  let last = await nextFrame();
  for (let i = 0; i < WARMUP + frames; i++) {
    const ts = await nextFrame();
    // Wait for work already queued on the GPU (the compositor's previous frame of the page) before
    // each timed scene, so neither is billed for it: with software WebGL the page's compositing
    // runs on the same GPU thread and otherwise lands on whichever scene reads back first.
    // The order alternates too, so any leftover bias is shared.
    const playFirst = i % 2 === 0;
    let ta = 0;
    let tb = 0;
    for (const which of playFirst ? [0, 1] : [1, 0]) {
      const app = which === 0 ? play.app : floor.app;
      gpuSync(app);
      const t = performance.now();
      if (which === 0) play.frame(i);
      else floor.frame(i);
      gpuSync(app);
      if (which === 0) ta = performance.now() - t;
      else tb = performance.now() - t;
    }
    if (i >= WARMUP) {
      a.push(ta);
      diff.push(play.diffMs());
      b.push(tb);
      ia.push(ts - last);
    }
    last = ts;
  }
  const drawables = play.info().drawables;
  play.destroy();
  floor.destroy();
  const ratios = a.map((x, i) => x / Math.max(1e-3, b[i] ?? 1)).sort((x, y) => x - y);
  return {
    playground: {
      ...summarise('playground', n, a, ia, lod, drawables),
      diffMs: diff.reduce((x, y) => x + y, 0) / Math.max(1, diff.length),
    },
    bare: summarise('bare', n, b, ia, `${tile.toFixed(1)}px sprites`, n),
    ratioMedian: ratios[Math.floor(ratios.length / 2)] ?? 0,
  };
}

let allocScene: Awaited<ReturnType<typeof makePlayground>> | undefined;

/**
 * Sets up the playground alone at n tasks for an allocation measurement (the driver starts and stops
 * the CDP sampling heap profiler around benchAllocRun).
 */
async function benchAllocSetup(n: number): Promise<void> {
  allocScene?.destroy();
  allocScene = await makePlayground(document.getElementById('host') as HTMLElement, n);
  (window as unknown as { benchScene: unknown }).benchScene = allocScene;
  for (let i = 0; i < WARMUP; i++) {
    await nextFrame();
    allocScene.frame(i);
  }
}

/**
 * Runs `frames` frames of the scene made by benchAllocSetup: `animating` feeds a new snapshot each
 * frame; otherwise the snapshot stays the same (a steady cluster) while frames keep being drawn.
 */
async function benchAllocRun(frames: number, animating: boolean): Promise<number> {
  const scene = allocScene;
  if (!scene) throw new Error('benchAllocSetup first');
  const t0 = performance.now();
  for (let i = 0; i < frames; i++) {
    await nextFrame();
    if (animating) scene.frame(i);
    else scene.app.ticker.update(performance.now());
    gpuSync(scene.app);
  }
  return performance.now() - t0;
}

declare global {
  interface Window {
    benchPair: typeof benchPair;
    benchAllocSetup: typeof benchAllocSetup;
    benchAllocRun: typeof benchAllocRun;
    benchReady: boolean;
  }
}

window.benchPair = benchPair;
window.benchAllocSetup = benchAllocSetup;
window.benchAllocRun = benchAllocRun;
window.benchReady = true;
