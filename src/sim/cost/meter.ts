/**
 * The live cost meter carried in SimState.cost: each simulation step charges what is billable at
 * the start of the step for STEP_MS, at the PRICE_TABLE rates. Per resource, per second:
 * - EC2 instances (not external) from registration until terminated (INACTIVE), on-demand or Spot
 *   (attribute `spot` = "true", see src/sim/spot.ts) [reference C3];
 * - Fargate and Fargate Spot tasks from the start of the image pull (PENDING) until they stop,
 *   on their task size [reference C1]; tasks still in PROVISIONING are not billed;
 * - ECS Anywhere external instances per managed-instance hour (reference C, UNVERIFIED price);
 * - the ECS control plane: $0 [reference C2]. The EKS control plane is charged by the EKS meter.
 * The 60-second minimum of EC2 and Fargate is NOT applied by the meter (a resource that runs 20 s
 * shows 20 s of cost); the one-shot functions in billing.ts apply it. Simulator choice, so the
 * meter moves smoothly.
 *
 * src/sim/cost-step.ts recomputes the rates only when tasks or instances changed, so a steady
 * 10,000-task cluster costs one lookup per step.
 */
import type { ContainerInstance, SimState, Task } from '../model.ts';
import { fargateHourlyRate } from './billing.ts';
import { PRICE_TABLE, ec2HourlyPrice } from './prices.ts';

export type MeterCategory = 'ec2' | 'ec2Spot' | 'fargate' | 'fargateSpot' | 'ecsAnywhere';
export const METER_CATEGORIES: readonly MeterCategory[] = [
  'ec2',
  'ec2Spot',
  'fargate',
  'fargateSpot',
  'ecsAnywhere',
];

export interface CostMeter {
  /** USD accrued since the simulation started. */
  readonly totalUsd: number;
  readonly byCategory: Readonly<Record<MeterCategory, number>>;
  /** USD per hour being charged right now. */
  readonly ratePerHour: number;
  readonly rateByCategory: Readonly<Record<MeterCategory, number>>;
  /**
   * Cumulative cost by category sampled once per simulated minute (the charts' "cumulative $"
   * series), newest last, at most COST_HISTORY_LIMIT samples.
   */
  readonly history?: readonly CostSample[];
}

/** One point of the cumulative cost series. */
export interface CostSample {
  /** Simulated ms. */
  readonly t: number;
  readonly byCategory: Readonly<Record<MeterCategory, number>>;
}

/** Cost samples kept: one per simulated minute, 6 hours. */
export const COST_HISTORY_LIMIT = 360;
export const COST_SAMPLE_MS = 60_000;

/** Pure: the meter with a sample at `now` when a new simulated minute began since the last one. */
export function sampleCost(meter: CostMeter, now: number): CostMeter {
  const h = meter.history;
  const last = h?.[h.length - 1];
  if (last && Math.floor(last.t / COST_SAMPLE_MS) === Math.floor(now / COST_SAMPLE_MS))
    return meter;
  const sample: CostSample = { t: now, byCategory: meter.byCategory };
  const next = h ? [...h, sample] : [sample];
  return {
    ...meter,
    history: next.length > COST_HISTORY_LIMIT ? next.slice(-COST_HISTORY_LIMIT) : next,
  };
}

const zero = (): Record<MeterCategory, number> => ({
  ec2: 0,
  ec2Spot: 0,
  fargate: 0,
  fargateSpot: 0,
  ecsAnywhere: 0,
});

export function emptyMeter(): CostMeter {
  return { totalUsd: 0, byCategory: zero(), ratePerHour: 0, rateByCategory: zero() };
}

/** Task statuses Fargate bills: from the image pull until the task is stopped. */
const FARGATE_BILLED: ReadonlySet<Task['lastStatus']> = new Set([
  'PENDING',
  'ACTIVATING',
  'RUNNING',
  'DEACTIVATING',
  'STOPPING',
  'DEPROVISIONING',
]);

/** Pure: the hourly rate of one EC2 instance as the meter charges it (0 when not billed). */
export function instanceHourlyRate(inst: ContainerInstance): [MeterCategory, number] {
  if (inst.status === 'INACTIVE') return ['ec2', 0];
  if (inst.external) return ['ecsAnywhere', PRICE_TABLE.ecsAnywherePerInstanceHour];
  const hourly = ec2HourlyPrice(inst.instanceType) ?? 0;
  return inst.attributes.spot === 'true'
    ? ['ec2Spot', hourly * (1 - PRICE_TABLE.ec2SpotDiscount)]
    : ['ec2', hourly];
}

/** Pure: the hourly rate of one task as the meter charges it (only Fargate tasks cost by themselves). */
export function taskHourlyRate(task: Task): [MeterCategory, number] {
  if (task.launchType !== 'FARGATE' || !FARGATE_BILLED.has(task.lastStatus)) return ['fargate', 0];
  const spot = task.capacityProviderName === 'FARGATE_SPOT';
  return [
    spot ? 'fargateSpot' : 'fargate',
    fargateHourlyRate(task.cpu / 1024, task.memory / 1024, { spot }),
  ];
}

/** Pure: what the cluster costs per hour right now, by category. */
export function currentRates(
  state: Pick<SimState, 'tasks' | 'instances'>,
): Record<MeterCategory, number> {
  const rates = zero();
  for (const id in state.instances) {
    const [cat, r] = instanceHourlyRate(state.instances[id] as ContainerInstance);
    rates[cat] += r;
  }
  for (const id in state.tasks) {
    const [cat, r] = taskHourlyRate(state.tasks[id] as Task);
    rates[cat] += r;
  }
  return rates;
}

/** Pure: the meter after `ms` at `rates` (USD per hour by category). */
export function accrueMeter(
  meter: CostMeter | undefined,
  rates: Readonly<Record<MeterCategory, number>>,
  ms: number,
): CostMeter {
  const m = meter ?? emptyMeter();
  const hours = ms / 3_600_000;
  const byCategory = { ...m.byCategory };
  let total = m.totalUsd;
  let ratePerHour = 0;
  for (const c of METER_CATEGORIES) {
    byCategory[c] += rates[c] * hours;
    total += rates[c] * hours;
    ratePerHour += rates[c];
  }
  return {
    totalUsd: total,
    byCategory,
    ratePerHour,
    rateByCategory: { ...rates },
    ...(m.history ? { history: m.history } : {}),
  };
}
