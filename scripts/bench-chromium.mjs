// Shared by the browser parts of `npm run bench`: launches headless Chromium with SwiftShader WebGL
// (as the browser tests do), reports the machine (Chromium version, WebGL renderer), and measures
// what a page allocates over a number of frames with the CDP sampling heap profiler.
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_ARGS, findChromium } from './ensure-chromium.mjs';

/**
 * Where coreutils' stdbuf keeps its preload library: loaded into Chromium (inherited by the renderer
 * processes) with _STDBUF_O=L it makes V8's --trace-gc lines reach the bench as they are printed.
 * Without it Chromium's stdout, a pipe, is block-buffered: the lines came in 4,096-byte chunks of
 * ~21 GCs, up to a minute late, and a measurement window counted whichever chunk was flushed during
 * it (the "21 GCs in 600 steady frames" of some runs were GCs of the scenes timed before).
 */
const STDBUF_LIBS = [
  '/usr/libexec/coreutils/libstdbuf.so',
  '/usr/lib/coreutils/libstdbuf.so',
  '/usr/lib/x86_64-linux-gnu/coreutils/libstdbuf.so',
  '/usr/lib/aarch64-linux-gnu/coreutils/libstdbuf.so',
];

/** One V8 --trace-gc line: which isolate, when (ms since the isolate started), kind and reason. */
export function parseGcLine(line) {
  const m =
    /^\[(\d+):(0x[0-9a-f]+)\]\s+(\d+(?:\.\d+)?) ms: (Scavenge|Minor Mark-Sweep|MinorMS|Incremental Mark-Compact|Mark-Compact|Mark-sweep|Incremental Mark-sweep)( \(reduce\))? (.*)$/.exec(
      line,
    );
  if (!m) return undefined;
  const tail = m[6] ?? '';
  // The reason follows the mutator-utilisation figures: "... current mu = 0.995) <reason>; ..."
  const reason = /mu = [\d.]+\) ([^;]*)/.exec(tail)?.[1]?.trim() ?? '';
  return {
    isolate: `${m[1]}:${m[2]}`,
    t: Number(m[3]),
    young: /Scavenge|Minor/.test(m[4] ?? ''),
    reduce: !!m[5],
    reason,
    line,
  };
}

/**
 * A stream reader for Chromium's output: calls `onGc` with each parsed GC line, assembling lines
 * split across chunks (a line cut between two reads was counted in neither before).
 */
export function gcLineReader(onGc) {
  let carry = '';
  return (chunk) => {
    carry += String(chunk);
    const parts = carry.split('\n');
    carry = parts.pop() ?? '';
    for (const l of parts) {
      const e = parseGcLine(l.trim());
      if (e) onGc(e);
    }
  };
}

/** GCs the bench itself forces: HeapProfiler.collectGarbage and the sampling profiler's. */
const HARNESS_GC = /low memory notification|sampling profiler|testing|debugger/;

/**
 * The GCs of a measurement window by cause: `gcs` counts the young and full GCs, which the page's
 * allocation triggers; V8's memory reducer (full GCs it starts when the allocation rate is LOW, some
 * seconds after a mark-compact — here the bench's forced one — to shrink an idle heap; flagged
 * "(reduce)") and the GCs the bench forces are listed apart in `gcKinds`.
 */
export function classifyGcs(window) {
  const harness = window.filter((e) => HARNESS_GC.test(e.reason)).length;
  const rest = window.filter((e) => !HARNESS_GC.test(e.reason));
  const young = rest.filter((e) => e.young).length;
  const reducer = rest.filter((e) => !e.young && e.reduce).length;
  const full = rest.length - young - reducer;
  const apart = [
    reducer
      ? `${reducer} by V8's memory reducer (idle-heap shrink armed by the bench's forced GC)`
      : '',
    harness ? `${harness} forced by the bench` : '',
  ].filter(Boolean);
  return {
    gcs: young + full,
    young,
    full,
    reducer,
    harness,
    gcKinds: `${young} young, ${full} full${apart.length ? `; not counted: ${apart.join(', ')}` : ''}`,
  };
}

/**
 * Launches Chromium with V8's --trace-gc, its output line-buffered (see STDBUF_LIBS); `gcLines()`
 * counts the GC lines received so far and `gcLines.entries()` returns them parsed (isolate, V8 time,
 * kind, reason), for measureAllocation to pick the GCs of one page's isolate inside a window.
 */
