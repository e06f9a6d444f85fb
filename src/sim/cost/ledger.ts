/**
 * The running bill. `accrueCost` is designed to be called once per simulation step with a snapshot
 * of what is running; it charges each resource for the step, applying per-resource minimum billing
 * (the first step of a Fargate task or EC2 instance is charged at least 60 s, later steps only for
 * time beyond that), so a resource's accrued cost always equals its one-shot cost from billing.ts.
 */
import { billableSeconds, fargateHourlyRate } from './billing.ts';
import { PRICE_TABLE, ec2HourlyPrice } from './prices.ts';

export type CostCategory =
  'ec2' | 'fargate' | 'fargateSpot' | 'eksControlPlane' | 'ecsControlPlane';

/** What is billable right now (a snapshot taken from the simulation state). */
export interface BillableUsage {
  readonly ec2Instances?: readonly {
    readonly id: string;
    readonly instanceType: string;
    readonly spot?: boolean;
  }[];
  readonly fargateTasks?: readonly {
    readonly id: string;
    readonly vcpu: number;
    readonly memoryGb: number;
    readonly spot?: boolean;
    readonly cpuArchitecture?: 'X86_64' | 'ARM64';
    readonly ephemeralStorageGb?: number;
  }[];
  readonly eksClusters?: readonly { readonly id: string; readonly extendedSupport?: boolean }[];
  /** ECS clusters cost nothing; listed so the bill can show the $0 line. */
  readonly ecsClusters?: readonly { readonly id: string }[];
}

export interface LedgerEntry {
  readonly category: CostCategory;
  readonly usd: number;
  /** Seconds the resource has been running (summed over steps it appeared in). */
  readonly runningSeconds: number;
}

export interface CostLedger {
  readonly elapsedSeconds: number;
  readonly totalUsd: number;
  readonly byCategory: Readonly<Record<CostCategory, number>>;
  /** Keyed by "<category>:<id>". */
  readonly entries: Readonly<Record<string, LedgerEntry>>;
}

/** Pure: an empty ledger. */
export function emptyLedger(): CostLedger {
  return {
    elapsedSeconds: 0,
    totalUsd: 0,
    byCategory: { ec2: 0, fargate: 0, fargateSpot: 0, eksControlPlane: 0, ecsControlPlane: 0 },
    entries: {},
  };
}

interface Line {
  readonly key: string;
  readonly category: CostCategory;
  readonly hourly: number;
  readonly minimumSeconds: number;
}

function linesOf(usage: BillableUsage): Line[] {
  const lines: Line[] = [];
  for (const i of usage.ec2Instances ?? []) {
    const hourly = ec2HourlyPrice(i.instanceType);
    if (hourly === undefined) throw new RangeError(`No price for instance type ${i.instanceType}`);
    lines.push({
      key: `ec2:${i.id}`,
      category: 'ec2',
      hourly: i.spot ? hourly * (1 - PRICE_TABLE.ec2SpotDiscount) : hourly,
      minimumSeconds: PRICE_TABLE.ec2MinimumBillableSeconds,
    });
  }
  for (const t of usage.fargateTasks ?? []) {
    const category = t.spot ? 'fargateSpot' : 'fargate';
    lines.push({
      key: `${category}:${t.id}`,
      category,
      hourly: fargateHourlyRate(t.vcpu, t.memoryGb, t),
      minimumSeconds: PRICE_TABLE.fargate.minimumBillableSeconds,
    });
  }
  for (const c of usage.eksClusters ?? []) {
    lines.push({
      key: `eksControlPlane:${c.id}`,
      category: 'eksControlPlane',
      hourly: c.extendedSupport
        ? PRICE_TABLE.eks.extendedSupportPerClusterHour
        : PRICE_TABLE.eks.standardSupportPerClusterHour,
      minimumSeconds: 0,
    });
  }
  for (const c of usage.ecsClusters ?? []) {
    lines.push({
      key: `ecsControlPlane:${c.id}`,
      category: 'ecsControlPlane',
      hourly: PRICE_TABLE.ecs.controlPlanePerClusterHour,
      minimumSeconds: 0,
    });
  }
  return lines;
}

/**
 * Pure: the ledger after `dtSeconds` of `usage`. Each resource is charged
 * hourly × (billable(running + dt) − billable(running)) / 3600, where billable applies its minimum
 * (60 s for Fargate and EC2, none for control planes). Never mutates `ledger`.
 */
export function accrueCost(
  ledger: CostLedger,
  usage: BillableUsage,
  dtSeconds: number,
): CostLedger {
  if (!(dtSeconds > 0)) return ledger;
  const entries: Record<string, LedgerEntry> = { ...ledger.entries };
  const byCategory: Record<CostCategory, number> = { ...ledger.byCategory };
  let added = 0;
  for (const line of linesOf(usage)) {
    const before = entries[line.key];
    const ran = before?.runningSeconds ?? 0;
    const billedBefore = line.minimumSeconds > 0 ? billableSeconds(ran, line.minimumSeconds) : ran;
    const billedAfter =
      line.minimumSeconds > 0
        ? billableSeconds(ran + dtSeconds, line.minimumSeconds)
        : ran + dtSeconds;
    const charge = (line.hourly * (billedAfter - billedBefore)) / 3600;
    entries[line.key] = {
      category: line.category,
      usd: (before?.usd ?? 0) + charge,
      runningSeconds: ran + dtSeconds,
    };
    byCategory[line.category] += charge;
    added += charge;
  }
  return {
    elapsedSeconds: ledger.elapsedSeconds + dtSeconds,
    totalUsd: ledger.totalUsd + added,
    byCategory,
    entries,
  };
}

/** Pure: the current burn rate in USD per hour for `usage` (for a live "$/h" meter). */
export function hourlyBurn(usage: BillableUsage): number {
  return linesOf(usage).reduce((sum, l) => sum + l.hourly, 0);
}
