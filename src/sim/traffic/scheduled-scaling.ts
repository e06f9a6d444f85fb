/**
 * Application Auto Scaling scheduled actions (reference A6.4): at a time, or on a rate or cron
 * schedule, set a new MinCapacity and/or MaxCapacity; the current capacity is moved into the new
 * range. Schedules are UTC on the simulation's clock: simulated time 0 is SIM_EPOCH_MS
 * (2026-01-01T00:00:00Z), the instant `isoAt`/describe output shows, so `at(2026-01-01T00:10:00)`
 * fires 10 simulated minutes in. The epoch is a UTC midnight, so cron hours/minutes and rate
 * periods count from simulated time 0 as well. Pure.
 */
import { SIM_EPOCH_MS } from '../ids.ts';

export interface ScheduledAction {
  readonly scheduledActionName: string;
  /** `at(yyyy-mm-ddThh:mm:ss)`, `rate(5 minutes)` or `cron(30 9 * * ? *)` (minute and hour fields). */
  readonly schedule: string;
  readonly minCapacity?: number;
  readonly maxCapacity?: number;
}

/** A parsed schedule. Cron supports minute/hour fields of `n`, `*`, `*∕n` or `a,b`; others must be `*`/`?`. */
export type Schedule =
  | { readonly kind: 'at'; readonly atMs: number }
  | { readonly kind: 'rate'; readonly everyMs: number }
  | {
      readonly kind: 'cron';
      readonly minutes: readonly number[];
      readonly hours: readonly number[];
    };

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function cronField(field: string, max: number): number[] | undefined {
  const all = Array.from({ length: max }, (_, i) => i);
  if (field === '*' || field === '?') return all;
  const every = /^\*\/(\d+)$/.exec(field);
  if (every) return all.filter((v) => v % Number(every[1]) === 0);
  const values = field.split(',').map(Number);
  return values.every((v) => Number.isInteger(v) && v >= 0 && v < max) ? values : undefined;
}

/** Pure: parses a schedule expression; returns an error message string when it is not supported. */
export function parseSchedule(expression: string): Schedule | string {
  const at = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/.exec(expression.trim());
  if (at) {
    const [y, mo, d, h, mi, s] = at.slice(1).map(Number) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const utcMs = ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60_000 + s * 1000;
    return { kind: 'at', atMs: utcMs - SIM_EPOCH_MS };
  }
  const rate = /^rate\((\d+)\s+(minute|hour|day)s?\)$/.exec(expression.trim());
  if (rate) {
    const n = Number(rate[1]);
    if (n <= 0) return `Invalid rate expression: ${expression}`;
    return { kind: 'rate', everyMs: n * (UNIT_MS[rate[2] ?? 'minute'] ?? 60_000) };
  }
  const cron = /^cron\(([^)]*)\)$/.exec(expression.trim());
  if (cron) {
    const f = (cron[1] ?? '').trim().split(/\s+/);
    const minutes = cronField(f[0] ?? '', 60);
    const hours = cronField(f[1] ?? '', 24);
    const restWild = f.slice(2).every((x) => x === '*' || x === '?');
    if (f.length < 5 || minutes === undefined || hours === undefined || !restWild) {
      return `Unsupported cron expression (minute and hour fields only): ${expression}`;
    }
    return { kind: 'cron', minutes, hours };
  }
  return `Invalid schedule expression: ${expression}`;
}

/**
 * Pure: whether the schedule fires in the half-open interval (fromMs, toMs]. A rate schedule fires
 * every `everyMs` counted from simulated time 0; cron fires at the start of each matching minute.
 */
export function firesBetween(schedule: Schedule, fromMs: number, toMs: number): boolean {
  if (toMs <= fromMs) return false;
  switch (schedule.kind) {
    case 'at':
      return schedule.atMs > fromMs && schedule.atMs <= toMs;
    case 'rate':
      return Math.floor(toMs / schedule.everyMs) > Math.floor(fromMs / schedule.everyMs);
    case 'cron': {
      const first = Math.floor(fromMs / 60_000) + 1;
      const last = Math.floor(toMs / 60_000);
      // Bounded scan: a gap longer than a day is checked only over its last day.
      for (let m = Math.max(first, last - 1440); m <= last; m++) {
        const minute = m % 60;
        const hour = Math.floor(m / 60) % 24;
        if (schedule.minutes.includes(minute) && schedule.hours.includes(hour)) return true;
      }
      return false;
    }
  }
}

/**
 * Pure: the new min/max after an action and the capacity moved into that range (A6.4: a current
 * capacity outside the new range is moved into it).
 */
export function applyScheduledAction(
  action: ScheduledAction,
  range: { readonly minCapacity: number; readonly maxCapacity: number },
  current: number,
): { readonly minCapacity: number; readonly maxCapacity: number; readonly desired: number } {
  const minCapacity = action.minCapacity ?? range.minCapacity;
  const maxCapacity = action.maxCapacity ?? range.maxCapacity;
  const desired = Math.min(maxCapacity, Math.max(minCapacity, current));
  return { minCapacity, maxCapacity, desired };
}
