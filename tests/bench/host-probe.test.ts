// The bench's host speed probes (scripts/host-probe.mjs): both workloads run, take time, and do the
// same work every time (the walk through the table is one fixed cycle).
import { describe, expect, it } from 'vitest';
import { hostProbe } from '../../scripts/host-probe.mjs';

describe('hostProbe', () => {
  it('times a CPU loop and a memory walk, the same work every run', () => {
    const size = { loop: 2_000_000, tableMiB: 1, steps: 100_000 };
    const a = hostProbe(size);
    const b = hostProbe(size);
    expect(a.cpuMs).toBeGreaterThan(0);
    expect(a.memoryMs).toBeGreaterThan(0);
    expect(Number.isFinite(a.cpuMs + a.memoryMs)).toBe(true);
    expect(b.check).toBe(a.check);
  });

  it('walks one cycle through the whole table', () => {
    // After as many steps as entries the walk is back at the start (a single cycle): the check of
    // a walk of `entries` steps differs from one step short only by where it ends.
    const entries = 2 ** 18; // 1 MiB of 4-byte entries
    const full = hostProbe({ loop: 0, tableMiB: 1, steps: entries });
    const none = hostProbe({ loop: 0, tableMiB: 1, steps: 0 });
    expect(full.check).toBe(none.check);
    const short = hostProbe({ loop: 0, tableMiB: 1, steps: entries - 1 });
    expect(short.check).not.toBe(none.check);
  });
});
