/**
 * `docker push` to a private ECR repository (ECR's InitiateLayerUpload/CompleteLayerUpload/PutImage
 * sequence collapsed into one step). Layers the repository already stores are skipped, printed as
 * "Layer already exists" like the docker CLI; tag immutability is enforced with
 * ImageTagAlreadyExistsException [ECR-UG image-tag-mutability]; scan-on-push runs a basic scan.
 */
import type { RngState } from '../rng.ts';
import { shortDigest } from './digest.ts';
import { imageTagAlreadyExists } from './errors.ts';
import { getRepository, withRepository } from './repository.ts';
import { simulateScanFindings, withScan } from './scan.ts';
import type { EcrImage, EcrRepository, EcrResult, EcrState, ImageManifest } from './types.ts';

export interface PushImageInput {
  readonly repositoryName: string;
  /** The tag to push; ECR tags are 1–300 chars [ECR-API ImageTag], Docker allows up to 128. */
  readonly tag: string;
  readonly manifest: ImageManifest;
}

export interface PushOutcome {
  readonly imageDigest: string;
  /** Lines as the docker CLI prints them (top layer first, then the digest line). */
  readonly output: readonly string[];
  readonly layersPushed: number;
  readonly layersSkipped: number;
  /** Bytes actually uploaded (skipped layers cost nothing). */
  readonly bytesPushed: number;
  readonly rng: RngState;
}

/**
 * Pure: the layer uploads of a push, top layer first as the docker CLI prints them: "Pushed" for a
 * layer the repository lacks, "Layer already exists" for one it stores (ECR checks each layer with
 * BatchCheckLayerAvailability before uploading). Layers go up before the manifest, so they print
 * even when the final PutImage is refused.
 */
export function uploadLayers(
  repo: EcrRepository,
  manifest: ImageManifest,
): { lines: string[]; pushed: number; skipped: number; bytesPushed: number } {
  const stored = new Set(
    Object.values(repo.images).flatMap((img) => img.layers.map((l) => l.digest)),
  );
  const lines: string[] = [];
  let pushed = 0;
  let skipped = 0;
  let bytesPushed = 0;
  for (const layer of [...manifest.layers].reverse()) {
    if (stored.has(layer.digest)) {
      skipped++;
      lines.push(`${shortDigest(layer.digest)}: Layer already exists`);
    } else {
      pushed++;
      bytesPushed += layer.sizeBytes;
      stored.add(layer.digest);
      lines.push(`${shortDigest(layer.digest)}: Pushed`);
    }
  }
  return { lines, pushed, skipped, bytesPushed };
}

const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * Pure: pushes `input.manifest` as `repositoryName:tag` at `now`. Moves the tag off any other image
 * in a MUTABLE repository (leaving that image untagged if it was its last tag); fails in an
 * IMMUTABLE repository when the tag already names a different image. Pushing the same image under
 * the same tag again uploads nothing and succeeds.
 */
export function pushImage(
  state: EcrState,
  input: PushImageInput,
  now: number,
  rng: RngState,
): EcrResult<PushOutcome> {
  const found = getRepository(state, input.repositoryName);
  if (!found.ok) return found;
  const repo = found.repository;
  if (!TAG.test(input.tag)) {
    return {
      ok: false,
      error: {
        code: 'InvalidParameterException',
        message: `Invalid parameter at 'imageTag' failed to satisfy constraint: 'invalid tag "${input.tag}"'`,
      },
    };
  }
  const { manifest, tag } = input;
  const holder = Object.values(repo.images).find((img) => img.imageTags.includes(tag));
  if (holder && holder.imageDigest !== manifest.digest && repo.imageTagMutability === 'IMMUTABLE') {
    return { ok: false, error: imageTagAlreadyExists() };
  }

  const layerUpload = uploadLayers(repo, manifest);
  const { pushed, skipped, bytesPushed } = layerUpload;
  const output = [
    `The push refers to repository [${repo.repositoryUri}]`,
    ...layerUpload.lines,
    `${tag}: digest: ${manifest.digest} size: ${manifest.manifestSizeBytes}`,
  ];

  const images: Record<string, EcrImage> = { ...repo.images };
  if (holder && holder.imageDigest !== manifest.digest) {
    images[holder.imageDigest] = {
      ...holder,
      imageTags: holder.imageTags.filter((t) => t !== tag),
    };
  }
  const existing = images[manifest.digest];
  let image: EcrImage = existing
    ? {
        ...existing,
        imageTags: existing.imageTags.includes(tag)
          ? existing.imageTags
          : [...existing.imageTags, tag],
      }
    : {
        imageDigest: manifest.digest,
        imageTags: [tag],
        imageSizeInBytes: manifest.sizeBytes,
        layers: manifest.layers,
        manifestSizeBytes: manifest.manifestSizeBytes,
        imagePushedAt: now,
      };
  let nextRng = rng;
  if (!existing && repo.imageScanningConfiguration.scanOnPush) {
    const [summary, advanced] = simulateScanFindings(rng, manifest.sizeBytes, now);
    image = withScan(image, summary, now);
    nextRng = advanced;
  }
  images[manifest.digest] = image;
  return {
    ok: true,
    state: withRepository(state, { ...repo, images }),
    value: {
      imageDigest: manifest.digest,
      output,
      layersPushed: pushed,
      layersSkipped: skipped,
      bytesPushed,
      rng: nextRng,
    },
  };
}
