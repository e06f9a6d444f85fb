import { describe, expect, it } from 'vitest';
import { seedRng, type RngState } from '../../../src/sim/rng.ts';
import {
  FARGATE_SPOT_INTERRUPTION,
  SPOT_INTERRUPTION_WARNING_MS,
  ec2SpotTaskStop,
  nextSpotInterruption,
} from '../../../src/sim/cost/index.ts';

describe('nextSpotInterruption', () => {
  it('is deterministic for a given RNG state and gives a two-minute warning', () => {
    const [a, rngA] = nextSpotInterruption(seedRng(42), 1_000, 0.5);
    const [b, rngB] = nextSpotInterruption(seedRng(42), 1_000, 0.5);
    expect(a).toEqual(b);
    expect(rngA).toEqual(rngB);
    expect(a!.noticeAt).toBeGreaterThan(1_000);
    expect(a!.reclaimAt - a!.noticeAt).toBe(SPOT_INTERRUPTION_WARNING_MS);
    expect(SPOT_INTERRUPTION_WARNING_MS).toBe(120_000);
    const [c] = nextSpotInterruption(seedRng(43), 1_000, 0.5);
    expect(c).not.toEqual(a);
  });
  it('never interrupts at rate 0 and leaves the RNG untouched', () => {
    const rng = seedRng(1);
    expect(nextSpotInterruption(rng, 0, 0)).toEqual([undefined, rng]);
  });
  it('averages 1/rate hours between notices (exponential gaps)', () => {
    let rng: RngState = seedRng(2024);
    let now = 0;
    const n = 2000;
    for (let i = 0; i < n; i++) {
      const [next, r] = nextSpotInterruption(rng, now, 2);
      rng = r;
      now = next!.noticeAt;
    }
    const meanHours = now / n / 3_600_000;
    expect(meanHours).toBeGreaterThan(0.45);
    expect(meanHours).toBeLessThan(0.55);
  });
});

describe('interruption wording', () => {
  it('matches the ECS Fargate Spot stop fields', () => {
    expect(FARGATE_SPOT_INTERRUPTION).toEqual({
      stopCode: 'TerminationNotice',
      stoppedReason: 'Your Spot Task was interrupted.',
    });
  });
  it('uses SpotInterruption for tasks on a reclaimed EC2 Spot instance', () => {
    expect(ec2SpotTaskStop('i-0abc')).toEqual({
      stopCode: 'SpotInterruption',
      stoppedReason: 'Host EC2 (instance i-0abc) terminated.',
    });
  });
});
