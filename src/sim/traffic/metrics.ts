/**
 * CloudWatch-like metric storage: per-second samples are folded into 1-minute datapoints (the
 * AWS/ECS and AWS/ApplicationELB period, reference A5.7) and kept in a bounded ring so memory stays
 * flat however long the simulation runs. Pure: every function returns a new store.
 */
import { ringItems, ringNewest, ringPush, ringSize, type Ring } from './ring-log.ts';

export { ringItems, ringPush, type Ring };

/** CloudWatch statistics a datapoint carries. */
export type Statistic = 'Average' | 'Sum' | 'Minimum' | 'Maximum' | 'SampleCount';

/** One 1-minute datapoint: the statistics of the samples taken in [timestamp, timestamp + 60 s). */
export interface Datapoint {
  readonly timestamp: number;
  readonly sampleCount: number;
  readonly sum: number;
  readonly minimum: number;
  readonly maximum: number;
  readonly average: number;
}

/** Datapoint period: 60 s (AWS/ECS service metrics are 1-minute, A5.7). */
export const PERIOD_MS = 60_000;
/** Default history: the last 24 hours of minutes. */
export const DEFAULT_HISTORY_MINUTES = 24 * 60;

interface Pending {
  readonly minute: number;
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
}

/** One metric's history of complete minutes. */
export interface MetricStream {
  readonly points: Ring<Datapoint>;
}

/** The samples of one recordSamples call: values[i] is the sample of metric keys[i]. */
export interface SampleRow {
  /** Shared from row to row while the same metrics are sampled. */
  readonly keys: readonly string[];
  readonly values: readonly number[];
}

/**
 * The minute being filled: its rows so far, oldest first. Its statistics are folded from the rows
 * when read or when the minute closes (the same sums, in the same order, as adding sample by
 * sample), so a step appends one row instead of rewriting every metric (issue 8).
 */
export interface FillingMinute {
  readonly minute: number;
  readonly rows: readonly SampleRow[];
}

export interface MetricsStore {
  readonly capacity: number;
  readonly streams: Readonly<Record<string, MetricStream>>;
  readonly filling?: FillingMinute;
}

/** Pure: an empty store keeping at most `capacity` minute datapoints per metric. */
export function createMetricsStore(capacity = DEFAULT_HISTORY_MINUTES): MetricsStore {
  return { capacity: Math.max(1, Math.floor(capacity)), streams: {} };
}

function close(p: Pending): Datapoint {
  return datapoint(p.minute, p.count, p.sum, p.min, p.max);
}

function datapoint(
  minute: number,
  count: number,
  sum: number,
  min: number,
  max: number,
): Datapoint {
  return {
    timestamp: minute * PERIOD_MS,
    sampleCount: count,
    sum,
    minimum: min,
    maximum: max,
    average: count > 0 ? sum / count : 0,
  };
}

/**
 * `{ ...streams }`, built as a hash-table ("dictionary mode") object. A record of a thousand metric
 * keys copied key by key into a plain `{}` regrows its property store at every few keys (about
 * 1.3 MB of garbage per copy, once a minute); a dictionary-mode record grows by doubling and looks
 * keys up faster. Deleting a property other than the last one added is what switches a V8 object to
 * that mode; nothing observable changes (same keys, same order, same prototype).
 */
function copyStreams(
  streams: Readonly<Record<string, MetricStream>>,
): Record<string, MetricStream> {
  const out: Record<string, MetricStream> = { a: EMPTY_STREAM, b: EMPTY_STREAM };
  delete out.a;
  delete out.b;
  for (const key in streams) out[key] = streams[key]!;
  return out;
}
const EMPTY_STREAM: MetricStream = { points: { capacity: 0, items: [], head: 0 } };

/** Position of each key in a (shared) keys array. */
const keyPositions = new WeakMap<readonly string[], Map<string, number>>();

function positionOf(keys: readonly string[], key: string): number | undefined {
  let m = keyPositions.get(keys);
  if (!m) {
    m = new Map();
    for (let i = 0; i < keys.length; i++) m.set(keys[i]!, i);
    keyPositions.set(keys, m);
  }
  return m.get(key);
}

