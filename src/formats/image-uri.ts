/**
 * Image URIs in task definitions and manifests. The parser itself lives in the core
 * (src/sim/ecr/image-reference.ts) because the simulation must resolve images without importing a
 * higher layer; this module is the formats-side entry point and adds field-level validation.
 */
import { parseImageReference, type ImageReference } from '../sim/ecr/image-reference.ts';

export { parseImageReference, DEFAULT_TAG } from '../sim/ecr/image-reference.ts';
export type { ImageReference, ParseImageResult, RegistryKind } from '../sim/ecr/image-reference.ts';

/** A problem with an `image` field, located by a JSON-pointer-like path. */
export interface ImageFieldIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * Pure: validates the `image` of one container (ECS `containerDefinitions[i].image` or a pod's
 * `containers[i].image`). Returns the parsed reference, or an issue whose message quotes the image
 * and the reference error (e.g. `invalid reference format: repository name (library/Nginx) must be
 * lowercase`). An empty image is the ClientException ECS gives for a missing image (reference A1.6).
 */
export function validateImageField(
  image: unknown,
  path: string,
): { ok: true; ref: ImageReference } | { ok: false; issue: ImageFieldIssue } {
  if (typeof image !== 'string' || image.trim() === '') {
    return {
      ok: false,
      issue: { path, message: 'Container.image should not be null or empty.' },
    };
  }
  const parsed = parseImageReference(image);
  return parsed.ok
    ? { ok: true, ref: parsed.ref }
    : { ok: false, issue: { path, message: `Invalid image "${image}": ${parsed.error}` } };
}

/** Pure: the short form people type (`nginx:latest` for `docker.io/library/nginx:latest`). */
export function shortImageName(ref: ImageReference): string {
  const repo =
    ref.registry === 'docker-hub'
      ? ref.repository.replace(/^library\//, '')
      : `${ref.registryHost}/${ref.repository}`;
  return (
    repo +
    (ref.tag !== undefined ? `:${ref.tag}` : '') +
    (ref.digest !== undefined ? `@${ref.digest}` : '')
  );
}
