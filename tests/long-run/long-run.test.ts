/**
 * Issue 9: a long session stays bounded. A short slice of the long run (scripts/long-run-driver.ts:
 * daily load cycle, crashes, lost instances, an AZ outage, spikes, deployments) with every ECS
 * invariant of tests/properties checked at each sample, and every growing structure within its
 * bound — including the ones that only fill up after hours (the 3-hour metric history).
 * The full simulated week at 1,000 tasks is a bench figure: `npm run bench` / scripts/long-run.ts.
 */
import { describe, expect, it } from 'vitest';
import { MAX_EVENTS, traffic } from '../../src/sim/index.ts';
import {
  longRun,
  structureLimits,
  structureSizes,
  type StructureSizes,
} from '../../scripts/long-run-driver.ts';
import { checkEcsInvariants, newObserver } from '../properties/ecs-model.ts';

describe('long run', () => {
  it('five hours of faults and load changes: invariants hold, every structure stays bounded', () => {
    const tasks = 60;
    const limits = structureLimits(tasks);
    const obs = newObserver();
    const samples: StructureSizes[] = [];
    const end = longRun({
      tasks,
      durationMs: 5 * 3_600_000,
      sampleEveryMs: 30 * 60_000,
      onSample: (s) => {
        checkEcsInvariants(s, obs);
        const sizes = structureSizes(s);
        for (const [k, v] of Object.entries(sizes) as [keyof StructureSizes, number][])
          expect(v, `${k} at ${s.now / 3_600_000} h`).toBeLessThanOrEqual(limits[k]);
        samples.push(sizes);
      },
    });
    expect(samples.length).toBeGreaterThanOrEqual(10);
    const last = structureSizes(end);
    // The bounded histories really filled up (so the bound, not the run length, limited them).
    expect(last.maxMetricStream).toBe(traffic.METRIC_HISTORY_MINUTES);
    expect(Math.max(...samples.map((x) => x.events))).toBeLessThanOrEqual(MAX_EVENTS);
    // Faults happened and the services kept their tasks: crashes and lost hosts were replaced.
    expect(end.events.some((e) => /terminated|unavailable|exited/i.test(e.message))).toBe(true);
    expect(last.liveTasks).toBeGreaterThanOrEqual(tasks / 2);
  }, 300_000);
});
