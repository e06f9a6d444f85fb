/**
 * CloudWatch-like metric storage: per-second samples are folded into 1-minute datapoints (the
 * AWS/ECS and AWS/ApplicationELB period, reference A5.7) and kept in a bounded ring so memory stays
 * flat however long the simulation runs. Pure: every function returns a new store.
 */

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

/** A bounded ring of items, oldest at `head` once full. Treat as opaque; read with `ringItems`. */
export interface Ring<T> {
  readonly capacity: number;
  readonly items: readonly T[];
  readonly head: number;
}

interface Pending {
  readonly minute: number;
  readonly count: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
}

/** One metric's history plus the minute still being filled. */
export interface MetricStream {
  readonly points: Ring<Datapoint>;
  readonly pending?: Pending;
}

export interface MetricsStore {
  readonly capacity: number;
  readonly streams: Readonly<Record<string, MetricStream>>;
}

/** Pure: an empty store keeping at most `capacity` minute datapoints per metric. */
export function createMetricsStore(capacity = DEFAULT_HISTORY_MINUTES): MetricsStore {
  return { capacity: Math.max(1, Math.floor(capacity)), streams: {} };
}

/** Pure: appends to a ring, overwriting the oldest item once full. */
export function ringPush<T>(ring: Ring<T>, item: T): Ring<T> {
  if (ring.items.length < ring.capacity) return { ...ring, items: [...ring.items, item] };
  const items = ring.items.slice();
  items[ring.head] = item;
  return { ...ring, items, head: (ring.head + 1) % ring.capacity };
}

/** Pure: the ring's items, oldest first. */
export function ringItems<T>(ring: Ring<T>): T[] {
  return [...ring.items.slice(ring.head), ...ring.items.slice(0, ring.head)];
}

function close(p: Pending): Datapoint {
  return {
    timestamp: p.minute * PERIOD_MS,
    sampleCount: p.count,
    sum: p.sum,
    minimum: p.min,
    maximum: p.max,
    average: p.count > 0 ? p.sum / p.count : 0,
  };
}

/**
 * Pure: records one sample per metric key at simulated time `tMs`. A sample in a later minute than
 * a stream's pending minute closes that minute into a datapoint first. Samples must arrive in time order.
 */
export function recordSamples(
  store: MetricsStore,
  tMs: number,
  samples: Readonly<Record<string, number>>,
): MetricsStore {
  const minute = Math.floor(tMs / PERIOD_MS);
  const streams: Record<string, MetricStream> = { ...store.streams };
  for (const [key, value] of Object.entries(samples)) {
    if (!Number.isFinite(value)) continue;
    const s = streams[key] ?? { points: { capacity: store.capacity, items: [], head: 0 } };
    let points = s.points;
    let p = s.pending;
    if (p !== undefined && p.minute !== minute) {
      points = ringPush(points, close(p));
      p = undefined;
    }
    const pending: Pending =
      p === undefined
        ? { minute, count: 1, sum: value, min: value, max: value }
        : {
            minute,
            count: p.count + 1,
            sum: p.sum + value,
            min: Math.min(p.min, value),
            max: Math.max(p.max, value),
          };
    streams[key] = { points, pending };
  }
  return { ...store, streams };
}

/**
 * Pure: the complete minute datapoints of `key`, oldest first. The minute being filled counts as
 * complete once `now` has reached its end (a datapoint for [t, t+60 s) exists from t+60 s on).
 */
export function datapoints(store: MetricsStore, key: string, now: number): Datapoint[] {
  const s = store.streams[key];
  if (s === undefined) return [];
  const out = ringItems(s.points);
  if (s.pending !== undefined && (s.pending.minute + 1) * PERIOD_MS <= now)
    out.push(close(s.pending));
  return out.length > store.capacity ? out.slice(out.length - store.capacity) : out;
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
  if (s === undefined) return [];
  const out = ringItems(s.points);
  if (s.pending !== undefined) out.push(close(s.pending));
  return out;
}
