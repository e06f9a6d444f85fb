/**
 * ReplicaSet controller: keeps `spec.replicas` active pods matching the selector, creating pods
 * named `<rs>-<5 chars>` and deleting surplus pods in Kubernetes' preference order
 * [K8S-SRC pkg/controller/replicaset; reference B5].
 */
import type { Draft } from './draft.ts';
import { randomSuffix, recordEvent, ref } from './draft.ts';
import type { Pod, ReplicaSet } from './model.ts';
import { createPod, deletePod, isActivePod, isPodAvailable, isPodReady } from './pods.ts';

/** Pods owned by each ReplicaSet uid (one pass over all pods). */
export function podsByOwner(pods: Readonly<Record<string, Pod>>): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const pod of Object.values(pods)) {
    const owner = pod.meta.ownerReferences?.[0];
    if (!owner) continue;
    const list = out.get(owner.uid);
    if (list) list.push(pod);
    else out.set(owner.uid, [pod]);
  }
  return out;
}

// Deletion preference: unscheduled < scheduled, Pending < Unknown < Running, not ready < ready,
// more restarts first, newer first [K8S-SRC controller_utils ActivePods.Less].
function deletionRank(a: Pod, b: Pod): number {
  const sched = Number(a.nodeName !== undefined) - Number(b.nodeName !== undefined);
  if (sched) return sched;
  const order = { Pending: 0, Unknown: 1, Running: 2, Succeeded: 3, Failed: 3 } as const;
  const phase = order[a.phase] - order[b.phase];
  if (phase) return phase;
  const ready = Number(isPodReady(a)) - Number(isPodReady(b));
  if (ready) return ready;
  const restarts = (p: Pod): number => p.containerStatuses.reduce((s, c) => s + c.restartCount, 0);
  const r = restarts(b) - restarts(a);
  if (r) return r;
  return (
    b.meta.creationTimestamp - a.meta.creationTimestamp || (a.meta.name < b.meta.name ? 1 : -1)
  );
}

/** Burst limit per sync (the controller's burstReplicas). */
const BURST = 500;

/** Reconciles every ReplicaSet once. */
export function runReplicaSetController(d: Draft): void {
  const owned = podsByOwner(d.pods);
  for (const [key, rs] of Object.entries(d.replicaSets)) {
    if (rs.meta.deletionTimestamp !== undefined) continue;
    const pods = owned.get(rs.meta.uid) ?? [];
    const active = pods.filter(isActivePod);
    const diff = rs.spec.replicas - active.length;
    let live = active;
    if (diff > 0) {
      live = active.slice();
      for (let i = 0; i < Math.min(diff, BURST); i++) {
        let name = `${rs.meta.name}-${randomSuffix(d)}`;
        while (d.pods[`${rs.meta.namespace}/${name}`]) name = `${rs.meta.name}-${randomSuffix(d)}`;
        const t = rs.spec.template;
        const owner = { kind: 'ReplicaSet' as const, name: rs.meta.name, uid: rs.meta.uid };
        const labels = t.metadata.labels ?? {};
        live.push(
          createPod(
            d,
            rs.meta.namespace,
            name,
            labels,
            t.metadata.annotations ?? {},
            t.spec,
            owner,
          ),
        );
        recordEvent(
          d,
          ref('ReplicaSet', rs.meta),
          'Normal',
          'SuccessfulCreate',
          `Created pod: ${name}`,
          'replicaset-controller',
        );
      }
    } else if (diff < 0) {
      const victims = active.slice().sort(deletionRank).slice(0, -diff);
      for (const v of victims) {
        deletePod(d, `${v.meta.namespace}/${v.meta.name}`);
        recordEvent(
          d,
          ref('ReplicaSet', rs.meta),
          'Normal',
          'SuccessfulDelete',
          `Deleted pod: ${v.meta.name}`,
          'replicaset-controller',
        );
      }
      live = active.filter((p) => !victims.includes(p));
    }
    const status: ReplicaSet['status'] = {
      replicas: live.length,
      readyReplicas: live.filter(isPodReady).length,
      availableReplicas: live.filter((p) => isPodAvailable(p, rs.spec.minReadySeconds ?? 0, d.now))
        .length,
    };
    const s = rs.status;
    if (
      s.replicas !== status.replicas ||
      s.readyReplicas !== status.readyReplicas ||
      s.availableReplicas !== status.availableReplicas
    ) {
      d.replicaSets[key] = { ...rs, status };
      d.changed = true;
    }
  }
}
