import { describe, expect, it } from 'vitest';
import { advanceK8s, HPA_SYNC_MS, runKubectl } from '../../../src/sim/k8s/index.ts';
import type { K8sManifest, K8sState } from '../../../src/sim/k8s/index.ts';
import { DEFAULT_APP_PROFILE } from '../../../src/sim/traffic/utilization.ts';
import { cluster, deployment, eventsFor, run } from './helpers.ts';

function service(type: 'LoadBalancer' | 'ClusterIP'): K8sManifest {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web' },
    spec: { type, selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
  };
}

const hpa: K8sManifest = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web' },
  spec: {
    scaleTargetRef: { kind: 'Deployment', name: 'web' },
    minReplicas: 2,
    maxReplicas: 10,
    metrics: [
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
      },
    ],
  },
};

const replicas = (s: K8sState): number => s.deployments['default/web']?.spec.replicas ?? -1;

function load(s: K8sState, rps: number): K8sState {
  return run(s, {
    type: 'SET_SERVICE_LOAD',
    service: 'web',
    load: { kind: 'constant', rps },
  });
}

/** The web app: 2 pods requesting 200m, no CPU limit, behind a Service, with an HPA at 50 %. */
function app(type: 'LoadBalancer' | 'ClusterIP' = 'LoadBalancer', withHpa = true): K8sState {
  let s = cluster([{ name: 'ng', instanceType: 'm5.xlarge', desiredSize: 4, maxSize: 4 }]);
  s = run(s, {
    type: 'APPLY',
    objects: [
      deployment('web', { replicas: 2, cpu: 200 }),
      service(type),
      ...(withHpa ? [hpa] : []),
    ],
  });
  return advanceK8s(s, 90_000); // pods Ready, load balancer provisioned
}

describe('Service traffic → pod CPU (the ECS utilisation model)', () => {
  it('spreads the load evenly over ready endpoints; CPU = requests × CPU per request', () => {
    let s = load(app('LoadBalancer', false), 80);
    s = advanceK8s(s, 1_000);
    const svc = s.services['default/web']!;
    expect(svc.endpoints).toHaveLength(2);
    const t = s.serviceTraffic?.['default/web'];
    expect(t?.offeredRps).toBe(80);
    expect(t?.servedRps).toBe(80);
    expect(t?.errorRps).toBe(0);
    for (const key of svc.endpoints) {
      const pt = s.podTraffic?.[key];
      expect(pt?.rps).toBe(40);
      // 40 req/s × 10 ms CPU per request = 400 ms of CPU per second = 400m.
      expect(pt?.cpu).toBe(40 * DEFAULT_APP_PROFILE.cpuMsPerRequest);
    }
    expect(t?.cpuPercentOfRequest).toBe(200);
  });

  it('a LoadBalancer serves nothing before its load balancer is provisioned', () => {
    let s = cluster([{ name: 'ng', instanceType: 'm5.xlarge', desiredSize: 2 }]);
    s = run(s, {
      type: 'APPLY',
      objects: [deployment('web', { replicas: 2, cpu: 200 }), service('LoadBalancer')],
    });
    s = load(s, 50);
    s = advanceK8s(s, 30_000);
    expect(s.services['default/web']?.loadBalancerHostname).toBeUndefined();
    expect(s.serviceTraffic?.['default/web']).toMatchObject({ servedRps: 0, errorRps: 50 });
    s = advanceK8s(s, 40_000);
    expect(s.services['default/web']?.loadBalancerHostname).toBeDefined();
    expect(s.serviceTraffic?.['default/web']).toMatchObject({ servedRps: 50, errorRps: 0 });
  });

  it('a ClusterIP Service serves at once; kubectl top shows the load after the next scrape', () => {
    let s = load(app('ClusterIP', false), 30);
    s = advanceK8s(s, 15_000);
    const lines = runKubectl(s, 'top pods').output.split('\n').slice(1);
    expect(lines).toHaveLength(2);
    // 15 req/s each × 10 ms = 150m, plus the idle 1m of the container.
    for (const l of lines) expect(l.split(/\s+/)[1]).toBe('151m');
  });

  it('pods that are not ready get no traffic', () => {
    let s = advanceK8s(load(app('ClusterIP', false), 30), 1_000);
    const victim = Object.keys(s.pods)[0]!;
    // Its node stops posting status: after the grace period the node controller marks it not ready.
    s = run(s, { type: 'NODE_NOT_READY', name: s.pods[victim]!.nodeName! });
    expect(s.podTraffic?.[victim]?.rps).toBe(15);
    s = advanceK8s(s, 60_000);
    expect(s.services['default/web']?.endpoints).not.toContain(victim);
    expect(s.podTraffic?.[victim]).toBeUndefined();
    expect(s.serviceTraffic?.['default/web']?.endpoints).toBe(1);
  });
});

