import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kubectl } from '../../src/formats/k8s-kubectl.ts';
import { advanceK8s, createK8sState } from '../../src/sim/k8s/index.ts';

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/manifests/${name}`, import.meta.url), 'utf8');
const fresh = () =>
  createK8sState({
    seed: 5,
    nodeGroups: [{ name: 'ng-1', instanceType: 'm5.large', desiredSize: 3 }],
  });

describe('kubectl apply -f with real manifests', () => {
  it('creates, then reports unchanged, then configured', () => {
    const files = { 'nginx.yaml': fixture('nginx.yaml') };
    const first = kubectl(fresh(), 'kubectl apply -f nginx.yaml', files);
    expect(first).toMatchObject({
      exitCode: 0,
      output:
        'deployment.apps/nginx-deployment created\nservice/nginx-service created\nhorizontalpodautoscaler.autoscaling/nginx-deployment created',
    });
    const s = advanceK8s(first.state, 30_000);
    expect(Object.values(s.pods).filter((p) => p.phase === 'Running')).toHaveLength(3);
    expect(kubectl(s, 'apply -f nginx.yaml', files).output).toBe(
      'deployment.apps/nginx-deployment unchanged\nservice/nginx-service unchanged\nhorizontalpodautoscaler.autoscaling/nginx-deployment unchanged',
    );
    const bumped = { 'nginx.yaml': fixture('nginx.yaml').replace('nginx:1.25', 'nginx:1.27') };
    expect(kubectl(s, 'apply -f nginx.yaml', bumped).output.split('\n')[0]).toBe(
      'deployment.apps/nginx-deployment configured',
    );
  });

  it('refuses invalid documents with file positions and exit code 1', () => {
    const r = kubectl(fresh(), 'apply -f bad.yaml', {
      'bad.yaml': fixture('invalid-selector.yaml'),
    });
    expect(r.exitCode).toBe(1);
    expect(r.output).toBe(
      'error: error validating "bad.yaml" (line 12, column 7): spec.template.metadata.labels: Invalid value: map[string]string{"app":"frontend"}: `selector` does not match template `labels`',
    );
    expect(Object.keys(r.state.deployments)).toEqual([]);
  });

  it('applies into -n NAMESPACE only when it exists', () => {
    const files = {
      'nginx.yaml': fixture('nginx.yaml'),
      'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n',
    };
    expect(kubectl(fresh(), 'apply -f nginx.yaml -n shop', files).output.split('\n')[0]).toBe(
      'Error from server (NotFound): namespaces "shop" not found',
    );
    const withNs = kubectl(fresh(), 'apply -f ns.yaml', files);
    expect(withNs.output).toBe('namespace/shop created');
    const r = kubectl(withNs.state, 'apply -f nginx.yaml -n shop', files);
    expect(r.exitCode).toBe(0);
    expect(Object.keys(r.state.deployments)).toEqual(['shop/nginx-deployment']);
  });

  it('reports a missing file and deletes what a file created', () => {
    expect(kubectl(fresh(), 'apply -f nope.yaml')).toMatchObject({
      exitCode: 1,
      output: 'error: the path "nope.yaml" does not exist',
    });
    const files = { 'nginx.yaml': fixture('nginx.yaml') };
    const s = kubectl(fresh(), 'apply -f nginx.yaml', files).state;
    const r = kubectl(s, 'delete -f nginx.yaml', files);
    expect(r.output).toBe(
      'deployment.apps "nginx-deployment" deleted\nservice "nginx-service" deleted\nhorizontalpodautoscaler.autoscaling "nginx-deployment" deleted',
    );
  });

  it('warns about kinds it does not simulate but applies the rest', () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n';
    const r = kubectl(fresh(), 'apply -f mixed.yaml', { 'mixed.yaml': text });
    expect(r).toMatchObject({
      exitCode: 0,
      output:
        'namespace/team created\nWarning: mixed.yaml:2:1: kind ConfigMap is not simulated; the object is ignored',
    });
  });
});

describe('kubectl get with several resource types (issue: a learner types `kubectl get all`)', () => {
  const applied = () => {
    const files = { 'nginx.yaml': fixture('nginx.yaml') };
    return advanceK8s(kubectl(fresh(), 'kubectl apply -f nginx.yaml', files).state, 30_000);
  };
  /** The tables of a multi-type `get`: blank-line separated, each its header + rows. */
  const tables = (output: string) =>
    output.split('\n\n').map((t) => {
      const [header, ...rows] = t.split('\n');
      return { header: header!.split(/\s{2,}/), names: rows.map((r) => r.split(/\s+/)[0]) };
    });

  it('deploy,svc,hpa prints one table per type, names prefixed by kind as kubectl does', () => {
    const s = applied();
    const r = kubectl(s, 'kubectl get deploy,svc,hpa');
    expect(r.exitCode).toBe(0);
    const t = tables(r.output);
    expect(t.map((x) => x.header[0])).toEqual(['NAME', 'NAME', 'NAME']);
    expect(t[0]!.header).toEqual(
      kubectl(s, 'get deploy')
        .output.split('\n')[0]!
        .split(/\s{2,}/),
    );
    expect(t[0]!.names).toEqual(['deployment.apps/nginx-deployment']);
    expect(t[1]!.names).toContain('service/nginx-service');
    expect(t[2]!.names).toEqual(['horizontalpodautoscaler.autoscaling/nginx-deployment']);
    // Same rows as the single-type tables, only the NAME prefixed.
    const single = kubectl(s, 'get svc').output.split('\n').slice(1);
    expect(
      r.output
        .split('\n\n')[1]!
        .split('\n')
        .slice(1)
        .map((l) => l.replace(/\s+/g, ' ')),
    ).toEqual(single.map((l) => l.replace(/^(\S+)/, 'service/$1').replace(/\s+/g, ' ')));
  });

  it('all lists pods, services, deployments, replicasets and HPAs in kubectl’s order', () => {
    const s = applied();
    const r = kubectl(s, 'kubectl get all');
    expect(r.exitCode).toBe(0);
    const prefixes = tables(r.output).map((x) => x.names[0]!.split('/')[0]);
    expect(prefixes).toEqual([
      'pod',
      'service',
      'deployment.apps',
      'replicaset.apps',
      'horizontalpodautoscaler.autoscaling',
    ]);
    expect(tables(r.output)[0]!.names).toHaveLength(3);
    // A namespace with nothing in it says so once.
    expect(kubectl(s, 'get all -n serverless').output).toBe(
      'No resources found in serverless namespace.',
    );
  });

  it('an unknown type in the list is refused by name; -o yaml lists every item', () => {
    const s = applied();
    expect(kubectl(s, 'get deploy,widgets')).toMatchObject({
      exitCode: 1,
      output: 'error: the server doesn\'t have a resource type "widgets"',
    });
    const y = kubectl(s, 'get deploy,svc -o json');
    expect(y.exitCode).toBe(0);
    const kinds = (JSON.parse(y.output) as { items: { kind: string }[] }).items.map((i) => i.kind);
    expect(kinds[0]).toBe('Deployment');
    expect(kinds).toContain('Service');
  });
});
