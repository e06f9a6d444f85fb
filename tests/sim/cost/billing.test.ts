import { describe, expect, it } from 'vitest';
import {
  PRICE_TABLE,
  billableSeconds,
  costOfEc2,
  costOfEcsControlPlane,
  costOfEksControlPlane,
  costOfFargateTask,
  fargateHourlyRate,
} from '../../../src/sim/cost/index.ts';
import { INSTANCE_TYPES } from '../../../src/sim/instance-types.ts';

// Money comparisons to 1e-9 USD: the arithmetic below is done by hand from the PART C rates.
const close = (actual: number, expected: number) => expect(actual).toBeCloseTo(expected, 9);

describe('price table', () => {
  it('carries its date, region and a price for every simulator instance type', () => {
    expect(PRICE_TABLE.compiledOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(PRICE_TABLE.region).toBe('us-east-1');
    for (const type of Object.keys(INSTANCE_TYPES)) {
      expect(PRICE_TABLE.ec2OnDemandPerHour[type], type).toBeGreaterThan(0);
    }
  });
});

describe('Fargate', () => {
  it('0.25 vCPU / 0.5 GB for 10 minutes', () => {
    // 0.25 × $0.04048 + 0.5 × $0.004445 = $0.01012 + $0.0022225 = $0.0123425 per hour
    // × 10/60 h = $0.00205708333…
    close(costOfFargateTask(0.25, 0.5, 600), 0.0020570833333);
  });
  it('1 vCPU / 2 GB for a 730-hour month matches the reference (≈ $36.04)', () => {
    // 1 × 0.04048 + 2 × 0.004445 = 0.04937 per hour; × 730 = 36.0401
    close(costOfFargateTask(1, 2, 730 * 3600), 36.0401);
  });
  it('bills a minimum of one minute, then per second rounded up', () => {
    // 20 s is billed as 60 s: 0.0123425 × 60/3600 = 0.000205708333…
    close(costOfFargateTask(0.25, 0.5, 20), 0.000205708333333);
    // 61.2 s is billed as 62 s: 0.0123425 × 62/3600 = 0.000212565277…
    close(costOfFargateTask(0.25, 0.5, 61.2), 0.000212565277778);
    expect(costOfFargateTask(0.25, 0.5, 0)).toBe(0);
    expect(billableSeconds(59.01, 60)).toBe(60);
    expect(billableSeconds(60.01, 60)).toBe(61);
  });
  it('uses Graviton rates for ARM64 and Spot rates for Fargate Spot', () => {
    // ARM: 1 × 0.03238 + 2 × 0.00356 = 0.03238 + 0.00712 = 0.0395 per hour
    close(costOfFargateTask(1, 2, 3600, { cpuArchitecture: 'ARM64' }), 0.0395);
    // Spot (70 % off): 0.5 × 0.012144 + 1 × 0.0013335 = 0.006072 + 0.0013335 = 0.0074055 per hour
    close(costOfFargateTask(0.5, 1, 3600, true), 0.0074055);
    expect(() => costOfFargateTask(1, 2, 60, { spot: true, cpuArchitecture: 'ARM64' })).toThrow(
      /ARM64/,
    );
  });
  it('charges ephemeral storage only above the free 20 GB', () => {
    // 50 GB → 30 GB extra × 0.000111 = 0.00333 per hour; + 0.04937 = 0.0527
    close(fargateHourlyRate(1, 2, { ephemeralStorageGb: 50 }), 0.0527);
    close(fargateHourlyRate(1, 2, { ephemeralStorageGb: 20 }), 0.04937);
  });
});

describe('EC2 and control planes', () => {
  it('bills EC2 per second with a 60-second minimum', () => {
    // m5.large 90 min: 0.096 × 1.5 = 0.144
    close(costOfEc2('m5.large', 5400), 0.144);
    // t3.micro 30 s → 60 s: 0.0104 / 60 = 0.000173333…
    close(costOfEc2('t3.micro', 30), 0.000173333333);
    // Spot assumption: 70 % off → t3.large 1 h = 0.0832 × 0.3 = 0.02496
    close(costOfEc2('t3.large', 3600, { spot: true }), 0.02496);
    expect(() => costOfEc2('x9.huge', 60)).toThrow(RangeError);
  });
  it('charges EKS $0.10 per cluster-hour and nothing for ECS', () => {
    close(costOfEksControlPlane(24 * 3600), 2.4); // 0.10 × 24
    close(costOfEksControlPlane(730 * 3600), 73); // 0.10 × 730 ≈ $73/month
    close(costOfEksControlPlane(3600, { extendedSupport: true }), 0.6);
    expect(costOfEcsControlPlane(730 * 3600)).toBe(0);
  });
});
