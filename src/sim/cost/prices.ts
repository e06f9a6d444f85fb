/**
 * The price table: us-east-1, USD, on-demand Linux, as compiled in reference PART C
 * (/work/shared/reference/orchestration.md). The official AWS pricing pages were not in the stored
 * sources; figures come from the third-party pages cited per entry, cross-checked where two agree.
 * Entries marked UNVERIFIED are widely quoted figures not confirmed from a stored source.
 * Prices change: update this one module (and `compiledOn`) rather than constants elsewhere.
 */

export interface FargateRates {
  /** USD per vCPU-hour. */
  readonly perVcpuHour: number;
  /** USD per GB-hour (Fargate "GB" = GiB of task memory, 1024 MiB). */
  readonly perGbHour: number;
}

export const PRICE_TABLE = {
  region: 'us-east-1',
  currency: 'USD',
  /** When this table was compiled from the cited sources. */
  compiledOn: '2026-11-26',
  /** Hours in a billing month, AWS's pricing-page convention (365 × 24 / 12). */
  hoursPerMonth: 730,

  /**
   * EC2 on-demand Linux per instance-hour (reference C3). Sources: ctaminian/aws-cost-estimator
   * pricing.py (t3.micro, m5.large, c5.large, r5.large); go-cloud.io (t3.large); kindatechnical
   * (m5.large, m5.xlarge, c5.large). t3.small, t3.medium, c5.xlarge, m6g.large: UNVERIFIED.
   */
  ec2OnDemandPerHour: {
    't3.micro': 0.0104,
    't3.small': 0.0208,
    't3.medium': 0.0416,
    't3.large': 0.0832,
    'm5.large': 0.096,
    'm5.xlarge': 0.192,
    'c5.large': 0.085,
    'c5.xlarge': 0.17,
    'r5.large': 0.126,
    'm6g.large': 0.077,
  } as Readonly<Record<string, number>>,
  /** Linux EC2 bills per second with a 60-second minimum (reference C3, amnic.com). */
  ec2MinimumBillableSeconds: 60,
  /**
   * EC2 Spot: the price floats with supply; we charge a flat 70 % off on-demand. UNVERIFIED
   * simulator assumption (AWS says "up to 90 %").
   */
  ec2SpotDiscount: 0.7,

  /** Fargate (reference C1; vantage.sh/blog/fargate-pricing, wring.co). */
  fargate: {
    linuxX86: { perVcpuHour: 0.04048, perGbHour: 0.004445 } satisfies FargateRates,
    linuxArm: { perVcpuHour: 0.03238, perGbHour: 0.00356 } satisfies FargateRates,
    /** Ephemeral storage above the free 20 GB, per GB-hour. */
    ephemeralStoragePerGbHour: 0.000111,
    freeEphemeralStorageGb: 20,
    /**
     * Per-second billing with a 1-minute minimum, from the start of the image pull until the task
     * terminates, on the configured task size (reference C1; awsfundamentals ECS pricing).
     */
    minimumBillableSeconds: 60,
  },
  /**
   * Fargate Spot: "up to 70 %" off on-demand (wring.co); actual rates float. We use exactly 70 % off
   * the x86 rates — UNVERIFIED assumption (reference C1, F9). Spot runs Linux x86_64 only (A5.5).
   */
  fargateSpot: {
    discount: 0.7,
    linuxX86: { perVcpuHour: 0.012144, perGbHour: 0.0013335 } satisfies FargateRates,
  },

  /** EKS control plane per cluster-hour (reference C2; AWS containers blog on extended support). */
  eks: { standardSupportPerClusterHour: 0.1, extendedSupportPerClusterHour: 0.6 },
  /**
   * ECS Anywhere: per managed (external) instance-hour, on top of your own hardware. Reference
   * PART C lists ~$0.01025 — UNVERIFIED (no stored AWS pricing page).
   */
  ecsAnywherePerInstanceHour: 0.01025,
  /** ECS has no control-plane charge: you pay for EC2/Fargate/LB only (reference C2). */
  ecs: { controlPlanePerClusterHour: 0 },
} as const;

/** Pure: the on-demand hourly price of an instance type, or undefined when not in the table. */
export function ec2HourlyPrice(instanceType: string): number | undefined {
  return PRICE_TABLE.ec2OnDemandPerHour[instanceType];
}
