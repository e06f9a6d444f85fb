/**
 * How image-pull failures are worded, on ECS and on Kubernetes.
 *
 * ECS: the task stops with stopCode TaskFailedToStart and a `CannotPullContainerError: …`
 * stoppedReason [ECS-DG task_cannot_pull_image] (reference A2.2). The text after the prefix is the
 * container runtime's; for a missing repository or tag the ECS agent (containerd-based pulls, used by
 * Fargate platform 1.4 and current agents) reports, as seen in real stopped tasks:
 *   `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref
 *    <ref>: <ref>: not found`
 * with <ref> the fully qualified reference (docker.io/library/nginx:nosuch).
 *
 * Kubernetes: kubelet events from pkg/kubelet/images/image_manager.go [K8S-SRC]: `Pulling image
 * "<image>"`, then `Failed to pull image "<image>": <CRI error>` and `Error: ErrImagePull`; while the
 * per-image backoff runs, `Back-off pulling image "<image>"` and `Error: ImagePullBackOff`. The CRI
 * error is containerd's: `rpc error: code = NotFound desc = failed to pull and unpack image "<ref>":
 * failed to resolve reference "<ref>": <ref>: not found`. Backoff: 10 s doubling to a 300 s cap
 * (kubelet's image backoff; reference B3 marks these numbers UNVERIFIED).
 */
import type { StopCode } from '../model.ts';
import type { ImageReference } from './image-reference.ts';
import type { ResolveResult } from './resolve.ts';

type Failure = Extract<ResolveResult, { found: false }>;

/** How many times the ECS agent retries a manifest pull before giving up (as its message says). */
export const ECS_MANIFEST_PULL_RETRIES = 5;

function manifestUrl(ref: ImageReference): string {
  const host = ref.registry === 'docker-hub' ? 'registry-1.docker.io' : ref.registryHost;
  return `https://${host}/v2/${ref.repository}/manifests/${ref.digest ?? ref.tag ?? 'latest'}`;
}

/** Pure: the runtime's explanation after "failed to resolve ref <ref>: ". */
function resolveDetail(ref: ImageReference, failure: Failure): string {
  if (failure.reason === 'registry-unknown') {
    return ref.registry === 'ecr'
      ? `pulling from host ${ref.registryHost} failed with status code [manifests ${ref.digest ?? ref.tag}]: 403 Forbidden`
      : `failed to do request: Head "${manifestUrl(ref)}": dial tcp: lookup ${ref.registryHost}: no such host`;
  }
  return `${ref.canonical}: not found`;
}

/** Pure: the `CannotPullContainerError: …` text ECS puts in stoppedReason and the container reason. */
export function ecsCannotPullContainerError(image: string, failure: Failure): string {
  if (!failure.ref) {
    return `CannotPullContainerError: failed to parse image reference "${image}": ${failure.detail}`;
  }
  return (
    `CannotPullContainerError: pull image manifest has been retried ${ECS_MANIFEST_PULL_RETRIES} ` +
    `time(s): failed to resolve ref ${failure.ref.canonical}: ${resolveDetail(failure.ref, failure)}`
  );
}

/** What the ECS core sets on a task whose image cannot be pulled. */
export interface EcsPullFailureStop {
  readonly stopCode: StopCode;
  readonly stoppedReason: string;
  /** Same text on the container that failed (`containers[].reason`). */
  readonly containerReason: string;
}

/** Pure: stop fields for an ECS task whose container `image` failed to resolve. */
export function ecsPullFailureStop(image: string, failure: Failure): EcsPullFailureStop {
  const text = ecsCannotPullContainerError(image, failure);
  // A task that never reached RUNNING stops with TaskFailedToStart [ECS-API TaskStopCode] (A2.2).
  return { stopCode: 'TaskFailedToStart', stoppedReason: text, containerReason: text };
}

/** Pure: containerd's CRI error for a failed pull, as kubelet quotes it. */
export function kubePullErrorText(image: string, failure: Failure): string {
  if (!failure.ref) {
    return `failed to pull and unpack image "${image}": ${failure.detail}`;
  }
  const ref = failure.ref.canonical;
  const code = failure.reason === 'registry-unknown' ? 'Unknown' : 'NotFound';
  return (
    `rpc error: code = ${code} desc = failed to pull and unpack image "${ref}": ` +
    `failed to resolve reference "${ref}": ${resolveDetail(failure.ref, failure)}`
  );
}

