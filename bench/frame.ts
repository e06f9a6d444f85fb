/**
 * Frame bench page (driven by scripts/bench-frame.mjs). `window.benchPair(n, frames)` renders the
 * playground's ClusterCanvas with a synthetic cluster of n tasks on n/10 instances, fed a new snapshot
 * every frame (tasks changing status, so tiles recolour and the diff runs each frame), and beside it
 * a bare Pixi scene of n moving sprites (the floor). Per frame it times the work (snapshot diff,
 * animation step, Pixi render) plus a 1-pixel readback that waits for the GPU (SwiftShader here).
 */
import { Application, Container, Mesh, Sprite, Texture, type WebGLRenderer } from 'pixi.js';
import { createClusterCanvas, GEOMETRY } from '../src/render/index.ts';
import type { SimState } from '../src/sim/model.ts';
import { smallCluster, syntheticCluster, withLoad } from '../tests/browser/render/fixtures.ts';
import { QuadBatch } from '../src/render/quad-batch.ts';
import { advance, applyCommand, createDefaultCluster } from '../src/sim/index.ts';

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

/** One pixel's readback target, reused (the allocation runs must not bill the harness's garbage). */
const PIXEL = new Uint8Array(4);

function gpuSync(app: Application): void {
  const gl = (app.renderer as WebGLRenderer).gl;
  gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, PIXEL);
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

/**
 * The snapshots the playground is fed in turn: n tasks, a seventh of them in other states than
 * RUNNING (shifting by variant, so tiles recolour every frame), with load flowing to every RUNNING
 * task (request particles, CPU glows, the ALB badge).
 */
function benchVariants(n: number): SimState[] {
  return [0, 1, 2].map((v) => withLoad(syntheticCluster(n, v), v));
}

