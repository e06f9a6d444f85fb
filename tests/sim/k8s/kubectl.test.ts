import { describe, expect, it } from 'vitest';
import { advanceK8s, humanDuration, runKubectl } from '../../../src/sim/k8s/index.ts';
import type { K8sState } from '../../../src/sim/k8s/index.ts';
import { cluster, deployment, pod, run } from './helpers.ts';

/** Splits kubectl table output into cells using the header's column starts (tabwriter layout). */
function cells(output: string): string[][] {
  const lines = output.split('\n');
  const header = lines[0] ?? '';
  const starts = [...header.matchAll(/(?:^|(?<=\s{3}))\S/g)].map((m) => m.index ?? 0);
  return lines.map((l) => starts.map((s, i) => l.slice(s, starts[i + 1] ?? l.length).trim()));
}

function setup(): K8sState {
  let s = cluster();
  s = run(s, { type: 'APPLY', objects: [deployment('web', { replicas: 2 })] });
  return advanceK8s(s, 75_000);
}

describe('humanDuration (AGE column)', () => {
  it.each([
    [0, '0s'],
    [59_000, '59s'],
    [119_000, '119s'],
    [120_000, '2m'],
    [125_000, '2m5s'],
    [600_000, '10m'],
    [179 * 60_000, '179m'],
    [3 * 3_600_000, '3h'],
    [3 * 3_600_000 + 20 * 60_000, '3h20m'],
    [9 * 3_600_000, '9h'],
    [50 * 3_600_000, '2d2h'],
    [30 * 86_400_000, '30d'],
    [800 * 86_400_000, '2y70d'],
  ])('%i ms → %s', (ms, text) => expect(humanDuration(ms)).toBe(text));
});

