/**
 * Reading and deleting images: DescribeImages and BatchDeleteImage [ECR-API]. Pure.
 */
import { imageNotFound } from './errors.ts';
import { getRepository, withRepository } from './repository.ts';
import { findEcrImage } from './resolve.ts';
import type { EcrError, EcrImage, EcrResult, EcrState } from './types.ts';

export interface ImageIdentifier {
  readonly imageTag?: string;
  readonly imageDigest?: string;
}

/** An ImageDetail as DescribeImages returns it. */
export interface ImageDetail {
  readonly registryId: string;
  readonly repositoryName: string;
  readonly imageDigest: string;
  readonly imageTags?: readonly string[];
  readonly imageSizeInBytes: number;
  readonly imagePushedAt: number;
  readonly imageScanStatus?: EcrImage['imageScanStatus'];
  readonly imageScanFindingsSummary?: EcrImage['imageScanFindingsSummary'];
}

/**
 * Pure: DescribeImages. Without `imageIds` lists every image, newest push first; with them, a
 * missing id fails the call with ImageNotFoundException (as ECR does). `tagStatus` filters like
 * the API's `filter.tagStatus`.
 */
export function describeImages(
  state: EcrState,
  repositoryName: string,
  options: {
    readonly imageIds?: readonly ImageIdentifier[];
    readonly tagStatus?: 'TAGGED' | 'UNTAGGED' | 'ANY';
  } = {},
): { ok: true; imageDetails: readonly ImageDetail[] } | { ok: false; error: EcrError } {
  const found = getRepository(state, repositoryName);
  if (!found.ok) return found;
  let images: EcrImage[];
  if (options.imageIds) {
    images = [];
    for (const id of options.imageIds) {
      const image = findEcrImage(found.repository.images, id);
      if (!image) return { ok: false, error: imageNotFound(id, repositoryName, state.registryId) };
      images.push(image);
    }
  } else {
    images = Object.values(found.repository.images).sort(
      (a, b) => b.imagePushedAt - a.imagePushedAt || a.imageDigest.localeCompare(b.imageDigest),
    );
  }
  const status = options.tagStatus ?? 'ANY';
  images = images.filter((img) =>
    status === 'ANY'
      ? true
      : status === 'TAGGED'
        ? img.imageTags.length > 0
        : img.imageTags.length === 0,
  );
  return {
    ok: true,
    imageDetails: images.map((img) => ({
      registryId: state.registryId,
      repositoryName,
      imageDigest: img.imageDigest,
      // ECR omits imageTags for untagged images.
      ...(img.imageTags.length > 0 ? { imageTags: img.imageTags } : {}),
      imageSizeInBytes: img.imageSizeInBytes,
      imagePushedAt: img.imagePushedAt,
      ...(img.imageScanStatus ? { imageScanStatus: img.imageScanStatus } : {}),
      ...(img.imageScanFindingsSummary
        ? { imageScanFindingsSummary: img.imageScanFindingsSummary }
        : {}),
    })),
  };
}

export interface BatchDeleteOutcome {
  readonly imageIds: readonly ImageIdentifier[];
  readonly failures: readonly {
    readonly imageId: ImageIdentifier;
    readonly failureCode: 'ImageNotFound' | 'ImageTagDoesNotMatchDigest';
    readonly failureReason: string;
  }[];
}

/**
 * Pure: BatchDeleteImage. Deleting by tag removes that tag; the image itself is deleted when it
 * loses its last tag. Deleting by digest removes the image and all its tags [ECR-API
 * BatchDeleteImage]. Unknown ids are reported in `failures`, not thrown.
 */
export function batchDeleteImage(
  state: EcrState,
  repositoryName: string,
  imageIds: readonly ImageIdentifier[],
): EcrResult<BatchDeleteOutcome> {
  const found = getRepository(state, repositoryName);
  if (!found.ok) return found;
  const images: Record<string, EcrImage> = { ...found.repository.images };
  const deleted: ImageIdentifier[] = [];
  const failures: BatchDeleteOutcome['failures'][number][] = [];
  for (const id of imageIds) {
    const image = findEcrImage(images, id);
    if (!image) {
      const mismatch =
        id.imageDigest !== undefined && id.imageTag !== undefined && images[id.imageDigest];
      failures.push(
        mismatch
          ? {
              imageId: id,
              failureCode: 'ImageTagDoesNotMatchDigest',
              failureReason: 'Invalid image tag for image digest',
            }
          : {
              imageId: id,
              failureCode: 'ImageNotFound',
              failureReason: 'Requested image not found',
            },
      );
      continue;
    }
    if (id.imageDigest === undefined && id.imageTag !== undefined && image.imageTags.length > 1) {
      images[image.imageDigest] = {
        ...image,
        imageTags: image.imageTags.filter((t) => t !== id.imageTag),
      };
      deleted.push({ imageDigest: image.imageDigest, imageTag: id.imageTag });
      continue;
    }
    delete images[image.imageDigest];
    if (image.imageTags.length === 0) deleted.push({ imageDigest: image.imageDigest });
    for (const tag of image.imageTags)
      deleted.push({ imageDigest: image.imageDigest, imageTag: tag });
  }
  return {
    ok: true,
    state: withRepository(state, { ...found.repository, images }),
    value: { imageIds: deleted, failures },
  };
}
