/**
 * Charges the cost meter (src/sim/cost/meter.ts) once per simulation step. Rates are recomputed
 * only when tasks or instances changed: by record identity for records a draft has not written
 * (finished records are immutable), and by the draft's task/instance write counter inside one
 * multi-step advance (other writes — traffic, events — leave the rates as they were).
 * Pure memoisation; never observable.
 */
import type { Draft } from './draft.ts';
import { accrueMeter, currentRates, sampleCost, type MeterCategory } from './cost/meter.ts';

type Rates = Record<MeterCategory, number>;
const byRecord = new WeakMap<object, { instances: object; rates: Rates }>();
const byDraft = new WeakMap<Draft, { writes: number; rates: Rates }>();

function ratesNow(d: Draft): Rates {
  const writes = d.taskOrInstanceWrites;
  if (writes === 0) {
    const hit = byRecord.get(d.tasks);
    if (hit && hit.instances === d.instances) return hit.rates;
    const rates = currentRates(d);
    byRecord.set(d.tasks, { instances: d.instances, rates });
    return rates;
  }
  const hit = byDraft.get(d);
  if (hit && hit.writes === writes) return hit.rates;
  const rates = currentRates(d);
  byDraft.set(d, { writes, rates });
  return rates;
}

/** Charges `ms` of what is billable now to the draft's meter (does not bump `version`). */
export function chargeStep(d: Draft, ms: number): void {
  d.cost = sampleCost(accrueMeter(d.cost, ratesNow(d), ms), d.now);
}
