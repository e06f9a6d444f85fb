/**
 * ECR in the ECS simulation: the registry commands (CreateRepository, build + push, lifecycle
 * policies, BatchDeleteImage) and the image pull every task does while PENDING.
 *
 * Pull rules (the pure ECR modules hold the numbers, see src/sim/ecr/pull.ts):
 * - A task's containers are pulled one after another by the agent (simulator choice; the ECS agent
 *   pulls serially unless configured otherwise — UNVERIFIED). Each image costs a manifest resolve
 *   plus its missing layers at the platform's bandwidth. ECS's default pull behaviour contacts the
 *   registry every time, but an EC2 or EXTERNAL host downloads only layers its image store lacks, so
 *   a second task on the same instance pulls in about a second. Fargate keeps no cache: every task
 *   downloads its whole image [ECS-DG AWS_Fargate].
 * - PENDING lasts CONTAINER_CREATE_MS + the pull, rounded up to the 1 s step.
 * - An image that does not resolve (no repository, no tag, unknown registry) fails after the agent's
 *   retries: the task stops with stopCode TaskFailedToStart and stoppedReason
 *   "CannotPullContainerError: …" [ECS-DG task_cannot_pull_image] (reference A2.2), the failed
 *   container carries the same reason, and a service counts it towards launch throttling and the
 *   circuit breaker (done by requestStop).
 * - Pulls are modelled only when SimState.registry exists (created by the first ECR command or by
 *   ENABLE_IMAGE_PULLS), so hand-built states keep the plain duration table.
 */
import type { Draft } from './draft.ts';
import type { EcrCommand } from './image-registry-commands.ts';
import type { ImageRegistryState, TaskImagePull } from './image-registry-types.ts';
import type { SimEventKind, Task } from './model.ts';
import { buildImage } from './ecr/build.ts';
import { batchDeleteImage } from './ecr/images.ts';
import { applyLifecyclePolicy, putLifecyclePolicy } from './ecr/lifecycle.ts';
import { ecsCannotPullContainerError } from './ecr/pull-errors.ts';
import {
  MANIFEST_RESOLVE_MS,
  PULL_BANDWIDTH_BYTES_PER_SEC,
  recordPulledImage,
  type LayerCache,
  type PullPlatform,
} from './ecr/pull.ts';
import { pushImage } from './ecr/push.ts';
import { createEcrState, createRepository } from './ecr/repository.ts';
import { resolveImage } from './ecr/resolve.ts';
import type { EcrError, EcrState } from './ecr/types.ts';

/** Creating and starting the containers once images are present (simulator choice). */
export const CONTAINER_CREATE_MS = 1000;
/**
 * How long the agent keeps retrying a manifest that does not exist before it gives up ("has been
 * retried 5 time(s)"). AWS does not document the backoff; 10 s is a simulator choice (UNVERIFIED).
 */
export const PULL_FAILURE_AFTER_MS = 10_000;

const REGISTRY_EVENT: SimEventKind = 'cluster';

/** Pure: an empty registry for the cluster's account and Region. */
export function emptyRegistry(accountId: string, region: string): ImageRegistryState {
  return { ecr: createEcrState(accountId, region), layerCache: {} };
}

function ensureRegistry(d: Draft): ImageRegistryState {
  return d.registry ?? emptyRegistry(d.cluster.accountId, d.cluster.region);
}

function ecrError(e: EcrError): string {
  return `${e.code}: ${e.message}`;
}

function withEcr(d: Draft, ecr: EcrState): void {
  const reg = ensureRegistry(d);
  d.setRegistry({ ...reg, ecr });
}

/** ECR evaluates lifecycle policies on its own schedule; the simulator applies them at once. */
function runLifecycle(d: Draft, repositoryName: string): void {
  const reg = ensureRegistry(d);
  if (!reg.ecr.repositories[repositoryName]?.lifecyclePolicy) return;
  const out = applyLifecyclePolicy(reg.ecr, repositoryName, d.now);
  if (!out.ok || out.value.length === 0) return;
  withEcr(d, out.state);
  for (const e of out.value) {
    const tags = e.imageTags.length ? e.imageTags.join(', ') : '<untagged>';
    d.pushEvent(
      REGISTRY_EVENT,
      repositoryName,
      `Lifecycle policy rule ${e.appliedRulePriority} expired image ${e.imageDigest.slice(0, 19)} (${tags}) in repository ${repositoryName}.`,
    );
  }
}

