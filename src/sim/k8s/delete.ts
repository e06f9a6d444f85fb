/**
 * Deletion with cascading (background propagation: owned ReplicaSets and Pods go too) and
 * `kubectl rollout undo` [K8S-WEB garbage-collection, deployment.md].
 */
import type { Draft } from './draft.ts';
import { recordEvent, ref } from './draft.ts';
import type { K8sKind } from './objects.ts';
import { REVISION, ownedReplicaSets, revisionOf } from './deployment-controller.ts';
import { deletePod } from './pods.ts';
import { KIND_RESOURCE } from './apply.ts';

/** The API's plural resource names, for NotFound messages: `deployments.apps "x" not found`. */
export const KIND_PLURAL: Readonly<Record<K8sKind, string>> = {
  Namespace: 'namespaces',
  Pod: 'pods',
  ReplicaSet: 'replicasets.apps',
  Deployment: 'deployments.apps',
  Service: 'services',
  HorizontalPodAutoscaler: 'horizontalpodautoscalers.autoscaling',
};

function notFound(kind: K8sKind, name: string): { error: string } {
  return { error: `Error from server (NotFound): ${KIND_PLURAL[kind]} "${name}" not found` };
}

function deleteReplicaSet(d: Draft, key: string): void {
  const rs = d.replicaSets[key];
  if (!rs) return;
  delete d.replicaSets[key];
  for (const [pk, pod] of Object.entries(d.pods))
    if (pod.meta.ownerReferences?.[0]?.uid === rs.meta.uid) deletePod(d, pk);
}

/** Deletes one object (and what it owns); returns kubectl's output line or its error. */
export function deleteObject(
  d: Draft,
  kind: K8sKind,
  namespace: string,
  name: string,
): { error?: string; output?: string[] } {
  const key = `${namespace}/${name}`;
  const done = { output: [`${KIND_RESOURCE[kind]} "${name}" deleted`] };
  switch (kind) {
    case 'Namespace': {
      if (!d.namespaces[name]) return notFound(kind, name);
      if (['default', 'kube-system', 'kube-public', 'kube-node-lease'].includes(name)) {
        return {
          error: `Error from server (Forbidden): namespaces "${name}" is forbidden: this namespace may not be deleted`,
        };
      }
      for (const coll of [d.deployments, d.services, d.hpas] as Record<
        string,
        { meta: { namespace: string } }
      >[]) {
        for (const [k, o] of Object.entries(coll)) if (o.meta.namespace === name) delete coll[k];
      }
      for (const [k, rs] of Object.entries(d.replicaSets))
        if (rs.meta.namespace === name) deleteReplicaSet(d, k);
      for (const [k, p] of Object.entries(d.pods)) if (p.meta.namespace === name) deletePod(d, k);
      delete d.namespaces[name];
      return done;
    }
    case 'Deployment': {
      const dep = d.deployments[key];
      if (!dep) return notFound(kind, name);
      for (const rs of ownedReplicaSets(d, dep))
        deleteReplicaSet(d, `${rs.meta.namespace}/${rs.meta.name}`);
      delete d.deployments[key];
      return done;
    }
    case 'ReplicaSet':
      if (!d.replicaSets[key]) return notFound(kind, name);
      deleteReplicaSet(d, key);
      return done;
    case 'Pod':
      if (!d.pods[key]) return notFound(kind, name);
      deletePod(d, key);
      return done;
    case 'Service':
      if (!d.services[key]) return notFound(kind, name);
      delete d.services[key];
      return done;
    case 'HorizontalPodAutoscaler':
      if (!d.hpas[key]) return notFound(kind, name);
      delete d.hpas[key];
      return done;
  }
}

/**
 * `kubectl rollout undo`: copy the previous (or given) revision's template back into the Deployment;
 * the controller then re-uses that ReplicaSet with a new revision number.
 */
export function undoRollout(
  d: Draft,
  namespace: string,
  name: string,
  toRevision?: number,
): { error?: string; output?: string[] } {
  const key = `${namespace}/${name}`;
  const dep = d.deployments[key];
  if (!dep) return notFound('Deployment', name);
  const history = ownedReplicaSets(d, dep);
  const current = history[history.length - 1];
  const target = toRevision
    ? history.find((rs) => revisionOf(rs) === toRevision)
    : history.filter((rs) => rs !== current).pop();
  if (!target) {
    return {
      error: toRevision
        ? `error: unable to find specified revision ${toRevision} in history`
        : 'error: no rollout history found for deployment "' + name + '"',
    };
  }
  const labels = { ...target.spec.template.metadata.labels };
  delete labels['pod-template-hash'];
  d.deployments[key] = {
    ...dep,
    meta: { ...dep.meta, generation: dep.meta.generation + 1 },
    spec: {
      ...dep.spec,
      template: { ...target.spec.template, metadata: { ...target.spec.template.metadata, labels } },
    },
    lastProgressAt: d.now,
  };
  recordEvent(
    d,
    ref('Deployment', dep.meta),
    'Normal',
    'DeploymentRollback',
    `Rolled back deployment "${name}" to revision ${target.meta.annotations[REVISION]}`,
    'deployment-controller',
  );
  return { output: [`deployment.apps/${name} rolled back`] };
}
