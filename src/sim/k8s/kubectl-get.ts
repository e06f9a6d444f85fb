/**
 * `kubectl get` for the simulated kinds, with Kubernetes' own columns (and `-o wide`) [reference B11].
 */
import { formatSelector } from './objects.ts';
import type { K8sState, Pod, Service } from './model.ts';
import { isNodeReady, KUBELET_VERSION } from './nodes.ts';
import {
  age,
  formatTable,
  labelString,
  podReady,
  podRestarts,
  podStatus,
} from './kubectl-format.ts';
import { kubectlServices } from './kubernetes-service.ts';

export type Resource =
  'pods' | 'deployments' | 'replicasets' | 'services' | 'nodes' | 'hpa' | 'namespaces' | 'events';

export interface GetOptions {
  /** undefined = all namespaces (-A). */
  readonly namespace: string | undefined;
  readonly wide: boolean;
  readonly name?: string;
  /** Put before each NAME (`deployment.apps/`) when one `get` lists several types. */
  readonly namePrefix?: string;
}

function images(spec: {
  containers: readonly { name: string; image: string }[];
}): [string, string] {
  return [
    spec.containers.map((c) => c.name).join(','),
    spec.containers.map((c) => c.image).join(','),
  ];
}

function svcPorts(svc: Service): string {
  const ports = svc.spec.ports.map(
    (p) =>
      `${p.port}${p.nodePort !== undefined && svc.spec.type !== 'ClusterIP' ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`,
  );
  return ports.join(',') || '<none>';
}

function externalIp(svc: Service): string {
  if (svc.spec.type !== 'LoadBalancer') return '<none>';
  return svc.loadBalancerHostname ?? '<pending>';
}

