import { describe, expect, it } from 'vitest';
import { runKubectl } from '../../../src/sim/k8s/index.ts';
import { EKS_DISTRO_RELEASE, SERVER_VERSION } from '../../../src/sim/k8s/distro.ts';
import { cluster, run } from './helpers.ts';

describe('EKS Distro: the same Kubernetes build everywhere', () => {
  it('kubectl version prints client, kustomize and the EKS-D server build', () => {
    const r = runKubectl(cluster(), 'version');
    expect(r.exitCode).toBe(0);
    const lines = r.output.split('\n');
    expect(lines[0]).toMatch(/^Client Version: v1\.31\.\d+$/);
    expect(lines[1]).toMatch(/^Kustomize Version: v\d+\.\d+\.\d+$/);
    expect(lines[2]).toBe(`Server Version: ${SERVER_VERSION}`);
    expect(SERVER_VERSION).toMatch(/^v1\.31\.\d+-eks-[0-9a-f]{7}$/);
    expect(EKS_DISTRO_RELEASE).toMatch(/^v1-31-eks-\d+$/);
  });

  it('nodes run the same EKS-D kubelet build as the API server', () => {
    const r = runKubectl(cluster(), 'get nodes');
    const versions = r.output
      .split('\n')
      .slice(1)
      .filter((l) => l.trim())
      .map((l) => l.trim().split(/\s+/).at(-1));
    expect(versions.length).toBeGreaterThan(0);
    for (const v of versions) expect(v).toBe(SERVER_VERSION);
  });

  it('cluster-info prints an EKS-shaped endpoint, stable for the cluster name', () => {
    const a = runKubectl(cluster(), 'cluster-info');
    expect(a.exitCode).toBe(0);
    const m =
      /^Kubernetes control plane is running at (https:\/\/[0-9A-F]{32}\.gr7\.([a-z0-9-]+)\.eks\.amazonaws\.com)$/.exec(
        a.output.split('\n')[0] ?? '',
      );
    expect(m).not.toBeNull();
    expect(a.output).toContain(
      `CoreDNS is running at ${m?.[1]}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy`,
    );
    expect(runKubectl(cluster(), 'cluster-info').output).toBe(a.output);
  });

  it('with the control plane unreachable, version still prints the client and fails like kubectl', () => {
    let s = cluster();
    // Two AZs down take both API servers and two of three etcd members (no quorum).
    for (const zone of s.zones.slice(0, 2)) s = run(s, { type: 'AZ_OUTAGE', zone });
    const r = runKubectl(s, 'version');
    expect(r.exitCode).toBe(1);
    expect(r.output).toMatch(/^Client Version: /);
    expect(r.output).not.toContain('Server Version');
    expect(r.output).toMatch(
      /Unable to connect to the server: dial tcp [0-9A-F]{32}\.gr7\.[a-z0-9-]+\.eks\.amazonaws\.com:443: i\/o timeout$/,
    );
    expect(runKubectl(s, 'cluster-info').exitCode).toBe(1);
  });

  it('one AZ down: the control plane still answers (it survives the loss of one AZ)', () => {
    let s = cluster();
    s = run(s, { type: 'AZ_OUTAGE', zone: s.zones[0] as string });
    expect(runKubectl(s, 'version').exitCode).toBe(0);
  });
});