/** The statistics of `key` in the minute being filled (undefined when it has no finite sample). */
function pendingOf(filling: FillingMinute | undefined, key: string): Pending | undefined {
  if (!filling) return undefined;
  let p: { count: number; sum: number; min: number; max: number } | undefined;
  // Rows share their keys array while the same metrics are sampled: look the key up once per array.
  let keys: readonly string[] | undefined;
  let i: number | undefined;
  for (const row of filling.rows) {
    if (row.keys !== keys) {
      keys = row.keys;
      i = positionOf(keys, key);
    }
    if (i === undefined) continue;
    const value = row.values[i]!;
    if (!Number.isFinite(value)) continue;
    if (p === undefined) p = { count: 1, sum: value, min: value, max: value };
    else {
      p.count += 1;
      p.sum += value;
      p.min = Math.min(p.min, value);
      p.max = Math.max(p.max, value);
    }
  }
  return p && { minute: filling.minute, ...p };
}

/** Per-metric statistics of a minute's rows (index j: the metric at keys[j]). */
interface Folded {
  readonly counts: Float64Array;
  readonly sums: Float64Array;
  readonly mins: Float64Array;
  readonly maxs: Float64Array;
}

/**
 * Folds rows that share one keys array of `n` metrics row by row into per-metric accumulators: for
 * each metric the same operations in the same (row) order as one metric at a time, reading each
 * row's values once, in memory order.
 */
function foldRows(rows: readonly SampleRow[], n: number): Folded {
  const counts = new Float64Array(n);
  const sums = new Float64Array(n);
  const mins = new Float64Array(n);
  const maxs = new Float64Array(n);
  for (const row of rows) {
    const values = row.values;
    for (let j = 0; j < n; j++) {
      const value = values[j]!;
      if (!Number.isFinite(value)) continue;
      if (counts[j] === 0) {
        sums[j] = value;
        mins[j] = value;
        maxs[j] = value;
      } else {
        sums[j] = sums[j]! + value;
        mins[j] = Math.min(mins[j]!, value);
        maxs[j] = Math.max(maxs[j]!, value);
      }
      counts[j] = counts[j]! + 1;
    }
  }
  return { counts, sums, mins, maxs };
}

/** Pushes the minute's datapoint of every metric with a sample onto its stream (in key order). */
function appendDatapoints(
  streams: Record<string, MetricStream>,
  keys: readonly string[],
  folded: Folded,
  minute: number,
  capacity: number,
): void {
  const { counts, sums, mins, maxs } = folded;
  for (let j = 0; j < keys.length; j++) {
    const count = counts[j]!;
    if (count === 0) continue;
    const dp = datapoint(minute, count, sums[j]!, mins[j]!, maxs[j]!);
    const key = keys[j]!;
    const s = streams[key] ?? { points: { capacity, items: [], head: 0 } };
    streams[key] = { points: ringPush(s.points, dp) };
  }
}

/** Pure: the store with its filling minute closed into datapoints. */
function closeMinute(store: MetricsStore): MetricsStore {
  const f = store.filling;
  if (!f) return store;
  const streams = copyStreams(store.streams);
  const keys = f.rows[0]?.keys;
  if (keys && f.rows.every((r) => r.keys === keys)) {
    // Every row sampled the same metrics (the usual minute). Two functions, not one: each runs once
    // a minute around a long loop, so V8 optimizes it on the stack in the middle of that loop; the
    // code after a loop then has no type feedback yet, and in one function that optimized code
    // was thrown away at that point every minute, the rest running in the interpreter (issue 8).
    const folded = foldRows(f.rows, keys.length);
    appendDatapoints(streams, keys, folded, f.minute, store.capacity);
    return { capacity: store.capacity, streams };
  }
  const done = new Set<string>();
  for (const row of f.rows) {
    for (const key of row.keys) {
      if (done.has(key)) continue;
      done.add(key);
      const p = pendingOf(f, key);
      if (!p) continue;
      const s = streams[key] ?? { points: { capacity: store.capacity, items: [], head: 0 } };
      streams[key] = { points: ringPush(s.points, close(p)) };
    }
  }
  return { capacity: store.capacity, streams };
}

/**
 * Pure: records one sample per metric key at simulated time `tMs`. A sample in a later minute than
 * the minute being filled closes that minute into datapoints first. Samples must arrive in time order.
 */
