import { describe, expect, it } from 'vitest';
import {
  advanceK8s,
  fargatePodSize,
  formatCapacityProvisioned,
} from '../../../src/sim/k8s/index.ts';
import type { PodSpec } from '../../../src/sim/k8s/index.ts';
import { cluster, deployment, eventsFor, run } from './helpers.ts';

const GI = 2 ** 30;
const MI = 2 ** 20;
const spec = (
  cpu?: number,
  memory?: number,
  init?: { cpu?: number; memory?: number },
): PodSpec => ({
  containers: [
    {
      name: 'a',
      image: 'x',
      resources: { requests: { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) } },
    },
  ],
  ...(init ? { initContainers: [{ name: 'i', image: 'x', resources: { requests: init } }] } : {}),
});
const size = (s: PodSpec): string => {
  const r = fargatePodSize(s);
  return r ? formatCapacityProvisioned(r) : 'none';
};

describe('EKS Fargate pod sizing (requests + 256 MB, rounded up to a Fargate row)', () => {
  it('matches the AWS example: 1 vCPU + 8 GB → 2 vCPU / 9 GB', () => {
    expect(size(spec(1000, 8 * GI))).toBe('2vCPU 9GB');
  });
  it('gives 0.25 vCPU / 0.5 GB to a pod without requests', () => {
    expect(size({ containers: [{ name: 'a', image: 'x' }] })).toBe('0.25vCPU 0.5GB');
  });
  it.each([
    [250, 512 * MI, '0.25vCPU 1GB'],
    [250, 200 * MI, '0.25vCPU 0.5GB'],
    [500, 1 * GI, '0.5vCPU 2GB'],
    [300, 0, '0.5vCPU 1GB'],
    [2000, 15 * GI, '2vCPU 16GB'],
    [4000, 30 * GI, '8vCPU 32GB'],
  ])('cpu %im, memory %i bytes → %s', (cpu, mem, want) => {
    expect(size(spec(cpu, mem))).toBe(want);
  });
  it('uses the larger of the biggest init container and the sum of app containers', () => {
    expect(size(spec(250, 256 * MI, { cpu: 1000, memory: 3 * GI }))).toBe('1vCPU 4GB');
  });
  it('reports pods larger than 16 vCPU / 120 GB as not fitting', () => {
    expect(fargatePodSize(spec(16_000, 120 * GI))).toBeUndefined();
  });

  it('gives each Fargate pod its own node and the CapacityProvisioned annotation', () => {
    let s = cluster([]);
    s = run(s, {
      type: 'ADD_FARGATE_PROFILE',
      name: 'fp-default',
      selectors: [{ namespace: 'default' }],
    });
    s = run(s, {
      type: 'APPLY',
      objects: [deployment('web', { replicas: 2, cpu: 250, memory: 512 * MI })],
    });
    s = advanceK8s(s, 10_000);
    expect(
      Object.values(s.pods).every(
        (p) => p.spec.schedulerName === 'fargate-scheduler' && !p.nodeName,
      ),
    ).toBe(true);
    s = advanceK8s(s, 60_000);
    const pods = Object.values(s.pods);
    expect(pods.every((p) => p.phase === 'Running')).toBe(true);
    const nodes = pods.map((p) => s.nodes[p.nodeName ?? '']);
    expect(new Set(nodes.map((n) => n?.meta.name)).size).toBe(2);
    expect(
      nodes.every(
        (n) => n?.meta.name.startsWith('fargate-ip-') && n.capacityProvisioned === '0.25vCPU 1GB',
      ),
    ).toBe(true);
    expect(pods[0]?.meta.annotations.CapacityProvisioned).toBe('0.25vCPU 1GB');
    expect(eventsFor(s, pods[0]?.meta.name ?? '', 'Scheduled')[0]?.source).toBe(
      'fargate-scheduler',
    );
    s = run(s, { type: 'SCALE', name: 'web', replicas: 1 });
    s = advanceK8s(s, 10_000);
    expect(Object.values(s.nodes)).toHaveLength(1);
  });
});

describe('managed node groups and the Cluster Autoscaler', () => {
  it('scales the node group up for unschedulable pods and places them when the node joins', () => {
    let s = cluster([{ name: 'ng-1', instanceType: 'm5.large', desiredSize: 1, maxSize: 3 }]);
    s = run(s, { type: 'APPLY', objects: [deployment('web', { replicas: 3, cpu: 1000 })] });
    s = advanceK8s(s, 12_000);
    expect(s.nodeGroups['ng-1']?.desiredSize).toBe(3);
    const pending = Object.values(s.pods).find((p) => !p.nodeName);
    expect(eventsFor(s, pending?.meta.name ?? '', 'TriggeredScaleUp')[0]?.message).toBe(
      'pod triggered scale-up: [{ng-1 1->3 (max: 3)}]',
    );
    expect(Object.keys(s.nodes)).toHaveLength(1);
    s = advanceK8s(s, 120_000);
    expect(Object.keys(s.nodes)).toHaveLength(3);
    expect(Object.values(s.pods).every((p) => p.phase === 'Running')).toBe(true);
    expect(new Set(Object.values(s.nodes).map((n) => n.zone)).size).toBe(3);
  });

  it('SCALE_NODE_GROUP below the current size removes nodes and their pods get rescheduled', () => {
    let s = cluster([{ name: 'ng-1', instanceType: 'm5.large', desiredSize: 3, maxSize: 3 }]);
    s = run(s, { type: 'APPLY', objects: [deployment('web', { replicas: 3 })] });
    s = advanceK8s(s, 20_000);
    s = run(s, { type: 'SCALE_NODE_GROUP', name: 'ng-1', desiredSize: 1 });
    s = advanceK8s(s, 20_000);
    expect(Object.keys(s.nodes)).toHaveLength(1);
    expect(Object.values(s.pods).filter((p) => p.phase === 'Running')).toHaveLength(3);
  });
});
