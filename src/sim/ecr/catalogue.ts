/**
 * A small built-in catalogue of public images (Docker Hub official images, Amazon images, ECR Public
 * mirrors) so tasks and pods can use `nginx:latest` etc. without a private repository, as the
 * guide's checkpoint does. Sizes are approximate compressed linux/amd64 sizes as Docker Hub listed
 * them in 2024–2025 (assumption, rounded); layers are shared where the real images share a base
 * (Debian bookworm-slim, Alpine, buildpack-deps), so a host that pulled nginx already holds part of
 * redis. Anything not listed here does not exist in the simulator (unknown tag → not found).
 */
import { contentDigest } from './digest.ts';
import { BYTES_PER_MB, makeManifest } from './manifest.ts';
import type { ImageReference } from './image-reference.ts';
import type { ImageLayer, ImageManifest } from './types.ts';

interface LayerSpec {
  readonly sizeMB: number;
  readonly createdBy: string;
}

const LAYERS = {
  debianSlim: { sizeMB: 28.2, createdBy: 'debian:bookworm-slim rootfs' },
  debianFull: { sizeMB: 49.6, createdBy: 'debian:bookworm rootfs' },
  buildpackCurl: { sizeMB: 24.0, createdBy: 'buildpack-deps:bookworm-curl' },
  buildpackScm: { sizeMB: 64.4, createdBy: 'buildpack-deps:bookworm-scm' },
  buildpackDev: { sizeMB: 211.3, createdBy: 'buildpack-deps:bookworm' },
  alpine: { sizeMB: 3.6, createdBy: 'alpine:3.20 rootfs' },
  busybox: { sizeMB: 2.2, createdBy: 'busybox rootfs' },
  al2: { sizeMB: 62.3, createdBy: 'amazonlinux:2 rootfs' },
  al2023: { sizeMB: 52.1, createdBy: 'amazonlinux:2023 rootfs' },
  nginxPkgs: { sizeMB: 41.8, createdBy: 'RUN install nginx' },
  nginxConf: { sizeMB: 0.1, createdBy: 'COPY docker-entrypoint.sh and conf.d' },
  nginxAlpinePkgs: { sizeMB: 16.9, createdBy: 'RUN apk add nginx' },
  httpdPkgs: { sizeMB: 29.9, createdBy: 'RUN build httpd 2.4' },
  redisPkgs: { sizeMB: 16.8, createdBy: 'RUN build redis 7' },
  postgresPkgs: { sizeMB: 124.6, createdBy: 'RUN install postgresql 16' },
  pythonSlimPkgs: { sizeMB: 21.1, createdBy: 'RUN build python 3.12 (slim)' },
  pythonPkgs: { sizeMB: 26.3, createdBy: 'RUN build python 3.12' },
  nodePkgs: { sizeMB: 48.5, createdBy: 'RUN install node 20' },
  nodeAlpinePkgs: { sizeMB: 40.1, createdBy: 'RUN apk add node 20' },
  awsCliPkgs: { sizeMB: 69.5, createdBy: 'RUN install aws-cli v2' },
} as const satisfies Record<string, LayerSpec>;
type LayerKey = keyof typeof LAYERS;

interface CatalogueEntry {
  /** Fully qualified repositories serving this image (`host/path`). */
  readonly repositories: readonly string[];
  readonly tags: readonly string[];
  readonly layers: readonly LayerKey[];
}

const mirrored = (name: string): string[] => [
  `docker.io/library/${name}`,
  `public.ecr.aws/docker/library/${name}`,
];
const BUILDPACK: readonly LayerKey[] = [
  'debianFull',
  'buildpackCurl',
  'buildpackScm',
  'buildpackDev',
];

