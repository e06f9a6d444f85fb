// Shared by the browser parts of `npm run bench`: launches headless Chromium with SwiftShader WebGL
// (as the browser tests do), reports the machine (Chromium version, WebGL renderer), and measures
// what a page allocates over a number of frames with the CDP sampling heap profiler.
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from './ensure-chromium.mjs';

/**
 * Launches Chromium; `gcLines()` counts V8 GC trace lines printed so far (--trace-gc), and
 * `gcLines.kinds()` the same by kind (young, full, memory reducer).
 */
export async function launchChromium() {
  const executablePath = findChromium();
  if (!executablePath)
    throw new Error('no Chromium found (set CHROME_PATH or run scripts/ensure-chromium.mjs)');
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    protocolTimeout: 15 * 60 * 1000,
    pipe: true,
    dumpio: false,
    args: [...CHROMIUM_ARGS, '--window-size=1280,720', '--js-flags=--trace-gc'],
  });
  let gc = 0;
  // By kind: young-generation GCs are what allocation triggers; a full GC tagged "(reduce)" is V8's
  // memory reducer shrinking the heap when the page goes idle (e.g. after a big scene was dropped).
  const kinds = { young: 0, full: 0, reduce: 0 };
  const proc = browser.process();
  const count = (chunk) => {
    const m = String(chunk).match(
      /\b(Scavenge|Mark-Compact|Mark-sweep|Minor Mark-Sweep|MinorMS)\b( \(reduce\))?/g,
    );
    if (!m) return;
    gc += m.length;
    for (const k of m) {
      if (/Scavenge|Minor/.test(k)) kinds.young += 1;
      else if (k.endsWith('(reduce)')) kinds.reduce += 1;
      else kinds.full += 1;
    }
  };
  proc?.stdout?.on('data', count);
  proc?.stderr?.on('data', count);
  const gcLines = () => gc;
  gcLines.kinds = () => ({ ...kinds });
  return { browser, gcLines };
}

/** Chromium version and the WebGL renderer string (SwiftShader here) seen by a page. */
export async function machineInfo(browser, page) {
  const renderer = await page.evaluate(() => {
    const gl =
      document.createElement('canvas').getContext('webgl2') ??
      document.createElement('canvas').getContext('webgl');
    if (!gl) return 'no WebGL';
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    return String(
      ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER),
    );
  });
  return { chromium: await browser.version(), renderer };
}

/**
 * Runs `run()` (which draws `frames` frames in the page) between a forced GC + heap reading and
 * another, with the sampling heap profiler on (objects later collected by minor and major GCs
 * included), and counts GCs from the --trace-gc lines. Returns bytes allocated per frame
 * (sampled estimate), the retained heap delta and the GC count.
 */
export async function measureAllocation(page, gcLines, frames, run) {
  const cdp = await page.createCDPSession();
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const before = await cdp.send('Runtime.getHeapUsage');
  await new Promise((r) => setTimeout(r, 300));
  const gc0 = gcLines();
  const kinds0 = gcLines.kinds?.();
  await cdp.send('HeapProfiler.startSampling', {
    samplingInterval: 512,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  await run();
  const { profile } = await cdp.send('HeapProfiler.stopSampling');
  await new Promise((r) => setTimeout(r, 300));
  const gcs = gcLines() - gc0;
  const kinds1 = gcLines.kinds?.();
  const gcKinds =
    kinds0 && kinds1
      ? `${kinds1.young - kinds0.young} young, ${kinds1.full - kinds0.full} full, ${kinds1.reduce - kinds0.reduce} memory-reducer`
      : 'kinds not counted';
  await cdp.send('HeapProfiler.collectGarbage');
  const after = await cdp.send('Runtime.getHeapUsage');
  const byFn = new Map();
  let total = 0;
  // BENCH_ALLOC_STACK=n: key by the allocating function and its n callers (who calls `push`).
  const depth = Number(process.env.BENCH_ALLOC_STACK ?? 0);
  const name = (f) =>
    `${f.functionName || '(anonymous)'} ${String(f.url).split('/').pop()}:${f.lineNumber + 1}`;
  const walk = (node, callers) => {
    const self = node.selfSize ?? 0;
    total += self;
    const here = name(node.callFrame);
    if (self > 0) {
      const key = [here, ...callers.slice(0, depth)].join(' < ');
      byFn.set(key, (byFn.get(key) ?? 0) + self);
    }
    for (const c of node.children ?? []) walk(c, [here, ...callers]);
  };
  walk(profile.head, []);
  await cdp.detach();
  const top = [...byFn].sort((a, b) => b[1] - a[1]).slice(0, depth > 0 ? 20 : 8);
  return {
    bytesPerFrame: total / frames,
    retainedDeltaKb: (after.usedSize - before.usedSize) / 1024,
    gcs,
    gcKinds,
    top: top.map(([k, v]) => `${k} ${(v / frames).toFixed(0)} B/frame`),
  };
}
