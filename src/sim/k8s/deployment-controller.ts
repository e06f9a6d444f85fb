/**
 * Deployment controller: one ReplicaSet per pod template (named by the template hash), revisions,
 * rolling updates within maxSurge/maxUnavailable, Recreate, history cleanup and the Available /
 * Progressing conditions [K8S-WEB deployment.md; K8S-SRC pkg/controller/deployment; reference B5, E7].
 */
import type { Draft } from './draft.ts';
import { newUid, recordEvent, ref } from './draft.ts';
import type { Condition, Deployment, ReplicaSet } from './model.ts';
import { podTemplateHash, resolveFenceposts, sameTemplate } from './rollout.ts';

/** Annotation holding a ReplicaSet's revision number. */
export const REVISION = 'deployment.kubernetes.io/revision';

/** Pure: a ReplicaSet's revision (0 when unset). */
export function revisionOf(rs: ReplicaSet): number {
  return Number(rs.meta.annotations[REVISION] ?? 0);
}

/** ReplicaSets a Deployment owns, oldest revision first. */
export function ownedReplicaSets(d: Pick<Draft, 'replicaSets'>, dep: Deployment): ReplicaSet[] {
  return Object.values(d.replicaSets)
    .filter(
      (rs) =>
        rs.meta.ownerReferences?.[0]?.uid === dep.meta.uid &&
        rs.meta.deletionTimestamp === undefined,
    )
    .sort((a, b) => revisionOf(a) - revisionOf(b));
}

function scaleRs(d: Draft, dep: Deployment, rs: ReplicaSet, to: number): ReplicaSet {
  if (rs.spec.replicas === to) return rs;
  const verb = to > rs.spec.replicas ? 'up' : 'down';
  const next = { ...rs, spec: { ...rs.spec, replicas: to } };
  d.replicaSets[`${rs.meta.namespace}/${rs.meta.name}`] = next;
  recordEvent(
    d,
    ref('Deployment', dep.meta),
    'Normal',
    'ScalingReplicaSet',
    `Scaled ${verb} replica set ${rs.meta.name} from ${rs.spec.replicas} to ${to}`,
    'deployment-controller',
  );
  return next;
}

function ensureNewReplicaSet(d: Draft, dep: Deployment, owned: ReplicaSet[]): ReplicaSet {
  const maxRevision = owned.reduce((m, rs) => Math.max(m, revisionOf(rs)), 0);
  const existing = owned.find((rs) => sameTemplate(rs.spec.template, dep.spec.template));
  if (existing) {
    if (revisionOf(existing) === maxRevision) return existing;
    // Rolling back to an old template re-uses its ReplicaSet with the next revision number.
    const bumped = {
      ...existing,
      meta: {
        ...existing.meta,
        annotations: { ...existing.meta.annotations, [REVISION]: String(maxRevision + 1) },
      },
    };
    d.replicaSets[`${existing.meta.namespace}/${existing.meta.name}`] = bumped;
    return bumped;
  }
  const hash = podTemplateHash(dep.spec.template);
  const labels = { ...dep.spec.template.metadata.labels, 'pod-template-hash': hash };
  const rs: ReplicaSet = {
    meta: {
      name: `${dep.meta.name}-${hash}`,
      namespace: dep.meta.namespace,
      uid: newUid(d),
      labels,
      annotations: {
        [REVISION]: String(maxRevision + 1),
        ...(dep.meta.annotations['kubernetes.io/change-cause']
          ? {
              'kubernetes.io/change-cause': dep.meta.annotations[
                'kubernetes.io/change-cause'
              ] as string,
            }
          : {}),
      },
      creationTimestamp: d.now,
      generation: 1,
      ownerReferences: [{ kind: 'Deployment', name: dep.meta.name, uid: dep.meta.uid }],
    },
    spec: {
      replicas: 0,
      minReadySeconds: dep.spec.minReadySeconds ?? 0,
      selector: {
        ...dep.spec.selector,
        matchLabels: { ...dep.spec.selector.matchLabels, 'pod-template-hash': hash },
      },
      template: { ...dep.spec.template, metadata: { ...dep.spec.template.metadata, labels } },
    },
    status: { replicas: 0, readyReplicas: 0, availableReplicas: 0 },
  };
  d.replicaSets[`${rs.meta.namespace}/${rs.meta.name}`] = rs;
  d.changed = true;
  return rs;
}

