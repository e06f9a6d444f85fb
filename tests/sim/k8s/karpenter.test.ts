import { describe, expect, it } from 'vitest';
import { advanceK8s, type K8sState } from '../../../src/sim/k8s/index.ts';
import { NODECLAIM_LAUNCH_MS } from '../../../src/sim/k8s/karpenter.ts';
import { cluster, deployment, eventsFor, pods, run } from './helpers.ts';

/** One m5.large node (≈1.9 cores allocatable) and a NodePool. */
function withPool(policy: 'WhenEmpty' | 'WhenEmptyOrUnderutilized', after = 0): K8sState {
  let s = cluster([{ name: 'ng', instanceType: 'm5.large', desiredSize: 1, maxSize: 1 }]);
  s = run(s, {
    type: 'ADD_NODE_POOL',
    name: 'default',
    consolidationPolicy: policy,
    consolidateAfterSeconds: after,
  });
  return s;
}

const poolNodes = (s: K8sState) =>
  Object.values(s.nodes).filter((n) => n.origin.kind === 'nodepool');

describe('Karpenter-like provisioner', () => {
  it('launches a right-sized node for Unschedulable pods after the launch delay; they then run', () => {
    let s = withPool('WhenEmpty');
    // 5 × 700m: two fit the m5.large node group (1.93 cores), three are Pending "Insufficient cpu".
    s = run(s, { type: 'APPLY', objects: [deployment('web', { replicas: 5, cpu: 700 })] });
    s = advanceK8s(s, 5_000);
    const pending = pods(s, 'web').filter((p) => !p.nodeName);
    expect(pending.length).toBeGreaterThan(0);
    const failed = eventsFor(s, pending[0]!.meta.name, 'FailedScheduling')[0];
    expect(failed?.message).toMatch(/^0\/1 nodes are available: 1 Insufficient cpu\./);
    const nominated = eventsFor(s, pending[0]!.meta.name, 'Nominated')[0];
    expect(nominated?.message).toMatch(/^Pod should schedule on: nodeclaim\/default-[a-z0-9]{5}$/);
    const claims = Object.values(s.nodeClaims ?? {});
    expect(claims).toHaveLength(1);
    // The cheapest allowed type that holds all pending pods (3 × 700m = 2.1 cores): m5.xlarge,
    // not several m5.large.
    expect(claims[0]!.instanceType).toBe('m5.xlarge');
    expect(claims[0]!.pods).toHaveLength(pending.length);
    const launchedAt = s.now;
    // Not before the launch delay …
    s = advanceK8s(s, NODECLAIM_LAUNCH_MS[0] - 5_000);
    expect(poolNodes(s)).toHaveLength(0);
    // … and by its end the node is there and the pods are bound to it.
    s = advanceK8s(s, launchedAt + NODECLAIM_LAUNCH_MS[1] + 5_000 - s.now);
    const nodes = poolNodes(s);
    expect(nodes).toHaveLength(1);
    expect(nodes[0]!.meta.labels['karpenter.sh/nodepool']).toBe('default');
    expect(nodes[0]!.instanceType).toBe('m5.xlarge');
    expect(pods(s, 'web').every((p) => p.nodeName !== undefined)).toBe(true);
    // The node group (Cluster Autoscaler) was not grown: one node autoscaler at a time.
    expect(s.nodeGroups['ng']?.desiredSize).toBe(1);
  });

  it('WhenEmpty: removes an empty node once consolidateAfter has passed, not before', () => {
    let s = withPool('WhenEmpty', 60);
    s = run(s, { type: 'APPLY', objects: [deployment('web', { replicas: 4, cpu: 700 })] });
    s = advanceK8s(s, 90_000);
    expect(poolNodes(s)).toHaveLength(1);
    const node = poolNodes(s)[0]!.meta.name;
    s = run(s, { type: 'SCALE', name: 'web', replicas: 1 });
    let emptyAt: number | undefined;
    let goneAt: number | undefined;
    for (let i = 0; i < 200 && goneAt === undefined; i++) {
      s = advanceK8s(s, 1_000);
      const holding = Object.values(s.pods).some((p) => p.nodeName === node);
      if (!holding && emptyAt === undefined) emptyAt = s.now;
      if (!s.nodes[node]) goneAt = s.now;
    }
    expect(emptyAt).toBeDefined();
    expect(goneAt).toBeDefined();
    // consolidateAfter 60 s, checked by the 10 s disruption pass.
    expect(goneAt! - emptyAt!).toBeGreaterThanOrEqual(60_000);
    expect(goneAt! - emptyAt!).toBeLessThanOrEqual(60_000 + 10_000 + 1_000);
    expect(
      s.events.some(
        (e) => e.reason === 'DisruptionTerminating' && e.message === 'Disrupting Node: Empty',
      ),
    ).toBe(true);
  });

  it('WhenEmptyOrUnderutilized: drains a node whose pods fit elsewhere, then removes it', () => {
    let s = cluster([{ name: 'ng', instanceType: 'm5.xlarge', desiredSize: 1, maxSize: 1 }]);
    s = run(s, { type: 'ADD_NODE_POOL', name: 'default' });
    // 5 × 700m of web fill the m5.xlarge (3.92 cores allocatable); "extra" needs a pool node.
    s = run(s, { type: 'APPLY', objects: [deployment('web', { replicas: 5, cpu: 700 })] });
    s = advanceK8s(s, 10_000);
    s = run(s, { type: 'APPLY', objects: [deployment('extra', { replicas: 1, cpu: 700 })] });
    s = advanceK8s(s, 90_000);
    expect(poolNodes(s)).toHaveLength(1);
    const node = poolNodes(s)[0]!.meta.name;
    expect(pods(s, 'extra')[0]?.nodeName).toBe(node);
    // Fewer web replicas: the pool node's pod now fits on the node group's node.
    s = run(s, { type: 'SCALE', name: 'web', replicas: 3 });
    s = advanceK8s(s, 120_000);
    expect(s.nodes[node]).toBeUndefined();
    expect(
      s.events.some(
        (e) =>
          e.reason === 'DisruptionTerminating' && e.message === 'Disrupting Node: Underutilized',
      ),
    ).toBe(true);
    // The drained pod was replaced on the remaining node.
    const extra = pods(s, 'extra').filter((p) => !p.meta.deletionTimestamp);
    expect(extra).toHaveLength(1);
    expect(extra[0]!.phase).toBe('Running');
    expect(s.nodes[extra[0]!.nodeName!]?.origin.kind).toBe('nodegroup');
  });

  it('refuses a second NodePool of the same name and unknown instance types', () => {
    const s = withPool('WhenEmpty');
    expect(() => run(s, { type: 'ADD_NODE_POOL', name: 'default' })).toThrow(/already exists/);
    expect(() => run(s, { type: 'ADD_NODE_POOL', name: 'x', instanceTypes: ['m9.huge'] })).toThrow(
      /unknown instance type m9.huge/,
    );
  });
});
