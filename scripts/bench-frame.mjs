#!/usr/bin/env node
// Frame time in headless Chromium (SwiftShader WebGL): the playground's ClusterCanvas at N tasks,
// all animating (a new snapshot with status changes every frame), beside a bare Pixi scene drawing
// N moving sprites in the same page, alternating frame by frame. Prints N, playground ms/frame,
// bare ms/frame and the ratio.
// Budgets are read from this output; it exits non-zero only when it cannot measure.
import { createServer } from 'vite';
import puppeteer from 'puppeteer-core';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { findChromium } from './ensure-chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const FRAMES = Number(process.env.BENCH_FRAMES ?? 300);
// Mirrors LOD_TASK_THRESHOLD in src/render/layout.ts (this script is plain node, no TS loader).
const LOD = 3000;

async function main() {
  const executablePath = findChromium();
  if (!executablePath)
    throw new Error('no Chromium found (set CHROME_PATH or run scripts/ensure-chromium.mjs)');
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
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    protocolTimeout: 15 * 60 * 1000,
    args: [
      '--no-sandbox',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--ignore-gpu-blocklist',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-dev-shm-usage',
      '--window-size=1280,720',
    ],
  });
  const rows = [];
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 720 });
    page.on('pageerror', (e) => console.error('page error:', e.message));
    for (const n of SIZES) {
      // A fresh page per size so one run's garbage and GPU state do not bill the next.
      await page.goto(new URL('bench/frame.html', base).href, {
        waitUntil: 'load',
        timeout: 120000,
      });
      await page.waitForFunction('window.benchReady === true', { timeout: 120000 });
      rows.push(await page.evaluate((count, frames) => window.benchPair(count, frames), n, FRAMES));
      console.error(`measured N=${n}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const fmt = (x) => x.toFixed(2).padStart(8);
  console.log(
    `Frame time, headless Chromium + SwiftShader WebGL, 1280×720, ${FRAMES} frames after warm-up, the two scenes alternating frame by frame`,
  );
  console.log(
    '       N | playground ms/frame (p95) | of which diff | bare-Pixi ms/frame (p95) |  ratio | median per-frame ratio | playground LOD, drawables | floor',
  );
  for (const { playground: p, bare: b, ratioMedian } of rows) {
    console.log(
      `${String(p.n).padStart(8)} | ${fmt(p.meanMs)} (${p.p95Ms.toFixed(1).padStart(6)})        | ${fmt(p.diffMs ?? 0)}      | ${fmt(b.meanMs)} (${b.p95Ms.toFixed(1).padStart(6)})       | ${(p.meanMs / b.meanMs).toFixed(2).padStart(6)} | ${ratioMedian.toFixed(2).padStart(22)} | ${`${p.lod}, ${p.sprites}`.padEnd(25)} | ${b.lod}`,
    );
  }
  console.log(
    'ms/frame = snapshot layout+diff + animation step + Pixi render + 1-px GPU readback (waits for SwiftShader); "of which diff" is the layout+diff (JS) share.',
  );
  console.log(
    'The playground gets a new snapshot every frame (~28% of tiles change status each time); the floor',
  );
  console.log("draws N sprites of the same on-screen size as the playground's tiles, all moving.");
  console.log(
    `Level of detail: tiles up to ${LOD} live tasks, aggregated per-instance bars above.`,
  );
}

main().catch((e) => {
  console.error(`bench-frame: could not measure: ${e?.stack ?? e}`);
  process.exit(1);
});