export function recordSamples(
  store: MetricsStore,
  tMs: number,
  samples: Readonly<Record<string, number>>,
): MetricsStore {
  return recordRow(store, tMs, { keys: Object.keys(samples), values: Object.values(samples) });
}

/**
 * Pure: `recordSamples` with the samples as a row (keys shared between rows keep it cheap). With
 * `inPlace` saying the store is a working record of the caller's own (the traffic step's, see
 * step-owned.ts), a row for the same minute is appended to it instead of a copy.
 */
export function recordRow(
  store: MetricsStore,
  tMs: number,
  row: SampleRow,
  inPlace?: { has(o: object): boolean; mark<T extends object>(o: T): T },
): MetricsStore {
  const minute = Math.floor(tMs / PERIOD_MS);
  const f = store.filling;
  if (inPlace && f && f.minute === minute && inPlace.has(store) && inPlace.has(f.rows)) {
    (f.rows as SampleRow[]).push(row);
    return store;
  }
  const base = f && f.minute !== minute ? closeMinute(store) : store;
  const rows = base.filling ? [...base.filling.rows, row] : [row];
  const next = { ...base, filling: { minute, rows } };
  if (inPlace) {
    inPlace.mark(next);
    inPlace.mark(rows);
  }
  return next;
}

/**
 * Pure: the complete minute datapoints of `key`, oldest first. The minute being filled counts as
 * complete once `now` has reached its end (a datapoint for [t, t+60 s) exists from t+60 s on).
 */
export function datapoints(store: MetricsStore, key: string, now: number): Datapoint[] {
  const s = store.streams[key];
  const out = s ? ringItems(s.points) : [];
  const pending = pendingOf(store.filling, key);
  if (pending !== undefined && (pending.minute + 1) * PERIOD_MS <= now) out.push(close(pending));
  return out.length > store.capacity ? out.slice(out.length - store.capacity) : out;
}

/**
 * Pure: the datapoints `datapoints(store, key, now)` returns whose timestamp is at least `fromMs`
 * (oldest first), without copying the older history (alarms read only their evaluation window).
 */
export function datapointsFrom(
  store: MetricsStore,
  key: string,
  now: number,
  fromMs: number,
): Datapoint[] {
  const out: Datapoint[] = [];
  const pending = pendingOf(store.filling, key);
  const last =
    pending !== undefined && (pending.minute + 1) * PERIOD_MS <= now ? close(pending) : undefined;
  // datapoints keeps the newest `capacity` of the history plus the complete pending minute.
  let room = store.capacity - (last === undefined ? 0 : 1);
  const ring = store.streams[key]?.points;
  if (ring) {
    // Newest first, back to the oldest.
    const size = ringSize(ring);
    for (let k = 0; k < size && room > 0; k++, room--) {
      const dp = ringNewest(ring, k);
      if (dp.timestamp < fromMs) break;
      out.push(dp);
    }
    out.reverse();
  }
  if (last !== undefined && last.timestamp >= fromMs) out.push(last);
  return out;
}

/** Pure: the value of a statistic in a datapoint. */
export function statValue(dp: Datapoint, stat: Statistic): number {
  switch (stat) {
    case 'Average':
      return dp.average;
    case 'Sum':
      return dp.sum;
    case 'Minimum':
      return dp.minimum;
    case 'Maximum':
      return dp.maximum;
    case 'SampleCount':
      return dp.sampleCount;
  }
}

/** Pure: a stable key "Namespace|MetricName|Dim=v,…" (dimensions sorted by name). */
export function metricKey(
  namespace: string,
  metricName: string,
  dimensions: Readonly<Record<string, string>>,
): string {
  const dims = Object.keys(dimensions)
    .sort()
    .map((k) => `${k}=${dimensions[k] ?? ''}`)
    .join(',');
  return `${namespace}|${metricName}|${dims}`;
}

/**
 * Pure: the complete datapoints of `key` plus the minute still being filled (as a partial
 * datapoint), oldest first, for live charts. Alarms never read the partial minute.
 */
export function liveDatapoints(store: MetricsStore, key: string): Datapoint[] {
  const s = store.streams[key];
  const out = s ? ringItems(s.points) : [];
  const pending = pendingOf(store.filling, key);
  if (pending !== undefined) out.push(close(pending));
  return out;
}
