/**
 * ECR API errors. Exception names are from the ECR API model [ECR-API] (reference A8); the message
 * texts follow what the AWS CLI prints for them (registry id = account id). Where the reference
 * gives the text (ImageTagAlreadyExistsException) it is used verbatim; others are UNVERIFIED wording.
 */
import type { EcrError } from './types.ts';

/** The repository-name pattern ECR reports in InvalidParameterException [ECR-API RepositoryName]. */
export const REPOSITORY_NAME_REGEX =
  '[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(\\/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*';

/** Pure: RepositoryAlreadyExistsException. */
export function repositoryAlreadyExists(name: string, registryId: string): EcrError {
  return {
    code: 'RepositoryAlreadyExistsException',
    message: `The repository with name '${name}' already exists in the registry with id '${registryId}'`,
  };
}

/** Pure: RepositoryNotFoundException. */
export function repositoryNotFound(name: string, registryId: string): EcrError {
  return {
    code: 'RepositoryNotFoundException',
    message: `The repository with name '${name}' does not exist in the registry with id '${registryId}'`,
  };
}

/** Pure: RepositoryNotEmptyException (DeleteRepository without force). */
export function repositoryNotEmpty(name: string, registryId: string): EcrError {
  return {
    code: 'RepositoryNotEmptyException',
    message:
      `The repository with name '${name}' in registry with id '${registryId}' cannot be deleted ` +
      'because it still contains images',
  };
}

/** Pure: InvalidParameterException for a bad repository name. */
export function invalidRepositoryName(): EcrError {
  return {
    code: 'InvalidParameterException',
    message:
      "Invalid parameter at 'repositoryName' failed to satisfy constraint: " +
      `'must satisfy regular expression '${REPOSITORY_NAME_REGEX}''`,
  };
}

/** Pure: ImageTagAlreadyExistsException, wording from [ECR-API] via reference A8. */
export function imageTagAlreadyExists(): EcrError {
  return {
    code: 'ImageTagAlreadyExistsException',
    message:
      'The specified image is tagged with a tag that already exists. ' +
      'The repository is configured for tag immutability.',
  };
}

/** Pure: ImageNotFoundException for an image id (tag and/or digest). */
export function imageNotFound(
  imageId: { readonly imageTag?: string; readonly imageDigest?: string },
  repositoryName: string,
  registryId: string,
): EcrError {
  const id = [
    imageId.imageDigest !== undefined ? `imageDigest:'${imageId.imageDigest}'` : '',
    imageId.imageTag !== undefined ? `imageTag:'${imageId.imageTag}'` : '',
  ]
    .filter((s) => s !== '')
    .join(', ');
  return {
    code: 'ImageNotFoundException',
    message:
      `The image with imageId {${id}} does not exist within the repository with name ` +
      `'${repositoryName}' in the registry with id '${registryId}'`,
  };
}

/** Pure: InvalidParameterException for a lifecycle policy that breaks a documented rule. */
export function invalidLifecyclePolicy(detail: string): EcrError {
  return {
    code: 'InvalidParameterException',
    message:
      "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: " +
      `'Lifecycle policy validation failure: ${detail}'`,
  };
}

/** Pure: LimitExceededException for a second basic scan of an image within 24 h. */
export function scanQuotaExceeded(): EcrError {
  return {
    code: 'LimitExceededException',
    message: 'The scan quota per image has been exceeded. Wait and try again.',
  };
}
