import { describe, expect, it } from 'vitest';
import { advanceK8s, nextBackoff } from '../../../src/sim/k8s/index.ts';
import type { K8sState } from '../../../src/sim/k8s/index.ts';
import { podStatus } from '../../../src/sim/k8s/kubectl-format.ts';
import { cluster, deployment, eventsFor, pods, run } from './helpers.ts';

describe('CrashLoopBackOff timer', () => {
  it('restarts the first crash at once, then waits 10, 20, 40 … capped at 300 s', () => {
    const delays: number[] = [];
    let backoff = 0;
    for (let i = 0; i < 9; i++) {
      const r = nextBackoff(backoff, 1000);
      delays.push(r.delayMs / 1000);
      backoff = r.backoffMs;
    }
    expect(delays).toEqual([0, 10, 20, 40, 80, 160, 300, 300, 300]);
  });

  it('resets after the container ran 10 minutes', () => {
    expect(nextBackoff(300_000, 600_000)).toEqual({ delayMs: 0, backoffMs: 10_000 });
    expect(nextBackoff(300_000, 599_000)).toEqual({ delayMs: 300_000, backoffMs: 300_000 });
  });

  it('a crashing image goes through CrashLoopBackOff with those waits in the cluster', () => {
    let s: K8sState = cluster();
    s = run(s, { type: 'SET_IMAGE_BEHAVIOUR', image: 'bad:1', crashAfterSeconds: 1, exitCode: 1 });
    s = run(s, { type: 'APPLY', objects: [deployment('crashy', { image: 'bad:1' })] });
    const waits: number[] = [];
    let waitingSince: number | undefined;
    for (let t = 0; t < 1300; t++) {
      s = advanceK8s(s, 1000);
      const p = pods(s, 'crashy')[0];
      const st = p?.containerStatuses[0]?.state;
      if (st?.kind === 'waiting' && st.reason === 'CrashLoopBackOff') waitingSince ??= s.now;
      else if (waitingSince !== undefined) {
        waits.push((s.now - waitingSince) / 1000);
        waitingSince = undefined;
      }
    }
    expect(waits.slice(0, 7)).toEqual([10, 20, 40, 80, 160, 300, 300]);
    const p = pods(s, 'crashy')[0];
    expect(p?.containerStatuses[0]?.restartCount).toBeGreaterThanOrEqual(8);
    expect(p?.containerStatuses[0]?.lastState).toMatchObject({
      kind: 'terminated',
      reason: 'Error',
      exitCode: 1,
    });
    const backoff = eventsFor(s, p?.meta.name ?? '', 'BackOff')[0];
    expect(backoff?.message).toBe(
      `Back-off restarting failed container app in pod ${p?.meta.name}_default(${p?.meta.uid})`,
    );
    expect(backoff?.count).toBeGreaterThan(1);
  });

  it('shows ErrImagePull then ImagePullBackOff for an image that cannot be pulled', () => {
    let s = cluster();
    s = run(s, { type: 'SET_IMAGE_BEHAVIOUR', image: 'nginx:doesnotexist', pullable: false });
    s = run(s, { type: 'APPLY', objects: [deployment('typo', { image: 'nginx:doesnotexist' })] });
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      s = advanceK8s(s, 1000);
      const p = pods(s, 'typo')[0];
      if (p) seen.add(podStatus(p));
    }
    expect([...seen]).toEqual(
      expect.arrayContaining(['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff']),
    );
    expect(seen.has('Running')).toBe(false);
  });

  it('CRASH_POD makes a running container exit and restart immediately the first time', () => {
    let s = cluster();
    s = run(s, { type: 'APPLY', objects: [deployment('web')] });
    s = advanceK8s(s, 20_000);
    const name = pods(s, 'web')[0]?.meta.name ?? '';
    s = run(s, { type: 'CRASH_POD', name, exitCode: 137 });
    expect(s.pods[`default/${name}`]?.containerStatuses[0]?.state).toMatchObject({
      kind: 'terminated',
      exitCode: 137,
    });
    s = advanceK8s(s, 2000);
    const cs = s.pods[`default/${name}`]?.containerStatuses[0];
    expect(cs?.state.kind).toBe('running');
    expect(cs?.restartCount).toBe(1);
  });
});
