/**
 * Scenario expectations on the EKS cluster (`sim.eks`): pods by namespace, Deployment, STATUS
 * (the kubectl STATUS column) and image; a Deployment's replica counts. Pure.
 */
import type { SimState } from '../../sim/index.ts';
import type { ScenarioCondition } from '../../formats/scenario-types.ts';
import { podStatus } from '../../sim/k8s/kubectl-format.ts';
import type { K8sState, Pod } from '../../sim/k8s/model.ts';

export interface EksConditionResult {
  readonly description: string;
  readonly ok: boolean;
  readonly actual: string;
}

function deploymentOf(k8s: K8sState, pod: Pod): string | undefined {
  const rsRef = pod.meta.ownerReferences?.find((o) => o.kind === 'ReplicaSet');
  if (!rsRef) return undefined;
  const rs = k8s.replicaSets[`${pod.meta.namespace}/${rsRef.name}`];
  return rs?.meta.ownerReferences?.find((o) => o.kind === 'Deployment')?.name;
}

export function evaluateEksCondition(
  state: SimState,
  condition: Extract<ScenarioCondition, { kind: 'pods' | 'deployment' }>,
): EksConditionResult {
  const k8s = state.eks;
  if (condition.kind === 'deployment') {
    const ns = condition.namespace ?? 'default';
    const wanted: string[] = [];
    const dep = k8s?.deployments[`${ns}/${condition.name}`];
    // Like `kubectl rollout status`: counts mean nothing until the controller has observed the
    // newest spec (status.observedGeneration >= metadata.generation).
    let ok = dep !== undefined && dep.status.observedGeneration >= dep.meta.generation;
    const actualOf = (
      field: 'replicas' | 'updatedReplicas' | 'readyReplicas' | 'availableReplicas',
    ) => (field === 'replicas' ? dep?.spec.replicas : dep?.status[field]);
    for (const field of [
      'replicas',
      'updatedReplicas',
      'readyReplicas',
      'availableReplicas',
    ] as const) {
      const want = condition[field];
      if (want === undefined) continue;
      wanted.push(`${field} = ${want}`);
      ok &&= actualOf(field) === want;
    }
    return {
      description: `deployment ${ns}/${condition.name}: ${wanted.join(', ') || 'exists'}`,
      ok,
      actual: dep
        ? `${dep.status.observedGeneration < dep.meta.generation ? 'not yet observed; ' : ''}replicas ${dep.spec.replicas}, updated ${dep.status.updatedReplicas}, ready ${dep.status.readyReplicas}, available ${dep.status.availableReplicas}`
        : k8s
          ? 'no such deployment'
          : 'no EKS cluster',
    };
  }
  const sel = condition.pods;
  const parts = [
    sel.namespace && `namespace ${sel.namespace}`,
    sel.deployment && `deployment ${sel.deployment}`,
    sel.status && `STATUS ${sel.status}`,
    sel.image && `image ${sel.image}`,
    condition.minRestarts !== undefined && `restarts ≥ ${condition.minRestarts}`,
  ].filter(Boolean);
  const matching = Object.values(k8s?.pods ?? {}).filter(
    (p) =>
      (sel.namespace === undefined || p.meta.namespace === sel.namespace) &&
      (sel.deployment === undefined || (k8s && deploymentOf(k8s, p) === sel.deployment)) &&
      (sel.status === undefined || podStatus(p) === sel.status) &&
      (sel.image === undefined || p.spec.containers.some((c) => c.image === sel.image)) &&
      (condition.minRestarts === undefined ||
        p.containerStatuses.some((c) => c.restartCount >= condition.minRestarts!)),
  );
  const n = matching.length;
  const statuses = new Map<string, number>();
  for (const p of Object.values(k8s?.pods ?? {}))
    statuses.set(podStatus(p), (statuses.get(podStatus(p)) ?? 0) + 1);
  return {
    description: `pods${parts.length ? ` (${parts.join(', ')})` : ''}: ${condition.count === undefined ? 'at least 1' : `exactly ${condition.count}`}`,
    ok: condition.count === undefined ? n > 0 : n === condition.count,
    actual: k8s
      ? `${n} matching; all pods: ${[...statuses].map(([s, c]) => `${c} ${s}`).join(', ') || 'none'}`
      : 'no EKS cluster',
  };
}
