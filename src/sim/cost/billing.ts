/**
 * What one resource costs for a length of time, from PRICE_TABLE. Pure arithmetic; results in USD,
 * unrounded (round only for display).
 */
import { PRICE_TABLE, ec2HourlyPrice, type FargateRates } from './prices.ts';

const SECONDS_PER_HOUR = 3600;

/**
 * Pure: seconds that are billed for a resource that ran `seconds`: 0 if it never ran, else the run
 * rounded up to a whole second and raised to the minimum (60 s for Fargate and Linux EC2).
 */
export function billableSeconds(seconds: number, minimumSeconds: number): number {
  if (!(seconds > 0)) return 0;
  return Math.max(minimumSeconds, Math.ceil(seconds));
}

export interface Ec2CostOptions {
  /** Charge the assumed Spot discount (PRICE_TABLE.ec2SpotDiscount). */
  readonly spot?: boolean;
}

/**
 * Pure: cost of one EC2 instance (Linux, on-demand unless `spot`) running `seconds`, billed per
 * second with a 60 s minimum. Throws RangeError for an instance type missing from the price table.
 */
export function costOfEc2(
  instanceType: string,
  seconds: number,
  options: Ec2CostOptions = {},
): number {
  const hourly = ec2HourlyPrice(instanceType);
  if (hourly === undefined) throw new RangeError(`No price for instance type ${instanceType}`);
  const rate = options.spot ? hourly * (1 - PRICE_TABLE.ec2SpotDiscount) : hourly;
  return (
    (rate * billableSeconds(seconds, PRICE_TABLE.ec2MinimumBillableSeconds)) / SECONDS_PER_HOUR
  );
}

export interface FargateCostOptions {
  /** Fargate Spot rates (x86 only). */
  readonly spot?: boolean;
  /** Default X86_64; ARM64 uses Graviton rates (not available on Spot). */
  readonly cpuArchitecture?: 'X86_64' | 'ARM64';
  /** Configured ephemeral storage in GB (default 20, which is free). */
  readonly ephemeralStorageGb?: number;
}

/** Pure: the vCPU/GB rates that apply to a Fargate task. */
export function fargateRates(options: FargateCostOptions = {}): FargateRates {
  if (options.spot) {
    // Fargate Spot supports Linux x86_64 only [ECS-DG fargate-capacity-providers] (reference A5.5).
    if (options.cpuArchitecture === 'ARM64')
      throw new RangeError('Fargate Spot does not support ARM64');
    return PRICE_TABLE.fargateSpot.linuxX86;
  }
  return options.cpuArchitecture === 'ARM64'
    ? PRICE_TABLE.fargate.linuxArm
    : PRICE_TABLE.fargate.linuxX86;
}

/**
 * Pure: Fargate price per hour for a task size: vCPU × rate + GB × rate + storage above 20 GB
 * (reference C1 formula).
 */
export function fargateHourlyRate(
  vcpu: number,
  memoryGb: number,
  options: FargateCostOptions = {},
): number {
  const rates = fargateRates(options);
  const extraStorage = Math.max(
    0,
    (options.ephemeralStorageGb ?? 0) - PRICE_TABLE.fargate.freeEphemeralStorageGb,
  );
  return (
    vcpu * rates.perVcpuHour +
    memoryGb * rates.perGbHour +
    extraStorage * PRICE_TABLE.fargate.ephemeralStoragePerGbHour
  );
}

/**
 * Pure: cost of one Fargate task of `vcpu` vCPU and `memoryGb` GB running `seconds` (from image pull
 * start to termination): hourly rate × max(60 s, ⌈seconds⌉) / 3600 (reference C1).
 */
export function costOfFargateTask(
  vcpu: number,
  memoryGb: number,
  seconds: number,
  options: FargateCostOptions | boolean = {},
): number {
  const opts = typeof options === 'boolean' ? { spot: options } : options;
  const billed = billableSeconds(seconds, PRICE_TABLE.fargate.minimumBillableSeconds);
  return (fargateHourlyRate(vcpu, memoryGb, opts) * billed) / SECONDS_PER_HOUR;
}

/**
 * Pure: EKS control-plane cost for one cluster over `seconds` ($0.10/h standard support, $0.60/h
 * extended). AWS quotes an hourly rate; the meter prorates it per second (simulator choice).
 */
export function costOfEksControlPlane(
  seconds: number,
  options: { readonly extendedSupport?: boolean } = {},
): number {
  const rate = options.extendedSupport
    ? PRICE_TABLE.eks.extendedSupportPerClusterHour
    : PRICE_TABLE.eks.standardSupportPerClusterHour;
  return (rate * Math.max(0, seconds)) / SECONDS_PER_HOUR;
}

/** Pure: the ECS control plane is free [reference C2]; kept as a function so the ledger shows $0. */
export function costOfEcsControlPlane(seconds: number): number {
  return (PRICE_TABLE.ecs.controlPlanePerClusterHour * Math.max(0, seconds)) / SECONDS_PER_HOUR;
}
