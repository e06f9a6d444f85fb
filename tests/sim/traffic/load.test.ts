import { describe, expect, it } from 'vitest';
import { seedRng } from '../../../src/sim/rng.ts';
import { DAY_SECONDS, requestsInStep, rpsAt, sampleRps } from '../../../src/sim/traffic/load.ts';

const s = (seconds: number): number => seconds * 1000;

describe('load shapes', () => {
  it('constant stays at its rate', () => {
    expect(rpsAt({ kind: 'constant', rps: 42 }, 0)).toBe(42);
    expect(rpsAt({ kind: 'constant', rps: 42 }, s(86_400))).toBe(42);
  });

  it('ramp interpolates from → to over its duration, then holds', () => {
    const ramp = {
      kind: 'ramp',
      from: 100,
      to: 500,
      durationSeconds: 400,
      startSeconds: 100,
    } as const;
    expect(rpsAt(ramp, s(50))).toBe(100);
    expect(rpsAt(ramp, s(300))).toBe(300); // halfway: 100 + 400 × 200/400
    expect(rpsAt(ramp, s(500))).toBe(500);
    expect(rpsAt(ramp, s(9_999))).toBe(500);
  });

  it('spike is at peak exactly during [start, start + duration)', () => {
    const spike = {
      kind: 'spike',
      base: 50,
      peak: 400,
      startSeconds: 600,
      durationSeconds: 300,
    } as const;
    expect(rpsAt(spike, s(599))).toBe(50);
    expect(rpsAt(spike, s(600))).toBe(400);
    expect(rpsAt(spike, s(899))).toBe(400);
    expect(rpsAt(spike, s(900))).toBe(50);
  });

  it('sine has a 24 h period by default and peaks a quarter-period in', () => {
    const sine = { kind: 'sine', mean: 200, amplitude: 100 } as const;
    expect(rpsAt(sine, 0)).toBeCloseTo(200);
    expect(rpsAt(sine, s(DAY_SECONDS / 4))).toBeCloseTo(300);
    expect(rpsAt(sine, s((3 * DAY_SECONDS) / 4))).toBeCloseTo(100);
    expect(rpsAt(sine, s(DAY_SECONDS + 123))).toBeCloseTo(rpsAt(sine, s(123)));
  });

  it('never returns a negative rate', () => {
    expect(rpsAt({ kind: 'sine', mean: 10, amplitude: 50 }, s(DAY_SECONDS * 0.75))).toBe(0);
  });

  it('steps follow the scripted list in any order', () => {
    const steps = {
      kind: 'steps',
      initialRps: 5,
      steps: [
        { atSeconds: 120, rps: 300 },
        { atSeconds: 60, rps: 100 },
      ],
    } as const;
    expect(rpsAt(steps, s(30))).toBe(5);
    expect(rpsAt(steps, s(60))).toBe(100);
    expect(rpsAt(steps, s(119))).toBe(100);
    expect(rpsAt(steps, s(500))).toBe(300);
  });
});

describe('noise and whole requests', () => {
  it('seeded noise stays within ±noise and replays from the same seed', () => {
    const profile = { shape: { kind: 'constant', rps: 1000 }, noise: 0.05 } as const;
    let rng = seedRng(7);
    const first: number[] = [];
    for (let t = 0; t < 200; t++) {
      const [v, next] = sampleRps(profile, s(t), rng);
      rng = next;
      first.push(v);
      expect(v).toBeGreaterThanOrEqual(950);
      expect(v).toBeLessThanOrEqual(1050);
    }
    let again = seedRng(7);
    const second = first.map((_, t) => {
      const [v, next] = sampleRps(profile, s(t), again);
      again = next;
      return v;
    });
    expect(second).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(100);
  });

  it('without noise the RNG state is untouched', () => {
    const rng = seedRng(1);
    const [v, next] = sampleRps({ shape: { kind: 'constant', rps: 3 } }, 0, rng);
    expect(v).toBe(3);
    expect(next).toBe(rng);
  });

  it('fractional rates accumulate into whole requests with no drift', () => {
    let carry = 0;
    let total = 0;
    for (let i = 0; i < 100; i++) {
      const r = requestsInStep(2.5, 1000, carry);
      carry = r.carry;
      total += r.requests;
      expect(Number.isInteger(r.requests)).toBe(true);
    }
    expect(total).toBe(250);
  });
});
