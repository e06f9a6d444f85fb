import { describe, expect, it } from 'vitest';
import {
  ringItems,
  ringNewest,
  ringPush,
  ringSize,
  type Ring,
} from '../../../src/sim/traffic/ring-log.ts';

/** The copying push ring-log.ts replaces: a new items array every push. */
function copyingPush<T>(ring: Ring<T>, item: T): Ring<T> {
  if (ring.items.length < ring.capacity) return { ...ring, items: [...ring.items, item] };
  const items = ring.items.slice();
  items[ring.head] = item;
  return { ...ring, items, head: (ring.head + 1) % ring.capacity };
}

/** Deterministic pseudo-random integers (tests stay reproducible). */
function lcg(seed: number): (n: number) => number {
  let x = seed;
  return (n) => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x % n;
  };
}

function expectSame<T>(ring: Ring<T>, ref: Ring<T>): void {
  // The same ring for JSON, spread and equality: same keys in the same order, same layout.
  expect(JSON.stringify(ring)).toBe(JSON.stringify(ref));
  expect(Object.keys(ring)).toEqual(['capacity', 'items', 'head']);
  expect({ ...ring }).toEqual(ref);
  expect(structuredClone(ring)).toEqual(ref);
  expect(ringItems(ring)).toEqual(ringItems(ref));
  expect(ringSize(ring)).toBe(ref.items.length);
  for (let k = 0; k < ref.items.length; k++) expect(ringNewest(ring, k)).toBe(ringNewest(ref, k));
}

describe('ring-log: rings pushed without copying their items', () => {
  it('lays items out as the copying push does, past the capacity and around head', () => {
    for (const capacity of [1, 2, 3, 5, 8]) {
      let ring: Ring<number> = { capacity, items: [], head: 0 };
      let ref: Ring<number> = ring;
      for (let i = 0; i < 4 * capacity + 40; i++) {
        ring = ringPush(ring, i);
        ref = copyingPush(ref, i);
        expectSame(ring, ref);
      }
    }
  });

  it('keeps every older ring as it was when rings branch (a state advanced twice)', () => {
    const next = lcg(7);
    for (const capacity of [3, 4, 10]) {
      // Versions of one ring and their copying twins; each push starts from a random older version.
      const rings: Ring<number>[] = [{ capacity, items: [], head: 0 }];
      const refs: Ring<number>[] = [rings[0]!];
      const frozen: string[] = [JSON.stringify(rings[0])];
      for (let i = 0; i < 300; i++) {
        const from = next(4) === 0 ? next(rings.length) : rings.length - 1;
        rings.push(ringPush(rings[from]!, i));
        refs.push(copyingPush(refs[from]!, i));
        frozen.push(JSON.stringify(refs[refs.length - 1]));
      }
      rings.forEach((r, i) => {
        expect(JSON.stringify(r)).toBe(frozen[i]);
        expectSame(r, refs[i]!);
      });
    }
  });

  it('continues a plain ring (a loaded save), full or not', () => {
    const plain: Ring<number> = { capacity: 4, items: [10, 11, 12, 13], head: 2 };
    const half: Ring<number> = { capacity: 4, items: [10, 11], head: 0 };
    for (const start of [plain, half]) {
      let ring = start;
      let ref = start;
      for (let i = 0; i < 9; i++) {
        ring = ringPush(ring, i);
        ref = copyingPush(ref, i);
        expectSame(ring, ref);
      }
      // The plain ring itself is untouched.
      expect(start.items.length).toBeLessThanOrEqual(4);
    }
    expect(plain.items).toEqual([10, 11, 12, 13]);
    expect(half.items).toEqual([10, 11]);
  });
});
