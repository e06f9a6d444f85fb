/**
 * Pod creation as the API server admits it (defaults, default tolerations, the EKS Fargate
 * webhook) and graceful deletion.
 */
import type { Draft } from './draft.ts';
import { newUid, recordEvent, ref } from './draft.ts';
import { matchFargateProfile } from './fargate.ts';
import type { Meta, OwnerReference, Pod } from './model.ts';
import type { Labels, PodSpec, Toleration } from './objects.ts';

/**
 * DefaultTolerationSeconds admission: not-ready and unreachable NoExecute for 300 s, unless the pod
 * already tolerates them [K8S-WEB taint-and-toleration, B7].
 */
export const DEFAULT_TOLERATION_SECONDS = 300;

function withDefaultTolerations(
  tolerations: readonly Toleration[] | undefined,
): readonly Toleration[] {
  const out = [...(tolerations ?? [])];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!out.some((t) => t.key === key && (t.effect === undefined || t.effect === 'NoExecute'))) {
      out.push({
        key,
        operator: 'Exists',
        effect: 'NoExecute',
        tolerationSeconds: DEFAULT_TOLERATION_SECONDS,
      });
    }
  }
  return out;
}

/** Pure: API-server defaulting of a pod spec (restartPolicy, grace period, scheduler, requests ← limits). */
export function defaultPodSpec(spec: PodSpec): PodSpec {
  return {
    ...spec,
    restartPolicy: spec.restartPolicy ?? 'Always',
    terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds ?? 30,
    schedulerName: spec.schedulerName ?? 'default-scheduler',
    tolerations: withDefaultTolerations(spec.tolerations),
    // When only limits are given, requests default to the limits [K8S-WEB manage-resources-containers].
    containers: spec.containers.map((c) => {
      const limits = c.resources?.limits;
      if (!limits) return c;
      const requests = { ...limits, ...c.resources?.requests };
      return { ...c, resources: { ...c.resources, requests } };
    }),
  };
}

/** Creates a pod in the draft and returns it (status Pending, not yet scheduled). */
export function createPod(
  d: Draft,
  namespace: string,
  name: string,
  labels: Labels,
  annotations: Labels,
  spec: PodSpec,
  owner?: OwnerReference,
): Pod {
  let podSpec = defaultPodSpec(spec);
  // EKS admission webhook: pods matching a Fargate profile go to fargate-scheduler [B10].
  const profile = matchFargateProfile(Object.values(d.fargateProfiles), namespace, labels);
  if (profile && podSpec.schedulerName === 'default-scheduler')
    podSpec = { ...podSpec, schedulerName: 'fargate-scheduler' };
  const meta: Meta = {
    name,
    namespace,
    uid: newUid(d),
    labels,
    annotations,
    creationTimestamp: d.now,
    generation: 1,
    ...(owner ? { ownerReferences: [owner] } : {}),
  };
  const pod: Pod = {
    meta,
    spec: podSpec,
    phase: 'Pending',
    conditions: [],
    containerStatuses: podSpec.containers.map((c) => ({
      name: c.name,
      image: c.image,
      ready: false,
      restartCount: 0,
      state: { kind: 'waiting', reason: 'ContainerCreating' },
      backoffMs: 0,
    })),
    nextScheduleAt: d.now,
    scheduleAttempts: 0,
    ...(profile ? { fargateProfile: profile.name } : {}),
  };
  d.pods[`${namespace}/${name}`] = pod;
  d.changed = true;
  return pod;
}

/**
 * Marks a pod for graceful deletion: Terminating for a short stop (containers exit on SIGTERM in
 * 1–3 s, bounded by terminationGracePeriodSeconds); unscheduled pods go at once.
 */
export function deletePod(
  d: Draft,
  key: string,
  source?: { reason: string; message: string; component: string },
): void {
  const pod = d.pods[key];
  if (!pod || pod.meta.deletionTimestamp !== undefined) return;
  if (source)
    recordEvent(d, ref('Pod', pod.meta), 'Normal', source.reason, source.message, source.component);
  if (!pod.nodeName) {
    delete d.pods[key];
    d.changed = true;
    return;
  }
  for (const c of pod.spec.containers) {
    recordEvent(
      d,
      ref('Pod', pod.meta),
      'Normal',
      'Killing',
      `Stopping container ${c.name}`,
      'kubelet',
    );
  }
  const grace = (pod.spec.terminationGracePeriodSeconds ?? 30) * 1000;
  d.pods[key] = {
    ...pod,
    meta: { ...pod.meta, deletionTimestamp: d.now },
    deleteAt: d.now + Math.min(grace, d.rng.int(1, 3) * 1000),
    containerStatuses: pod.containerStatuses.map((c) => ({ ...c, ready: false })),
  };
  d.changed = true;
}

/** True when the pod counts toward its controller (not terminating, not finished). */
export function isActivePod(pod: Pod): boolean {
  return (
    pod.meta.deletionTimestamp === undefined && pod.phase !== 'Succeeded' && pod.phase !== 'Failed'
  );
}

/** True when the pod's Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return pod.conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** True when Ready for at least minReadySeconds (Deployment/ReplicaSet "available") [B5]. */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  return (
    isPodReady(pod) &&
    pod.readySince !== undefined &&
    now - pod.readySince >= minReadySeconds * 1000
  );
}