/** Applies one ECR command inside a draft; returns the AWS-style error, if any. */
export function runEcrCommand(d: Draft, c: EcrCommand): string | undefined {
  const reg = ensureRegistry(d);
  switch (c.type) {
    case 'ENABLE_IMAGE_PULLS':
      if (!d.registry) d.setRegistry(reg);
      return undefined;
    case 'CREATE_REPOSITORY': {
      const out = createRepository(
        reg.ecr,
        {
          repositoryName: c.repositoryName,
          imageTagMutability: c.imageTagMutability,
          scanOnPush: c.scanOnPush,
        },
        d.now,
      );
      if (!out.ok) return ecrError(out.error);
      withEcr(d, out.state);
      d.pushEvent(
        REGISTRY_EVENT,
        c.repositoryName,
        `Repository ${out.value.repositoryUri} created.`,
      );
      return undefined;
    }
    case 'PUSH_IMAGE': {
      const built = c.manifest
        ? { ok: true as const, manifest: c.manifest }
        : buildImage(reg.ecr, c.dockerfile);
      if (!built.ok) return built.error;
      const out = pushImage(
        reg.ecr,
        { repositoryName: c.repositoryName, tag: c.tag, manifest: built.manifest },
        d.now,
        d.rng.state,
      );
      if (!out.ok) return ecrError(out.error);
      d.rng.state = out.value.rng;
      withEcr(d, out.state);
      const image = out.state.repositories[c.repositoryName]?.images[out.value.imageDigest];
      const findings = image?.imageScanFindingsSummary?.findingSeverityCounts;
      const scan = findings
        ? ` Scan on push: ${
            Object.entries(findings)
              .map(([sev, n]) => `${n} ${sev}`)
              .join(', ') || 'no findings'
          }.`
        : '';
      d.pushEvent(
        REGISTRY_EVENT,
        c.repositoryName,
        `Image ${c.repositoryName}:${c.tag} pushed (${out.value.imageDigest.slice(0, 19)}…, ${out.value.layersPushed} layers pushed, ${out.value.layersSkipped} already existed).${scan}`,
      );
      runLifecycle(d, c.repositoryName);
      return undefined;
    }
    case 'PUT_LIFECYCLE_POLICY': {
      const out = putLifecyclePolicy(reg.ecr, c.repositoryName, c.policy);
      if (!out.ok) return ecrError(out.error);
      withEcr(d, out.state);
      runLifecycle(d, c.repositoryName);
      return undefined;
    }
    case 'DELETE_IMAGE': {
      const out = batchDeleteImage(reg.ecr, c.repositoryName, [{ imageTag: c.imageTag }]);
      if (!out.ok) return ecrError(out.error);
      const failure = out.value.failures[0];
      if (failure) return `ImageNotFoundException: ${failure.failureReason}`;
      withEcr(d, out.state);
      return undefined;
    }
  }
}

function platformOf(d: Draft, task: Task): PullPlatform {
  if (task.launchType === 'FARGATE') return 'FARGATE';
  const inst = task.containerInstanceId ? d.instances[task.containerInstanceId] : undefined;
  return inst?.external || task.launchType === 'EXTERNAL' ? 'EXTERNAL' : 'EC2';
}

/**
 * Plans the pull of every container image of `task` on its host. Returns the TaskImagePull (with
 * `error` set at the first image that does not resolve).
 */
