/**
 * The cumulative cost chart's columns: dollars accrued so far per launch type over simulated time,
 * from the meter's per-minute samples (SimState.cost.history) plus the present moment, and the EKS
 * control plane's charge since the EKS cluster was created. Pure.
 */
import { SIM_EPOCH_MS } from '../sim/index.ts';
import {
  METER_CATEGORIES,
  PRICE_TABLE,
  type CostMeter,
  type MeterCategory,
} from '../sim/cost/index.ts';
import type { ChartSeries } from './cp-traffic-chart.ts';
import type { Columns } from './traffic-series.ts';

const SERIES: Readonly<Record<MeterCategory | 'eks', ChartSeries>> = {
  ec2: { label: 'EC2 $', color: '#e69f00', digits: 4 },
  ec2Spot: { label: 'EC2 Spot $', color: '#e69f00', dash: [6, 4], digits: 4 },
  fargate: { label: 'Fargate $', color: '#0072b2', digits: 4 },
  fargateSpot: { label: 'Fargate Spot $', color: '#0072b2', dash: [6, 4], digits: 4 },
  ecsAnywhere: { label: 'ECS Anywhere $', color: '#009e73', digits: 4 },
  eks: { label: 'EKS control plane $', color: '#cc79a7', digits: 4 },
};

export interface CostChart {
  readonly series: readonly ChartSeries[];
  readonly data: Columns;
}

/**
 * Pure: the chart for `meter` at `now`. `eksCreatedAt` (simulated ms) adds the EKS control plane's
 * hourly charge from then on. Only categories that cost something get a line.
 */
export function costChart(
  meter: CostMeter | undefined,
  now: number,
  eksCreatedAt?: number,
): CostChart | undefined {
  if (!meter) return undefined;
  const samples = [...(meter.history ?? [])];
  const last = samples[samples.length - 1];
  if (!last || last.t < now) samples.push({ t: now, byCategory: meter.byCategory });
  const cats = METER_CATEGORIES.filter((c) => samples.some((p) => p.byCategory[c] > 0));
  const eksRate = PRICE_TABLE.eks.standardSupportPerClusterHour;
  const eks = (t: number): number =>
    eksCreatedAt === undefined ? 0 : (eksRate * Math.max(0, t - eksCreatedAt)) / 3_600_000;
  const series = [
    ...cats.map((c) => SERIES[c]),
    ...(eksCreatedAt === undefined ? [] : [SERIES.eks]),
  ];
  if (series.length === 0) return undefined;
  const x = samples.map((p) => (SIM_EPOCH_MS + p.t) / 1000);
  const data: Columns = [
    x,
    ...cats.map((c) => samples.map((p) => p.byCategory[c])),
    ...(eksCreatedAt === undefined ? [] : [samples.map((p) => eks(p.t))]),
  ];
  return { series, data };
}
