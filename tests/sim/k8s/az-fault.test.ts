import { describe, expect, it } from 'vitest';
import { advance, applyCommand, createSimulation, type SimState } from '../../../src/sim/index.ts';
import { isApiAvailable } from '../../../src/sim/k8s/index.ts';

function must(s: SimState, c: Parameters<typeof applyCommand>[1]): SimState {
  const r = applyCommand(s, c);
  if (r.error) throw new Error(r.error);
  return r.state;
}

describe('an AZ outage of the shared region reaches the EKS cluster', () => {
  it('nodes in the zone go NotReady; the control plane survives one AZ; restore brings them back', () => {
    let s = must(createSimulation({ seed: 3 }), { type: 'CREATE_EKS_CLUSTER' });
    s = advance(s, 5_000);
    const inZone = Object.values(s.eks!.nodes).filter((n) => n.zone === 'us-east-1a');
    expect(inZone.length).toBeGreaterThan(0);
    s = must(s, { type: 'AZ_OUTAGE', availabilityZone: 'us-east-1a' });
    for (const n of inZone) expect(s.eks!.nodes[n.meta.name]!.kubeletUp).toBe(false);
    expect(s.eks!.controlPlane.etcd.filter((e) => e.healthy)).toHaveLength(2);
    // One API server and an etcd quorum (2 of 3) remain: the API keeps serving.
    expect(isApiAvailable(s.eks!)).toBe(true);
    s = advance(s, 60_000);
    for (const n of inZone) {
      const ready = s.eks!.nodes[n.meta.name]!.conditions.find((c) => c.type === 'Ready');
      expect(ready?.status).toBe('Unknown');
    }
    const others = Object.values(s.eks!.nodes).filter((n) => n.zone !== 'us-east-1a');
    for (const n of others)
      expect(n.conditions.find((c) => c.type === 'Ready')?.status).toBe('True');
    s = must(s, { type: 'AZ_RESTORE', availabilityZone: 'us-east-1a' });
    s = advance(s, 15_000);
    for (const n of inZone)
      expect(s.eks!.nodes[n.meta.name]!.conditions.find((c) => c.type === 'Ready')?.status).toBe(
        'True',
      );
    expect(s.eks!.controlPlane.etcd.every((e) => e.healthy)).toBe(true);
  });
});
