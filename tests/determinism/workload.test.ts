/**
 * The shared determinism workload and digest (tests/determinism/workload.ts), checked in node; the
 * browser test (tests/browser/determinism) compares Chromium's digests with node's for RUNS.
 */
import { describe, expect, it } from 'vitest';
import { CHECKPOINT_EVERY, RUNS, canonical, digest, playRun } from './workload.ts';

describe('state digest', () => {
  it('ignores key order and undefined members, like deep equality', () => {
    expect(digest({ a: 1, b: [1, { c: 'x', d: undefined }] })).toBe(
      digest({ b: [1, { c: 'x' }], a: 1 }),
    );
    expect(canonical({ b: 2, a: { z: 1, y: null } })).toBe('{"a":{"y":null,"z":1},"b":2}');
  });

  it('changes when any number, string or array order changes', () => {
    const base = { now: 1000, tasks: { t1: { cpu: 0.1 + 0.2, name: 'web' } }, ids: ['a', 'b'] };
    const d = digest(base);
    expect(digest({ ...base, now: 1001 })).not.toBe(d);
    expect(digest({ ...base, tasks: { t1: { cpu: 0.3, name: 'web' } } })).not.toBe(d);
    expect(digest({ ...base, tasks: { t1: { cpu: 0.1 + 0.2, name: 'Web' } } })).not.toBe(d);
    expect(digest({ ...base, ids: ['b', 'a'] })).not.toBe(d);
  });

  it('refuses what JSON would silently lose (Map, Set) and keeps NaN/Infinity apart from null', () => {
    expect(() => canonical({ m: new Map() })).toThrow(/Map\/Set/);
    expect(() => canonical([new Set([1])])).toThrow(/Map\/Set/);
    expect(canonical([Number.NaN, Infinity, null])).toBe('["NaN","Infinity",null]');
  });
});

describe('determinism workload', () => {
  it('replays identically in node and the states move between checkpoints', () => {
    for (const run of RUNS.filter((r, i) => i === 0 || r.kind !== RUNS[i - 1]?.kind)) {
      const a = playRun(run);
      expect(playRun(run)).toEqual(a);
      expect(a.checkpoints.map((c) => c.afterActions)).toEqual([
        ...Array.from({ length: Math.floor(run.actions / CHECKPOINT_EVERY) + 1 }, (_, k) =>
          Math.min(k * CHECKPOINT_EVERY, run.actions),
        ),
        -1,
      ]);
      expect(new Set(a.checkpoints.map((c) => c.digest)).size).toBeGreaterThan(2);
    }
  }, 120_000);

  it('different seeds give different runs', () => {
    const [a, b] = RUNS.filter((r) => r.kind === 'ecs');
    if (!a || !b) throw new Error('RUNS needs two ecs runs');
    expect(playRun(a).checkpoints.at(-1)?.digest).not.toBe(playRun(b).checkpoints.at(-1)?.digest);
  }, 120_000);
});
