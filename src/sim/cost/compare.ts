/**
 * "Same workload on EC2 vs on Fargate": the guide's periodic-job example ("you just want to run the
 * container for 10 minutes and stop paying"). A Fargate task is billed only while it runs; an EC2
 * instance kept for the job is billed 24/7 whether or not the job is running.
 */
import { INSTANCE_TYPES } from '../instance-types.ts';
import { costOfEc2, costOfFargateTask, fargateHourlyRate } from './billing.ts';
import { PRICE_TABLE, ec2HourlyPrice } from './prices.ts';

export interface PeriodicWorkload {
  /** Fargate task size. */
  readonly vcpu: number;
  readonly memoryGb: number;
  /** Length of one run, in minutes. */
  readonly runMinutes: number;
  /** How many runs per day (24 = hourly, 1 = daily). */
  readonly runsPerDay: number;
  /** The instance that would otherwise be kept running 24/7 for the job. */
  readonly instanceType: string;
  readonly fargateSpot?: boolean;
}

export interface Ec2VsFargate {
  readonly workload: PeriodicWorkload;
  readonly hoursPerMonth: number;
  readonly runsPerMonth: number;
  readonly fargate: {
    readonly hourlyRate: number;
    readonly perRun: number;
    readonly perMonth: number;
  };
  readonly ec2: {
    readonly hourlyRate: number;
    readonly perMonth: number;
    readonly fitsTask: boolean;
  };
  readonly cheaper: 'FARGATE' | 'EC2';
  readonly savingsPerMonth: number;
  /**
   * Fraction of the time the job would have to run for Fargate to cost as much as the always-on
   * instance (EC2 hourly ÷ Fargate hourly); above 1 means Fargate is always cheaper.
   */
  readonly breakEvenDutyCycle: number;
  readonly explanation: string;
}

const usd = (n: number): string => `$${n < 1 ? n.toFixed(4) : n.toFixed(2)}`;

/**
 * Pure: monthly cost (730 h) of `workload` on Fargate (pay per run, per second with the 1-minute
 * minimum) vs one `instanceType` instance running all month, with a one-paragraph explanation.
 */
export function compareEc2VsFargate(workload: PeriodicWorkload): Ec2VsFargate {
  const hoursPerMonth = PRICE_TABLE.hoursPerMonth;
  const runsPerMonth = (workload.runsPerDay * hoursPerMonth) / 24;
  const spot = workload.fargateSpot ?? false;
  const perRun = costOfFargateTask(
    workload.vcpu,
    workload.memoryGb,
    workload.runMinutes * 60,
    spot,
  );
  const fargateMonth = perRun * runsPerMonth;
  const ec2Hourly = ec2HourlyPrice(workload.instanceType) ?? NaN;
  const ec2Month = costOfEc2(workload.instanceType, hoursPerMonth * 3600);
  const info = INSTANCE_TYPES[workload.instanceType];
  const fitsTask =
    info !== undefined && info.vcpu >= workload.vcpu && info.memoryMiB >= workload.memoryGb * 1024;
  const fargateHourly = fargateHourlyRate(workload.vcpu, workload.memoryGb, { spot });
  const cheaper = fargateMonth <= ec2Month ? 'FARGATE' : 'EC2';
  const breakEvenDutyCycle = ec2Hourly / fargateHourly;
  const busyPercent = ((workload.runMinutes * workload.runsPerDay) / (24 * 60)) * 100;

  const explanation =
    `A ${workload.vcpu} vCPU / ${workload.memoryGb} GB task running ${workload.runMinutes} min ` +
    `${workload.runsPerDay} time(s) a day is busy ${busyPercent.toFixed(1)} % of the time. ` +
    `On Fargate${spot ? ' Spot' : ''} it costs ${usd(fargateHourly)}/h only while running: ` +
    `${usd(perRun)} per run × ${runsPerMonth.toFixed(1)} runs = ${usd(fargateMonth)} a month. ` +
    `A ${workload.instanceType} kept for it bills ${usd(ec2Hourly)}/h around the clock: ` +
    `${usd(ec2Month)} a month${fitsTask ? '' : ' (and it is too small for the task)'}. ` +
    (breakEvenDutyCycle >= 1
      ? 'Fargate stays cheaper even if the job ran non-stop.'
      : `Fargate stays cheaper until the job runs more than ${(breakEvenDutyCycle * 100).toFixed(0)} % ` +
        'of the time; above that, the always-on instance wins (and can be shared by other tasks).');

  return {
    workload,
    hoursPerMonth,
    runsPerMonth,
    fargate: { hourlyRate: fargateHourly, perRun, perMonth: fargateMonth },
    ec2: { hourlyRate: ec2Hourly, perMonth: ec2Month, fitsTask },
    cheaper,
    savingsPerMonth: Math.abs(ec2Month - fargateMonth),
    breakEvenDutyCycle,
    explanation,
  };
}

/**
 * The guide's example: a periodic data-processing job of 10 minutes, sized like the guide's task
 * definition example (0.5 vCPU, 1 GB), run hourly, against a t3.small kept up 24/7 (the smallest
 * type in the table that fits 1 GB beside the ECS agent; t3.micro has only 1 GiB in total).
 */
export const TEN_MINUTE_JOB: PeriodicWorkload = {
  vcpu: 0.5,
  memoryGb: 1,
  runMinutes: 10,
  runsPerDay: 24,
  instanceType: 't3.small',
};
