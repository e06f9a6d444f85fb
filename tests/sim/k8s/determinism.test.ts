import { describe, expect, it } from 'vitest';
import { advanceK8s, applyK8sCommand, createK8sState } from '../../../src/sim/k8s/index.ts';
import type { K8sState } from '../../../src/sim/k8s/index.ts';
import { deployment, run } from './helpers.ts';

function scenario(seed: number): K8sState {
  let s = createK8sState({
    seed,
    nodeGroups: [{ name: 'ng', instanceType: 'm5.large', desiredSize: 2, maxSize: 4 }],
  });
  s = run(s, { type: 'APPLY', objects: [deployment('web', { replicas: 6, cpu: 400 })] });
  s = advanceK8s(s, 60_000);
  s = run(s, { type: 'SCALE', name: 'web', replicas: 9 });
  return advanceK8s(s, 120_000);
}

describe('determinism and purity', () => {
  it('replays exactly from the same seed', () => {
    expect(scenario(42)).toEqual(scenario(42));
  });

  it('different seeds give different pod names', () => {
    expect(Object.keys(scenario(1).pods)).not.toEqual(Object.keys(scenario(2).pods));
  });

  it('never mutates its input', () => {
    const s = scenario(3);
    const copy = structuredClone(s);
    advanceK8s(s, 30_000);
    applyK8sCommand(s, { type: 'SCALE', name: 'web', replicas: 1 });
    applyK8sCommand(s, { type: 'NODE_NOT_READY', name: Object.keys(s.nodes)[0] as string });
    expect(s).toEqual(copy);
  });

  it('bumps version only when something changed', () => {
    const s = scenario(4);
    const later = advanceK8s(s, 1000);
    expect(later.version).toBeGreaterThanOrEqual(s.version);
    const fresh = createK8sState({ seed: 1 });
    expect(advanceK8s(fresh, 5000).version).toBe(fresh.version);
  });

  it('handles a thousand pods in reasonable time', () => {
    let s = createK8sState({
      seed: 9,
      nodeGroups: [{ name: 'ng', instanceType: 'm5.xlarge', desiredSize: 40, maxSize: 40 }],
    });
    s = run(s, {
      type: 'APPLY',
      objects: [deployment('big', { replicas: 1000, cpu: 50, memory: 32 * 2 ** 20 })],
    });
    const t0 = performance.now();
    s = advanceK8s(s, 30_000);
    const ms = performance.now() - t0;
    expect(Object.values(s.pods).filter((p) => p.phase === 'Running')).toHaveLength(1000);
    expect(ms).toBeLessThan(8000);
  });
});
