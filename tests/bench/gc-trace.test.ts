// The bench's GC counting (scripts/bench-chromium.mjs): V8 --trace-gc lines as Chromium 156 prints
// them, parsed, reassembled across the chunks a pipe delivers, and classified by cause.
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript module of the bench, no type declarations
import { classifyGcs, gcLineReader, parseGcLine } from '../../scripts/bench-chromium.mjs';

interface Gc {
  isolate: string;
  t: number;
  young: boolean;
  reduce: boolean;
  reason: string;
}

const SCAVENGE =
  '[31652:0x39c00504000]    11399 ms: Scavenge 8.6 (9.9) -> 7.9 (10.1) MB, pooled: 0.0 MB, 6.74 / 0.11 ms (average mu = 0.977, current mu = 0.019) allocation failure; ';
const REDUCER =
  '[29214:0x33400504000]    39111 ms: Incremental Mark-Compact (reduce) 8.9 (10.4) -> 8.1 (8.9) MB, pooled: 0.0 MB, 4.67 / 0.13 ms (+ 0.3 ms in 4 steps since start of marking, biggest step 0.1 ms, walltime since start of marking 39 ms) (average mu = 0.999, current mu = 1.000) finalize incremental marking via task; GC in old space requested';
const FORCED =
  '[29214:0x33400504000]    27776 ms: Mark-Compact (reduce) 8.0 (18.6) -> 8.0 (8.9) MB, pooled: 0.0 MB, 22.08 / 0.00 ms (average mu = 0.997, current mu = 0.004) low memory notification; GC in old space requested';
const SAMPLER =
  '[29214:0x33400504000]    42523 ms: Mark-Compact 8.3 (8.9) -> 8.1 (8.9) MB, pooled: 0.0 MB, 14.85 / 0.03 ms (average mu = 0.996, current mu = 0.993) sampling profiler; GC in old space requested';
const FULL =
  '[25547:0x3524026b0000]    33139 ms: Incremental Mark-Compact 59.5 (118.3) -> 29.9 (98.7) MB, pooled: 75.0 MB, 37.19 / 0.05 ms (+ 4.6 ms in 39 steps since start of marking, biggest step 0.5 ms, walltime since start of marking 220 ms) (average mu = 0.997, current mu = 0.984) finalize incremental marking via stack guard; GC in old space requested';

describe('bench GC trace', () => {
  it('parses the isolate, V8 time, kind and reason of a --trace-gc line', () => {
    expect(parseGcLine(SCAVENGE)).toMatchObject({
      isolate: '31652:0x39c00504000',
      t: 11399,
      young: true,
      reduce: false,
      reason: 'allocation failure',
    });
    expect(parseGcLine(REDUCER)).toMatchObject({
      isolate: '29214:0x33400504000',
      t: 39111,
      young: false,
      reduce: true,
      reason: 'finalize incremental marking via task',
    });
    expect(parseGcLine(FORCED)?.reason).toBe('low memory notification');
    expect(parseGcLine('[0408/1:ERROR:gpu_init.cc(1)] not a GC line')).toBeUndefined();
  });

  it('reassembles lines split across chunks and ignores other output', () => {
    const got: Gc[] = [];
    const read = gcLineReader((e: Gc) => got.push(e));
    const text = `${SCAVENGE}\nsome other log line\n${REDUCER}\n${FULL}\n`;
    // Cut mid-word ("Mark-Co" | "mpact"), as a 4,096-byte pipe read did.
    const cut = text.indexOf('Mark-Co') + 'Mark-Co'.length;
    read(text.slice(0, cut));
    expect(got).toHaveLength(1);
    read(text.slice(cut));
    expect(got.map((e) => e.t)).toEqual([11399, 39111, 33139]);
  });

  it('counts young and full GCs; lists the memory reducer and the forced GCs apart', () => {
    const window = [SCAVENGE, SCAVENGE, REDUCER, FORCED, SAMPLER, FULL].map(
      (l) => parseGcLine(l) as Gc,
    );
    const c = classifyGcs(window);
    expect(c).toMatchObject({ gcs: 3, young: 2, full: 1, reducer: 1, harness: 2 });
    expect(c.gcKinds).toBe(
      "2 young, 1 full; not counted: 1 by V8's memory reducer (idle-heap shrink armed by the bench's forced GC), 2 forced by the bench",
    );
    expect(classifyGcs([]).gcKinds).toBe('0 young, 0 full');
  });
});
