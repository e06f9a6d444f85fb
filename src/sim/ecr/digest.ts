/**
 * Content digests for the simulated registry. Real registries name layers and manifests by the
 * SHA-256 of their bytes (content addressing): the same content always has the same digest, which
 * is what lets `docker push` skip layers a registry already holds and lets hosts reuse cached layers.
 * We keep that property with a cheap, deterministic 256-bit hash of a description of the content;
 * it is NOT cryptographic SHA-256, it only looks like one (`sha256:` + 64 lowercase hex digits).
 */

/** Matches a digest string as registries print it [OCI image-spec descriptor]. */
export const DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;

// Eight independently seeded 32-bit FNV-1a/murmur-mix lanes give 256 bits.
const LANE_SEEDS = [
  0x811c9dc5, 0x9e3779b9, 0x85ebca6b, 0xc2b2ae35, 0x27d4eb2f, 0x165667b1, 0xd3a2646c, 0xfd7046c5,
] as const;

function hashLane(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // Final avalanche (murmur3 fmix32) so near-identical inputs differ in every hex digit.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Pure: a `sha256:<64 hex>` digest of the given parts. Same parts (in the same order) → same
 * digest; any change → a different digest.
 */
export function contentDigest(parts: readonly string[]): string {
  const text = parts.join('\u0000');
  let hex = '';
  for (const seed of LANE_SEEDS) hex += hashLane(text, seed).toString(16).padStart(8, '0');
  return `sha256:${hex}`;
}

/**
 * Pure: the 12-hex short id Docker prints for a layer or image (`docker push` lines, `IMAGE ID`).
 */
export function shortDigest(digest: string): string {
  const hex = digest.startsWith('sha256:') ? digest.slice('sha256:'.length) : digest;
  return hex.slice(0, 12);
}