/** A Kubernetes event as `kubectl describe pod` lists it. */
export interface KubePullEvent {
  /** Simulated ms. */
  readonly at: number;
  readonly type: 'Normal' | 'Warning';
  readonly reason: 'Pulling' | 'Pulled' | 'Failed' | 'BackOff' | 'ErrImageNeverPull';
  readonly message: string;
}

/** Kubelet image-pull backoff: first delay and cap (UNVERIFIED numbers, reference B3). */
export const IMAGE_PULL_BACKOFF_INITIAL_MS = 10_000;
export const IMAGE_PULL_BACKOFF_MAX_MS = 300_000;

/** Pure: the wait after the n-th consecutive failed pull (n ≥ 1): 10 s, 20 s, 40 s … capped at 300 s. */
export function imagePullBackoffMs(consecutiveFailures: number): number {
  const n = Math.max(1, Math.floor(consecutiveFailures));
  return Math.min(IMAGE_PULL_BACKOFF_MAX_MS, IMAGE_PULL_BACKOFF_INITIAL_MS * 2 ** (n - 1));
}

/** The container's `state.waiting` while a pull is failing. */
export interface KubeWaitingState {
  readonly reason: 'ErrImagePull' | 'ImagePullBackOff';
  readonly message: string;
}

/**
 * Pure: the events and waiting states of `attempts` failed pulls starting at `startAt`, following the
 * kubelet: attempt k fails (Pulling → Failed "Failed to pull image…" → Failed "Error: ErrImagePull",
 * container waiting ErrImagePull), then while the backoff runs the next sync reports BackOff "Back-off
 * pulling image…" and "Error: ImagePullBackOff" (waiting ImagePullBackOff) until attempt k+1.
 */
export function kubeImagePullFailureTimeline(
  image: string,
  failure: Failure,
  startAt: number,
  attempts: number,
): {
  readonly events: readonly KubePullEvent[];
  readonly waiting: readonly { at: number; state: KubeWaitingState }[];
} {
  const events: KubePullEvent[] = [];
  const waiting: { at: number; state: KubeWaitingState }[] = [];
  const error = kubePullErrorText(image, failure);
  let at = startAt;
  for (let k = 1; k <= attempts; k++) {
    events.push({ at, type: 'Normal', reason: 'Pulling', message: `Pulling image "${image}"` });
    events.push({
      at,
      type: 'Warning',
      reason: 'Failed',
      message: `Failed to pull image "${image}": ${error}`,
    });
    events.push({ at, type: 'Warning', reason: 'Failed', message: 'Error: ErrImagePull' });
    waiting.push({ at, state: { reason: 'ErrImagePull', message: error } });
    // The pod worker's next sync (≈1 s later) finds the image in backoff.
    const backoffAt = at + 1000;
    const backoff = `Back-off pulling image "${image}"`;
    events.push({ at: backoffAt, type: 'Normal', reason: 'BackOff', message: backoff });
    events.push({
      at: backoffAt,
      type: 'Warning',
      reason: 'Failed',
      message: 'Error: ImagePullBackOff',
    });
    waiting.push({ at: backoffAt, state: { reason: 'ImagePullBackOff', message: backoff } });
    at += imagePullBackoffMs(k);
  }
  return { events, waiting };
}

/** Pure: kubelet's success events (`Pulled`), or "already present" when the pull was skipped. */
export function kubePullSuccessEvent(
  image: string,
  at: number,
  pull: { readonly skipped: boolean; readonly durationMs: number; readonly imageSizeBytes: number },
): KubePullEvent {
  if (pull.skipped) {
    return {
      at,
      type: 'Normal',
      reason: 'Pulled',
      message: `Container image "${image}" already present on machine`,
    };
  }
  const secs = `${(pull.durationMs / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
  return {
    at,
    type: 'Normal',
    reason: 'Pulled',
    message:
      `Successfully pulled image "${image}" in ${secs} (${secs} including waiting). ` +
      `Image size: ${pull.imageSizeBytes} bytes.`,
  };
}

/** Pure: the ErrImageNeverPull event for imagePullPolicy Never and an absent image [K8S-SRC]. */
export function kubeNeverPullEvent(image: string, at: number): KubePullEvent {
  return {
    at,
    type: 'Warning',
    reason: 'ErrImageNeverPull',
    message: `Container image "${image}" is not present with pull policy of Never`,
  };
}
