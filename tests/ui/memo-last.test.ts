import { describe, expect, it } from 'vitest';
import { memoLast } from '../../src/ui/memo-last.ts';

describe('memoLast', () => {
  it('returns the same result without recomputing while the arguments are the same values', () => {
    let calls = 0;
    const view = memoLast((meter: { usd: number } | undefined, eks: number | undefined) => {
      calls++;
      return { text: `${meter?.usd ?? 0}/${eks ?? '-'}` };
    });
    const meter = { usd: 2 };
    const first = view(meter, undefined);
    expect(view(meter, undefined)).toBe(first);
    expect(calls).toBe(1);
    // A new meter object (even with the same figures) or a new EKS clock: worked out again.
    expect(view({ usd: 2 }, undefined)).not.toBe(first);
    expect(view(meter, 5)).toEqual({ text: '2/5' });
    expect(calls).toBe(3);
    expect(view(meter, 5)).toEqual({ text: '2/5' });
    expect(calls).toBe(3);
  });

  it('treats NaN as the same argument and 0 / -0 as different ones (Object.is)', () => {
    let calls = 0;
    const f = memoLast((x: number) => ++calls + x);
    f(Number.NaN);
    f(Number.NaN);
    expect(calls).toBe(1);
    f(0);
    f(-0);
    expect(calls).toBe(3);
  });
});