/** Reconciles every Deployment once (call before the ReplicaSet controller). */
export function runDeploymentController(d: Draft): void {
  for (const key of Object.keys(d.deployments)) {
    const dep = d.deployments[key] as Deployment;
    if (dep.meta.deletionTimestamp !== undefined) continue;
    const owned = ownedReplicaSets(d, dep);
    let newRs = ensureNewReplicaSet(d, dep, owned);
    let olds = owned.filter((rs) => rs.meta.uid !== newRs.meta.uid);
    const replicas = dep.spec.replicas;
    if (dep.spec.strategy?.type === 'Recreate') {
      olds = olds.map((rs) => scaleRs(d, dep, rs, 0));
      const oldPodsLeft = olds.some((rs) => rs.status.replicas > 0);
      if (!oldPodsLeft) newRs = scaleRs(d, dep, newRs, replicas);
    } else {
      const { maxSurge, maxUnavailable } = resolveFenceposts(dep.spec.strategy, replicas);
      // Scale up the new ReplicaSet within replicas + maxSurge (counting spec replicas) [E7].
      const total = (): number =>
        newRs.spec.replicas + olds.reduce((s, rs) => s + rs.spec.replicas, 0);
      if (olds.every((rs) => rs.spec.replicas === 0)) newRs = scaleRs(d, dep, newRs, replicas);
      else if (newRs.spec.replicas < replicas) {
        const up = Math.min(replicas + maxSurge - total(), replicas - newRs.spec.replicas);
        if (up > 0) newRs = scaleRs(d, dep, newRs, newRs.spec.replicas + up);
      } else if (newRs.spec.replicas > replicas) newRs = scaleRs(d, dep, newRs, replicas);
      // Scale old ReplicaSets down while availability stays ≥ replicas − maxUnavailable [E7].
      const minAvailable = replicas - maxUnavailable;
      const newUnavailable = newRs.spec.replicas - newRs.status.availableReplicas;
      let budget = total() - minAvailable - newUnavailable;
      // First remove old pods that are not available anyway (cleanupUnhealthyReplicas).
      olds = olds.map((rs) => {
        const unhealthy = rs.spec.replicas - rs.status.availableReplicas;
        const cut = Math.min(Math.max(budget, 0), Math.max(unhealthy, 0));
        budget -= cut;
        return cut > 0 ? scaleRs(d, dep, rs, rs.spec.replicas - cut) : rs;
      });
      const available =
        newRs.status.availableReplicas +
        olds.reduce((s, rs) => s + Math.min(rs.status.availableReplicas, rs.spec.replicas), 0);
      let down = available - minAvailable;
      olds = olds.map((rs) => {
        const cut = Math.min(Math.max(down, 0), rs.spec.replicas);
        down -= cut;
        return cut > 0 ? scaleRs(d, dep, rs, rs.spec.replicas - cut) : rs;
      });
    }
    cleanupHistory(d, dep, olds);
    updateStatus(d, key, newRs, olds);
  }
}

function cleanupHistory(d: Draft, dep: Deployment, olds: ReplicaSet[]): void {
  const limit = dep.spec.revisionHistoryLimit ?? 10;
  const idle = olds.filter((rs) => rs.spec.replicas === 0 && rs.status.replicas === 0);
  for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
    delete d.replicaSets[`${rs.meta.namespace}/${rs.meta.name}`];
    d.changed = true;
  }
}

function condition(prev: readonly Condition[], next: Condition): Condition {
  const old = prev.find((c) => c.type === next.type);
  return old && old.status === next.status && old.reason === next.reason ? old : next;
}

function updateStatus(d: Draft, key: string, newRs: ReplicaSet, olds: ReplicaSet[]): void {
  const dep = d.deployments[key] as Deployment;
  const all = [newRs, ...olds];
  const sum = (f: (rs: ReplicaSet) => number): number => all.reduce((s, rs) => s + f(rs), 0);
  const replicas = sum((rs) => rs.status.replicas);
  const available = sum((rs) => rs.status.availableReplicas);
  const { maxUnavailable } = resolveFenceposts(dep.spec.strategy, dep.spec.replicas);
  const complete =
    newRs.status.availableReplicas >= dep.spec.replicas &&
    newRs.status.replicas === dep.spec.replicas &&
    olds.every((rs) => rs.status.replicas === 0);
  const prev = dep.status;
  const progressed =
    complete ||
    newRs.status.replicas !== prev.updatedReplicas ||
    available !== prev.availableReplicas ||
    replicas !== prev.replicas;
  const lastProgressAt = progressed ? d.now : dep.lastProgressAt;
  const deadline = (dep.spec.progressDeadlineSeconds ?? 600) * 1000;
  const progressing: Condition = complete
    ? {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: `ReplicaSet "${newRs.meta.name}" has successfully progressed.`,
        lastTransitionTime: d.now,
      }
    : d.now - lastProgressAt > deadline
      ? {
          type: 'Progressing',
          status: 'False',
          reason: 'ProgressDeadlineExceeded',
          message: `ReplicaSet "${newRs.meta.name}" has timed out progressing.`,
          lastTransitionTime: d.now,
        }
      : {
          type: 'Progressing',
          status: 'True',
          reason: 'ReplicaSetUpdated',
          message: `ReplicaSet "${newRs.meta.name}" is progressing.`,
          lastTransitionTime: d.now,
        };
  const isAvailable = available >= dep.spec.replicas - maxUnavailable;
  const availableCond: Condition = {
    type: 'Available',
    status: isAvailable ? 'True' : 'False',
    reason: isAvailable ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
    message: isAvailable
      ? 'Deployment has minimum availability.'
      : 'Deployment does not have minimum availability.',
    lastTransitionTime: d.now,
  };
  const status: Deployment['status'] = {
    observedGeneration: dep.meta.generation,
    replicas,
    updatedReplicas: newRs.status.replicas,
    readyReplicas: sum((rs) => rs.status.readyReplicas),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, dep.spec.replicas - available),
    conditions: [
      condition(prev.conditions, availableCond),
      condition(prev.conditions, progressing),
    ],
  };
  if (JSON.stringify(status) !== JSON.stringify(prev) || lastProgressAt !== dep.lastProgressAt) {
    d.deployments[key] = { ...dep, status, lastProgressAt };
    if (JSON.stringify(status) !== JSON.stringify(prev)) d.changed = true;
  }
}
