/**
 * Resolving an image reference to a manifest, as a container runtime does before pulling: private
 * ECR references are looked up in the simulated registry, Docker Hub and ECR Public references in
 * the built-in catalogue. Other registries do not exist in the simulator.
 */
import { lookupPublicImage } from './catalogue.ts';
import { makeManifest } from './manifest.ts';
import { parseImageReference, type ImageReference } from './image-reference.ts';
import type { EcrImage, EcrState, ImageManifest } from './types.ts';

export type ResolveFailure =
  /** The string is not a valid reference. */
  | 'invalid-reference'
  /** The registry has no such repository. */
  | 'repository-not-found'
  /** The repository exists but the tag or digest does not. */
  | 'manifest-not-found'
  /** A registry the simulator does not model (or another account's ECR registry). */
  | 'registry-unknown';

export type ResolveResult =
  | {
      readonly found: true;
      readonly ref: ImageReference;
      readonly manifest: ImageManifest;
      readonly source: 'ecr' | 'public';
    }
  | {
      readonly found: false;
      /** Absent only when the reference did not parse. */
      readonly ref?: ImageReference;
      readonly reason: ResolveFailure;
      /** Parse error text for `invalid-reference`; otherwise a short explanation. */
      readonly detail: string;
    };

/** Pure: the stored image a tag or digest points at in one repository, if any. */
export function findEcrImage(
  images: Readonly<Record<string, EcrImage>>,
  id: { readonly imageTag?: string; readonly imageDigest?: string },
): EcrImage | undefined {
  if (id.imageDigest !== undefined) {
    const image = images[id.imageDigest];
    if (!image) return undefined;
    // With both, ECR requires the tag to point at that digest.
    return id.imageTag === undefined || image.imageTags.includes(id.imageTag) ? image : undefined;
  }
  return Object.values(images).find(
    (img) => id.imageTag !== undefined && img.imageTags.includes(id.imageTag),
  );
}

/** Pure: the manifest view of a stored ECR image. */
export function manifestOf(image: EcrImage): ImageManifest {
  return makeManifest(image.layers);
}

/**
 * Pure: resolves `reference` (string or parsed) against the private registry `ecr` and the public
 * catalogue. A digest-pinned reference matches by digest (the tag, if also given, is ignored as
 * Docker does); otherwise by tag (default `latest`).
 */
export function resolveImage(ecr: EcrState, reference: string | ImageReference): ResolveResult {
  let ref: ImageReference;
  if (typeof reference === 'string') {
    const parsed = parseImageReference(reference);
    if (!parsed.ok) return { found: false, reason: 'invalid-reference', detail: parsed.error };
    ref = parsed.ref;
  } else {
    ref = reference;
  }

  if (ref.registry === 'ecr') {
    if (ref.accountId !== ecr.registryId || ref.region !== ecr.region) {
      return {
        found: false,
        ref,
        reason: 'registry-unknown',
        detail: `the simulator only has the registry of account ${ecr.registryId} in ${ecr.region}`,
      };
    }
    const repository = ecr.repositories[ref.repository];
    if (!repository) {
      return { found: false, ref, reason: 'repository-not-found', detail: 'no such repository' };
    }
    const image =
      ref.digest !== undefined
        ? repository.images[ref.digest]
        : findEcrImage(repository.images, { imageTag: ref.tag ?? 'latest' });
    return image
      ? { found: true, ref, manifest: manifestOf(image), source: 'ecr' }
      : { found: false, ref, reason: 'manifest-not-found', detail: 'no such tag or digest' };
  }

  if (ref.registry === 'other') {
    return {
      found: false,
      ref,
      reason: 'registry-unknown',
      detail: `unknown registry ${ref.registryHost}`,
    };
  }
  const hit = lookupPublicImage(ref);
  return hit.found
    ? { found: true, ref, manifest: hit.manifest, source: 'public' }
    : { found: false, ref, reason: hit.reason, detail: 'not in the public image catalogue' };
}
