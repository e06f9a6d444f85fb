/**
 * The kubelet on every Ready node: pulls images, creates and starts containers, restarts crashed
 * ones with the CrashLoopBackOff timer, reports readiness and the pod phase, and finishes deletions.
 * Durations of pulls/starts are simulator defaults (UNVERIFIED, reference A2.5 spirit).
 */
import type { Draft } from './draft.ts';
import { recordEvent, ref } from './draft.ts';
import type { Condition, ContainerStatus, Node, Pod, PodPhase } from './model.ts';
import type { ContainerSpec } from './objects.ts';
import {
  checkKubePull,
  nextImageBackoff,
  pulledMessage,
  pullStepMs,
  recordNodePull,
} from './image-pull.ts';

/** CrashLoopBackOff: first wait 10 s, doubling, capped at 300 s [K8S-WEB pod-lifecycle, B3]. */
export const BACKOFF_INITIAL_MS = 10_000;
export const BACKOFF_MAX_MS = 300_000;
/** A container that ran this long without trouble resets its back-off [B3]. */
export const BACKOFF_RESET_MS = 600_000;

/**
 * Pure: the back-off after one more crash and how long to wait before restarting (reference E8):
 * the first crash restarts at once, then 10, 20, 40, 80, 160, 300, 300 … s.
 */
export function nextBackoff(
  backoffMs: number,
  ranForMs: number,
): { delayMs: number; backoffMs: number } {
  const current = ranForMs >= BACKOFF_RESET_MS ? 0 : backoffMs;
  if (current === 0) return { delayMs: 0, backoffMs: BACKOFF_INITIAL_MS };
  return { delayMs: current, backoffMs: Math.min(2 * current, BACKOFF_MAX_MS) };
}

/** Pure: when (after start) and how a container exits by itself, from the image behaviour or `exit N`. */
export function plannedExit(
  spec: ContainerSpec,
  images: Draft['base']['images'],
): { afterMs: number; exitCode: number } | undefined {
  const b = images[spec.image];
  if (b?.crashAfterMs !== undefined) return { afterMs: b.crashAfterMs, exitCode: b.exitCode ?? 1 };
  const m = /\bexit (\d+)\b/.exec([...(spec.command ?? []), ...(spec.args ?? [])].join(' '));
  return m ? { afterMs: 1000, exitCode: Number(m[1]) } : undefined;
}

function cond(type: string, ok: boolean, now: number, prev: readonly Condition[]): Condition {
  const status = ok ? 'True' : 'False';
  const old = prev.find((c) => c.type === type);
  if (old && old.status === status) return old;
  return { type, status, lastTransitionTime: now, ...(ok ? {} : { reason: 'ContainersNotReady' }) };
}

/** Runs every kubelet for one step. */
export function runKubelets(d: Draft): void {
  for (const [key, pod] of Object.entries(d.pods)) {
    if (!pod.nodeName) {
      if (pod.meta.deletionTimestamp !== undefined && (pod.deleteAt ?? 0) <= d.now)
        delete d.pods[key];
      continue;
    }
    const node = d.nodes[pod.nodeName];
    if (!node) {
      // Pod garbage collection: pods bound to a node that no longer exists are removed.
      delete d.pods[key];
      d.changed = true;
      continue;
    }
    if (!node.kubeletUp) continue;
    if (pod.meta.deletionTimestamp !== undefined) {
      if ((pod.deleteAt ?? 0) <= d.now) {
        delete d.pods[key];
        d.changed = true;
      }
      continue;
    }
    if (pod.phase === 'Succeeded' || pod.phase === 'Failed') continue;
    stepPod(d, key, pod, node);
  }
}

function stepPod(d: Draft, key: string, pod: Pod, node: Node): void {
  let changed = false;
  let images = node.images;
  const statuses = pod.containerStatuses.map((cs, i) => {
    const spec = pod.spec.containers[i] as ContainerSpec;
    const next = stepContainer(d, pod, spec, cs, images, node);
    if (next !== cs) changed = true;
    if (next.stage === 'start' && cs.stage === 'pull' && !images.includes(spec.image))
      images = [...images, spec.image];
    return next;
  });
  const first = pod.startTime === undefined;
  if (!changed && !first) return;
  if (images !== node.images) d.nodes[node.meta.name] = { ...node, images };
  const allReady = statuses.every((c) => c.ready);
  // A terminated container with a restart pending is "restarting": the pod stays Running [B2].
  const restarting = (c: ContainerStatus): boolean =>
    c.lastState !== undefined && c.stage === 'start';
  const anyRunning = statuses.some((c) => c.state.kind === 'running' || restarting(c));
  const allDone = statuses.every((c) => c.state.kind === 'terminated' && !restarting(c));
  let phase: PodPhase = anyRunning ? 'Running' : 'Pending';
  if (allDone) {
    const failed = statuses.some((c) => c.state.kind === 'terminated' && c.state.exitCode !== 0);
    phase = failed ? 'Failed' : 'Succeeded';
  }
  const prev = pod.conditions;
  const scheduled = prev.find((c) => c.type === 'PodScheduled') ?? {
    type: 'PodScheduled',
    status: 'True' as const,
    lastTransitionTime: d.now,
  };
  const readyCond = cond('Ready', allReady, d.now, prev);
  d.pods[key] = {
    ...pod,
    phase,
    containerStatuses: statuses,
    startTime: pod.startTime ?? d.now,
    podIP: pod.podIP ?? node.internalIP.replace(/\.\d+$/, `.${100 + (d.counters.ip++ % 150)}`),
    readySince: allReady ? (pod.readySince ?? d.now) : undefined,
    conditions: [
      cond('PodReadyToStartContainers', true, d.now, prev),
      cond('Initialized', true, d.now, prev),
      readyCond,
      cond('ContainersReady', allReady, d.now, prev),
      scheduled,
    ],
  };
  d.changed = true;
}