export async function launchChromium() {
  const executablePath = findChromium();
  if (!executablePath)
    throw new Error('no Chromium found (set CHROME_PATH or run scripts/ensure-chromium.mjs)');
  const stdbuf = STDBUF_LIBS.find((p) => existsSync(p));
  const env = { ...process.env };
  if (stdbuf) {
    env.LD_PRELOAD = [process.env.LD_PRELOAD, stdbuf].filter(Boolean).join(' ');
    env._STDBUF_O = 'L';
    env._STDBUF_E = 'L';
  }
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    protocolTimeout: 15 * 60 * 1000,
    pipe: true,
    dumpio: false,
    env,
    args: [...CHROMIUM_ARGS, '--window-size=1280,720', '--js-flags=--trace-gc'],
  });
  const entries = [];
  const proc = browser.process();
  const reader = () => gcLineReader((e) => entries.push({ ...e, arrived: performance.now() }));
  proc?.stdout?.on('data', reader());
  proc?.stderr?.on('data', reader());
  const gcLines = () => entries.length;
  gcLines.entries = () => entries;
  gcLines.lineBuffered = !!stdbuf;
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
 * Installed in an allocation page before its modules load (page.evaluateOnNewDocument): counts
 * the typed arrays and ArrayBuffers the page creates and the bytes of their backing stores, in
 * `window.__benchArrayBuffers`. The sampling heap profiler does not see backing stores (they live
 * outside V8's heap: a 64 KB Float32Array made every frame showed as ~100 B/frame sampled), and
 * they trigger GCs only once tens of MB pile up. Counts `new` of each constructor (subclasses too)
 * and slice(); views on an existing buffer (`new Float32Array(buffer)`, subarray) allocate none.
 */
export function countArrayBuffers() {
  const counter = { count: 0, bytes: 0 };
  Object.defineProperty(window, '__benchArrayBuffers', { value: counter });
  const add = (bytes) => {
    counter.count += 1;
    counter.bytes += bytes;
  };
  const names = [
    'Int8Array',
    'Uint8Array',
    'Uint8ClampedArray',
    'Int16Array',
    'Uint16Array',
    'Int32Array',
    'Uint32Array',
    'Float32Array',
    'Float64Array',
    'BigInt64Array',
    'BigUint64Array',
  ];
  for (const name of names) {
    const C = globalThis[name];
    if (!C) continue;
    const per = C.BYTES_PER_ELEMENT;
    globalThis[name] = new Proxy(C, {
      construct(target, args, newTarget) {
        const a = args[0];
        if (typeof a === 'number') add(a * per);
        else if (a && !(a instanceof ArrayBuffer) && typeof a.length === 'number')
          add(a.length * per);
        else if (a === undefined) add(0);
        return Reflect.construct(target, args, newTarget);
      },
    });
  }
  const AB = globalThis.ArrayBuffer;
  globalThis.ArrayBuffer = new Proxy(AB, {
    construct(target, args, newTarget) {
      add(Number(args[0]) || 0);
      return Reflect.construct(target, args, newTarget);
    },
  });
  const typed = Object.getPrototypeOf(Uint8Array.prototype);
  for (const proto of [typed, AB.prototype]) {
    const slice = proto.slice;
    proto.slice = function (...args) {
      const r = slice.apply(this, args);
      add(r.byteLength);
      return r;
    };
  }
}

/**
 * Runs `run()` (which draws `frames` frames in the page) between a forced GC + heap reading and
 * another, with the sampling heap profiler on (objects later collected by minor and major GCs
 * included), and counts the GCs of the page's isolate from its --trace-gc lines, between the
 * forced GC's line and the end of `run()`. Returns bytes allocated per frame (sampled estimate),
 * typed arrays and backing-store bytes per frame (pages set up with countArrayBuffers), the retained
 * heap delta, and the GCs: `gcs` counts those the page's allocation triggers (young and full);
 * V8's memory reducer (a full GC some seconds after a mark-compact when the allocation rate is low,
 * to shrink an idle heap, armed here by the bench's own forced GC) and the bench's forced GCs are
 * listed apart in `gcKinds`.
 */
export async function measureAllocation(page, gcLines, frames, run) {
  const cdp = await page.createCDPSession();
  await cdp.send('HeapProfiler.enable');
  const mark = gcLines();
  await cdp.send('HeapProfiler.collectGarbage');
  const before = await cdp.send('Runtime.getHeapUsage');
  await new Promise((r) => setTimeout(r, 300));
  // The forced GC's own trace lines open the window, on the clock of the page's isolate.
  const start = gcLines
    .entries()
    .slice(mark)
    .filter((e) => HARNESS_GC.test(e.reason))
    .at(-1);
  if (!start)
    throw new Error(
      "cannot count GCs: the forced GC's --trace-gc line did not arrive within 300 ms (Chromium's output not line-buffered? see STDBUF_LIBS)",
    );
  const from = gcLines();
  const buffers = () =>
    page.evaluate(() => {
      const c = window.__benchArrayBuffers;
      return c ? { count: c.count, bytes: c.bytes } : null;
    });
  const ab0 = await buffers();
  await cdp.send('HeapProfiler.startSampling', {
    samplingInterval: 512,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  await run();
  const ab1 = await buffers();
  await new Promise((r) => setTimeout(r, 300));
  // Every GC of the page's isolate after the forced one, up to now (before stopSampling's own GC).
  const window = gcLines
    .entries()
    .slice(from)
    .filter((e) => e.isolate === start.isolate && e.t > start.t);
  const { profile } = await cdp.send('HeapProfiler.stopSampling');
  if (process.env.BENCH_GC_TRACE)
    for (const e of window) process.stderr.write(`    gc: ${e.line}\n`);
  const { gcs, gcKinds } = classifyGcs(window);
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
  const top = [...byFn]
    .sort((a, b) => b[1] - a[1])
    .slice(0, Number(process.env.BENCH_TOP ?? (depth > 0 ? 20 : 8)));
  return {
    bytesPerFrame: total / frames,
    // Typed arrays / ArrayBuffers created per frame and their backing stores (countArrayBuffers;
    // undefined when the page was not set up with it).
    arrayBuffersPerFrame: ab0 && ab1 ? (ab1.count - ab0.count) / frames : undefined,
    arrayBufferBytesPerFrame: ab0 && ab1 ? (ab1.bytes - ab0.bytes) / frames : undefined,
    retainedDeltaKb: (after.usedSize - before.usedSize) / 1024,
    gcs,
    gcKinds,
    top: top.map(([k, v]) => `${k} ${(v / frames).toFixed(0)} B/frame`),
  };
}