describe('kubectl get', () => {
  it('prints pods with NAME READY STATUS RESTARTS AGE', () => {
    const s = setup();
    const r = runKubectl(s, 'kubectl get pods');
    expect(r.exitCode).toBe(0);
    const t = cells(r.output);
    expect(t[0]).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(t).toHaveLength(3);
    for (const row of t.slice(1)) {
      expect(row[0]).toMatch(
        /^web-[bcdfghjklmnpqrstvwxz2456789]{1,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/,
      );
      expect(row.slice(1)).toEqual(['1/1', 'Running', '0', '74s']);
    }
  });

  it('adds IP NODE NOMINATED NODE READINESS GATES with -o wide and NAMESPACE with -A', () => {
    const s = setup();
    const wide = cells(runKubectl(s, 'get po -o wide').output);
    expect(wide[0]).toEqual([
      'NAME',
      'READY',
      'STATUS',
      'RESTARTS',
      'AGE',
      'IP',
      'NODE',
      'NOMINATED NODE',
      'READINESS GATES',
    ]);
    const first = wide[1] ?? [];
    const p = s.pods[`default/${first[0]}`];
    expect(first.slice(5)).toEqual([p?.podIP, p?.nodeName, '<none>', '<none>']);
    const all = cells(runKubectl(s, 'get pods -A').output);
    expect(all[0]?.[0]).toBe('NAMESPACE');
    expect(all[1]?.[0]).toBe('default');
  });

  it('prints deployments, replicasets, nodes and services with their columns', () => {
    let s = setup();
    expect(cells(runKubectl(s, 'get deploy').output)).toEqual([
      ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
      ['web', '2/2', '2', '2', '75s'],
    ]);
    const rs = cells(runKubectl(s, 'get rs').output);
    expect(rs[0]).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE']);
    expect(rs[1]?.slice(1)).toEqual(['2', '2', '2', '74s']);
    const nodes = cells(runKubectl(s, 'get nodes').output);
    expect(nodes[0]).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
    expect(nodes[1]?.slice(1)).toEqual(['Ready', '<none>', '75s', 'v1.31.4-eks-0f56d01']);
    expect(nodes[1]?.[0]).toMatch(/^ip-192-168-\d+-\d+\.us-east-1\.compute\.internal$/);
    s = run(s, {
      type: 'APPLY',
      objects: [
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'web' },
          spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80 }] },
        },
      ],
    });
    const svc = cells(runKubectl(s, 'get svc').output);
    expect(svc[0]).toEqual(['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE']);
    // The API server's own `kubernetes` Service is always there in `default` (sorted by name).
    expect(svc[1]?.slice(0, 5)).toEqual([
      'kubernetes',
      'ClusterIP',
      '10.100.0.1',
      '<none>',
      '443/TCP',
    ]);
    expect(svc[2]?.slice(0, 4)).toEqual([
      'web',
      'LoadBalancer',
      s.services['default/web']?.clusterIP,
      '<pending>',
    ]);
    expect(svc[2]?.[4]).toMatch(/^80:3\d{4}\/TCP$/);
    s = advanceK8s(s, 61_000);
    expect(cells(runKubectl(s, 'get svc web').output)[1]?.[3]).toMatch(
      /^a[0-9a-f]{31}-\d{9}\.us-east-1\.elb\.amazonaws\.com$/,
    );
    expect(s.services['default/web']?.endpoints).toHaveLength(2);
  });

  it('lists service/kubernetes in default (get all, get svc kubernetes, -o yaml) but not elsewhere', () => {
    const s = setup();
    const all = runKubectl(s, 'get all').output;
    expect(all).toMatch(/^service\/kubernetes +ClusterIP +10\.100\.0\.1 +<none> +443\/TCP +\S+$/m);
    expect(cells(runKubectl(s, 'get svc kubernetes').output)[1]?.slice(0, 5)).toEqual([
      'kubernetes',
      'ClusterIP',
      '10.100.0.1',
      '<none>',
      '443/TCP',
    ]);
    expect(runKubectl(s, 'get svc kubernetes -o yaml').output).toContain('clusterIP: 10.100.0.1');
    expect(runKubectl(s, 'get svc -n kube-system').output).toBe(
      'No resources found in kube-system namespace.',
    );
    expect(runKubectl(s, 'get svc -A').output).toMatch(/^default +kubernetes +ClusterIP/m);
  });

  it('uses kubectl wording for unknown types, missing objects and empty namespaces', () => {
    const s = setup();
    expect(runKubectl(s, 'get foo')).toMatchObject({
      exitCode: 1,
      output: 'error: the server doesn\'t have a resource type "foo"',
    });
    expect(runKubectl(s, 'get pod x')).toMatchObject({
      exitCode: 1,
      output: 'Error from server (NotFound): pods "x" not found',
    });
    expect(runKubectl(s, 'describe deploy nope').output).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found',
    );
    expect(runKubectl(s, 'get pods -n kube-system')).toMatchObject({
      exitCode: 0,
      output: 'No resources found in kube-system namespace.',
    });
    expect(runKubectl(s, 'frobnicate').output).toBe(
      'error: unknown command "frobnicate" for "kubectl"',
    );
  });

  it('prints parseable JSON and YAML', () => {
    const s = setup();
    const list = JSON.parse(runKubectl(s, 'get deploy -o json').output) as {
      kind: string;
      items: { metadata: { name: string } }[];
    };
    expect(list.kind).toBe('List');
    expect(list.items[0]?.metadata.name).toBe('web');
    const yaml = runKubectl(s, 'get deploy web -o yaml').output;
    expect(yaml).toMatch(/^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n {2}name: web\n/);
    expect(yaml).toContain('      containers:\n      - name: app\n        image: nginx:1.25\n');
    expect(yaml).toContain('            cpu: 100m');
    expect(yaml).toContain('creationTimestamp: "2025-01-01T00:00:00Z"');
  });
});