function stepContainer(
  d: Draft,
  pod: Pod,
  spec: ContainerSpec,
  cs: ContainerStatus,
  nodeImages: readonly string[],
  node: Node,
): ContainerStatus {
  const now = d.now;
  const podRef = ref('Pod', pod.meta);
  // Freshly bound: begin pulling (or reuse the cached image: imagePullPolicy IfNotPresent).
  if (cs.stage === undefined && cs.state.kind === 'waiting' && cs.nextActionAt === undefined) {
    const cached = nodeImages.includes(spec.image) && spec.imagePullPolicy !== 'Always';
    if (cached) {
      recordEvent(
        d,
        podRef,
        'Normal',
        'Pulled',
        `Container image "${spec.image}" already present on machine`,
        'kubelet',
      );
      return { ...cs, stage: 'start', nextActionAt: now + 1000 };
    }
    recordEvent(d, podRef, 'Normal', 'Pulling', `Pulling image "${spec.image}"`, 'kubelet');
    // Through the registry model: time from the image size and the node's layer cache.
    const check = checkKubePull(d.base, node, spec.image);
    const pullMs = check ? pullStepMs(check.durationMs) : d.rng.int(2, 6) * 1000;
    return { ...cs, stage: 'pull', nextActionAt: now + pullMs };
  }
  if (cs.state.kind === 'running' && cs.crashAt !== undefined && cs.crashAt <= now) {
    return crash(d, pod, spec, cs, cs.crashExitCode ?? 1);
  }
  // A running container marked not ready by the node lifecycle controller while its node was
  // unreachable: once the kubelet reports again, readiness is re-evaluated — at once without a
  // readiness probe (Success by default), else at the next probe period [K8S pod-lifecycle
  // "container probes"; node controller MarkPodsNotReady]. Found by the property soak, seed 2718.
  if (cs.state.kind === 'running' && !cs.ready && cs.stage === undefined) {
    const probe = spec.readinessProbe;
    return probe
      ? { ...cs, stage: 'probe', nextActionAt: now + Math.max(probe.periodSeconds, 1) * 1000 }
      : { ...cs, ready: true, nextActionAt: undefined };
  }
  if (cs.nextActionAt === undefined || cs.nextActionAt > now) return cs;
  if (cs.stage === 'pull') return finishPull(d, pod, spec, cs, node);
  if (cs.stage === 'start') return start(d, pod, spec, cs);
  if (cs.stage === 'probe')
    return { ...cs, ready: true, stage: undefined, nextActionAt: undefined };
  return cs;
}

