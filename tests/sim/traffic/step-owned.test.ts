/**
 * StepOwned (src/sim/traffic/step-owned.ts): a record the traffic step made in this Draft is updated
 * in place only while its keys come out the same; anything else gets a new record with the keys in
 * the order they were set, and a record the Draft did not make is never written.
 */
import { describe, expect, it } from 'vitest';
import { StepOwned, UNKNOWN } from '../../../src/sim/traffic/step-owned.ts';

function build(
  own: StepOwned,
  prev: Record<string, number> | undefined,
  entries: [string, number][],
) {
  const b = own.record<number>(prev);
  for (const [k, v] of entries) b.set(k, v);
  return b.done();
}

describe('StepOwned records', () => {
  it('never writes a record it did not make, and owns the copy it makes', () => {
    const own = new StepOwned();
    const outside = Object.freeze({ a: 1, b: 2 });
    const next = build(own, outside, [
      ['a', 10],
      ['b', 20],
    ]);
    expect(next).not.toBe(outside);
    expect(outside).toEqual({ a: 1, b: 2 });
    expect(next).toEqual({ a: 10, b: 20 });
    expect(own.has(next)).toBe(true);
    expect(own.has(outside)).toBe(false);
  });

  it('updates its own record in place while the keys come out the same, in the same order', () => {
    const own = new StepOwned();
    const first = build(own, undefined, [
      ['a', 1],
      ['b', 2],
    ]);
    const second = build(own, first, [
      ['a', 3],
      ['b', 4],
    ]);
    expect(second).toBe(first);
    expect(second).toEqual({ a: 3, b: 4 });
  });

  it('builds a new record, keys in the order set, when keys go, come or move', () => {
    const own = new StepOwned();
    const base = () =>
      build(own, undefined, [
        ['a', 1],
        ['b', 2],
        ['c', 3],
      ]);
    const fewer = build(own, base(), [
      ['a', 5],
      ['b', 6],
    ]);
    expect(Object.entries(fewer)).toEqual([
      ['a', 5],
      ['b', 6],
    ]);
    const more = build(own, base(), [
      ['a', 5],
      ['b', 6],
      ['c', 7],
      ['d', 8],
    ]);
    expect(Object.entries(more)).toEqual([
      ['a', 5],
      ['b', 6],
      ['c', 7],
      ['d', 8],
    ]);
    const gap = build(own, base(), [
      ['a', 5],
      ['c', 7],
    ]);
    expect(Object.entries(gap)).toEqual([
      ['a', 5],
      ['c', 7],
    ]);
    // The new record is owned too: the next step reuses it.
    expect(
      build(own, gap, [
        ['a', 0],
        ['c', 0],
      ]),
    ).toBe(gap);
    const none = build(own, base(), []);
    expect(Object.keys(none)).toEqual([]);
  });

  it('peeks the previous value of the next key without a lookup, and only while updating in place', () => {
    const own = new StepOwned();
    const first = build(own, undefined, [
      ['a', 1],
      ['b', 2],
    ]);
    // Values written in place are what the next builder peeks (its own record's values, in order).
    const second = build(own, first, [
      ['a', 3],
      ['b', 4],
    ]);
    const b = own.record<number>(second);
    expect(b.peek('a')).toBe(3);
    expect(b.peek('b')).toBe(UNKNOWN); // not the next key
    b.set('a', 5);
    expect(b.peek('b')).toBe(4);
    b.set('c', 6); // a key out of order: a new record from here on
    expect(b.peek('b')).toBe(UNKNOWN);
    expect(b.done()).toEqual({ a: 5, c: 6 });
    // A record the Draft did not make: nothing to peek.
    expect(own.record<number>({ a: 1 }).peek('a')).toBe(UNKNOWN);
    // After a fresh record, its values carry on to the next step.
    const next = build(own, undefined, [['x', 9]]);
    expect(own.record<number>(next).peek('x')).toBe(9);
  });
});
