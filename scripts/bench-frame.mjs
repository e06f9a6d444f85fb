#!/usr/bin/env node
// Browser part of `npm run bench` (headless Chromium, SwiftShader WebGL), on bench/frame.html:
//  - frame time: the playground's ClusterCanvas at N tasks, all animating (a new snapshot with status
//    changes every frame), beside a bare Pixi scene drawing N moving sprites in the same page,
//    alternating frame by frame (the floor);
//  - allocation over 600 frames at 1,000 tasks: steady (same snapshot, frames still drawn) and
//    animating, with the CDP sampling heap profiler and GC counts.
// Details go to stderr; figures as JSON to the file named by `--json <path>` (stdout without it).
// Exits non-zero only when it cannot measure.
import { createServer } from 'vite';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { launchChromium, machineInfo, measureAllocation } from './bench-chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const FRAMES = Number(process.env.BENCH_FRAMES ?? 300);
const ALLOC_FRAMES = 600;
const log = (s) => process.stderr.write(`${s}\n`);

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
    for (const n of SIZES) {
      // A fresh page per size so one run's garbage and GPU state do not bill the next.
      await open();
      const {
        playground: p,
        bare: b,
        ratioMedian,
      } = await page.evaluate((count, frames) => window.benchPair(count, frames), n, FRAMES);
      log(
        `frame N=${n}: playground ${p.meanMs.toFixed(2)} ms (p95 ${p.p95Ms.toFixed(1)}, layout+diff ${p.diffMs.toFixed(2)}), bare ${b.meanMs.toFixed(2)} ms (p95 ${b.p95Ms.toFixed(1)}), ratio ${(p.meanMs / b.meanMs).toFixed(2)} (median per frame ${ratioMedian.toFixed(2)}); LOD ${p.lod}, ${p.sprites} drawables; floor ${b.lod}`,
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
        {
          key: `frame.ratio.${n}`,
          value: p.meanMs / b.meanMs,
          unit: '×',
          note: `median per-frame ratio ${ratioMedian.toFixed(2)}`,
        },
      );
    }
    await open();
    await page.evaluate((n) => window.benchAllocSetup(n), 1000);
    for (const animating of [false, true]) {
      const m = await measureAllocation(page, gcLines, ALLOC_FRAMES, () =>
        page.evaluate((f, a) => window.benchAllocRun(f, a), ALLOC_FRAMES, animating),
      );
      const kind = animating ? 'animating' : 'steady';
      log(
        `allocation, canvas at 1,000 tasks, ${kind}, ${ALLOC_FRAMES} frames: ${m.bytesPerFrame.toFixed(0)} B/frame sampled, ${m.gcs} GCs, retained heap ${m.retainedDeltaKb.toFixed(0)} KB`,
      );
      for (const t of m.top) log(`    ${t}`);
      figures.push({
        key: `alloc.canvas.${kind}`,
        value: m.bytesPerFrame,
        unit: 'B/frame',
        note: `${m.gcs} GCs in ${ALLOC_FRAMES} frames; retained Δ ${m.retainedDeltaKb.toFixed(0)} KB`,
      });
    }
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
