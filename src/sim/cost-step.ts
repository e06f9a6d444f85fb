/**
 * Charges the cost meter (src/sim/cost/meter.ts) once per simulation step, at the rates of what is
 * billable as the step begins. The rates are kept up to date incrementally (issue 8: a step that
 * changes a few tasks must not visit 10,000): instances are summed again only after an instance
 * write; tasks are summed per service, and a service's sum is redone only when one of its tasks
 * changed (ClusterIndex.serviceVersion). Tasks without a service (RunTask) are summed together.
 * Sums are taken in a fixed order (instances in record order, then services by name), so the
 * figures depend only on the state. Pure memoisation; never observable beyond that order.
 * tests/sim/cost/cost-step.test.ts compares the rates with `currentRates` at every step.
 */
import type { ClusterIndex, Draft } from './draft.ts';
import type { ContainerInstance } from './model.ts';
import {
  accrueMeter,
  instanceHourlyRate,
  METER_CATEGORIES,
  sampleCost,
  taskHourlyRate,
  type MeterCategory,
} from './cost/meter.ts';

type Rates = Record<MeterCategory, number>;

function zero(): Rates {
  return { ec2: 0, ec2Spot: 0, fargate: 0, fargateSpot: 0, ecsAnywhere: 0 };
}

/** Rates of every instance, by instances record (finished records are immutable). */
const instanceRatesByRecord = new WeakMap<object, Rates>();
/**
 * Rates of every instance inside one multi-step advance, until an instance write changes more than
 * its reservations (Draft.instanceStateWrites; instanceHourlyRate reads none of those fields).
 */
const instanceRatesByDraft = new WeakMap<Draft, { writes: number; rates: Rates }>();

function sumInstances(instances: Readonly<Record<string, ContainerInstance>>): Rates {
  const rates = zero();
  for (const id in instances) {
    const [cat, r] = instanceHourlyRate(instances[id]!);
    rates[cat] += r;
  }
  return rates;
}

function instanceRates(d: Draft): Rates {
  if (d.instanceWrites === 0) {
    let r = instanceRatesByRecord.get(d.instances);
    if (!r) instanceRatesByRecord.set(d.instances, (r = sumInstances(d.instances)));
    return r;
  }
  const hit = instanceRatesByDraft.get(d);
  if (hit && hit.writes === d.instanceStateWrites) return hit.rates;
  const rates = sumInstances(d.instances);
  instanceRatesByDraft.set(d, { writes: d.instanceStateWrites, rates });
  return rates;
}

/** Per service name ('' for tasks without a service): the rate of its tasks at an index version. */
const serviceRates = new WeakMap<ClusterIndex, Map<string, { version: number; rates: Rates }>>();

/** The rates of one service's tasks ('' : tasks without a service). */
function sumService(d: Draft, idx: ClusterIndex, name: string): Rates {
  const rates = zero();
  if (name === '') {
    // RunTask tasks are not indexed by service: visit all (only after one of them changed).
    d.tasks.forEach((t) => {
      if (t.serviceName !== undefined || t.launchType !== 'FARGATE') return;
      const [cat, r] = taskHourlyRate(t);
      rates[cat] += r;
    });
    return rates;
  }
  // STOPPED tasks are not billed and not in ofService; only Fargate tasks cost by themselves, so a
  // service without one adds nothing (its tasks are not even looked up).
  if (!idx.hasFargate(name)) return rates;
  const ids = idx.ofService.get(name);
  if (ids)
    for (const id of ids) {
      const t = d.tasks.get(id);
      // Only Fargate tasks cost by themselves (taskHourlyRate is 0 for the others).
      if (!t || t.launchType !== 'FARGATE') continue;
      const [cat, r] = taskHourlyRate(t);
      rates[cat] += r;
    }
  return rates;
}

/** Service names of an index, sorted; names are never removed, so the size tells when to redo. */
const sortedNames = new WeakMap<ClusterIndex, readonly string[]>();

function taskRates(d: Draft): Rates {
  const idx = d.index();
  let byName = serviceRates.get(idx);
  if (!byName) serviceRates.set(idx, (byName = new Map()));
  let names = sortedNames.get(idx);
  if (!names || names.length !== idx.serviceVersion.size) {
    names = [...idx.serviceVersion.keys()].sort();
    sortedNames.set(idx, names);
  }
  const rates = zero();
  for (const name of names) {
    const version = idx.serviceVersion.get(name)!;
    let hit = byName.get(name);
    if (!hit || hit.version !== version) {
      hit = { version, rates: sumService(d, idx, name) };
      byName.set(name, hit);
    }
    const r = hit.rates;
    rates.ec2 += r.ec2;
    rates.ec2Spot += r.ec2Spot;
    rates.fargate += r.fargate;
    rates.fargateSpot += r.fargateSpot;
    rates.ecsAnywhere += r.ecsAnywhere;
  }
  return rates;
}

/** Pure (memoised): what the draft's cluster costs per hour right now, by category. */
export function draftRates(d: Draft): Rates {
  const inst = instanceRates(d);
  const tasks = taskRates(d);
  const rates = zero();
  for (const c of METER_CATEGORIES) rates[c] = inst[c] + tasks[c];
  return rates;
}

/** The combined rates, by task table while no task or instance was written (the steady case). */
const byRecord = new WeakMap<object, { instances: object; rates: Rates }>();
const byDraft = new WeakMap<Draft, { writes: number; rates: Rates }>();

function ratesNow(d: Draft): Rates {
  const writes = d.taskOrInstanceWrites;
  if (writes === 0) {
    const hit = byRecord.get(d.tasks);
    if (hit && hit.instances === d.instances) return hit.rates;
    const rates = draftRates(d);
    byRecord.set(d.tasks, { instances: d.instances, rates });
    return rates;
  }
  const hit = byDraft.get(d);
  if (hit && hit.writes === writes) return hit.rates;
  const rates = draftRates(d);
  byDraft.set(d, { writes, rates });
  return rates;
}

/** Charges `ms` of what is billable now to the draft's meter (does not bump `version`). */
export function chargeStep(d: Draft, ms: number): void {
  d.cost = sampleCost(accrueMeter(d.cost, ratesNow(d), ms), d.now);
}