function finishPull(
  d: Draft,
  pod: Pod,
  spec: ContainerSpec,
  cs: ContainerStatus,
  node: Node,
): ContainerStatus {
  const podRef = ref('Pod', pod.meta);
  // A behaviour set for the image wins; else the registry decides (k8s/image-pull.ts).
  const check = checkKubePull(d.base, node, spec.image);
  const pullable = d.base.images[spec.image]?.pullable ?? check?.ok ?? true;
  if (pullable) {
    recordEvent(
      d,
      podRef,
      'Normal',
      'Pulled',
      check?.ok
        ? pulledMessage(spec.image, check.durationMs, check.imageSizeBytes)
        : `Successfully pulled image "${spec.image}"`,
      'kubelet',
    );
    recordNodePull(d, node, spec.image);
    const wasBackingOff = cs.state.kind === 'waiting' && /ImagePull/.test(cs.state.reason);
    return {
      ...cs,
      ...(wasBackingOff ? { backoffMs: 0 } : {}),
      stage: 'start',
      nextActionAt: d.now + 1000,
      state: { kind: 'waiting', reason: 'ContainerCreating' },
    };
  }
  if (cs.state.kind === 'waiting' && cs.state.reason === 'ErrImagePull') {
    // Image pull back-off: 10 s, doubling, 300 s cap [K8S-WEB containers/images ImagePullBackOff].
    const wait = nextImageBackoff(cs.backoffMs);
    const backoffMs = wait;
    recordEvent(
      d,
      podRef,
      'Normal',
      'BackOff',
      `Back-off pulling image "${spec.image}"`,
      'kubelet',
    );
    recordEvent(d, podRef, 'Warning', 'Failed', 'Error: ImagePullBackOff', 'kubelet');
    return {
      ...cs,
      backoffMs: Math.max(backoffMs, wait),
      state: {
        kind: 'waiting',
        reason: 'ImagePullBackOff',
        message: `Back-off pulling image "${spec.image}"`,
      },
      nextActionAt: d.now + wait,
      stage: 'pull',
    };
  }
  if (cs.state.kind === 'waiting' && cs.state.reason === 'ImagePullBackOff') {
    recordEvent(d, podRef, 'Normal', 'Pulling', `Pulling image "${spec.image}"`, 'kubelet');
  }
  recordEvent(
    d,
    podRef,
    'Warning',
    'Failed',
    `Failed to pull image "${spec.image}": ${
      check && !check.ok
        ? check.error
        : `rpc error: code = NotFound desc = failed to pull and unpack image "${spec.image}": not found`
    }`,
    'kubelet',
  );
  recordEvent(d, podRef, 'Warning', 'Failed', 'Error: ErrImagePull', 'kubelet');
  return {
    ...cs,
    state: { kind: 'waiting', reason: 'ErrImagePull' },
    nextActionAt: d.now + 1000,
    stage: 'pull',
  };
}

function start(d: Draft, pod: Pod, spec: ContainerSpec, cs: ContainerStatus): ContainerStatus {
  const podRef = ref('Pod', pod.meta);
  recordEvent(d, podRef, 'Normal', 'Created', `Created container ${spec.name}`, 'kubelet');
  recordEvent(d, podRef, 'Normal', 'Started', `Started container ${spec.name}`, 'kubelet');
  const exit = plannedExit(spec, d.base.images);
  const probe = spec.readinessProbe;
  // Readiness: no probe ⇒ Success at once; else the first probe runs after initialDelaySeconds [B4].
  const readyAt = probe ? d.now + Math.max(probe.initialDelaySeconds, 0) * 1000 + 1000 : undefined;
  const restarted = cs.lastState !== undefined;
  return {
    ...cs,
    restartCount: restarted ? cs.restartCount + 1 : cs.restartCount,
    state: { kind: 'running', startedAt: d.now },
    ready: readyAt === undefined,
    stage: readyAt === undefined ? undefined : 'probe',
    nextActionAt: readyAt,
    crashAt: exit ? d.now + exit.afterMs : undefined,
    crashExitCode: exit?.exitCode,
  };
}

/** A running container exits: Terminated, then restart per restartPolicy with CrashLoopBackOff. */
export function crash(
  d: Draft,
  pod: Pod,
  spec: ContainerSpec,
  cs: ContainerStatus,
  exitCode: number,
): ContainerStatus {
  const startedAt = cs.state.kind === 'running' ? cs.state.startedAt : d.now;
  const terminated = {
    kind: 'terminated' as const,
    reason: exitCode === 0 ? 'Completed' : 'Error',
    exitCode,
    startedAt,
    finishedAt: d.now,
  };
  const policy = pod.spec.restartPolicy ?? 'Always';
  const restart = policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
  if (!restart)
    return {
      ...cs,
      ready: false,
      state: terminated,
      crashAt: undefined,
      nextActionAt: undefined,
      stage: undefined,
    };
  const { delayMs, backoffMs } = nextBackoff(cs.backoffMs, d.now - startedAt);
  if (delayMs > 0) {
    recordEvent(
      d,
      ref('Pod', pod.meta),
      'Warning',
      'BackOff',
      `Back-off restarting failed container ${spec.name} in pod ${pod.meta.name}_${pod.meta.namespace}(${pod.meta.uid})`,
      'kubelet',
    );
  }
  return {
    ...cs,
    ready: false,
    lastState: terminated,
    backoffMs,
    state:
      delayMs > 0
        ? {
            kind: 'waiting',
            reason: 'CrashLoopBackOff',
            message: `back-off ${formatBackoff(delayMs)} restarting failed container=${spec.name} pod=${pod.meta.name}_${pod.meta.namespace}(${pod.meta.uid})`,
          }
        : terminated,
    stage: 'start',
    nextActionAt: d.now + delayMs,
    crashAt: undefined,
  };
}

function formatBackoff(ms: number): string {
  const s = ms / 1000;
  return s >= 60 ? `${Math.floor(s / 60)}m${s % 60 ? `${s % 60}s` : '0s'}` : `${s}s`;
}
