import { describe, expect, it } from 'vitest';
import { advanceK8s, failedSchedulingMessage } from '../../../src/sim/k8s/index.ts';
import { cluster, deployment, eventsFor, pod, run } from './helpers.ts';

describe('kube-scheduler filters', () => {
  it('words FailedScheduling like kubectl describe when no node has the CPU', () => {
    let s = cluster();
    s = run(s, { type: 'APPLY', objects: [pod('big', 4000)] });
    s = advanceK8s(s, 2000);
    const p = s.pods['default/big'];
    expect(p?.nodeName).toBeUndefined();
    expect(p?.phase).toBe('Pending');
    const ev = eventsFor(s, 'big', 'FailedScheduling')[0];
    expect(ev?.type).toBe('Warning');
    expect(ev?.source).toBe('default-scheduler');
    expect(ev?.message).toBe(
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    );
    expect(p?.conditions.find((c) => c.type === 'PodScheduled')).toMatchObject({
      status: 'False',
      reason: 'Unschedulable',
    });
  });

  it('counts taint, selector and resource reasons per node and sorts them', () => {
    expect(
      failedSchedulingMessage([
        { reasons: ['node(s) had untolerated taint {dedicated: gpu}'], resolvable: false },
        { reasons: ['Insufficient cpu', 'Insufficient memory'], resolvable: true },
        { reasons: ['Insufficient cpu'], resolvable: true },
      ]),
    ).toBe(
      '0/3 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('honours nodeSelector and taints/tolerations', () => {
    let s = cluster([
      { name: 'general', instanceType: 'm5.large', desiredSize: 1 },
      {
        name: 'gpu',
        instanceType: 'm5.large',
        desiredSize: 1,
        labels: { role: 'gpu' },
        taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }],
      },
    ]);
    s = run(s, { type: 'APPLY', objects: [pod('picky', 100, { nodeSelector: { role: 'gpu' } })] });
    s = advanceK8s(s, 2000);
    expect(eventsFor(s, 'picky', 'FailedScheduling')[0]?.message).toBe(
      "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.",
    );
    s = run(s, {
      type: 'APPLY',
      objects: [
        pod('tolerant', 100, {
          nodeSelector: { role: 'gpu' },
          tolerations: [
            { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' },
          ],
        }),
      ],
    });
    s = advanceK8s(s, 2000);
    const node = s.nodes[s.pods['default/tolerant']?.nodeName ?? ''];
    expect(node?.meta.labels['eks.amazonaws.com/nodegroup']).toBe('gpu');
    expect(eventsFor(s, 'tolerant', 'Scheduled')[0]?.message).toBe(
      `Successfully assigned default/tolerant to ${node?.meta.name}`,
    );
  });

  it('enforces the VPC CNI max pods per node (t3.micro: 2 × (2 − 1) + 2 = 4)', () => {
    let s = cluster([{ name: 'tiny', instanceType: 't3.micro', desiredSize: 1, maxSize: 1 }]);
    s = run(s, {
      type: 'APPLY',
      objects: [deployment('web', { replicas: 5, cpu: 10, memory: 10 * 2 ** 20 })],
    });
    s = advanceK8s(s, 5000);
    const all = Object.values(s.pods);
    expect(all.filter((p) => p.nodeName).length).toBe(4);
    const pending = all.find((p) => !p.nodeName);
    expect(eventsFor(s, pending?.meta.name ?? '', 'FailedScheduling')[0]?.message).toContain(
      '1 Too many pods',
    );
  });

  it('does not schedule onto a NotReady node', () => {
    let s = cluster([{ name: 'ng', instanceType: 'm5.large', desiredSize: 1, maxSize: 1 }]);
    const node = Object.keys(s.nodes)[0] as string;
    s = run(s, { type: 'NODE_NOT_READY', name: node });
    s = advanceK8s(s, 45_000);
    s = run(s, { type: 'APPLY', objects: [pod('late', 100)] });
    s = advanceK8s(s, 2000);
    expect(s.pods['default/late']?.nodeName).toBeUndefined();
    expect(eventsFor(s, 'late', 'FailedScheduling')[0]?.message).toContain(
      '1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }',
    );
  });
});

describe('kube-scheduler scoring', () => {
  const loadedNode = (strategy: 'LeastAllocated' | 'MostAllocated') => {
    let s = cluster([{ name: 'ng', instanceType: 'm5.large', desiredSize: 2, maxSize: 2 }]);
    s = run(s, { type: 'SET_SCORING_STRATEGY', strategy });
    s = run(s, { type: 'APPLY', objects: [pod('first', 1000)] });
    s = advanceK8s(s, 2000);
    const first = s.pods['default/first']?.nodeName;
    s = run(s, { type: 'APPLY', objects: [pod('second', 200)] });
    s = advanceK8s(s, 2000);
    return {
      first,
      second: s.pods['default/second']?.nodeName,
      reason: s.pods['default/second']?.schedulingReason,
    };
  };

  it('LeastAllocated (default) spreads onto the emptier node', () => {
    const r = loadedNode('LeastAllocated');
    expect(r.second).toBeDefined();
    expect(r.second).not.toBe(r.first);
    expect(r.reason).toMatch(/^LeastAllocated score \d+ \(best of 2 feasible of 2 nodes\)$/);
  });

  it('MostAllocated bin-packs onto the fuller node', () => {
    const r = loadedNode('MostAllocated');
    expect(r.second).toBe(r.first);
  });
});
