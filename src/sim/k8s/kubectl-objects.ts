/**
 * Objects as the API returns them (`kubectl get … -o yaml|json`): apiVersion, kind, metadata,
 * spec and status, with quantities printed canonically ("250m", "64Mi").
 */
import type { K8sState, Meta } from './model.ts';
import type { ContainerSpec } from './objects.ts';
import { formatCpu, formatMemory } from './quantity.ts';
import type { Resource } from './kubectl-get.ts';
import { formatTimestamp } from './kubectl-format.ts';
import { kubectlServices } from './kubernetes-service.ts';

function iso(ms: number): string {
  // formatTimestamp gives "Wed, 01 Jan 2025 00:01:05 +0000"; the API uses RFC 3339.
  const m = /(\d\d) (\w+) (\d{4}) (\d\d:\d\d:\d\d)/.exec(formatTimestamp(ms));
  const months = [
    'Jan',
    'Feb',
    'Mar',
    'Apr',
    'May',
    'Jun',
    'Jul',
    'Aug',
    'Sep',
    'Oct',
    'Nov',
    'Dec',
  ];
  return m
    ? `${m[3]}-${String(months.indexOf(m[2] as string) + 1).padStart(2, '0')}-${m[1]}T${m[4]}Z`
    : '';
}

function meta(m: Meta): Record<string, unknown> {
  return {
    name: m.name,
    ...(m.namespace ? { namespace: m.namespace } : {}),
    uid: m.uid,
    creationTimestamp: iso(m.creationTimestamp),
    ...(Object.keys(m.labels).length ? { labels: m.labels } : {}),
    ...(Object.keys(m.annotations).length ? { annotations: m.annotations } : {}),
    ...(m.ownerReferences
      ? {
          ownerReferences: m.ownerReferences.map((o) => ({
            apiVersion: 'apps/v1',
            kind: o.kind,
            name: o.name,
            uid: o.uid,
            controller: true,
          })),
        }
      : {}),
    ...(m.deletionTimestamp !== undefined ? { deletionTimestamp: iso(m.deletionTimestamp) } : {}),
  };
}

function containers(cs: readonly ContainerSpec[]): unknown[] {
  return cs.map((c) => {
    const res = (
      r: { cpu?: number; memory?: number } | undefined,
    ): Record<string, string> | undefined =>
      r
        ? {
            ...(r.cpu !== undefined ? { cpu: formatCpu(r.cpu) } : {}),
            ...(r.memory !== undefined ? { memory: formatMemory(r.memory) } : {}),
          }
        : undefined;
    return {
      ...c,
      resources: { limits: res(c.resources?.limits), requests: res(c.resources?.requests) },
    };
  });
}

/** Pure: the API representation of every matching object of `resource`. */
export function apiObjects(
  state: K8sState,
  resource: Resource,
  namespace: string | undefined,
  name?: string,
): unknown[] {
  const pick = <T extends { meta: Meta }>(xs: readonly T[]): T[] =>
    xs.filter(
      (x) =>
        (namespace === undefined || x.meta.namespace === namespace) &&
        (name === undefined || x.meta.name === name),
    );
  switch (resource) {
    case 'pods':
      return pick(Object.values(state.pods)).map((p) => ({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: meta(p.meta),
        spec: { ...p.spec, containers: containers(p.spec.containers), nodeName: p.nodeName },
        status: {
          phase: p.phase,
          conditions: p.conditions.map((c) => ({
            type: c.type,
            status: c.status,
            reason: c.reason,
            lastTransitionTime: iso(c.lastTransitionTime),
          })),
          podIP: p.podIP,
          startTime: p.startTime !== undefined ? iso(p.startTime) : undefined,
          containerStatuses: p.containerStatuses.map((c) => ({
            name: c.name,
            image: c.image,
            ready: c.ready,
            restartCount: c.restartCount,
            state: { [c.state.kind]: { ...c.state, kind: undefined } },
          })),
        },
      }));
    case 'deployments':
      return pick(Object.values(state.deployments)).map((d) => ({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: meta(d.meta),
        spec: {
          ...d.spec,
          template: {
            ...d.spec.template,
            spec: {
              ...d.spec.template.spec,
              containers: containers(d.spec.template.spec.containers),
            },
          },
        },
        status: {
          ...d.status,
          conditions: d.status.conditions.map((c) => ({
            ...c,
            lastTransitionTime: iso(c.lastTransitionTime),
          })),
        },
      }));
    case 'replicasets':
      return pick(Object.values(state.replicaSets)).map((r) => ({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: meta(r.meta),
        spec: {
          ...r.spec,
          template: {
            ...r.spec.template,
            spec: {
              ...r.spec.template.spec,
              containers: containers(r.spec.template.spec.containers),
            },
          },
        },
        status: r.status,
      }));
    case 'services':
      return pick(kubectlServices(state)).map((s) => ({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: meta(s.meta),
        spec: { ...s.spec, clusterIP: s.clusterIP },
        status: {
          loadBalancer: s.loadBalancerHostname
            ? { ingress: [{ hostname: s.loadBalancerHostname }] }
            : {},
        },
      }));
    case 'hpa':
      return pick(Object.values(state.hpas)).map((h) => ({
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: meta(h.meta),
        spec: h.spec,
        status: {
          currentReplicas: h.status.currentReplicas,
          desiredReplicas: h.status.desiredReplicas,
        },
      }));
    case 'nodes':
      return Object.values(state.nodes)
        .filter((n) => name === undefined || n.meta.name === name)
        .map((n) => ({
          apiVersion: 'v1',
          kind: 'Node',
          metadata: meta(n.meta),
          spec: {
            taints: n.taints.length
              ? n.taints.map((t) => ({ key: t.key, value: t.value, effect: t.effect }))
              : undefined,
            unschedulable: n.unschedulable || undefined,
          },
          status: {
            capacity: {
              cpu: formatCpu(n.capacity.cpu),
              memory: `${Math.floor(n.capacity.memory / 1024)}Ki`,
              pods: String(n.capacity.pods),
            },
            allocatable: {
              cpu: formatCpu(n.allocatable.cpu),
              memory: `${Math.floor(n.allocatable.memory / 1024)}Ki`,
              pods: String(n.allocatable.pods),
            },
            conditions: n.conditions.map((c) => ({
              type: c.type,
              status: c.status,
              reason: c.reason,
              message: c.message,
            })),
            addresses: [
              { type: 'InternalIP', address: n.internalIP },
              { type: 'Hostname', address: n.meta.name },
            ],
          },
        }));
    case 'namespaces':
      return Object.values(state.namespaces)
        .filter((n) => name === undefined || n.name === name)
        .map((n) => ({
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: meta(n),
          status: { phase: 'Active' },
        }));
    case 'events':
      return state.events.map((e) => ({ apiVersion: 'v1', kind: 'Event', ...e }));
  }
}
