#!/usr/bin/env node
// Start part of `npm run bench`: builds the app with vite into a temporary directory, sums the
// gzipped size of the JavaScript the page loads initially (entry script + modulepreloads; lazy
// chunks load later), then serves the build and measures in headless Chromium the time from
// navigation start to the first frame that drew the default cluster (the canvas's
// `cp:first-frame` performance mark), and what the running app allocates over 600 frames in
// steady state. Details go to stderr; figures as JSON to `--json <path>` (stdout without it).
import { build, preview } from 'vite';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { initialJs } from './initial-js-budget.mjs';
import { launchChromium, machineInfo, measureAllocation } from './bench-chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const log = (s) => process.stderr.write(`${s}\n`);
const FRAMES = 600;

async function main() {
  const outDir = mkdtempSync(path.join(tmpdir(), 'cp-bench-build-'));
  const figures = [];
  const info = {};
  try {
    // Over the initial-JS budget the build only warns here: the bench reports the figure.
    process.env.CP_INITIAL_JS_WARN_ONLY = '1';
    await build({
      root,
      configFile: path.join(root, 'vite.config.ts'),
      logLevel: 'error',
      // The shipped build (vite.config.ts's minifier, terser), so the size is what a browser
      // downloads. BENCH_NO_MINIFY=1: readable function names in the allocation stacks (sizes
      // then don't count).
      build: {
        outDir,
        emptyOutDir: true,
        sourcemap: false,
        ...(process.env.BENCH_NO_MINIFY ? { minify: false } : {}),
      },
    });
    const { files: initial, gzBytes: initialGz } = initialJs(outDir);
    const gz = (f) => gzipSync(readFileSync(path.join(outDir, f))).length;
    const assets = readdirSync(path.join(outDir, 'assets')).filter((f) => f.endsWith('.js'));
    const allGz = assets.reduce((s, f) => s + gz(`assets/${f}`), 0);
    log(
      `start: initial JS ${initial.join(', ')}: ${(initialGz / 1024).toFixed(1)} KB gzipped; all ${assets.length} JS chunks ${(allGz / 1024).toFixed(1)} KB gzipped`,
    );
    figures.push({
      key: 'start.initialJs',
      value: initialGz / 1024,
      unit: 'KB gz',
      note: `${initial.length} file(s) loaded at start; ${assets.length} JS chunks, ${(allGz / 1024).toFixed(0)} KB gz in all`,
    });

    const server = await preview({
      root,
      configFile: path.join(root, 'vite.config.ts'),
      logLevel: 'error',
      build: { outDir },
      preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
    });
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('vite preview did not report a URL');
    const { browser, gcLines } = await launchChromium();
    try {
      const times = [];
      for (let i = 0; i < 3; i++) {
        // A new incognito-like context each time: nothing cached from the previous load.
        const ctx = await browser.createBrowserContext();
        const page = await ctx.newPage();
        page.on('pageerror', (e) => log(`page error: ${e.message}`));
        await page.setViewport({ width: 1280, height: 720 });
        await page.goto(url, { waitUntil: 'load', timeout: 120000 });
        await page.waitForFunction(
          () => performance.getEntriesByName('cp:first-frame').length > 0,
          { timeout: 120000 },
        );
        times.push(
          await page.evaluate(() => performance.getEntriesByName('cp:first-frame')[0].startTime),
        );
        if (i === 2) {
          Object.assign(info, await machineInfo(browser, page));
          await new Promise((r) => setTimeout(r, 2000));
          const m = await measureAllocation(page, gcLines, FRAMES, () =>
            page.evaluate(
              (n) =>
                new Promise((resolve) => {
                  let left = n;
                  const f = () => (--left > 0 ? requestAnimationFrame(f) : resolve(undefined));
                  requestAnimationFrame(f);
                }),
              FRAMES,
            ),
          );
          log(
            `allocation, app with the default cluster running, ${FRAMES} frames: ${m.bytesPerFrame.toFixed(0)} B/frame sampled, ${m.gcs} GCs (${m.gcKinds}), retained heap ${m.retainedDeltaKb.toFixed(0)} KB`,
          );
          for (const t of m.top) log(`    ${t}`);
          figures.push({
            key: 'alloc.app.steady',
            value: m.bytesPerFrame,
            unit: 'B/frame',
            note: `${m.gcs} GCs (${m.gcKinds}) in ${FRAMES} frames; retained Δ ${m.retainedDeltaKb.toFixed(0)} KB`,
          });
        }
        await ctx.close();
      }
      log(
        `start: first frame of the default cluster at ${times.map((t) => t.toFixed(0)).join(', ')} ms from navigation start`,
      );
      const sorted = [...times].sort((a, b) => a - b);
      figures.push({
        key: 'start.firstFrame',
        value: sorted[1],
        unit: 'ms',
        note: `median of 3 cold loads (${times.map((t) => t.toFixed(0)).join(', ')})`,
      });
    } finally {
      await browser.close();
      await new Promise((r) => server.httpServer.close(r));
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  const out = JSON.stringify({ figures, info });
  const at = process.argv.indexOf('--json');
  if (at > 0 && process.argv[at + 1]) writeFileSync(process.argv[at + 1], out);
  else process.stdout.write(`${out}\n`);
}

main().catch((e) => {
  log(`bench-start: could not measure: ${e?.stack ?? e}`);
  process.exit(1);
});
