/**
 * Repository operations of the simulated private registry (CreateRepository, DeleteRepository,
 * PutImageTagMutability, PutImageScanningConfiguration). Pure: each returns a new EcrState.
 */
import { ecrRegistryHost, isValidRepositoryName } from './image-reference.ts';
import {
  invalidRepositoryName,
  repositoryAlreadyExists,
  repositoryNotEmpty,
  repositoryNotFound,
} from './errors.ts';
import type { EcrRepository, EcrResult, EcrState, TagMutability } from './types.ts';

/** Pure: an empty private registry for `registryId` (the 12-digit account id) in `region`. */
export function createEcrState(registryId: string, region: string): EcrState {
  return { registryId, region, repositories: {} };
}

export interface CreateRepositoryInput {
  readonly repositoryName: string;
  /** Default MUTABLE [ECR-UG image-tag-mutability]. */
  readonly imageTagMutability?: TagMutability;
  /** Default false: basic scanning is manual unless scan-on-push is set [ECR-UG image-scanning-basic]. */
  readonly scanOnPush?: boolean;
}

/**
 * Pure: CreateRepository. Fails with InvalidParameterException for a name outside ECR's rule and
 * RepositoryAlreadyExistsException for a duplicate; returns the new repository as `value`.
 */
export function createRepository(
  state: EcrState,
  input: CreateRepositoryInput,
  now: number,
): EcrResult<EcrRepository> {
  const name = input.repositoryName;
  if (!isValidRepositoryName(name)) return { ok: false, error: invalidRepositoryName() };
  if (state.repositories[name] !== undefined) {
    return { ok: false, error: repositoryAlreadyExists(name, state.registryId) };
  }
  const repository: EcrRepository = {
    repositoryName: name,
    repositoryArn: `arn:aws:ecr:${state.region}:${state.registryId}:repository/${name}`,
    repositoryUri: `${ecrRegistryHost(state.registryId, state.region)}/${name}`,
    registryId: state.registryId,
    createdAt: now,
    imageTagMutability: input.imageTagMutability ?? 'MUTABLE',
    imageScanningConfiguration: { scanOnPush: input.scanOnPush ?? false },
    images: {},
  };
  return {
    ok: true,
    state: { ...state, repositories: { ...state.repositories, [name]: repository } },
    value: repository,
  };
}

/** Pure: looks a repository up, or the RepositoryNotFoundException ECR would return. */
export function getRepository(
  state: EcrState,
  name: string,
):
  | { ok: true; repository: EcrRepository }
  | { ok: false; error: ReturnType<typeof repositoryNotFound> } {
  const repository = state.repositories[name];
  return repository
    ? { ok: true, repository }
    : { ok: false, error: repositoryNotFound(name, state.registryId) };
}

/** Pure: replaces one repository in the registry (helper for the other operations). */
export function withRepository(state: EcrState, repository: EcrRepository): EcrState {
  return {
    ...state,
    repositories: { ...state.repositories, [repository.repositoryName]: repository },
  };
}

/**
 * Pure: DeleteRepository. Without `force`, a repository that still holds images fails with
 * RepositoryNotEmptyException [ECR-API DeleteRepository].
 */
export function deleteRepository(
  state: EcrState,
  name: string,
  force = false,
): EcrResult<EcrRepository> {
  const found = getRepository(state, name);
  if (!found.ok) return found;
  if (!force && Object.keys(found.repository.images).length > 0) {
    return { ok: false, error: repositoryNotEmpty(name, state.registryId) };
  }
  const repositories = { ...state.repositories };
  delete repositories[name];
  return { ok: true, state: { ...state, repositories }, value: found.repository };
}

/** Pure: PutImageTagMutability / PutImageScanningConfiguration in one call. */
export function updateRepositorySettings(
  state: EcrState,
  name: string,
  settings: { readonly imageTagMutability?: TagMutability; readonly scanOnPush?: boolean },
): EcrResult<EcrRepository> {
  const found = getRepository(state, name);
  if (!found.ok) return found;
  const repository: EcrRepository = {
    ...found.repository,
    imageTagMutability: settings.imageTagMutability ?? found.repository.imageTagMutability,
    imageScanningConfiguration: {
      scanOnPush: settings.scanOnPush ?? found.repository.imageScanningConfiguration.scanOnPush,
    },
  };
  return { ok: true, state: withRepository(state, repository), value: repository };
}
