import { describe, expect, it } from 'vitest';
import { TEN_MINUTE_JOB, compareEc2VsFargate } from '../../../src/sim/cost/index.ts';

const close = (actual: number, expected: number) => expect(actual).toBeCloseTo(expected, 8);

describe("the guide's 10-minute periodic job", () => {
  it('hourly: Fargate ≈ $3.00/month vs a t3.small kept up 24/7 at $15.18', () => {
    const c = compareEc2VsFargate(TEN_MINUTE_JOB);
    // Fargate: 0.5 × 0.04048 + 1 × 0.004445 = 0.024685 $/h; one 10-min run = 0.024685 / 6 = 0.00411416667
    close(c.fargate.hourlyRate, 0.024685);
    close(c.fargate.perRun, 0.00411416667);
    // 24 runs/day over a 730-hour month = 730 runs → 730 × 0.00411416667 = 3.00334167
    expect(c.runsPerMonth).toBe(730);
    close(c.fargate.perMonth, 3.00334167);
    // t3.small: 0.0208 × 730 = 15.184
    close(c.ec2.perMonth, 15.184);
    expect(c.cheaper).toBe('FARGATE');
    close(c.savingsPerMonth, 12.18065833);
    // Break-even: 0.0208 / 0.024685 = 0.84262 → Fargate wins until the job runs > 84 % of the time.
    close(c.breakEvenDutyCycle, 0.8426169739);
    expect(c.ec2.fitsTask).toBe(true);
    expect(c.explanation).toContain('$3.00 a month');
    expect(c.explanation).toContain('$15.18 a month');
    expect(c.explanation).toContain('more than 84 %');
  });
  it('daily: about 12.5 cents a month on Fargate', () => {
    const c = compareEc2VsFargate({ ...TEN_MINUTE_JOB, runsPerDay: 1 });
    // 730 / 24 = 30.41667 runs × 0.00411416667 = 0.12513924
    close(c.fargate.perMonth, 0.12513924);
    expect(c.cheaper).toBe('FARGATE');
  });
  it('an m5.large kept for the job costs 0.096 × 730 = $70.08', () => {
    close(compareEc2VsFargate({ ...TEN_MINUTE_JOB, instanceType: 'm5.large' }).ec2.perMonth, 70.08);
  });
  it('a job that runs all day is cheaper on the always-on instance', () => {
    // 60-minute runs 24×/day = non-stop: 0.024685 × 730 = 18.02005 > 15.184
    const c = compareEc2VsFargate({ ...TEN_MINUTE_JOB, runMinutes: 60 });
    close(c.fargate.perMonth, 18.02005);
    expect(c.cheaper).toBe('EC2');
  });
  it('flags an instance too small for the task', () => {
    expect(
      compareEc2VsFargate({ ...TEN_MINUTE_JOB, memoryGb: 2, instanceType: 't3.micro' }).ec2
        .fitsTask,
    ).toBe(false);
  });
});
