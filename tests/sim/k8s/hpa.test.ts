import { describe, expect, it } from 'vitest';
import { calculateReplicas } from '../../../src/sim/k8s/hpa.ts';
import {
  advanceK8s,
  proposeReplicas,
  scaleUpLimit,
  stabilise,
} from '../../../src/sim/k8s/index.ts';
import type { K8sManifest, K8sState } from '../../../src/sim/k8s/index.ts';
import { cluster, deployment, eventsFor, run } from './helpers.ts';

describe('HPA arithmetic', () => {
  it('desired = ceil(current × metric / target)', () => {
    expect(proposeReplicas(3, 200 / 50)).toBe(12);
    expect(proposeReplicas(4, 0.3)).toBe(2);
    expect(proposeReplicas(5, 1.5)).toBe(8);
  });

  it('does nothing within the 0.1 tolerance', () => {
    expect(proposeReplicas(10, 1.09)).toBe(10);
    expect(proposeReplicas(10, 0.91)).toBe(10);
    expect(proposeReplicas(10, 1.0)).toBe(10);
    expect(proposeReplicas(10, 1.11)).toBe(12);
  });

  it('treats not-ready pods as 0 % when scaling up', () => {
    // 2 of 4 ready at ratio 1.5 → over all pods 0.75: flips direction, so no action.
    expect(proposeReplicas(4, 1.5, 2)).toBe(4);
    expect(proposeReplicas(4, 3, 2)).toBe(6);
  });

  it('limits scale-up to max(+100 %, +4 pods) per period', () => {
    expect([scaleUpLimit(1), scaleUpLimit(3), scaleUpLimit(10)]).toEqual([5, 7, 20]);
  });

  it('stabilises scale-down on the highest recommendation in the window', () => {
    const recs = [
      { at: 0, replicas: 8 },
      { at: 200_000, replicas: 5 },
    ];
    expect(stabilise(recs, 250_000, 300, 2)).toBe(8);
    expect(stabilise(recs, 301_000, 300, 2)).toBe(5);
  });
});

describe('replica calculator (missing metrics, not-ready pods)', () => {
  const pod = (usage: number | undefined, ready = true) => ({
    ready,
    request: 100,
    ...(usage !== undefined ? { usage } : {}),
  });
  it('uses ready pods with metrics: ceil(ratio × their count)', () => {
    // 2 pods at 150 % of request vs 50 % target: ratio 3 → 6.
    expect(calculateReplicas(2, [pod(150), pod(150)], { utilization: 50 })).toEqual({
      value: 150,
      replicas: 6,
    });
  });
  it('on scale-down assumes pods without metrics use 100 % of the target', () => {
    // Ready 2 at 10 %, one missing: (10 + 10 + 50) / 300 = 23.3 % → ratio 0.467 → ceil(1.4) = 2.
    expect(calculateReplicas(3, [pod(10), pod(10), pod(undefined)], { utilization: 50 })).toEqual({
      value: 10,
      replicas: 2,
    });
  });
  it('on scale-up counts not-ready pods as 0 %, and does nothing if that flips the direction', () => {
    // 1 ready at 60 % (ratio 1.2) + 1 not ready: (60 + 0) / 200 = 30 % → 0.6 flips → stay at 2.
    expect(calculateReplicas(2, [pod(60), pod(90, false)], { utilization: 50 })?.replicas).toBe(2);
    // 1 ready at 200 % + 1 not ready: 100 % → ratio 2 → ceil(2 × 2) = 4.
    expect(calculateReplicas(2, [pod(200), pod(5, false)], { utilization: 50 })?.replicas).toBe(4);
  });
  it('has no proposal when no pod has a metric', () => {
    expect(calculateReplicas(2, [pod(undefined), pod(undefined)], { utilization: 50 })).toBe(
      undefined,
    );
  });
});

function hpa(min: number, max: number): K8sManifest {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web' },
    spec: {
      scaleTargetRef: { kind: 'Deployment', name: 'web' },
      minReplicas: min,
      maxReplicas: max,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
        },
      ],
    },
  };
}

const replicas = (s: K8sState): number => s.deployments['default/web']?.spec.replicas ?? -1;

describe('HPA controller in the cluster', () => {
  it('scales up every 15 s, clamps to maxReplicas, and waits 300 s before scaling down', () => {
    // The HPA (applied at 0 s) syncs at 1, 16, 31, 46 … s, before metrics-server's scrape of the
    // same step (scrapes at 1, 16, 31 … s): a change is seen at the first sync after a scrape.
    let s = cluster([{ name: 'ng', instanceType: 'm5.xlarge', desiredSize: 4 }]);
    s = run(s, {
      type: 'APPLY',
      objects: [deployment('web', { replicas: 2, cpu: 200 }), hpa(2, 6)],
    });
    s = advanceK8s(s, 30_000);
    expect(replicas(s)).toBe(2);
    s = run(s, {
      type: 'SET_WORKLOAD_CPU',
      namespace: 'default',
      deployment: 'web',
      millicoresPerPod: 400,
    });
    s = advanceK8s(s, 15_000); // 45 s: the 31 s sync read the 16 s scrape (idle)
    expect(replicas(s)).toBe(2);
    // 400m / 200m = 200 % vs 50 % target: ratio 4 → ceil(2 × 4) = 8, limited to max(4, 6) = 6 and max 6.
    s = advanceK8s(s, 1_000); // 46 s sync reads the 31 s scrape
    expect(replicas(s)).toBe(6);
    expect(eventsFor(s, 'web', 'SuccessfulRescale')[0]?.message).toBe(
      'New size: 6; reason: cpu resource utilization (percentage of request) above target',
    );
    s = advanceK8s(s, 30_000); // 76 s
    expect(s.hpas['default/web']?.status.currentMetrics).toEqual([200]);
    s = run(s, {
      type: 'SET_WORKLOAD_CPU',
      namespace: 'default',
      deployment: 'web',
      millicoresPerPod: 10,
    });
    // The 91 s sync still reads the 76 s scrape (high): the last high recommendation is at 91 s,
    // so the 300 s window keeps 6 replicas through the 391 s sync; the 406 s sync scales down.
    s = advanceK8s(s, 400_000 - s.now);
    expect(replicas(s)).toBe(6);
    s = advanceK8s(s, 6_000);
    expect(replicas(s)).toBe(2); // min clamp
    expect(eventsFor(s, 'web', 'SuccessfulRescale').map((e) => e.message)).toContain(
      'New size: 2; reason: All metrics below target',
    );
  });

  it('shows <unknown> targets without metrics and never scales', () => {
    let s = cluster();
    s = { ...s, metricsServer: false };
    s = run(s, { type: 'APPLY', objects: [deployment('web', { replicas: 2 }), hpa(1, 5)] });
    s = run(s, {
      type: 'SET_WORKLOAD_CPU',
      namespace: 'default',
      deployment: 'web',
      millicoresPerPod: 900,
    });
    s = advanceK8s(s, 120_000);
    expect(replicas(s)).toBe(2);
    expect(s.hpas['default/web']?.status.currentMetrics).toEqual([undefined]);
  });
});
