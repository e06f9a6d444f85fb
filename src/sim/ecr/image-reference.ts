/**
 * Parsing container image references the way Docker/containerd normalise them, with ECR's stricter
 * rules layered on top. Lives in src/sim (not src/formats) because the core must resolve a task's
 * `image` without importing a higher layer; src/formats/image-uri.ts re-exports it for parsers.
 *
 * Grammar [distribution/reference]: `[host[:port]/]path[:tag][@sha256:<64 hex>]`; the first path
 * component is a registry host only if it contains "." or ":" or is "localhost"; otherwise the
 * registry is Docker Hub and a single-component name gets the `library/` prefix (official images).
 */

export type RegistryKind = 'ecr' | 'ecr-public' | 'docker-hub' | 'other';

/** A parsed, normalised image reference. */
export interface ImageReference {
  readonly registry: RegistryKind;
  /** `docker.io` for Docker Hub, `public.ecr.aws`, or the ECR/other host as written. */
  readonly registryHost: string;
  /** ECR only: the 12-digit registry (account) id. */
  readonly accountId?: string;
  /** ECR only: the Region in the host name. */
  readonly region?: string;
  /** Repository path inside the registry, e.g. `library/nginx`, `team-a/web-app`. */
  readonly repository: string;
  /** Tag; `latest` when neither tag nor digest was given (Docker's default). */
  readonly tag?: string;
  /** `sha256:<64 hex>` when pinned by digest. */
  readonly digest?: string;
  /** Fully qualified form, e.g. `docker.io/library/nginx:latest`. */
  readonly canonical: string;
}

export type ParseImageResult =
  | { readonly ok: true; readonly ref: ImageReference }
  | { readonly ok: false; readonly error: string };

/** Docker's default tag when a reference names neither tag nor digest. */
export const DEFAULT_TAG = 'latest';
export const DOCKER_HUB_HOST = 'docker.io';
export const ECR_PUBLIC_HOST = 'public.ecr.aws';

// ECS container `image`: ≤255 chars of letters, digits, - _ : . / # @ [ECS-DG] (reference A1.3).
const MAX_IMAGE_LENGTH = 255;
// One path component: lowercase alnum runs joined by ".", "_", "__" or "-+" [ECR-API RepositoryName].
const COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;
// Docker tag grammar: word char first, then up to 127 of [\w.-] [distribution/reference].
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
// ECR registry host: <12-digit account>.dkr.ecr.<region>.amazonaws.com(.cn) [ECR-UG Repositories].
const ECR_HOST = /^(\d{12})\.dkr\.ecr\.([a-z]{2}(?:-[a-z]+)+-\d)\.amazonaws\.com(?:\.cn)?$/;
const ECR_LIKE_HOST = /\.dkr\.ecr\.[^/]*\.amazonaws\.com(?:\.cn)?$/;
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

const fail = (error: string): ParseImageResult => ({ ok: false, error });

function isHostComponent(first: string): boolean {
  return first.includes('.') || first.includes(':') || first === 'localhost';
}

function splitDigest(ref: string): { rest: string; digest?: string; error?: string } {
  const at = ref.indexOf('@');
  if (at === -1) return { rest: ref };
  const digest = ref.slice(at + 1);
  if (!digest.startsWith('sha256:')) {
    return {
      rest: '',
      error: `invalid reference format: unsupported digest algorithm in "${ref}"`,
    };
  }
  const hex = digest.slice('sha256:'.length);
  if (!/^[a-f0-9]*$/.test(hex)) {
    return { rest: '', error: 'invalid checksum digest format' };
  }
  // docker/distribution rejects a sha256 digest that is not exactly 64 hex digits.
  if (hex.length !== 64) return { rest: '', error: 'invalid checksum digest length' };
  return { rest: ref.slice(0, at), digest };
}

function splitTag(nameAndTag: string): { name: string; tag?: string } {
  // A ":" after the last "/" starts the tag; one before it is a host port (localhost:5000/x).
  const colon = nameAndTag.lastIndexOf(':');
  if (colon === -1 || colon < nameAndTag.lastIndexOf('/')) return { name: nameAndTag };
  return { name: nameAndTag.slice(0, colon), tag: nameAndTag.slice(colon + 1) };
}

