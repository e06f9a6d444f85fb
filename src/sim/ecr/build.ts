/**
 * `docker build` over a tiny Dockerfile model: a base image plus instructions. Only RUN, COPY and
 * ADD add filesystem layers; the others (ENV, EXPOSE, CMD, WORKDIR …) change only the image config
 * [Dockerfile reference, "best practices: minimize the number of layers"].
 *
 * Layers are content addressed: a layer's digest depends on its parent layer, its instruction and
 * its content label, so rebuilding an unchanged Dockerfile reproduces the same digests (the build
 * cache), and changing one step changes that layer and every layer above it — the reason Dockerfiles
 * copy slow-changing files first. Digests are therefore derived from content, not drawn from the RNG.
 */
import { contentDigest, shortDigest } from './digest.ts';
import { parseImageReference } from './image-reference.ts';
import { BYTES_PER_MB, formatBytes, makeManifest } from './manifest.ts';
import { resolveImage } from './resolve.ts';
import type { EcrState, ImageLayer, ImageManifest } from './types.ts';

export type DockerInstruction =
  | 'RUN'
  | 'COPY'
  | 'ADD'
  | 'ENV'
  | 'EXPOSE'
  | 'CMD'
  | 'ENTRYPOINT'
  | 'WORKDIR'
  | 'USER'
  | 'LABEL'
  // Config-only instructions a pasted Dockerfile may use (src/formats/dockerfile.ts).
  | 'ARG'
  | 'VOLUME'
  | 'HEALTHCHECK'
  | 'STOPSIGNAL'
  | 'SHELL'
  | 'ONBUILD';

export interface DockerfileStep {
  readonly instruction: DockerInstruction;
  readonly args: string;
  /** Layer size in bytes; default derived from the step text (0.5–30 MB). Ignored for config-only steps. */
  readonly sizeBytes?: number;
  /** Label for the files a COPY/ADD brings in (e.g. "app v2"): change it to model edited sources. */
  readonly content?: string;
}

export interface DockerfileModel {
  /** The FROM image reference, e.g. `nginx:1.27` or a private ECR URI. */
  readonly from: string;
  readonly steps: readonly DockerfileStep[];
}

export type BuildResult =
  | { readonly ok: true; readonly manifest: ImageManifest; readonly output: readonly string[] }
  | { readonly ok: false; readonly error: string; readonly output: readonly string[] };

const LAYER_INSTRUCTIONS: ReadonlySet<DockerInstruction> = new Set(['RUN', 'COPY', 'ADD']);

/** Pure: true when the instruction adds a filesystem layer to the manifest. */
export function createsLayer(instruction: DockerInstruction): boolean {
  return LAYER_INSTRUCTIONS.has(instruction);
}

function defaultLayerSize(digest: string): number {
  // A stable pseudo-size from the digest so the same step always has the same size.
  const n = parseInt(digest.slice('sha256:'.length, 'sha256:'.length + 8), 16);
  return Math.round((0.5 + (n / 0xffffffff) * 29.5) * BYTES_PER_MB);
}

/**
 * Pure: builds an image from `dockerfile`. The base image is resolved against the private registry
 * `ecr` (for ECR URIs) or the public catalogue. Returns the manifest (base layers first, then one
 * layer per RUN/COPY/ADD) and BuildKit-style output lines; an unknown base fails the way BuildKit
 * words it ("failed to solve: … not found").
 */
export function buildImage(ecr: EcrState, dockerfile: DockerfileModel): BuildResult {
  const total = dockerfile.steps.length + 1;
  const parsed = parseImageReference(dockerfile.from);
  if (!parsed.ok) {
    return {
      ok: false,
      error: `ERROR: failed to solve: failed to parse stage name "${dockerfile.from}": ${parsed.error}`,
      output: ['[+] Building'],
    };
  }
  const canonical = parsed.ref.canonical;
  const output = ['[+] Building', ` => [internal] load metadata for ${canonical}`];
  const base = resolveImage(ecr, dockerfile.from);
  if (!base.found) {
    const error =
      `ERROR: failed to solve: ${dockerfile.from}: failed to resolve source metadata for ` +
      `${canonical}: ${canonical}: not found`;
    return { ok: false, error, output: [...output, error] };
  }
  output.push(` => [1/${total}] FROM ${canonical}@${base.manifest.digest}`);

  const layers: ImageLayer[] = [...base.manifest.layers];
  dockerfile.steps.forEach((step, i) => {
    output.push(` => [${i + 2}/${total}] ${step.instruction} ${step.args}`);
    if (!createsLayer(step.instruction)) return;
    const parent = layers[layers.length - 1]?.digest ?? 'scratch';
    const digest = contentDigest([
      'layer',
      parent,
      step.instruction,
      step.args,
      step.content ?? '',
    ]);
    layers.push({
      digest,
      sizeBytes: step.sizeBytes ?? defaultLayerSize(digest),
      createdBy: `${step.instruction} ${step.args}`,
    });
  });
  const manifest = makeManifest(layers);
  output.push(
    ' => exporting to image',
    ` => => writing image ${manifest.digest} (${formatBytes(manifest.sizeBytes)})`,
    ` => => image id ${shortDigest(manifest.digest)}`,
  );
  return { ok: true, manifest, output };
}
