/**
 * Kubelet image pulls through the simulated registry (the same ECR model and public catalogue ECS
 * tasks pull from, src/sim/ecr). Used by kubelet.ts when the K8sState carries the registry
 * (`ecr`, synced from SimState.registry by src/sim/eks.ts on every advance); without it the kubelet
 * keeps its image-behaviour table only.
 *
 * Rules:
 * - An image that resolves (a pushed ECR tag or digest, or a catalogue image such as nginx:1.27)
 *   pulls in manifest resolve + missing bytes / bandwidth (src/sim/ecr/pull.ts); a node's container
 *   runtime keeps the layers it pulled (`nodeLayers`), so a second image sharing a base downloads
 *   only its own layers. A Fargate pod runs in its own micro-VM and always downloads everything.
 * - An image that does not resolve fails with containerd's error as the kubelet quotes it
 *   ("Failed to pull image …: rpc error: code = NotFound …", src/sim/ecr/pull-errors.ts), then
 *   ErrImagePull → ImagePullBackOff with the kubelet's image back-off: 10 s, doubling, 300 s cap
 *   [K8S-WEB concepts/containers/images "ImagePullBackOff"]. Each retry resolves again, so pushing
 *   the missing tag lets the next retry succeed.
 */
import {
  MANIFEST_RESOLVE_MS,
  planImagePull,
  recordPulledImage,
  type PullPlatform,
} from '../ecr/pull.ts';
import { kubePullErrorText } from '../ecr/pull-errors.ts';
import { resolveImage } from '../ecr/resolve.ts';
import type { Draft } from './draft.ts';
import type { K8sState, Node } from './model.ts';

/** [K8S-WEB concepts/containers/images] image pull back-off: 10 s initial, 300 s maximum. */
export const IMAGE_BACKOFF_INITIAL_MS = 10_000;
export const IMAGE_BACKOFF_MAX_MS = 300_000;

/** Pure: the next image back-off after a failed pull (0 = none yet): 10, 20, 40 … 300 s. */
export function nextImageBackoff(backoffMs: number): number {
  return backoffMs <= 0 ? IMAGE_BACKOFF_INITIAL_MS : Math.min(2 * backoffMs, IMAGE_BACKOFF_MAX_MS);
}

/** Where a node's pods pull from: Fargate (no cache), an on-premises node, or EC2. */
export function pullPlatformOf(node: Node): PullPlatform {
  if (node.origin.kind === 'fargate') return 'FARGATE';
  return node.meta.labels['eks.amazonaws.com/anywhere'] !== undefined ? 'EXTERNAL' : 'EC2';
}

export type KubePullCheck =
  | {
      readonly ok: true;
      readonly durationMs: number;
      readonly imageSizeBytes: number;
      readonly bytesToDownload: number;
    }
  | { readonly ok: false; readonly error: string; readonly durationMs: number };

/**
 * Pure: what pulling `image` on `node` would do now, or undefined when the registry is not
 * modelled (no `ecr` in the state).
 */
export function checkKubePull(
  state: K8sState,
  node: Node,
  image: string,
): KubePullCheck | undefined {
  if (!state.ecr) return undefined;
  const found = resolveImage(state.ecr, image);
  if (!found.found) {
    return { ok: false, error: kubePullErrorText(image, found), durationMs: MANIFEST_RESOLVE_MS };
  }
  const platform = pullPlatformOf(node);
  const plan = planImagePull(found.manifest, {
    platform,
    cachedLayers: state.nodeLayers?.[node.meta.name] ?? [],
  });
  return {
    ok: true,
    durationMs: plan.durationMs,
    imageSizeBytes: found.manifest.sizeBytes,
    bytesToDownload: plan.bytesToDownload,
  };
}

/** Pure: the pull's duration rounded up to the kubelet's 1 s step (at least one step). */
export function pullStepMs(durationMs: number): number {
  return Math.max(1000, Math.ceil(durationMs / 1000) * 1000);
}

/** After a successful pull: the node's runtime keeps the image's layers (not on Fargate). */
export function recordNodePull(d: Draft, node: Node, image: string): void {
  const ecr = d.base.ecr;
  if (!ecr) return;
  const found = resolveImage(ecr, image);
  if (!found.found) return;
  const cache = d.extra.nodeLayers ?? d.base.nodeLayers ?? {};
  const next = recordPulledImage(cache, node.meta.name, found.manifest, pullPlatformOf(node));
  if (next !== cache) d.extra.nodeLayers = next;
}

/** Pure: kubelet's "Successfully pulled image" message with its duration and the image size. */
export function pulledMessage(image: string, durationMs: number, sizeBytes: number): string {
  const secs = `${(durationMs / 1000).toFixed(3).replace(/\.?0+$/, '')}s`;
  return `Successfully pulled image "${image}" in ${secs} (${secs} including waiting). Image size: ${sizeBytes} bytes.`;
}