function classifyHost(host: string): ParseImageResult | RegistryKind {
  if (DOCKER_HUB_ALIASES.has(host)) return 'docker-hub';
  if (host === ECR_PUBLIC_HOST) return 'ecr-public';
  if (ECR_HOST.test(host)) return 'ecr';
  if (ECR_LIKE_HOST.test(host)) {
    return fail(
      `invalid Amazon ECR registry "${host}": expected ACCOUNT.dkr.ecr.REGION.amazonaws.com ` +
        'with a 12-digit account ID',
    );
  }
  return 'other';
}

/**
 * Pure: parses and normalises an image reference (`nginx`, `nginx:1.27`, `team/app@sha256:…`,
 * `123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v1`, `public.ecr.aws/nginx/nginx:latest`).
 * Returns `{ ok: false, error }` worded like Docker's reference errors ("invalid reference format…")
 * for malformed input, including ECR-specific rules (12-digit account, repository 2–256 chars).
 */
export function parseImageReference(input: string): ParseImageResult {
  const ref = input.trim();
  if (ref === '') return fail('invalid reference format: image name is empty');
  if (ref.length > MAX_IMAGE_LENGTH) {
    return fail(`invalid reference format: image is longer than ${MAX_IMAGE_LENGTH} characters`);
  }
  if (/[^A-Za-z0-9\-_:./#@]/.test(ref)) return fail('invalid reference format');

  const split = splitDigest(ref);
  if (split.error !== undefined) return fail(split.error);
  const { name, tag } = splitTag(split.rest);
  if (tag !== undefined && !TAG.test(tag)) return fail('invalid reference format');

  const parts = name.split('/');
  const first = parts[0] ?? '';
  const hasHost = parts.length > 1 && isHostComponent(first);
  const host = hasHost ? first.toLowerCase() : DOCKER_HUB_HOST;
  const kind = classifyHost(host);
  if (typeof kind !== 'string') return kind;

  let path = hasHost ? parts.slice(1) : parts;
  if (kind === 'docker-hub' && path.length === 1) path = ['library', ...path];
  const repository = path.join('/');
  if (repository !== repository.toLowerCase()) {
    return fail(`invalid reference format: repository name (${repository}) must be lowercase`);
  }
  if (path.length === 0 || !path.every((c) => COMPONENT.test(c))) {
    return fail('invalid reference format');
  }
  // ECR repository names are 2–256 characters [ECR-API RepositoryName].
  if (repository.length > 256 || (kind === 'ecr' && repository.length < 2)) {
    return fail(`invalid reference format: repository name must be 2-256 characters`);
  }

  const ecr = kind === 'ecr' ? ECR_HOST.exec(host) : null;
  const effectiveTag = tag ?? (split.digest === undefined ? DEFAULT_TAG : undefined);
  const registryHost = kind === 'docker-hub' ? DOCKER_HUB_HOST : host;
  const canonical =
    `${registryHost}/${repository}` +
    (effectiveTag !== undefined ? `:${effectiveTag}` : '') +
    (split.digest !== undefined ? `@${split.digest}` : '');
  return {
    ok: true,
    ref: {
      registry: kind,
      registryHost,
      ...(ecr ? { accountId: ecr[1], region: ecr[2] } : {}),
      repository,
      ...(effectiveTag !== undefined ? { tag: effectiveTag } : {}),
      ...(split.digest !== undefined ? { digest: split.digest } : {}),
      canonical,
    },
  };
}

/** Pure: the registry host for an account's private ECR registry [ECR-UG Repositories]. */
export function ecrRegistryHost(accountId: string, region: string): string {
  return `${accountId}.dkr.ecr.${region}.amazonaws.com`;
}

/** Pure: true when `name` satisfies ECR's repository-name rule (2–256 chars, regex above). */
export function isValidRepositoryName(name: string): boolean {
  return name.length >= 2 && name.length <= 256 && name.split('/').every((c) => COMPONENT.test(c));
}
