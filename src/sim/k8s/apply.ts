/**
 * `kubectl apply` semantics on the simulated API server: create or update each object, with the
 * API server's defaults and its refusal of immutable-field changes. Output lines read like kubectl's
 * ("deployment.apps/web created", "service/web unchanged").
 */
import type { Draft } from './draft.ts';
import { newUid } from './draft.ts';
import type { Meta } from './model.ts';
import type { K8sKind, K8sManifest, ObjectMeta } from './objects.ts';
import { createPod } from './pods.ts';
import { LOAD_BALANCER_PROVISION_MS } from './services.ts';

/** kubectl's resource.group name per kind (used in output lines). */
export const KIND_RESOURCE: Readonly<Record<K8sKind, string>> = {
  Namespace: 'namespace',
  Pod: 'pod',
  ReplicaSet: 'replicaset.apps',
  Deployment: 'deployment.apps',
  Service: 'service',
  HorizontalPodAutoscaler: 'horizontalpodautoscaler.autoscaling',
};

export interface ApplyOutcome {
  readonly lines: readonly string[];
  readonly errors: readonly string[];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function newMeta(d: Draft, m: ObjectMeta, namespace: string): Meta {
  return {
    name: m.name,
    namespace,
    uid: newUid(d),
    labels: m.labels ?? {},
    annotations: m.annotations ?? {},
    creationTimestamp: d.now,
    generation: 1,
  };
}

/** Applies manifest objects in order on the draft; each yields an output line or an error. */
export function applyManifests(d: Draft, objects: readonly K8sManifest[]): ApplyOutcome {
  const lines: string[] = [];
  const errors: string[] = [];
  for (const obj of objects) {
    const res = `${KIND_RESOURCE[obj.kind]}/${obj.metadata.name}`;
    const r = applyOne(d, obj);
    if (r.startsWith('error:')) errors.push(r.slice(6));
    else lines.push(`${res} ${r}`);
  }
  return { lines, errors };
}

function applyOne(d: Draft, obj: K8sManifest): string {
  if (obj.kind === 'Namespace') {
    if (d.namespaces[obj.metadata.name]) return 'unchanged';
    d.namespaces[obj.metadata.name] = {
      ...newMeta(d, obj.metadata, ''),
      labels: { 'kubernetes.io/metadata.name': obj.metadata.name, ...obj.metadata.labels },
    };
    d.changed = true;
    return 'created';
  }
  const ns = obj.metadata.namespace ?? 'default';
  if (!d.namespaces[ns]) return `error:Error from server (NotFound): namespaces "${ns}" not found`;
  const key = `${ns}/${obj.metadata.name}`;
  d.changed = true;
  switch (obj.kind) {
    case 'Deployment': {
      const old = d.deployments[key];
      const spec = {
        ...obj.spec,
        replicas: obj.spec.replicas ?? old?.spec.replicas ?? 1,
        strategy: obj.spec.strategy ?? {
          type: 'RollingUpdate' as const,
          rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' },
        },
        revisionHistoryLimit: obj.spec.revisionHistoryLimit ?? 10,
        progressDeadlineSeconds: obj.spec.progressDeadlineSeconds ?? 600,
        minReadySeconds: obj.spec.minReadySeconds ?? 0,
      };
      if (!old) {
        const status = {
          observedGeneration: 0,
          replicas: 0,
          updatedReplicas: 0,
          readyReplicas: 0,
          availableReplicas: 0,
          unavailableReplicas: 0,
          conditions: [],
        };
        d.deployments[key] = {
          meta: newMeta(d, obj.metadata, ns),
          spec,
          status,
          lastProgressAt: d.now,
        };
        return 'created';
      }
      if (!same(old.spec.selector, spec.selector)) {
        return `error:The Deployment "${obj.metadata.name}" is invalid: spec.selector: Invalid value: ${JSON.stringify(spec.selector)}: field is immutable`;
      }
      if (same(old.spec, spec) && same(old.meta.labels, obj.metadata.labels ?? {}))
        return 'unchanged';
      const templateChanged = !same(old.spec.template, spec.template);
      d.deployments[key] = {
        ...old,
        meta: {
          ...old.meta,
          labels: obj.metadata.labels ?? {},
          annotations: obj.metadata.annotations ?? {},
          generation: old.meta.generation + 1,
        },
        spec,
        lastProgressAt: templateChanged ? d.now : old.lastProgressAt,
      };
      return 'configured';
    }
    case 'ReplicaSet': {
      const old = d.replicaSets[key];
      const spec = { ...obj.spec, replicas: obj.spec.replicas ?? old?.spec.replicas ?? 1 };
      if (!old) {
        d.replicaSets[key] = {
          meta: newMeta(d, obj.metadata, ns),
          spec,
          status: { replicas: 0, readyReplicas: 0, availableReplicas: 0 },
        };
        return 'created';
      }
      if (!same(old.spec.selector, spec.selector)) {
        return `error:The ReplicaSet "${obj.metadata.name}" is invalid: spec.selector: Invalid value: ${JSON.stringify(spec.selector)}: field is immutable`;
      }
      if (same(old.spec, spec)) return 'unchanged';
      d.replicaSets[key] = {
        ...old,
        spec,
        meta: { ...old.meta, generation: old.meta.generation + 1 },
      };
      return 'configured';
    }
    case 'Pod': {
      const old = d.pods[key];
      if (!old) {
        createPod(
          d,
          ns,
          obj.metadata.name,
          obj.metadata.labels ?? {},
          obj.metadata.annotations ?? {},
          obj.spec,
        );
        return 'created';
      }
      const images = (s: typeof obj.spec): string[] => s.containers.map((c) => c.image);
      if (same(images(old.spec), images(obj.spec))) return 'unchanged';
      return `error:The Pod "${obj.metadata.name}" is invalid: spec: Forbidden: pod updates may not change fields other than \`spec.containers[*].image\`, \`spec.initContainers[*].image\`, \`spec.activeDeadlineSeconds\`, \`spec.tolerations\` (only additions to existing tolerations) or \`spec.terminationGracePeriodSeconds\` (allow it to be set to 1 if it was previously negative)`;
    }
    case 'Service': {
      const old = d.services[key];
      const spec = {
        ...obj.spec,
        type: obj.spec.type ?? 'ClusterIP',
        ports: obj.spec.ports.map((p) => ({
          ...p,
          protocol: p.protocol ?? 'TCP',
          targetPort: p.targetPort ?? p.port,
        })),
      };
      if (old) {
        // Allocated node ports stay with the Service across applies (the API server keeps them).
        const kept = {
          ...spec,
          ports: spec.ports.map((p, i) => {
            const nodePort = p.nodePort ?? old.spec.ports[i]?.nodePort;
            return spec.type === 'ClusterIP' || nodePort === undefined ? p : { ...p, nodePort };
          }),
        };
        if (same(old.spec, kept)) return 'unchanged';
        d.services[key] = {
          ...old,
          spec: kept,
          loadBalancerReadyAt: old.loadBalancerReadyAt ?? d.now + LOAD_BALANCER_PROVISION_MS,
        };
        return 'configured';
      }
      // EKS picks the service CIDR 10.100.0.0/16 when the VPC is in 192.168.0.0/16 [EKS-UG create-cluster].
      d.counters.ip += 1;
      const n = d.counters.ip;
      const withNodePorts =
        spec.type === 'ClusterIP'
          ? spec
          : {
              ...spec,
              ports: spec.ports.map((p, i) => ({
                ...p,
                nodePort: p.nodePort ?? 30000 + ((n * 7919 + i * 131) % 2768),
              })),
            };
      d.services[key] = {
        meta: newMeta(d, obj.metadata, ns),
        spec: withNodePorts,
        clusterIP: `10.100.${Math.floor(n / 250) % 256}.${(n % 250) + 2}`,
        ...(spec.type === 'LoadBalancer'
          ? { loadBalancerReadyAt: d.now + LOAD_BALANCER_PROVISION_MS }
          : {}),
        endpoints: [],
        notReadyEndpoints: [],
      };
      return 'created';
    }
    case 'HorizontalPodAutoscaler': {
      const old = d.hpas[key];
      const spec = { ...obj.spec, minReplicas: obj.spec.minReplicas ?? 1 };
      if (old) {
        if (same(old.spec, spec)) return 'unchanged';
        d.hpas[key] = { ...old, spec };
        return 'configured';
      }
      d.hpas[key] = {
        meta: newMeta(d, obj.metadata, ns),
        spec,
        status: { currentReplicas: 0, desiredReplicas: 0, currentMetrics: [], conditions: [] },
        nextSyncAt: d.now,
        recommendations: [],
        scaleEvents: [],
      };
      return 'created';
    }
  }
}
