#!/usr/bin/env node
// Browser part of `npm run bench` (headless Chromium, SwiftShader WebGL), on bench/frame.html:
//  - frame time: the playground's ClusterCanvas at N tasks, all animating (a new snapshot with status
//    changes every frame), beside a bare Pixi scene drawing N moving sprites in the same page,
//    alternating frame by frame (the floor);
//  - allocation over 600 frames at 1,000 tasks: steady (same snapshot, frames still drawn) and
//    animating, and the bare Pixi floor measured alike; each in a fresh renderer process, frames
//    driven by one rAF callback; JS allocation from the CDP sampling heap profiler, typed-array
//    backing stores counted in the page (the profiler cannot see them), and the GCs of the page's
//    isolate from V8's --trace-gc lines (line-buffered: see bench-chromium.mjs).
// Details go to stderr; figures as JSON to the file named by `--json <path>` (stdout without it).
// Exits non-zero only when it cannot measure.
// Profiling first (each replaces the run above; BENCH_SIZES and BENCH_FRAMES apply):
//   BENCH_PROFILE=1    time per phase (snapshot diff, animation step, Pixi render, GPU wait) and
//                      GL calls per frame (draws, uploads), playground and floor;
//   BENCH_WORK=1       CPU time of Chromium's processes per frame (SwiftShader included), robust
//                      to load; BENCH_WORK_SETS='[[], ["traffic"]]' lists parts left undrawn;
//   BENCH_CPUPROF=1    the page's JS self time by function;
//   BENCH_HIDE='["badge"]' the normal run with labelled parts undrawn; BENCH_NO_ALLOC=1 skips
//                      the allocation runs;
//   BENCH_SWEEP='[[1000, 6], [1000, 6, "q1"]]' bare scenes of n sprites (or quads) of a size;
//   BENCH_LAYERS='["chrome"]' marginal GPU+render cost of each labelled part, interleaved;
//   BENCH_SHOTS=dir    still screenshots of the canvas (compare visuals before/after a change).
//   BENCH_ALLOC_STACK=n the allocation runs' top allocations keyed by function and n callers;
//                      BENCH_ALLOC_ONLY=1 the allocation runs alone; BENCH_GC_TRACE=1 prints the
//                      V8 --trace-gc lines of each allocation window.
import { createServer } from 'vite';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import {
  countArrayBuffers,
  launchChromium,
  machineInfo,
  measureAllocation,
} from './bench-chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// 3,000: the largest cluster still drawn one tile per task (LOD_TASK_THRESHOLD).
const SIZES = (process.env.BENCH_SIZES ?? '1000,3000,10000').split(',').map(Number);
const FRAMES = Number(process.env.BENCH_FRAMES ?? 300);
const ALLOC_FRAMES = 600;
const log = (s) => process.stderr.write(`${s}\n`);

/** CPU time (user + system, ms) of process `pid` and all its descendants, from /proc (Linux). */
function treeCpuMs(pid) {
  if (!pid) return 0;
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  const children = new Map();
  const times = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(f[1]);
      times.set(Number(d), (Number(f[11]) + Number(f[12])) * tick);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch {
      /* process gone */
    }
  }
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    total += times.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

