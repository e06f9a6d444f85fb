import { describe, expect, it } from 'vitest';
import { advanceK8s, applyK8sCommand, resolveFenceposts } from '../../../src/sim/k8s/index.ts';
import type { K8sState } from '../../../src/sim/k8s/index.ts';
import { cluster, deployment, eventsFor, run } from './helpers.ts';

describe('rollout arithmetic (maxSurge rounds up, maxUnavailable rounds down)', () => {
  it.each([
    [10, 3, 2],
    [4, 1, 1],
    [3, 1, 0],
    [1, 1, 0],
    [0, 0, 1],
  ])('replicas %i → surge %i, unavailable %i', (replicas, surge, unavailable) => {
    expect(resolveFenceposts(undefined, replicas)).toEqual({
      maxSurge: surge,
      maxUnavailable: unavailable,
    });
  });

  it('takes absolute values and falls back to 1 unavailable when both are 0', () => {
    expect(
      resolveFenceposts(
        { type: 'RollingUpdate', rollingUpdate: { maxSurge: 2, maxUnavailable: '50%' } },
        5,
      ),
    ).toEqual({ maxSurge: 2, maxUnavailable: 2 });
    expect(
      resolveFenceposts(
        { type: 'RollingUpdate', rollingUpdate: { maxSurge: '10%', maxUnavailable: '10%' } },
        5,
      ),
    ).toEqual({ maxSurge: 1, maxUnavailable: 0 });
    expect(
      resolveFenceposts(
        { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } },
        5,
      ),
    ).toEqual({ maxSurge: 0, maxUnavailable: 1 });
  });
});

function counts(s: K8sState): { total: number; available: number } {
  const dep = s.deployments['default/web'];
  const rss = Object.values(s.replicaSets);
  return {
    total: rss.reduce((n, r) => n + r.status.replicas, 0),
    available: dep?.status.availableReplicas ?? 0,
  };
}

describe('Deployment rolling update', () => {
  it('keeps 10 replicas within ≤ 13 pods and ≥ 8 available, then removes the old ReplicaSet', () => {
    let s = cluster([{ name: 'ng', instanceType: 'm5.xlarge', desiredSize: 3 }]);
    s = run(s, { type: 'APPLY', objects: [deployment('web', { replicas: 10 })] });
    s = advanceK8s(s, 30_000);
    expect(counts(s)).toEqual({ total: 10, available: 10 });
    const firstRs = Object.keys(s.replicaSets);
    s = run(s, {
      type: 'APPLY',
      objects: [deployment('web', { replicas: 10, image: 'nginx:1.26' })],
    });
    let maxTotal = 0;
    let minAvailable = 10;
    for (let i = 0; i < 60; i++) {
      s = advanceK8s(s, 1000);
      const c = counts(s);
      maxTotal = Math.max(maxTotal, c.total);
      minAvailable = Math.min(minAvailable, c.available);
    }
    expect(maxTotal).toBe(13);
    expect(minAvailable).toBe(8);
    const rss = Object.values(s.replicaSets);
    expect(rss).toHaveLength(2);
    const old = rss.find((r) => r.meta.name === firstRs[0]?.split('/')[1]);
    expect(old?.spec.replicas).toBe(0);
    const neu = rss.find((r) => r !== old);
    expect(neu?.meta.annotations['deployment.kubernetes.io/revision']).toBe('2');
    expect(neu?.spec.template.spec.containers[0]?.image).toBe('nginx:1.26');
    expect(Object.values(s.pods).every((p) => p.spec.containers[0]?.image === 'nginx:1.26')).toBe(
      true,
    );
    expect(eventsFor(s, 'web', 'ScalingReplicaSet')[1]?.message).toBe(
      `Scaled up replica set ${neu?.meta.name} from 0 to 3`,
    );
    expect(
      s.deployments['default/web']?.status.conditions.find((c) => c.type === 'Progressing')?.reason,
    ).toBe('NewReplicaSetAvailable');
  });

  it('with 1 replica surges first: the new pod is ready before the old one goes', () => {
    let s = cluster();
    s = run(s, { type: 'APPLY', objects: [deployment('web', { replicas: 1 })] });
    s = advanceK8s(s, 20_000);
    s = run(s, {
      type: 'APPLY',
      objects: [deployment('web', { replicas: 1, image: 'nginx:1.26' })],
    });
    for (let i = 0; i < 30; i++) {
      s = advanceK8s(s, 1000);
      expect(counts(s).available).toBeGreaterThanOrEqual(1);
      expect(counts(s).total).toBeLessThanOrEqual(2);
    }
  });

  it('rollout undo restores the previous template as a new revision', () => {
    let s = cluster();
    s = run(s, { type: 'APPLY', objects: [deployment('web', { replicas: 2 })] });
    s = advanceK8s(s, 20_000);
    s = run(s, {
      type: 'APPLY',
      objects: [deployment('web', { replicas: 2, image: 'nginx:1.26' })],
    });
    s = advanceK8s(s, 30_000);
    const r = applyK8sCommand(s, { type: 'ROLLOUT_UNDO', name: 'web' });
    expect(r.output).toEqual(['deployment.apps/web rolled back']);
    s = advanceK8s(r.state, 30_000);
    const revs = Object.values(s.replicaSets).map((rs) => [
      rs.spec.template.spec.containers[0]?.image,
      rs.meta.annotations['deployment.kubernetes.io/revision'],
      rs.spec.replicas,
    ]);
    expect(revs.sort()).toEqual([
      ['nginx:1.25', '3', 2],
      ['nginx:1.26', '2', 0],
    ]);
  });

  it('refuses to change an immutable selector, like the API server', () => {
    let s = cluster();
    s = run(s, { type: 'APPLY', objects: [deployment('web')] });
    const d = deployment('web');
    const changed = {
      ...d,
      spec: {
        ...(d as Extract<typeof d, { kind: 'Deployment' }>).spec,
        selector: { matchLabels: { app: 'other' } },
      },
    } as typeof d;
    const r = applyK8sCommand(s, { type: 'APPLY', objects: [changed] });
    expect(r.error).toBe(
      'The Deployment "web" is invalid: spec.selector: Invalid value: {"matchLabels":{"app":"other"}}: field is immutable',
    );
  });
});
