/** The meter's cumulative history: one sample per simulated minute, bounded, and the chart columns. */
import { describe, expect, it } from 'vitest';
import { advance } from '../../src/sim/advance.ts';
import { createDefaultCluster } from '../../src/sim/index.ts';
import { COST_HISTORY_LIMIT, emptyMeter, sampleCost } from '../../src/sim/cost/meter.ts';
import { costChart } from '../../src/ui/cost-series.ts';

describe('cumulative cost history', () => {
  it('samples once per simulated minute, cumulative, never decreasing', () => {
    const s = advance(createDefaultCluster(1), 10 * 60_000);
    const h = s.cost?.history ?? [];
    expect(h.length).toBeGreaterThanOrEqual(10);
    expect(h.length).toBeLessThanOrEqual(12);
    for (let i = 1; i < h.length; i++) {
      expect(Math.floor(h[i]!.t / 60_000)).toBe(Math.floor(h[i - 1]!.t / 60_000) + 1);
      expect(h[i]!.byCategory.ec2).toBeGreaterThan(h[i - 1]!.byCategory.ec2);
    }
    // Three EC2 instances ($0.096 + $0.085 + $0.0832 an hour): each minute adds 1/60 of that.
    const n = h.length;
    expect(h[n - 1]!.byCategory.ec2 - h[n - 2]!.byCategory.ec2).toBeCloseTo(
      (0.096 + 0.085 + 0.0832) / 60,
      9,
    );
  });

  it('keeps at most COST_HISTORY_LIMIT samples', () => {
    let m = emptyMeter();
    for (let i = 0; i < COST_HISTORY_LIMIT + 50; i++) m = sampleCost(m, i * 60_000);
    expect(m.history?.length).toBe(COST_HISTORY_LIMIT);
    expect(m.history?.[0]?.t).toBe(50 * 60_000);
  });

  it('charts one line per launch type that costs something, plus the EKS control plane', () => {
    const s = advance(createDefaultCluster(1), 5 * 60_000);
    const chart = costChart(s.cost, s.now, s.now - 3_600_000)!;
    expect(chart.series.map((x) => x.label)).toEqual(['EC2 $', 'Fargate $', 'EKS control plane $']);
    const eks = chart.data[3] as number[];
    // $0.10 per cluster-hour, created one hour before now.
    expect(eks[eks.length - 1]).toBeCloseTo(0.1, 9);
  });
});