export function planTaskPull(
  registry: ImageRegistryState,
  task: Task,
  platform: PullPlatform,
  now: number,
): TaskImagePull {
  const cached = new Set(
    platform === 'FARGATE' || !task.containerInstanceId
      ? []
      : (registry.layerCache[task.containerInstanceId] ?? []),
  );
  // Layers pulled for an earlier container of the same task are present for the next one.
  const seen = new Set<string>();
  let bytesToDownload = 0;
  let bytesCached = 0;
  let layers = 0;
  let layersCached = 0;
  let ms = 0;
  const digests: Record<string, string> = {};
  for (const c of task.containers) {
    const found = resolveImage(registry.ecr, c.image);
    if (!found.found) {
      return {
        startedAt: now,
        endsAt: now + PULL_FAILURE_AFTER_MS,
        bytesToDownload,
        bytesCached,
        layers,
        layersCached,
        error: ecsCannotPullContainerError(c.image, found),
        failedContainer: c.name,
      };
    }
    digests[c.name] = found.manifest.digest;
    let missing = 0;
    for (const l of found.manifest.layers) {
      if (seen.has(l.digest)) continue;
      seen.add(l.digest);
      layers++;
      if (cached.has(l.digest)) {
        layersCached++;
        bytesCached += l.sizeBytes;
      } else {
        missing += l.sizeBytes;
      }
    }
    bytesToDownload += missing;
    ms +=
      MANIFEST_RESOLVE_MS + Math.ceil((missing / PULL_BANDWIDTH_BYTES_PER_SEC[platform]) * 1000);
  }
  const total = Math.ceil((CONTAINER_CREATE_MS + ms) / 1000) * 1000;
  return {
    startedAt: now,
    endsAt: now + total,
    bytesToDownload,
    bytesCached,
    layers,
    layersCached,
    digests,
  };
}

/**
 * Called as a task enters PENDING (registry present): plans its pull and schedules the end of
 * PENDING at the pull's end. Returns the task unchanged when pulls are not modelled.
 */
export function beginImagePull(d: Draft, task: Task): Task {
  if (!d.registry || task.lastStatus !== 'PENDING' || task.desiredStatus === 'STOPPED') return task;
  const pull = planTaskPull(d.registry, task, platformOf(d, task), d.now);
  return { ...task, imagePull: pull, nextTransitionAt: pull.endsAt };
}

/** Called when a successful pull ends (PENDING → ACTIVATING): the host keeps the layers. */
export function finishImagePull(d: Draft, task: Task): void {
  const reg = d.registry;
  if (!reg || !task.imagePull || task.imagePull.error || !task.containerInstanceId) return;
  const platform = platformOf(d, task);
  if (platform === 'FARGATE') return;
  let cache: LayerCache = reg.layerCache;
  // Drop caches of hosts that no longer exist (terminated instances took their disks with them).
  for (const host of Object.keys(cache)) {
    if (!d.instances[host] || d.instances[host]?.status === 'INACTIVE') {
      const next = { ...cache };
      delete next[host];
      cache = next;
    }
  }
  for (const c of task.containers) {
    const found = resolveImage(reg.ecr, c.image);
    if (found.found)
      cache = recordPulledImage(cache, task.containerInstanceId, found.manifest, platform);
  }
  if (cache !== reg.layerCache) d.setRegistry({ ...reg, layerCache: cache });
}

/** The task with the failed container's reason set, ready for requestStop(TaskFailedToStart). */
export function withPullFailure(task: Task): Task {
  const pull = task.imagePull;
  if (!pull?.error) return task;
  return {
    ...task,
    containers: task.containers.map((c) =>
      c.name === pull.failedContainer ? { ...c, reason: pull.error } : c,
    ),
  };
}

/**
 * Logs a failed pull. The wording after the colon is the task's stoppedReason; the lead-in is the
 * simulator's summary of the "ECS Task State Change" event (lastStatus STOPPED, stopCode).
 */
export function notePullFailure(d: Draft, task: Task): void {
  const owner = task.serviceName ? `(service ${task.serviceName}) ` : '';
  d.pushEvent(
    'task',
    task.id,
    `${owner}(task ${task.id}) stopped: TaskFailedToStart: ${task.imagePull?.error ?? ''}`,
  );
}
