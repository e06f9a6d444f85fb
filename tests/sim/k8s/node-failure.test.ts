import { describe, expect, it } from 'vitest';
import { advanceK8s, applyK8sCommand, isApiAvailable } from '../../../src/sim/k8s/index.ts';
import { cluster, deployment, eventsFor, run } from './helpers.ts';

describe('node failure and eviction', () => {
  it('marks the node NotReady after 40 s and evicts its pods 300 s after the taint', () => {
    let s = cluster();
    s = run(s, { type: 'APPLY', objects: [deployment('web', { replicas: 6 })] });
    s = advanceK8s(s, 20_000);
    const node = Object.values(s.pods)[0]?.nodeName as string;
    const victims = Object.values(s.pods)
      .filter((p) => p.nodeName === node)
      .map((p) => p.meta.name);
    expect(victims.length).toBeGreaterThan(0);
    s = run(s, { type: 'NODE_NOT_READY', name: node });
    s = advanceK8s(s, 40_000);
    expect(s.nodes[node]?.conditions[0]?.status).toBe('True');
    s = advanceK8s(s, 1000);
    const n = s.nodes[node];
    expect(n?.conditions[0]).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
    });
    expect(n?.taints.map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/unreachable:NoSchedule',
      'node.kubernetes.io/unreachable:NoExecute',
    ]);
    const taintedAt = s.now;
    s = advanceK8s(s, 299_000);
    expect(victims.every((v) => s.pods[`default/${v}`]?.meta.deletionTimestamp === undefined)).toBe(
      true,
    );
    s = advanceK8s(s, 2000);
    for (const v of victims) {
      expect(s.pods[`default/${v}`]?.meta.deletionTimestamp).toBe(taintedAt + 300_000);
      expect(eventsFor(s, v, 'TaintManagerEviction')[0]?.message).toBe(
        `Marking for deletion Pod default/${v}`,
      );
    }
    s = advanceK8s(s, 20_000);
    const live = Object.values(s.pods).filter((p) => p.meta.deletionTimestamp === undefined);
    expect(live).toHaveLength(6);
    expect(live.every((p) => p.nodeName !== node && p.phase === 'Running')).toBe(true);
  });

  it('survives the loss of one AZ (control plane keeps quorum) but not two', () => {
    let s = cluster();
    s = run(s, { type: 'AZ_OUTAGE', zone: 'us-east-1a' });
    expect(isApiAvailable(s)).toBe(true);
    expect(
      applyK8sCommand(s, { type: 'APPLY', objects: [deployment('web')] }).error,
    ).toBeUndefined();
    s = run(s, { type: 'AZ_OUTAGE', zone: 'us-east-1b' });
    expect(isApiAvailable(s)).toBe(false);
    expect(applyK8sCommand(s, { type: 'APPLY', objects: [deployment('web')] }).error).toContain(
      'connection to the server',
    );
  });
});
