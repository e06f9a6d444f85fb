/**
 * Basic image scanning (CVE database) [ECR-UG image-scanning-basic]: on push when the repository
 * has scanOnPush, or on request (StartImageScan), at most once per image per 24 hours. Findings are
 * simulated: counts per severity drawn from the seeded RNG, larger images tending to have more.
 * Scans complete instantly in the simulator (real basic scans take seconds to minutes).
 */
import { RngCursor, type RngState } from '../rng.ts';
import { scanQuotaExceeded, imageNotFound } from './errors.ts';
import { getRepository, withRepository } from './repository.ts';
import { findEcrImage } from './resolve.ts';
import type {
  EcrImage,
  EcrResult,
  EcrState,
  FindingSeverity,
  ImageScanFindingsSummary,
} from './types.ts';

/** Basic scanning allows one scan per image per 24 h [ECR-UG image-scanning-basic]. */
export const SCAN_INTERVAL_MS = 24 * 60 * 60 * 1000;

/**
 * Pure: simulated findings for an image of `sizeBytes`, and the advanced RNG. Severities with no
 * findings are omitted, as ECR omits them from `findingSeverityCounts`.
 */
export function simulateScanFindings(
  rng: RngState,
  sizeBytes: number,
  now: number,
): [ImageScanFindingsSummary, RngState] {
  const mb = sizeBytes / 1_000_000;
  const cursor = new RngCursor(rng);
  // Upper bounds grow with size: a 2 MB busybox is usually clean, a 380 MB python image is not.
  const draws: [FindingSeverity, number][] = [
    ['CRITICAL', cursor.int(0, Math.floor(mb / 150))],
    ['HIGH', cursor.int(0, 1 + Math.floor(mb / 40))],
    ['MEDIUM', cursor.int(0, 2 + Math.floor(mb / 15))],
    ['LOW', cursor.int(0, 3 + Math.floor(mb / 10))],
    ['INFORMATIONAL', cursor.int(0, 3)],
  ];
  const counts: Partial<Record<FindingSeverity, number>> = {};
  for (const [severity, n] of draws) if (n > 0) counts[severity] = n;
  return [{ imageScanCompletedAt: now, findingSeverityCounts: counts }, cursor.state];
}

/** Pure: the image after a completed scan at `now`. */
export function withScan(
  image: EcrImage,
  summary: ImageScanFindingsSummary,
  now: number,
): EcrImage {
  return {
    ...image,
    imageScanStatus: { status: 'COMPLETE' },
    imageScanFindingsSummary: summary,
    lastScanStartedAt: now,
  };
}

/**
 * Pure: StartImageScan for one image (by tag or digest). Fails with LimitExceededException when the
 * image was scanned less than 24 h ago. Returns the new state, the findings and the advanced RNG.
 */
export function startImageScan(
  state: EcrState,
  repositoryName: string,
  imageId: { readonly imageTag?: string; readonly imageDigest?: string },
  now: number,
  rng: RngState,
): EcrResult<{ readonly image: EcrImage; readonly rng: RngState }> {
  const found = getRepository(state, repositoryName);
  if (!found.ok) return found;
  const image = findEcrImage(found.repository.images, imageId);
  if (!image) return { ok: false, error: imageNotFound(imageId, repositoryName, state.registryId) };
  if (image.lastScanStartedAt !== undefined && now - image.lastScanStartedAt < SCAN_INTERVAL_MS) {
    return { ok: false, error: scanQuotaExceeded() };
  }
  const [summary, next] = simulateScanFindings(rng, image.imageSizeInBytes, now);
  const scanned = withScan(image, summary, now);
  const repository = {
    ...found.repository,
    images: { ...found.repository.images, [image.imageDigest]: scanned },
  };
  return {
    ok: true,
    state: withRepository(state, repository),
    value: { image: scanned, rng: next },
  };
}
