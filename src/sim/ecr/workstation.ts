/**
 * The learner's workstation as the terminal's `docker` engine sees it: a local image store (what
 * `docker build` and `docker tag` produce), and the registry logins `docker login` saved. Pure data
 * kept in SimState.registry so it survives with the rest of the state; nothing here runs anything.
 *
 * ECR authentication [ECR-UG registry_auth]: `aws ecr get-login-password` returns an authorization
 * token that `docker login --username AWS --password-stdin ACCOUNT.dkr.ecr.REGION.amazonaws.com`
 * accepts; the token is valid for 12 hours. Without a login docker answers "no basic auth
 * credentials"; with an expired one ECR answers "Your authorization token has expired".
 */
import { contentDigest } from './digest.ts';
import type { DockerfileModel } from './build.ts';
import type { ImageManifest } from './types.ts';

/** An image in the local store, keyed by its id (the manifest digest in the simulator). */
export interface LocalImage {
  readonly id: string;
  readonly manifest: ImageManifest;
  /** The Dockerfile model it was built from (what a push re-sends as PUSH_IMAGE). */
  readonly dockerfile: DockerfileModel;
  /** Simulated ms. */
  readonly createdAt: number;
}

export interface DockerWorkstation {
  readonly images: Readonly<Record<string, LocalImage>>;
  /** Canonical reference (`docker.io/library/app:v1`, `ACCOUNT.dkr.ecr…/app:v1`) → image id. */
  readonly tags: Readonly<Record<string, string>>;
  /** Registry host → simulated ms its saved credentials expire. */
  readonly logins: Readonly<Record<string, number>>;
}

export const EMPTY_WORKSTATION: DockerWorkstation = { images: {}, tags: {}, logins: {} };

/** [ECR-UG registry_auth] "An authorization token … is valid for 12 hours." */
export const ECR_TOKEN_VALIDITY_MS = 12 * 60 * 60 * 1000;

/** Pure: the workstation after a build stored `image` under the canonical references `refs`. */
export function storeLocalImage(
  ws: DockerWorkstation,
  image: LocalImage,
  refs: readonly string[],
): DockerWorkstation {
  const tags = { ...ws.tags };
  for (const r of refs) tags[r] = image.id;
  return { ...ws, images: { ...ws.images, [image.id]: image }, tags };
}

/** Pure: `docker tag` — the canonical reference `target` now names the image with id `id`. */
export function tagLocalImage(
  ws: DockerWorkstation,
  id: string,
  target: string,
): DockerWorkstation {
  return { ...ws, tags: { ...ws.tags, [target]: id } };
}

function b64(text: string): string {
  return btoa(text);
}

/**
 * Pure: the token `aws ecr get-login-password` prints at `now` for the registry `registryId` in
 * `region`. Shaped like ECR's (base64 of a JSON with payload, version, type and expiration); the
 * payload is a digest of the registry and expiry, so docker login can check it without storing it.
 */
export function ecrLoginPassword(registryId: string, region: string, now: number): string {
  const expiration = Math.floor((now + ECR_TOKEN_VALIDITY_MS) / 1000);
  const payload = contentDigest(['ecr-token', registryId, region, String(expiration)]).slice(7);
  return b64(
    JSON.stringify({
      payload,
      datakey: payload.slice(0, 32),
      version: '2',
      type: 'DATA_KEY',
      expiration,
    }),
  );
}

/**
 * Pure: the simulated ms a token for `registryId`/`region` expires at, or undefined when `token` is
 * not one ECR issued for that registry.
 */
export function ecrTokenExpiry(
  token: string,
  registryId: string,
  region: string,
): number | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(atob(token.trim()));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { payload, expiration } = parsed as { payload?: unknown; expiration?: unknown };
  if (typeof expiration !== 'number' || typeof payload !== 'string') return undefined;
  const expected = contentDigest(['ecr-token', registryId, region, String(expiration)]).slice(7);
  return payload === expected ? expiration * 1000 : undefined;
}