async function main() {
  const server = await createServer({
    root,
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    optimizeDeps: { include: ['pixi.js'], entries: ['bench/frame.html'] },
  });
  await server.listen();
  const base = server.resolvedUrls?.local[0];
  if (!base) throw new Error('vite did not report a URL');
  const { browser, gcLines } = await launchChromium();
  const figures = [];
  const info = {};
  try {
    const page = await browser.newPage();
    // Both scenes side by side, both in the window (bench/frame.html), so the page composites
    // each canvas alike: with the floor below the fold, only the playground's canvas was
    // composited, ~15 ms of CPU per frame on software WebGL that the floor did not pay.
    await page.setViewport({ width: 1280, height: 720 });
    page.on('pageerror', (e) => log(`page error: ${e.message}`));
    const open = async () => {
      await page.goto(new URL('bench/frame.html', base).href, {
        waitUntil: 'load',
        timeout: 120000,
      });
      await page.waitForFunction('window.benchReady === true', { timeout: 120000 });
    };
    await open();
    Object.assign(info, await machineInfo(browser, page));
    if (process.env.BENCH_SHOTS) {
      // Still screenshots of the canvas for comparing visuals before and after a change.
      const shots = [
        ['small-dark', 0, {}],
        ['small-light', 0, { theme: 'light' }],
        ['200-load-dark', 200, { load: true }],
        ['1000-load-dark', 1000, { load: true }],
        ['1000-light', 1000, { theme: 'light' }],
        ['10000-dark', 10000, {}],
        ['faults-dark', 0, { faults: true }],
        ['faults-light', 0, { faults: true, theme: 'light' }],
      ];
      for (const [name, n, o] of shots) {
        await open();
        // Full size for the pictures (the timed runs show each scene at half size).
        await page.addStyleTag({
          content: '.slot { width: 1280px; height: 720px } #host, #host2 { transform: none }',
        });
        const st = await page.evaluate((c, opt) => window.benchShow(c, opt), n, o);
        await new Promise((r) => setTimeout(r, 200));
        const el = await page.$('#host');
        await el.screenshot({ path: path.join(process.env.BENCH_SHOTS, `${name}.png`) });
        log(`shot ${name}: ${JSON.stringify(st)}`);
      }
      return;
    }
    if (process.env.BENCH_CPUPROF) {
      // JS CPU profile of the playground's frames (self time by function), for profiling first.
      const hide = JSON.parse(process.env.BENCH_HIDE ?? '[]');
      for (const n of SIZES) {
        await open();
        await page.evaluate((c, h) => window.benchWorkSetup(c, h), n, hide);
        const cdp = await page.createCDPSession();
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
        await page.evaluate((f) => window.benchWorkRun('play', f), FRAMES);
        const { profile } = await cdp.send('Profiler.stop');
        const self = new Map();
        const dt = new Map();
        for (let i = 0; i < profile.samples.length; i++)
          dt.set(
            profile.samples[i],
            (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0),
          );
        let total = 0;
        for (const node of profile.nodes) {
          const t = (dt.get(node.id) ?? 0) / 1000;
          const f = node.callFrame;
          const key = `${f.functionName || '(anonymous)'} ${String(f.url).split('/').pop()}:${f.lineNumber + 1}`;
          self.set(key, (self.get(key) ?? 0) + t);
          if (f.functionName !== '(idle)' && f.functionName !== '(program)') total += t;
        }
        log(
          `cpu profile N=${n}, ${FRAMES} frames: ${(total / FRAMES).toFixed(2)} ms/frame of JS (not idle)`,
        );
        for (const [k, v] of [...self]
          .sort((a, b) => b[1] - a[1])
          .slice(0, Number(process.env.BENCH_TOP ?? 25)))
          log(`  ${(v / FRAMES).toFixed(3)} ms/frame  ${k}`);
      }
      return;
    }
    /**
     * CPU time of Chromium's processes (page, compositor, SwiftShader) per frame, playground vs
     * floor, each drawing alone in alternating blocks of 30 frames.
     */
    const work = async (n, hide, frameCount) => {
      const pid = browser.process()?.pid;
      await open();
      await page.evaluate((c, h) => window.benchWorkSetup(c, h), n, hide);
      const cpu = { play: 0, bare: 0 };
      const wall = { play: 0, bare: 0 };
      const block = 30;
      const blocks = Math.max(1, Math.round(frameCount / block));
      for (let r = 0; r < blocks; r++)
        for (const which of r % 2 ? ['bare', 'play'] : ['play', 'bare']) {
          const c0 = treeCpuMs(pid);
          wall[which] += await page.evaluate((w, f) => window.benchWorkRun(w, f), which, block);
          cpu[which] += treeCpuMs(pid) - c0;
        }
      return { cpu, wall, frames: blocks * block };
    };
    if (process.env.BENCH_WORK) {
      const sets = JSON.parse(process.env.BENCH_WORK_SETS ?? '[[]]');
      for (const n of SIZES)
        for (const hide of sets) {
          const { cpu, wall, frames } = await work(n, hide, FRAMES);
          log(
            `work N=${n} hide ${JSON.stringify(hide)}: playground ${(cpu.play / frames).toFixed(2)} ms CPU/frame (wall ${(wall.play / frames).toFixed(1)}), bare ${(cpu.bare / frames).toFixed(2)} ms CPU/frame (wall ${(wall.bare / frames).toFixed(1)}), ratio ${(cpu.play / cpu.bare).toFixed(2)}`,
          );
        }
      return;
    }
    if (process.env.BENCH_LAYERS) {
      // Marginal cost of each labelled part (see benchLayers), interleaved frame by frame.
      for (const n of SIZES) {
        await open();
        const r = await page.evaluate(
          (c, f, l, d) => window.benchLayers(c, f, l, d),
          n,
          FRAMES,
          JSON.parse(process.env.BENCH_LAYERS),
          !!process.env.BENCH_NO_DOM,
        );
        log(
          `layers N=${n}: ` +
            Object.entries(r)
              .map(
                ([k, v]) =>
                  `${k === 'all' || k === 'bare' || k === 'frame' ? k : `-${k}`} ${v.toFixed(2)}`,
              )
              .join(', ') +
            ' ms',
        );
      }
      return;
    }
    if (process.env.BENCH_SWEEP) {
      const r = await page.evaluate(
        (c, f) => window.benchSweep(c, f),
        JSON.parse(process.env.BENCH_SWEEP),
        FRAMES,
      );
      for (const x of r) log(`sweep n ${x.n} size ${x.size}: ${x.ms.toFixed(2)} ms`);
      return;
    }
    if (process.env.BENCH_PROFILE) {
      // Profile only: where the frame's time goes, playground and floor (see benchProfile).
      const variants = JSON.parse(process.env.BENCH_PROFILE_RUNS ?? '[[false,{}],[true,{}]]');
      for (const n of SIZES)
        for (const [bare, opts] of variants) {
          await open();
          const p = await page.evaluate(
            (count, frames, b, o) => window.benchProfile(count, frames, b, o),
            n,
            FRAMES,
            bare,
            opts,
          );
          log(
            `profile ${bare ? 'bare      ' : 'playground'} ${JSON.stringify(opts)} N=${n}: ` +
              Object.entries(p)
                .map(([k, v]) => `${k} ${typeof v === 'number' ? +v.toFixed(2) : v}`)
                .join(', '),
          );
        }
      return;
    }
    // BENCH_ALLOC_ONLY=1 (experiments): the allocation runs only.
    for (const n of process.env.BENCH_ALLOC_ONLY ? [] : SIZES) {
      // A fresh page per size so one run's garbage and GPU state do not bill the next.
      await open();
      const {
        playground: p,
        bare: b,
        ratioMedian,
      } = await page.evaluate(
        (count, frames, hide) => window.benchPair(count, frames, hide),
        n,
        FRAMES,
        JSON.parse(process.env.BENCH_HIDE ?? '[]'),
      );
      log(
        `frame N=${n}: playground ${p.meanMs.toFixed(2)} ms (p95 ${p.p95Ms.toFixed(1)}, layout+diff ${p.diffMs.toFixed(2)}), bare ${b.meanMs.toFixed(2)} ms (p95 ${b.p95Ms.toFixed(1)}), ratio ${(p.meanMs / b.meanMs).toFixed(2)} (median per frame ${ratioMedian.toFixed(2)}); LOD ${p.lod}, ${p.sprites} quads and objects drawn; floor ${b.lod}`,
      );
      figures.push(
        {
          key: `frame.play.${n}`,
          value: p.meanMs,
          unit: 'ms',
          note: `p95 ${p.p95Ms.toFixed(1)}; layout+diff ${p.diffMs.toFixed(2)} ms; LOD ${p.lod}`,
        },
        {
          key: `frame.bare.${n}`,
          value: b.meanMs,
          unit: 'ms',
          note: `p95 ${b.p95Ms.toFixed(1)}; ${b.lod}`,
        },
      );
      // The same comparison in CPU time of all of Chromium's processes (the page, its
      // compositing and SwiftShader), which other programs' load does not inflate.
      const w = await work(n, [], 120);
      const workRatio = w.cpu.play / Math.max(1e-3, w.cpu.bare);
      log(
        `work N=${n}: playground ${(w.cpu.play / w.frames).toFixed(1)} ms CPU/frame, bare ${(w.cpu.bare / w.frames).toFixed(1)} ms CPU/frame (all Chromium processes), ratio ${workRatio.toFixed(2)}`,
      );
      figures.push({
        key: `frame.ratio.${n}`,
        value: p.meanMs / b.meanMs,
        unit: '×',
        note: `median per-frame ratio ${ratioMedian.toFixed(2)}; CPU time per frame (all Chromium processes) ${workRatio.toFixed(2)}×`,
      });
    }
    // BENCH_NO_ALLOC=1 (experiments): frame times only.
    if (process.env.BENCH_NO_ALLOC) return;
    // Allocation over 600 frames at 1,000 tasks. Each scene in a fresh browser context, i.e. its
    // own renderer process, so its heap has no history of the scenes timed above (the young
    // generation's size after them changes how many GCs the same allocation costs), with typed
    // arrays counted from before the page's modules load (countArrayBuffers). The bare Pixi floor
    // is measured the same way: what Pixi's render call allocates by itself.
    const measured = {};
    for (const [kind, scene, animating] of [
      ['bare', 'bare', false],
      ['steady', 'playground', false],
      ['animating', 'playground', true],
    ]) {
      const ctx = await browser.createBrowserContext();
      try {
        const p = await ctx.newPage();
        await p.setViewport({ width: 1280, height: 720 });
        p.on('pageerror', (e) => log(`page error: ${e.message}`));
        await p.evaluateOnNewDocument(countArrayBuffers);
        await p.goto(new URL('bench/frame.html', base).href, {
          waitUntil: 'load',
          timeout: 120000,
        });
        await p.waitForFunction('window.benchReady === true', { timeout: 120000 });
        await p.evaluate((n, k) => window.benchAllocSetup(n, k), 1000, scene);
        const m = await measureAllocation(p, gcLines, ALLOC_FRAMES, () =>
          p.evaluate((f, a) => window.benchAllocRun(f, a), ALLOC_FRAMES, animating),
        );
        measured[kind] = m;
        const what =
          kind === 'bare' ? 'bare Pixi floor, 1,000 sprites' : `canvas at 1,000 tasks, ${kind}`;
        log(
          `allocation, ${what}, ${ALLOC_FRAMES} frames: ${m.bytesPerFrame.toFixed(0)} B/frame sampled (JS heap), ${m.arrayBuffersPerFrame?.toFixed(2)} typed arrays/frame with ${m.arrayBufferBytesPerFrame?.toFixed(0)} B/frame of backing stores, ${m.gcs} GCs (${m.gcKinds}), retained heap ${m.retainedDeltaKb.toFixed(0)} KB`,
        );
        for (const t of m.top) log(`    ${t}`);
      } finally {
        await ctx.close();
      }
    }
    const floor = measured.bare;
    for (const kind of ['steady', 'animating']) {
      const m = measured[kind];
      figures.push({
        key: `alloc.canvas.${kind}`,
        value: m.bytesPerFrame,
        unit: 'B/frame',
        gcs: m.gcs,
        bufferBytes: m.arrayBufferBytesPerFrame,
        floor: {
          value: floor.bytesPerFrame,
          gcs: floor.gcs,
          bufferBytes: floor.arrayBufferBytesPerFrame,
        },
        note:
          `${m.gcs} GCs (${m.gcKinds}) in ${ALLOC_FRAMES} frames; ` +
          `typed-array backing stores ${m.arrayBufferBytesPerFrame.toFixed(0)} B/frame (not in the sampled figure); ` +
          `bare Pixi floor measured alike: ${floor.bytesPerFrame.toFixed(0)} B/frame sampled, ${floor.arrayBufferBytesPerFrame.toFixed(0)} B/frame backing stores, ${floor.gcs} GCs; ` +
          `retained Δ ${m.retainedDeltaKb.toFixed(0)} KB`,
      });
    }
    figures.push({
      key: 'alloc.bare.steady',
      value: floor.bytesPerFrame,
      unit: 'B/frame',
      note: `${floor.gcs} GCs (${floor.gcKinds}) in ${ALLOC_FRAMES} frames; backing stores ${floor.arrayBufferBytesPerFrame.toFixed(0)} B/frame`,
    });
  } finally {
    await browser.close();
    await server.close();
  }
  const out = JSON.stringify({ figures, info });
  const at = process.argv.indexOf('--json');
  if (at > 0 && process.argv[at + 1]) writeFileSync(process.argv[at + 1], out);
  else process.stdout.write(`${out}\n`);
}

main().catch((e) => {
  log(`bench-frame: could not measure: ${e?.stack ?? e}`);
  process.exit(1);
});
