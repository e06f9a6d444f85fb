/**
 * The bounded rings of metrics.ts (one per metric, a datapoint pushed every simulated minute),
 * pushed without copying their items (issue 8). A ring is an immutable value shared by every state
 * that holds it, so `ringPush` used to copy its items array each minute: a thousand metrics × up to
 * 1,440 datapoints a minute, all of it garbage a minute later.
 *
 * Here the rings made by `ringPush` read their items from a shared append-only log: a ring is the
 * window of its last `count` entries ending at `end`. Pushing onto the ring that ends the log appends
 * in place; older rings only ever read entries before their own `end`, which never change. Pushing
 * onto an older ring (a state advanced twice, a replay) finds the log already longer and copies its
 * window to a new log first. A log is also copied once it outgrows the capacity by an eighth, so it
 * holds at most that much more than the ring (a copy every capacity / 8 pushes: O(1) per push).
 *
 * Nothing observable changes: such a ring's `items` is an own enumerable property (a getter) that
 * builds, once, the very array the copying push would have built — same layout around `head` — so
 * JSON, structuredClone, spread and equality see the same ring. Rings from elsewhere (a loaded save,
 * tests) are plain objects; the first push starts a log from their items.
 */

/** A bounded ring of items, oldest at `head` once full. Treat as opaque; read with `ringItems`. */
export interface Ring<T> {
  readonly capacity: number;
  readonly items: readonly T[];
  readonly head: number;
}

/** Where a ring made by ringPush keeps its items. */
interface Window<T> {
  /** Append-only: entries before `end` never change. */
  readonly log: T[];
  /** The ring's newest entry is log[end - 1]. */
  readonly end: number;
  /** Items in the ring: log[end - count], …, log[end - 1], oldest first. */
  readonly count: number;
  /** The `items` array, once built. */
  items: readonly T[] | undefined;
}

const windows = new WeakMap<object, Window<unknown>>();

/** A ring reading its items from a window of a log (see the file comment). */
function windowRing<T>(capacity: number, head: number, w: Window<T>): Ring<T> {
  // Key order capacity, items, head: the order of `{ ...ring, items, head }`.
  const ring: Ring<T> = {
    capacity,
    get items(): readonly T[] {
      return itemsOf(w, head);
    },
    head,
  };
  windows.set(ring, w as Window<unknown>);
  return ring;
}

/**
 * The ring's items array as the copying push lays it out: the newest at head - 1, older ones before
 * it (wrapping), so item (head - 1 - k) mod count is log[end - 1 - k].
 */
function itemsOf<T>(w: Window<T>, head: number): readonly T[] {
  if (w.items) return w.items;
  const n = w.count;
  const items = new Array<T>(n);
  for (let k = 0; k < n; k++) items[(((head - 1 - k) % n) + n) % n] = w.log[w.end - 1 - k]!;
  return (w.items = items);
}

/** Pure: appends to a ring, overwriting the oldest item once full. */
export function ringPush<T>(ring: Ring<T>, item: T): Ring<T> {
  let w = windows.get(ring) as Window<T> | undefined;
  if (!w) {
    // A plain ring: its items oldest first start the log (its newest is at head - 1, as here). A
    // ring not full keeps head 0 (the copying push appends at the end); any other layout is
    // pushed by copying, as it always was.
    const items = ring.items;
    if (items.length < ring.capacity && ring.head !== 0) return copyPush(ring, item);
    const n = items.length;
    w = { log: ringItems(ring), end: n, count: n, items: undefined };
  }
  const { capacity } = ring;
  const full = w.count >= capacity;
  let log = w.log;
  if (log.length !== w.end || log.length >= capacity + (capacity >> 3) + 16) {
    // Another ring already appended to this log after our end (or the log is long): copy our window.
    log = log.slice(w.end - w.count, w.end);
  }
  log.push(item);
  const count = full ? capacity : w.count + 1;
  const head = full ? (ring.head + 1) % capacity : ring.head;
  return windowRing(capacity, head, { log, end: log.length, count, items: undefined });
}

/** The copying push (rings this module does not lay out itself). */
function copyPush<T>(ring: Ring<T>, item: T): Ring<T> {
  if (ring.items.length < ring.capacity) return { ...ring, items: [...ring.items, item] };
  const items = ring.items.slice();
  items[ring.head] = item;
  return { ...ring, items, head: (ring.head + 1) % ring.capacity };
}

/** Pure: the ring's items, oldest first. */
export function ringItems<T>(ring: Ring<T>): T[] {
  const w = windows.get(ring) as Window<T> | undefined;
  if (w) return w.log.slice(w.end - w.count, w.end);
  return [...ring.items.slice(ring.head), ...ring.items.slice(0, ring.head)];
}

/** Pure: the number of items in the ring. */
export function ringSize(ring: Ring<unknown>): number {
  return windows.get(ring)?.count ?? ring.items.length;
}

/** Pure: the ring's k-th newest item (k = 0: the newest), for k < ringSize(ring). */
export function ringNewest<T>(ring: Ring<T>, k: number): T {
  const w = windows.get(ring) as Window<T> | undefined;
  if (w) return w.log[w.end - 1 - k]!;
  const items = ring.items;
  return items[(((ring.head - 1 - k) % items.length) + items.length) % items.length]!;
}