/** Rows (without the NAMESPACE column) and header for one resource. */
function table(
  state: K8sState,
  resource: Resource,
  o: GetOptions,
): { header: string[]; rows: { ns: string; name: string; cells: string[] }[] } {
  const inNs = <T extends { meta: { namespace: string; name: string } }>(xs: readonly T[]): T[] =>
    xs
      .filter(
        (x) =>
          (o.namespace === undefined || x.meta.namespace === o.namespace) &&
          (o.name === undefined || x.meta.name === o.name),
      )
      .sort((a, b) =>
        a.meta.namespace + '/' + a.meta.name < b.meta.namespace + '/' + b.meta.name ? -1 : 1,
      );
  switch (resource) {
    case 'pods': {
      const header = [
        'NAME',
        'READY',
        'STATUS',
        'RESTARTS',
        'AGE',
        ...(o.wide ? ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'] : []),
      ];
      const rows = inNs(Object.values(state.pods)).map((p: Pod) => ({
        ns: p.meta.namespace,
        name: p.meta.name,
        cells: [
          p.meta.name,
          podReady(p),
          podStatus(p),
          podRestarts(state, p),
          age(state, p.meta.creationTimestamp),
          ...(o.wide ? [p.podIP ?? '<none>', p.nodeName ?? '<none>', '<none>', '<none>'] : []),
        ],
      }));
      return { header, rows };
    }
    case 'deployments': {
      const header = [
        'NAME',
        'READY',
        'UP-TO-DATE',
        'AVAILABLE',
        'AGE',
        ...(o.wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : []),
      ];
      const rows = inNs(Object.values(state.deployments)).map((d) => ({
        ns: d.meta.namespace,
        name: d.meta.name,
        cells: [
          d.meta.name,
          `${d.status.readyReplicas}/${d.spec.replicas}`,
          String(d.status.updatedReplicas),
          String(d.status.availableReplicas),
          age(state, d.meta.creationTimestamp),
          ...(o.wide ? [...images(d.spec.template.spec), formatSelector(d.spec.selector)] : []),
        ],
      }));
      return { header, rows };
    }
    case 'replicasets': {
      const header = [
        'NAME',
        'DESIRED',
        'CURRENT',
        'READY',
        'AGE',
        ...(o.wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : []),
      ];
      const rows = inNs(Object.values(state.replicaSets)).map((r) => ({
        ns: r.meta.namespace,
        name: r.meta.name,
        cells: [
          r.meta.name,
          String(r.spec.replicas),
          String(r.status.replicas),
          String(r.status.readyReplicas),
          age(state, r.meta.creationTimestamp),
          ...(o.wide ? [...images(r.spec.template.spec), formatSelector(r.spec.selector)] : []),
        ],
      }));
      return { header, rows };
    }
    case 'services': {
      const header = [
        'NAME',
        'TYPE',
        'CLUSTER-IP',
        'EXTERNAL-IP',
        'PORT(S)',
        'AGE',
        ...(o.wide ? ['SELECTOR'] : []),
      ];
      const rows = inNs(kubectlServices(state)).map((s) => ({
        ns: s.meta.namespace,
        name: s.meta.name,
        cells: [
          s.meta.name,
          s.spec.type,
          s.clusterIP,
          externalIp(s),
          svcPorts(s),
          age(state, s.meta.creationTimestamp),
          ...(o.wide ? [labelString(s.spec.selector ?? {})] : []),
        ],
      }));
      return { header, rows };
    }
    case 'hpa': {
      const header = ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'];
      const rows = inNs(Object.values(state.hpas)).map((h) => {
        const targets = (
          h.spec.metrics ?? [
            {
              type: 'Resource' as const,
              resource: {
                name: 'cpu' as const,
                target: { type: 'Utilization' as const, averageUtilization: 80 },
              },
            },
          ]
        ).map((m, i) => {
          const cur = h.status.currentMetrics[i];
          const t = m.resource.target;
          const unit = t.type === 'Utilization' ? '%' : '';
          const want = t.type === 'Utilization' ? t.averageUtilization : t.averageValue;
          return `${cur === undefined ? '<unknown>' : `${cur}${unit}`}/${want}${unit}`;
        });
        return {
          ns: h.meta.namespace,
          name: h.meta.name,
          cells: [
            h.meta.name,
            `${h.spec.scaleTargetRef.kind}/${h.spec.scaleTargetRef.name}`,
            targets.join(', '),
            String(h.spec.minReplicas),
            String(h.spec.maxReplicas),
            String(h.status.currentReplicas),
            age(state, h.meta.creationTimestamp),
          ],
        };
      });
      return { header, rows };
    }
    case 'nodes': {
      const header = [
        'NAME',
        'STATUS',
        'ROLES',
        'AGE',
        'VERSION',
        ...(o.wide
          ? ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME']
          : []),
      ];
      const rows = Object.values(state.nodes)
        .filter((n) => o.name === undefined || n.meta.name === o.name)
        .sort((a, b) => (a.meta.name < b.meta.name ? -1 : 1))
        .map((n) => ({
          ns: '',
          name: n.meta.name,
          cells: [
            n.meta.name,
            (isNodeReady(n) ? 'Ready' : 'NotReady') +
              (n.unschedulable ? ',SchedulingDisabled' : ''),
            '<none>',
            age(state, n.meta.creationTimestamp),
            KUBELET_VERSION,
            ...(o.wide
              ? [
                  n.internalIP,
                  '<none>',
                  'Amazon Linux 2023.6.20241212',
                  '6.1.119-129.201.amzn2023.x86_64',
                  'containerd://1.7.23',
                ]
              : []),
          ],
        }));
      return { header, rows };
    }
    case 'namespaces': {
      const rows = Object.values(state.namespaces)
        .filter((n) => o.name === undefined || n.name === o.name)
        .sort((a, b) => (a.name < b.name ? -1 : 1))
        .map((n) => ({
          ns: '',
          name: n.name,
          cells: [n.name, 'Active', age(state, n.creationTimestamp)],
        }));
      return { header: ['NAME', 'STATUS', 'AGE'], rows };
    }
    case 'events': {
      const rows = state.events
        .filter(
          (e) =>
            o.namespace === undefined ||
            e.involvedObject.namespace === o.namespace ||
            e.involvedObject.namespace === '',
        )
        .map((e) => ({
          ns: e.involvedObject.namespace,
          name: e.involvedObject.name,
          cells: [
            age(state, e.lastTimestamp),
            e.type,
            e.reason,
            `${e.involvedObject.kind.toLowerCase()}/${e.involvedObject.name}`,
            e.message,
          ],
        }));
      return { header: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], rows };
    }
  }
}

/** Pure: the text `kubectl get <resource>` prints, or the "No resources found" notice. */
export function getTable(
  state: K8sState,
  resource: Resource,
  o: GetOptions,
): { output: string; empty: boolean } {
  const { header, rows } = table(state, resource, o);
  if (rows.length === 0) {
    const clusterScoped = resource === 'nodes' || resource === 'namespaces';
    return {
      output:
        o.namespace === undefined || clusterScoped
          ? 'No resources found'
          : `No resources found in ${o.namespace} namespace.`,
      empty: true,
    };
  }
  const allNs = o.namespace === undefined && resource !== 'nodes' && resource !== 'namespaces';
  const prefix = o.namePrefix ?? '';
  const cells = (r: { cells: string[] }): string[] =>
    prefix === '' ? r.cells : [`${prefix}${r.cells[0] ?? ''}`, ...r.cells.slice(1)];
  return {
    output: formatTable(
      allNs ? ['NAMESPACE', ...header] : header,
      rows.map((r) => (allNs ? [r.ns, ...cells(r)] : cells(r))),
    ),
    empty: false,
  };
}
