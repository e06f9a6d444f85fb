// Host speed probes for `npm run bench` (scripts/bench.mjs): two fixed workloads timed at the start
// and the end of the run, so a reader can tell a slow host from a slow build. On a shared virtual
// machine the same code runs up to ~1.5× slower at busy times (noisy neighbours; the load average
// does not show them), and the memory-bound simulation slows more than arithmetic does, hence two
// probes: a register-bound loop, and a dependent walk through a 64 MB table (each read waits for
// the one before it, as the simulation's pointer-heavy state does). Lower is faster; compare runs
// on the same machine. Deterministic: fixed sizes and a fixed walk.

/**
 * @param {{ loop?: number, tableMiB?: number, steps?: number }} [size]
 * @returns {{ cpuMs: number, memoryMs: number, check: number }} times of the two probes, and a
 *   number derived from both results (so neither loop can be optimised away)
 */
export function hostProbe(size = {}) {
  const loop = size.loop ?? 200_000_000;
  const entries = ((size.tableMiB ?? 64) * 2 ** 20) / 4;
  const steps = size.steps ?? 2_000_000;
  const spin = (n) => {
    let x = 0;
    for (let i = 0; i < n; i++) x = (x + (i % 7)) | 0;
    return x;
  };
  // Compiled before it is timed (the first call runs in the interpreter until V8 optimises it).
  spin(loop / 20);
  let t = performance.now();
  const x = spin(loop);
  const cpuMs = performance.now() - t;
  // One cycle through every entry (Sattolo's shuffle from a fixed linear congruential sequence),
  // so the walk never settles into a short loop that fits in a cache.
  const next = new Uint32Array(entries);
  for (let i = 0; i < entries; i++) next[i] = i;
  let seed = 12345;
  for (let i = entries - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const j = seed % i;
    const v = next[i];
    next[i] = next[j];
    next[j] = v;
  }
  t = performance.now();
  let p = 0;
  for (let i = 0; i < steps; i++) p = next[p];
  const memoryMs = performance.now() - t;
  return { cpuMs, memoryMs, check: (x ^ p) >>> 0 };
}
