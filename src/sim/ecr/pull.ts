/**
 * Image pulls: how long they take and what a host keeps afterwards.
 *
 * Assumptions (UNVERIFIED, chosen to give the timings of reference A2.5):
 * - Registry → host throughput 50 MB/s on EC2 and on Fargate (layers download in parallel, so a pull
 *   is bandwidth bound); 12.5 MB/s (≈100 Mbit/s) for ECS Anywhere hosts on a site's internet link.
 * - Resolving the manifest (auth + HEAD/GET manifest) costs a fixed 500 ms per pull.
 * - EC2 and external hosts keep pulled layers (Docker/containerd layer store), so a later pull
 *   downloads only missing layers. Fargate gives every task a fresh micro-VM: nothing is cached and
 *   every task downloads the whole image [ECS-DG AWS_Fargate; AWS Fargate has no image cache].
 * - ECS's default ECS_IMAGE_PULL_BEHAVIOR ("default") always contacts the registry, even when every
 *   layer is cached; "prefer-cached" (≈ Kubernetes IfNotPresent) skips the pull entirely when the
 *   image is present [ECS-DG ecs-agent-config].
 */
import type { ImageLayer, ImageManifest } from './types.ts';

export type PullPlatform = 'EC2' | 'FARGATE' | 'EXTERNAL';

/** Bytes per second downloaded from a registry, by where the task runs (assumption, see above). */
export const PULL_BANDWIDTH_BYTES_PER_SEC: Readonly<Record<PullPlatform, number>> = {
  EC2: 50_000_000,
  FARGATE: 50_000_000,
  EXTERNAL: 12_500_000,
};

/** Fixed cost of resolving a manifest before any layer moves (assumption). */
export const MANIFEST_RESOLVE_MS = 500;

/**
 * When to contact the registry. `always` = ECS default / Kubernetes Always; `if-not-present` = ECS
 * prefer-cached / Kubernetes IfNotPresent; `never` = Kubernetes Never.
 */
export type PullPolicy = 'always' | 'if-not-present' | 'never';

export interface PullPlan {
  readonly layersToDownload: readonly ImageLayer[];
  readonly layersCached: readonly ImageLayer[];
  readonly bytesToDownload: number;
  /** Simulated ms from pull start to image ready (0 when the pull is skipped). */
  readonly durationMs: number;
  /** True when no registry contact happens (image present and policy allows skipping). */
  readonly skipped: boolean;
  /** `never` policy and the image is not on the host: Kubernetes ErrImageNeverPull. */
  readonly missingWithNeverPolicy: boolean;
}

/**
 * Pure: plans pulling `manifest` on a host whose layer store holds `cachedLayers` (ignored on
 * Fargate, which never caches). Duration = manifest resolve + missing bytes / platform bandwidth.
 */
export function planImagePull(
  manifest: ImageManifest,
  options: {
    readonly platform: PullPlatform;
    readonly cachedLayers?: readonly string[];
    readonly policy?: PullPolicy;
  },
): PullPlan {
  const cache = new Set(options.platform === 'FARGATE' ? [] : (options.cachedLayers ?? []));
  const layersCached = manifest.layers.filter((l) => cache.has(l.digest));
  const layersToDownload = manifest.layers.filter((l) => !cache.has(l.digest));
  const present = layersToDownload.length === 0;
  const policy = options.policy ?? 'always';
  if (policy === 'never' || (policy === 'if-not-present' && present)) {
    return {
      layersToDownload: present ? [] : layersToDownload,
      layersCached,
      bytesToDownload: 0,
      durationMs: 0,
      skipped: true,
      missingWithNeverPolicy: !present,
    };
  }
  const bytesToDownload = layersToDownload.reduce((sum, l) => sum + l.sizeBytes, 0);
  const transferMs = Math.ceil(
    (bytesToDownload / PULL_BANDWIDTH_BYTES_PER_SEC[options.platform]) * 1000,
  );
  return {
    layersToDownload,
    layersCached,
    bytesToDownload,
    durationMs: MANIFEST_RESOLVE_MS + transferMs,
    skipped: false,
    missingWithNeverPolicy: false,
  };
}

/** Per-host layer stores: host id (container instance / node) → layer digests present. */
export type LayerCache = Readonly<Record<string, readonly string[]>>;

/**
 * Pure: the cache after `hostId` pulled `manifest`. Fargate hosts are never recorded (a Fargate
 * task's micro-VM and its layers disappear with the task).
 */
export function recordPulledImage(
  cache: LayerCache,
  hostId: string,
  manifest: ImageManifest,
  platform: PullPlatform,
): LayerCache {
  if (platform === 'FARGATE') return cache;
  const had = cache[hostId] ?? [];
  const add = manifest.layers.map((l) => l.digest).filter((d) => !had.includes(d));
  return add.length === 0 ? cache : { ...cache, [hostId]: [...had, ...add] };
}

/** Pure: the cache without `hostId` (instance terminated, node removed). */
export function forgetHost(cache: LayerCache, hostId: string): LayerCache {
  if (cache[hostId] === undefined) return cache;
  const next = { ...cache };
  delete next[hostId];
  return next;
}

/**
 * Pure: Kubernetes' default imagePullPolicy: Always for `:latest` or an untagged image, otherwise
 * IfNotPresent [K8S-WEB concepts/containers/images "Default image pull policy"].
 */
export function defaultKubePullPolicy(image: string): PullPolicy {
  const noDigest = image.split('@')[0] ?? image;
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  const hasTag = colon > lastSlash;
  if (image.includes('@')) return 'if-not-present';
  return !hasTag || noDigest.slice(colon + 1) === 'latest' ? 'always' : 'if-not-present';
}
