/**
 * Types of the image registry as the ECS core carries it in SimState (kept apart from model.ts so
 * the ECR modules stay importable on their own).
 */
import type { EcrState } from './ecr/types.ts';
import type { LayerCache } from './ecr/pull.ts';
import type { DockerWorkstation } from './ecr/workstation.ts';

/** The account's private ECR registry and what each host already pulled. */
export interface ImageRegistryState {
  readonly ecr: EcrState;
  /** Container instance id → layer digests in its image store (EC2 and EXTERNAL hosts only). */
  readonly layerCache: LayerCache;
  /** The terminal's `docker` image store and logins (src/terminal/docker-engine.ts). */
  readonly workstation?: DockerWorkstation;
}

/** One task's image pull (all containers, pulled one after another by the agent). */
export interface TaskImagePull {
  /** Simulated ms the pull started (PENDING entered). */
  readonly startedAt: number;
  /** Simulated ms the pull is due to finish (success) or to give up (failure). */
  readonly endsAt: number;
  /** Bytes downloaded from the registry. */
  readonly bytesToDownload: number;
  /** Bytes of layers the host already held (always 0 on Fargate). */
  readonly bytesCached: number;
  /** Layer counts, for the inspector ("3 layers, 2 cached"). */
  readonly layers: number;
  readonly layersCached: number;
  /** Set when an image could not be resolved: the CannotPullContainerError text. */
  readonly error?: string;
  /** Name of the container whose image failed. */
  readonly failedContainer?: string;
  /** Container name → the manifest digest its image resolved to (what `describe-tasks` calls imageDigest). */
  readonly digests?: Readonly<Record<string, string>>;
}