describe('HPA driven by Service load', () => {
  it('scales out by ceil(current × utilisation / target) at its 15 s sync, from metrics-server', () => {
    let s = load(app(), 80);
    const rescales: { at: number; from: number; to: number; expected: number }[] = [];
    for (let i = 0; i < 240 && rescales.length < 2; i++) {
      const before = s;
      s = advanceK8s(s, 1_000);
      if (replicas(s) === replicas(before)) continue;
      const h = s.hpas['default/web']!;
      // It happened at a sync: the next sync is one period later.
      expect(h.nextSyncAt - s.now).toBe(HPA_SYNC_MS);
      // The formula over the ready pods' last metrics-server samples (what the HPA read).
      const pods = Object.values(before.pods).filter(
        (p) =>
          p.meta.deletionTimestamp === undefined &&
          p.conditions.some((c) => c.type === 'Ready' && c.status === 'True'),
      );
      const usage = pods.reduce(
        (a, p) => a + (before.podMetrics?.[`default/${p.meta.name}`]?.cpu ?? 0),
        0,
      );
      const util = (usage * 100) / (200 * pods.length);
      const current = replicas(before);
      const formula = Math.ceil(pods.length * (util / 50));
      const expected = Math.min(10, Math.max(current * 2, current + 4), formula);
      rescales.push({ at: s.now, from: current, to: replicas(s), expected });
    }
    expect(rescales.length).toBeGreaterThanOrEqual(1);
    for (const r of rescales) expect(r.to).toBe(r.expected);
    expect(rescales[0]!.from).toBe(2);
    expect(rescales[0]!.to).toBeGreaterThan(2);
    expect(eventsFor(s, 'web', 'SuccessfulRescale')[0]?.message).toMatch(
      /^New size: \d+; reason: cpu resource utilization \(percentage of request\) above target$/,
    );
  });

  it('after the load drops, scales in only once the 300 s stabilisation window has passed', () => {
    let s = load(app(), 80);
    s = advanceK8s(s, 180_000);
    const high = replicas(s);
    expect(high).toBeGreaterThan(2);
    s = load(s, 0);
    let scaledInAt: number | undefined;
    let lastHighRecommendation = 0;
    for (let i = 0; i < 600 && scaledInAt === undefined; i++) {
      s = advanceK8s(s, 1_000);
      const h = s.hpas['default/web']!;
      for (const r of h.recommendations)
        if (r.replicas >= high) lastHighRecommendation = Math.max(lastHighRecommendation, r.at);
      if (replicas(s) < high) scaledInAt = s.now;
    }
    expect(scaledInAt).toBeDefined();
    // Not before the window has passed since the last recommendation to keep `high` pods …
    expect(scaledInAt! - lastHighRecommendation).toBeGreaterThan(300_000);
    // … and at the first sync after that.
    expect(scaledInAt! - lastHighRecommendation).toBeLessThanOrEqual(300_000 + HPA_SYNC_MS);
    expect(replicas(s)).toBe(2); // idle pods: below target → minReplicas
  });
});