describe('kubectl describe / scale / rollout / top / logs / delete', () => {
  it('describe pod shows the FailedScheduling event as kubectl prints it', () => {
    let s = cluster();
    s = run(s, { type: 'APPLY', objects: [pod('big', 4000)] });
    s = advanceK8s(s, 30_000);
    const out = runKubectl(s, 'describe pod big').output;
    expect(out).toContain('Status:           Pending');
    expect(out).toMatch(
      /\n {2}Warning {2}FailedScheduling +\d+s \(x\d+ over 29s\) +default-scheduler +0\/3 nodes are available: 3 Insufficient cpu\. preemption: 0\/3 nodes are available: 3 No preemption victims found for incoming pod\./,
    );
    expect(out).toContain(
      'Tolerations:      node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
    );
  });

  it('describe service shows its ports, node port, load balancer and ready endpoints as kubectl does', () => {
    let s = setup();
    s = run(s, {
      type: 'APPLY',
      objects: [
        {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'web', labels: { app: 'web' } },
          spec: {
            type: 'LoadBalancer',
            selector: { app: 'web' },
            ports: [{ name: 'http', port: 80, targetPort: 8080 }],
          },
        },
      ],
    });
    s = advanceK8s(s, 61_000);
    const svc = s.services['default/web']!;
    const ips = svc.endpoints.map((k) => `${s.pods[k]!.podIP}:8080`);
    expect(ips).toHaveLength(2);
    const lines = runKubectl(s, 'describe svc web').output.split('\n');
    expect(lines.slice(0, 17)).toEqual([
      'Name:                     web',
      'Namespace:                default',
      'Labels:                   app=web',
      'Annotations:              <none>',
      'Selector:                 app=web',
      'Type:                     LoadBalancer',
      'IP Family Policy:         SingleStack',
      'IP Families:              IPv4',
      `IP:                       ${svc.clusterIP}`,
      `IPs:                      ${svc.clusterIP}`,
      `LoadBalancer Ingress:     ${svc.loadBalancerHostname}`,
      'Port:                     http  80/TCP',
      'TargetPort:               8080/TCP',
      `NodePort:                 http  ${svc.spec.ports[0]!.nodePort}/TCP`,
      `Endpoints:                ${ips.join(',')}`,
      'Session Affinity:         None',
      'External Traffic Policy:  Cluster',
    ]);
    expect(lines[17]).toBe('Internal Traffic Policy:  Cluster');
    expect(lines[18]).toMatch(/^Events:/);
    // The API server's own Service, and a missing one.
    expect(runKubectl(s, 'describe service kubernetes').output).toContain(
      'Port:                     https  443/TCP',
    );
    expect(runKubectl(s, 'describe svc nope').output).toBe(
      'Error from server (NotFound): services "nope" not found',
    );
  });

  it('scale, rollout status/history, delete', () => {
    let s = setup();
    let r = runKubectl(s, 'scale deploy web --replicas=4');
    expect(r.output).toBe('deployment.apps/web scaled');
    s = r.state;
    s = advanceK8s(s, 1000);
    expect(runKubectl(s, 'rollout status deployment/web').output).toBe(
      'Waiting for deployment "web" rollout to finish: 2 out of 4 new replicas have been updated...',
    );
    s = advanceK8s(s, 1000);
    expect(runKubectl(s, 'rollout status deployment/web').output).toBe(
      'Waiting for deployment "web" rollout to finish: 2 of 4 updated replicas are available...',
    );
    s = advanceK8s(s, 30_000);
    expect(runKubectl(s, 'rollout status deploy/web').output).toBe(
      'deployment "web" successfully rolled out',
    );
    expect(runKubectl(s, 'rollout history deploy/web').output).toBe(
      'deployment.apps/web \nREVISION   CHANGE-CAUSE\n1          <none>\n',
    );
    expect(runKubectl(s, 'rollout undo deploy/web')).toMatchObject({
      exitCode: 1,
      output: 'error: no rollout history found for deployment "web"',
    });
    const name = Object.values(s.pods)[0]?.meta.name;
    r = runKubectl(s, `delete pod ${name}`);
    expect(r.output).toBe(`pod "${name}" deleted`);
    expect(r.state.pods[`default/${name}`]?.meta.deletionTimestamp).toBe(s.now);
    r = runKubectl(r.state, 'delete deployment web');
    expect(r.output).toBe('deployment.apps "web" deleted');
    s = advanceK8s(r.state, 10_000);
    expect(Object.keys(s.pods)).toEqual([]);
  });

  it('top pods reads metrics-server (scraped every 15 s); logs are refused before start', () => {
    let s = setup();
    s = run(s, {
      type: 'SET_WORKLOAD_CPU',
      namespace: 'default',
      deployment: 'web',
      millicoresPerPod: 80,
    });
    // Until metrics-server scrapes again it serves the previous sample (idle CPU).
    expect(cells(runKubectl(s, 'top pods').output)[1]?.[1]).toBe('1m');
    s = advanceK8s(s, 15_000);
    const top = cells(runKubectl(s, 'top pods').output);
    expect(top[0]).toEqual(['NAME', 'CPU(cores)', 'MEMORY(bytes)']);
    expect(top[1]?.slice(1)).toEqual(['80m', '76Mi']);
    expect(runKubectl({ ...s, metricsServer: false }, 'top pods').output).toBe(
      'error: Metrics API not available',
    );
    s = run(s, { type: 'APPLY', objects: [pod('fresh', 10)] });
    expect(runKubectl(s, 'logs fresh').output).toBe(
      'Error from server (BadRequest): container "c" in pod "fresh" is waiting to start: ContainerCreating',
    );
  });
});
