import { describe, expect, it } from 'vitest';
import { advance, applyCommand, createSimulation } from '../../../src/sim/index.ts';
import type { SimState } from '../../../src/sim/index.ts';
import { advanceK8s, runKubectl } from '../../../src/sim/k8s/index.ts';
import { SERVER_VERSION } from '../../../src/sim/k8s/distro.ts';
import { ANYWHERE_CONTROL_PLANE_COUNT } from '../../../src/sim/k8s/anywhere.ts';
import { deployment, run } from './helpers.ts';
import { apply, applyError } from '../helpers.ts';

function anywhereCluster(): SimState {
  return apply(createSimulation({ seed: 5 }), {
    type: 'CREATE_EKS_CLUSTER',
    clusterName: 'bank-k8s',
    anywhere: { site: 'bank-dc1' },
  });
}

describe('EKS Anywhere: the whole cluster on your own machines at a site', () => {
  it('puts the control plane and three worker machines at the site, with no Fargate profile', () => {
    const eks = anywhereCluster().eks;
    expect(eks?.anywhere).toEqual({ site: 'bank-dc1' });
    expect(eks?.zones).toEqual(['bank-dc1']);
    const members = [...(eks?.controlPlane.apiServers ?? []), ...(eks?.controlPlane.etcd ?? [])];
    expect(members).toHaveLength(2 * ANYWHERE_CONTROL_PLANE_COUNT);
    for (const m of members) expect(m.zone).toBe('bank-dc1');
    const nodes = Object.values(eks?.nodes ?? {});
    expect(nodes).toHaveLength(3);
    for (const n of nodes) {
      expect(n.zone).toBe('bank-dc1');
      expect(n.meta.name).toMatch(/^md-0-\d+-\d+$/);
      expect(n.meta.name).not.toContain('compute.internal');
    }
    expect(Object.keys(eks?.fargateProfiles ?? {})).toEqual([]);
    expect(eks?.nodeGroups['md-0']?.autoscaled).toBe(false);
  });

  it('runs the same EKS Distro build and kubectl as EKS in the Region; the endpoint is on the site network', () => {
    const eks = anywhereCluster().eks;
    if (!eks) throw new Error('no cluster');
    const inRegion = apply(createSimulation({ seed: 5 }), { type: 'CREATE_EKS_CLUSTER' }).eks;
    if (!inRegion) throw new Error('no cluster');
    expect(runKubectl(eks, 'version').output).toBe(runKubectl(inRegion, 'version').output);
    expect(runKubectl(eks, 'version').output).toContain(`Server Version: ${SERVER_VERSION}`);
    expect(runKubectl(eks, 'cluster-info').output.split('\n')[0]).toBe(
      'Kubernetes control plane is running at https://10.20.0.10:6443',
    );
  });

  it('schedules pods from a real Deployment onto the site machines', () => {
    const eks = anywhereCluster().eks;
    if (!eks) throw new Error('no cluster');
    const s = advanceK8s(
      run(eks, { type: 'APPLY', objects: [deployment('ledger', { replicas: 3 })] }),
      90_000,
    );
    const pods = Object.values(s.pods);
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.phase).toBe('Running');
      expect(s.nodes[p.nodeName ?? '']?.zone).toBe('bank-dc1');
    }
  });

  it('refuses Fargate and Karpenter, which need AWS capacity', () => {
    const s = anywhereCluster();
    expect(
      applyError(s, {
        type: 'EKS_COMMAND',
        command: { type: 'ADD_FARGATE_PROFILE', name: 'fp', selectors: [{ namespace: 'x' }] },
      }),
    ).toMatch(/AWS Fargate is not available on premises/);
    expect(
      applyError(s, { type: 'EKS_COMMAND', command: { type: 'ADD_NODE_POOL', name: 'default' } }),
    ).toMatch(/no EC2 instances to launch on premises/);
    expect(
      applyCommand(createSimulation({ seed: 5 }), {
        type: 'CREATE_EKS_CLUSTER',
        anywhere: { site: 'dc1' },
        fargateProfiles: [{ name: 'fp', selectors: [{ namespace: 'x' }] }],
      }).error,
    ).toMatch(/AWS Fargate is not available on premises/);
  });

  it('an Availability Zone outage in the Region does not touch the on-premises cluster', () => {
    let s = anywhereCluster();
    const before = s.eks;
    s = apply(s, { type: 'AZ_OUTAGE', availabilityZone: 'us-east-1a' });
    s = advance(s, 120_000);
    expect(Object.values(s.eks?.nodes ?? {}).every((n) => n.kubeletUp)).toBe(true);
    expect(s.eks?.controlPlane).toEqual(before?.controlPlane);
  });
});
