/**
 * Building image manifests from layers. An image's digest is the digest of its manifest, and the
 * manifest lists the layer digests, so two images with the same layers have the same digest
 * wherever they are stored (Docker Hub, ECR Public, a private ECR repo) [OCI image-spec].
 */
import { contentDigest } from './digest.ts';
import type { ImageLayer, ImageManifest } from './types.ts';

// Approximate size of a Docker schema-2 manifest document: a fixed header (schemaVersion,
// mediaType, config descriptor) plus one ~190-byte descriptor per layer. Assumption, used only for
// the "size:" figure docker push prints.
const MANIFEST_HEADER_BYTES = 430;
const MANIFEST_BYTES_PER_LAYER = 190;

/** Pure: the manifest (digest, sizes) for layers listed base first. */
export function makeManifest(layers: readonly ImageLayer[]): ImageManifest {
  return {
    digest: contentDigest(['manifest', ...layers.map((l) => l.digest)]),
    layers,
    sizeBytes: layers.reduce((sum, l) => sum + l.sizeBytes, 0),
    manifestSizeBytes: MANIFEST_HEADER_BYTES + MANIFEST_BYTES_PER_LAYER * layers.length,
  };
}

/** Bytes in a megabyte as registries and `docker images` print sizes (decimal MB). */
export const BYTES_PER_MB = 1_000_000;

/** Pure: bytes → a short human string like Docker prints ("72.1MB", "2.2MB", "512kB"). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(2)}GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)}MB`;
  if (bytes >= 1e3) return `${Math.round(bytes / 1e3)}kB`;
  return `${bytes}B`;
}