/** The playground side: a ClusterCanvas fed a new snapshot (status changes) every frame. */
async function makePlayground(
  host: HTMLElement,
  n: number,
): Promise<{
  app: Application;
  canvas: Awaited<ReturnType<typeof createClusterCanvas>>;
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
  const variants = benchVariants(n);
  let version = 1;
  const frame = (i: number): void => {
    const base = variants[i % variants.length] ?? variants[0];
    if (base) canvas.update({ ...base, version: ++version });
    app.ticker.update(performance.now());
  };
  frame(0);
  const info = (): { lod: string; drawables: number; zoom: number } => {
    // Rectangles and display objects drawn: the quads of the quad batches (tiles with their glows,
    // chrome, particles) and every other visible object of the world's layers (labels, Graphics).
    const st = canvas.stats();
    let drawables = st.tileQuads + st.chromeQuads + (st.traffic?.particles ?? 0);
    app.stage.getChildByLabel('world')?.children.forEach((layer) => {
      if (!layer.visible) return;
      for (const c of layer.children) if (c.visible && c.label !== 'particles') drawables++;
    });
    return { lod: canvas.stats().lod, drawables, zoom: canvas.stats().zoom };
  };
  return {
    app,
    canvas,
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
): Promise<{
  app: Application;
  frame: (i: number) => void;
  move: (i: number) => void;
  destroy: () => void;
}> {
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
  const move = (f: number): void => {
    for (let i = 0; i < sprites.length; i++) {
      const s = sprites[i] as Sprite;
      s.x = (i % cols) * pitch + Math.sin((f + i) * 0.1) * 2;
    }
  };
  const frame = (f: number): void => {
    move(f);
    app.render();
  };
  return { app, frame, move, destroy: () => app.destroy(true, { children: true }) };
}

/**
 * Runs both scenes in the same page, alternating frame by frame, so load on the machine bills both
 * alike and the ratio stays meaningful on a busy host.
 */
async function benchPair(
  n: number,
  frames: number,
  hide: string[] = [],
): Promise<{ playground: FrameResult; bare: FrameResult; ratioMedian: number }> {
  const hostA = document.getElementById('host') as HTMLElement;
  const hostB = document.getElementById('host2') as HTMLElement;
  const play = await makePlayground(hostA, n);
  // Experiments only (BENCH_HIDE): parts of the playground left undrawn for the whole run.
  for (const label of hide) {
    const c = play.app.stage.getChildByLabel(label, true);
    if (c) c.renderable = false;
  }
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

let allocScene: { app: Application; frame: (i: number) => void } | undefined;

/**
 * Sets up one scene at n tasks for an allocation measurement (the driver starts and stops the CDP
 * sampling heap profiler around benchAllocRun): the playground alone, or (`bare`) the floor, a bare
 * Pixi scene of n moving sprites measured the same way, for what Pixi's own render call allocates.
 */
async function benchAllocSetup(
  n: number,
  kind: 'playground' | 'bare' = 'playground',
): Promise<void> {
  (allocScene as { destroy?: () => void } | undefined)?.destroy?.();
  const host = document.getElementById('host') as HTMLElement;
  allocScene = kind === 'bare' ? await makeBare(host, n, 5) : await makePlayground(host, n);
  (window as unknown as { benchScene: unknown }).benchScene = allocScene;
  for (let i = 0; i < WARMUP; i++) {
    await nextFrame();
    allocScene.frame(i);
  }
}

/**
 * Runs `frames` frames of the scene made by benchAllocSetup: `animating` feeds a new snapshot each
 * frame; otherwise the snapshot stays the same (a steady cluster) while frames keep being drawn.
 * The frames are driven by one requestAnimationFrame callback, made once, rather than a promise
 * awaited per frame, so that what the profiler and the GC counts see per frame is the canvas's own
 * allocation (plus whatever the browser allocates to call a rAF callback), not the harness's.
 */
function benchAllocRun(frames: number, animating: boolean): Promise<number> {
  const scene = allocScene;
  if (!scene) return Promise.reject(new Error('benchAllocSetup first'));
  const { app } = scene;
  // The floor's frame is its steady state (sprites moving, nothing created); the playground's
  // steady frame runs its ticker (animations, particles, render) on an unchanged snapshot.
  const steady = 'canvas' in scene ? (now: number) => app.ticker.update(now) : undefined;
  return new Promise((resolve) => {
    const t0 = performance.now();
    let i = 0;
    const step = (now: number): void => {
      if (animating || !steady) scene.frame(i);
      else steady(now);
      gpuSync(app);
      if (++i < frames) requestAnimationFrame(step);
      else resolve(performance.now() - t0);
    };
    requestAnimationFrame(step);
  });
}

/**
 * Profile of the playground's frame at n tasks (BENCH_PROFILE=1 in scripts/bench-frame.mjs): the
 * mean time of each phase — snapshot layout + diff, animation step, Pixi render (CPU side: scene
 * traversal, batching, GL calls issued), GPU wait (the readback after it) — and what the frame asks
 * of the GPU: draw calls, bytes uploaded, texture binds, display objects.
 */
async function benchProfile(
  n: number,
  frames: number,
  bare = false,
  opts: { swap?: boolean; hide?: string[] } = {},
): Promise<Record<string, number | string>> {
  const hosts = [
    document.getElementById('host'),
    document.getElementById('host2'),
  ] as HTMLElement[];
  if (opts.swap) hosts.reverse();
  const play = await makePlayground(hosts[0] as HTMLElement, n);
  const floor = bare
    ? await makeBare(hosts[1] as HTMLElement, n, Math.max(1, GEOMETRY.tile * play.info().zoom))
    : undefined;
  for (const label of opts.hide ?? []) {
    const c = play.app.stage.getChildByLabel(label, true);
    if (c) c.renderable = false;
  }
  const app = floor ? floor.app : play.app;
  const gl = (app.renderer as WebGLRenderer).gl as WebGL2RenderingContext;
  const counts = { draws: 0, elements: 0, uploads: 0, bytes: 0, binds: 0, programs: 0 };
  const wrap = <K extends keyof WebGL2RenderingContext>(
    name: K,
    f: (...args: unknown[]) => void,
  ): void => {
    const orig = (gl[name] as (...a: unknown[]) => unknown).bind(gl);
    (gl as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      f(...args);
      return orig(...args);
    };
  };
  wrap('drawElements', (_m, c) => {
    counts.draws++;
    counts.elements += c as number;
  });
  wrap('drawArrays', () => counts.draws++);
  wrap('bufferData', (_t, d) => {
    counts.uploads++;
    counts.bytes += typeof d === 'number' ? 0 : ((d as ArrayBufferView).byteLength ?? 0);
  });
  wrap('bufferSubData', (_t, _o, d) => {
    counts.uploads++;
    counts.bytes += (d as ArrayBufferView).byteLength ?? 0;
  });
  wrap('bindTexture', () => counts.binds++);
  wrap('useProgram', () => counts.programs++);
  const renderer = app.renderer as unknown as { render: (...a: unknown[]) => void };
  const origRender = renderer.render.bind(renderer);
  let renderMs = 0;
  renderer.render = (...a: unknown[]) => {
    const t = performance.now();
    origRender(...a);
    renderMs += performance.now() - t;
  };
  const sum = { update: 0, tick: 0, render: 0, gpu: 0, total: 0 };
  const variants = benchVariants(n);
  let version = 1000;
  for (let i = 0; i < WARMUP + frames; i++) {
    await nextFrame();
    gpuSync(app);
    if (i === WARMUP) for (const k of Object.keys(counts)) counts[k as keyof typeof counts] = 0;
    renderMs = 0;
    const t0 = performance.now();
    const base = variants[i % variants.length];
    if (floor) floor.move(i);
    else if (base) play.canvas.update({ ...base, version: ++version });
    const t1 = performance.now();
    if (floor) app.render();
    else app.ticker.update(performance.now());
    const t2 = performance.now();
    gpuSync(app);
    const t3 = performance.now();
    if (i >= WARMUP) {
      sum.update += t1 - t0;
      sum.tick += t2 - t1 - renderMs;
      sum.render += renderMs;
      sum.gpu += t3 - t2;
      sum.total += t3 - t0;
    }
  }
  const info = play.info();
  play.destroy();
  floor?.destroy();
  const per = (x: number): number => x / frames;
  return {
    n,
    lod: info.lod,
    drawables: info.drawables,
    zoom: info.zoom,
    updateMs: per(sum.update),
    stepMs: per(sum.tick),
    renderCpuMs: per(sum.render),
    gpuWaitMs: per(sum.gpu),
    totalMs: per(sum.total),
    drawCalls: per(counts.draws),
    indices: per(counts.elements),
    uploads: per(counts.uploads),
    uploadKb: per(counts.bytes) / 1024,
    textureBinds: per(counts.binds),
    programs: per(counts.programs),
  };
}

/** Experiment: bare scenes of (n, size) pairs, interleaved; mean ms per frame each. */
async function benchSweep(
  configs: [number, number, string?][],
  frames: number,
): Promise<{ n: number; size: number; ms: number }[]> {
  const host = document.getElementById('host') as HTMLElement;
  const scenes = [];
  for (const [n, size, kind] of configs) {
    const sc = await makeBare(host, kind ? 0 : n, size);
    if (kind?.startsWith('q') || kind?.startsWith('s') || kind?.startsWith('r')) {
      // 'q': quads of k QuadBatches rewritten every frame; 's': written once (static); 'r': rings.
      const still = kind.startsWith('s');
      const k = Number(kind.slice(1) || 1);
      const qbs = Array.from(
        { length: k },
        () => new QuadBatch(n, 'sweep', kind.startsWith('r') ? 'ring' : 'band'),
      );
      const slots = Array.from({ length: n }, (_, i) => qbs[i % k]!.acquire());
      for (const qb of qbs) sc.app.stage.addChild(qb.mesh);
      const cols = Math.ceil(Math.sqrt((n * WIDTH) / HEIGHT));
      const pitch = WIDTH / cols;
      sc.frame = (f: number) => {
        if (kind.startsWith('r'))
          for (let i = 0; i < n; i++)
            qbs[i % k]!.setRing(
              slots[i]!,
              (i % cols) * pitch + Math.sin((f + i) * 0.1) * 2,
              Math.floor(i / cols) * pitch,
              size,
              size,
              size * 0.15,
              0xff0000,
              0.8,
            );
        else if (!still || f === 0)
          for (let i = 0; i < n; i++)
            qbs[i % k]!.set(
              slots[i]!,
              (i % cols) * pitch + Math.sin((f + i) * 0.1) * 2,
              Math.floor(i / cols) * pitch,
              size,
              size,
              i % 2 ? 0x009e73 : 0x56b4e9,
              1,
              size * 0.3,
              0xff0000,
            );
        for (const qb of qbs) qb.flush();
        sc.app.render();
      };
    }
    scenes.push(sc);
  }
  const sums = configs.map(() => 0);
  for (let i = 0; i < WARMUP + frames; i++) {
    await nextFrame();
    for (let k = 0; k < scenes.length; k++) {
      const sc = scenes[(k + i) % scenes.length]!;
      gpuSync(sc.app);
      const t = performance.now();
      sc.frame(i);
      gpuSync(sc.app);
      if (i >= WARMUP) sums[(k + i) % scenes.length]! += performance.now() - t;
    }
  }
  for (const sc of scenes) sc.destroy();
  return configs.map(([n, size], k) => ({ n, size, ms: sums[k]! / frames }));
}

let workScenes:
  | {
      play: Awaited<ReturnType<typeof makePlayground>>;
      floor: Awaited<ReturnType<typeof makeBare>>;
      hide: string[];
    }
  | undefined;

/**
 * CPU work per frame (BENCH_WORK=1 in scripts/bench-frame.mjs, which reads the CPU time of
 * Chromium's processes around each call): sets up both scenes at n tasks, with `hide` parts of the
 * playground undrawn; then benchWorkRun draws `frames` frames of one scene, each waited for.
 * Software WebGL runs on the CPU, so CPU time counts the GPU's work too, and unlike wall time it
 * does not grow when other programs load the machine.
 */
async function benchWorkSetup(n: number, hide: string[] = []): Promise<void> {
  workScenes?.play.destroy();
  workScenes?.floor.destroy();
  const hosts = ['host', 'host2'].map((id) => document.getElementById(id) as HTMLElement);
  if (hide.includes('swap')) hosts.reverse();
  const play = await makePlayground(hosts[0] as HTMLElement, n);
  for (const label of hide) {
    const c = play.app.stage.getChildByLabel(label, true);
    if (c) c.renderable = false;
  }
  if (hide.includes('legend'))
    (document.querySelector('[data-part=legend]') as HTMLElement).style.display = 'none';
  const floor = await makeBare(
    hosts[1] as HTMLElement,
    hide.includes('bare0') ? 0 : n,
    Math.max(1, GEOMETRY.tile * play.info().zoom),
  );
  workScenes = { play, floor, hide };
  for (let i = 0; i < WARMUP; i++) {
    await nextFrame();
    play.frame(i);
    floor.frame(i);
    gpuSync(play.app);
    gpuSync(floor.app);
  }
}

async function benchWorkRun(which: 'play' | 'bare', frames: number): Promise<number> {
  const sc = workScenes;
  if (!sc) throw new Error('benchWorkSetup first');
  const t0 = performance.now();
  for (let i = 0; i < frames; i++) {
    await nextFrame();
    if (which === 'play') {
      if (sc.hide.includes('!update')) sc.play.app.ticker.update(performance.now());
      else if (sc.hide.includes('!ticker')) sc.play.app.render();
      else sc.play.frame(i);
      gpuSync(sc.play.app);
    } else {
      sc.floor.frame(i);
      gpuSync(sc.floor.app);
    }
  }
  return performance.now() - t0;
}

/**
 * Profile (BENCH_LAYERS='["task-tiles","columns"]' in scripts/bench-frame.mjs): the marginal cost of
 * each labelled part of the playground at n tasks. One playground, one snapshot; every frame it is
 * rendered once per variant (nothing hidden, then each label hidden alone), in rotating order, each
 * timed from an idle GPU to an idle GPU, so load on the machine bills all variants alike. Also
 * times the floor ('bare') and a full animating frame ('frame': new snapshot + render).
 */
async function benchLayers(
  n: number,
  frames: number,
  labels: string[],
  noDom = false,
): Promise<Record<string, number>> {
  const play = await makePlayground(document.getElementById('host') as HTMLElement, n);
  // Experiments: the DOM boxes over the canvas (legend, ALB badge) not shown at all.
  if (noDom)
    for (const el of document.querySelectorAll<HTMLElement>(
      '[data-part=legend], [data-part=alb-badge]',
    ))
      el.style.display = 'none';
  const floor = await makeBare(
    document.getElementById('host2') as HTMLElement,
    n,
    Math.max(1, GEOMETRY.tile * play.info().zoom),
  );
  const variants = ['all', ...labels, 'bare', 'frame', 'upload'];
  const sums = variants.map(() => 0);
  const parts = labels.map((l) => play.app.stage.getChildByLabel(l, true));
  // The vertex buffers of the quad meshes ('upload': all re-sent, same data, then drawn).
  const quadBuffers: { update: () => void }[] = [];
  const collect = (c: Container): void => {
    if (c instanceof Mesh && String(c.label).match(/tiles|chrome|particle/))
      quadBuffers.push(c.geometry.getBuffer('aPosition'));
    for (const ch of c.children) collect(ch);
  };
  collect(play.app.stage);
  for (let i = 0; i < WARMUP + frames; i++) {
    await nextFrame();
    for (let k = 0; k < variants.length; k++) {
      const v = (k + i) % variants.length;
      const name = variants[v] as string;
      const app = name === 'bare' ? floor.app : play.app;
      parts.forEach((c, j) => c && (c.renderable = labels[j] !== name));
      gpuSync(app);
      const t = performance.now();
      if (name === 'bare') floor.frame(i);
      else if (name === 'frame') play.frame(i);
      else if (name === 'upload') {
        for (const b of quadBuffers) b.update();
        play.app.render();
      } else play.app.render();
      gpuSync(app);
      if (i >= WARMUP) sums[v]! += performance.now() - t;
    }
  }
  play.destroy();
  floor.destroy();
  return Object.fromEntries(variants.map((v, k) => [v, sums[k]! / frames]));
}

let shown: Awaited<ReturnType<typeof createClusterCanvas>> | undefined;

/**
 * Shows one still scene for a screenshot (scripts/bench-frame.mjs with BENCH_SHOTS=dir): the
 * small fixture cluster (DRAINING instance, Fargate tasks, a PENDING task) or a synthetic one of n
 * tasks, optionally with load flowing, in the given theme; animations finish at once.
 */
async function benchShow(
  n: number,
  opts: { load?: boolean; faults?: boolean; theme?: 'light' | 'dark' | 'high-contrast' } = {},
): Promise<Record<string, unknown>> {
  shown?.destroy();
  const host = document.getElementById('host') as HTMLElement;
  shown = await createClusterCanvas(host, {
    width: WIDTH,
    height: HEIGHT,
    theme: opts.theme ?? 'dark',
    reducedMotion: true,
  });
  const base = opts.faults ? faultyCluster() : n === 0 ? smallCluster() : syntheticCluster(n);
  shown.update(opts.load ? withLoad(base) : base);
  shown.app.ticker.update(performance.now());
  shown.app.render();
  return { ...shown.stats() };
}

/** The default cluster with an AZ down and a disconnected on-premises site (ECS Anywhere). */
function faultyCluster(): SimState {
  let s = createDefaultCluster(5);
  for (let i = 0; i < 2; i++)
    s = applyCommand(s, { type: 'REGISTER_EXTERNAL_INSTANCE', site: 'bank-dc' }).state;
  s = advance(s, 30_000);
  const az = Object.values(s.instances).find((i) => !i.external)?.availabilityZone ?? '';
  s = applyCommand(s, { type: 'AZ_OUTAGE', availabilityZone: az }).state;
  return applyCommand(s, { type: 'SITE_DISCONNECT', site: 'bank-dc' }).state;
}

declare global {
  interface Window {
    benchPair: typeof benchPair;
    benchAllocSetup: typeof benchAllocSetup;
    benchAllocRun: typeof benchAllocRun;
    benchProfile: typeof benchProfile;
    benchSweep: typeof benchSweep;
    benchShow: typeof benchShow;
    benchLayers: typeof benchLayers;
    benchWorkSetup: typeof benchWorkSetup;
    benchWorkRun: typeof benchWorkRun;
    benchReady: boolean;
  }
}

window.benchPair = benchPair;
window.benchAllocSetup = benchAllocSetup;
window.benchAllocRun = benchAllocRun;
window.benchProfile = benchProfile;
window.benchSweep = benchSweep;
window.benchShow = benchShow;
window.benchLayers = benchLayers;
window.benchWorkSetup = benchWorkSetup;
window.benchWorkRun = benchWorkRun;
window.benchReady = true;