const ENTRIES: readonly CatalogueEntry[] = [
  {
    repositories: [...mirrored('nginx'), 'public.ecr.aws/nginx/nginx'],
    tags: ['latest', '1.27', 'stable'],
    layers: ['debianSlim', 'nginxPkgs', 'nginxConf'],
  },
  {
    repositories: [...mirrored('nginx'), 'public.ecr.aws/nginx/nginx'],
    tags: ['alpine', '1.27-alpine'],
    layers: ['alpine', 'nginxAlpinePkgs', 'nginxConf'],
  },
  { repositories: mirrored('httpd'), tags: ['latest', '2.4'], layers: ['debianSlim', 'httpdPkgs'] },
  { repositories: mirrored('redis'), tags: ['latest', '7'], layers: ['debianSlim', 'redisPkgs'] },
  {
    repositories: mirrored('postgres'),
    tags: ['latest', '16'],
    layers: ['debianSlim', 'postgresPkgs'],
  },
  { repositories: mirrored('busybox'), tags: ['latest', '1.36'], layers: ['busybox'] },
  { repositories: mirrored('alpine'), tags: ['latest', '3.20'], layers: ['alpine'] },
  {
    repositories: mirrored('python'),
    tags: ['latest', '3.12'],
    layers: [...BUILDPACK, 'pythonPkgs'],
  },
  {
    repositories: mirrored('python'),
    tags: ['3.12-slim'],
    layers: ['debianSlim', 'pythonSlimPkgs'],
  },
  { repositories: mirrored('node'), tags: ['latest', '20'], layers: [...BUILDPACK, 'nodePkgs'] },
  { repositories: mirrored('node'), tags: ['20-alpine'], layers: ['alpine', 'nodeAlpinePkgs'] },
  {
    repositories: ['docker.io/amazon/aws-cli', 'public.ecr.aws/aws-cli/aws-cli'],
    tags: ['latest', '2'],
    layers: ['al2', 'awsCliPkgs'],
  },
  {
    repositories: ['public.ecr.aws/amazonlinux/amazonlinux', 'docker.io/library/amazonlinux'],
    tags: ['latest', '2023'],
    layers: ['al2023'],
  },
  {
    repositories: ['public.ecr.aws/amazonlinux/amazonlinux', 'docker.io/library/amazonlinux'],
    tags: ['2'],
    layers: ['al2'],
  },
];

function catalogueLayer(key: LayerKey): ImageLayer {
  const spec = LAYERS[key];
  return {
    digest: contentDigest(['catalogue-layer', key]),
    sizeBytes: Math.round(spec.sizeMB * BYTES_PER_MB),
    createdBy: spec.createdBy,
  };
}

const MANIFESTS = ENTRIES.map((entry) => ({
  entry,
  manifest: makeManifest(entry.layers.map(catalogueLayer)),
}));

/** Outcome of looking a reference up in the catalogue. */
export type CatalogueLookup =
  | { readonly found: true; readonly manifest: ImageManifest }
  | { readonly found: false; readonly reason: 'repository-not-found' | 'manifest-not-found' };

/**
 * Pure: finds a public image by parsed reference (tag or digest). `repository-not-found` when the
 * registry has no such repository, `manifest-not-found` when the repository exists but the tag or
 * digest does not.
 */
export function lookupPublicImage(ref: ImageReference): CatalogueLookup {
  const repo = `${ref.registryHost}/${ref.repository}`;
  const inRepo = MANIFESTS.filter((m) => m.entry.repositories.includes(repo));
  if (inRepo.length === 0) return { found: false, reason: 'repository-not-found' };
  const hit = inRepo.find((m) =>
    ref.digest !== undefined
      ? m.manifest.digest === ref.digest
      : ref.tag !== undefined && m.entry.tags.includes(ref.tag),
  );
  return hit
    ? { found: true, manifest: hit.manifest }
    : { found: false, reason: 'manifest-not-found' };
}

/** A catalogue image as the UI lists it (one row per repository:tag). */
export interface PublicImageInfo {
  readonly reference: string;
  readonly digest: string;
  readonly sizeBytes: number;
  readonly layerCount: number;
}

/** Pure: every `repository:tag` the catalogue serves, for pickers and help text. */
export function listPublicImages(): readonly PublicImageInfo[] {
  return MANIFESTS.flatMap(({ entry, manifest }) =>
    entry.repositories.flatMap((repo) =>
      entry.tags.map((tag) => ({
        reference: `${repo}:${tag}`,
        digest: manifest.digest,
        sizeBytes: manifest.sizeBytes,
        layerCount: manifest.layers.length,
      })),
    ),
  );
}
