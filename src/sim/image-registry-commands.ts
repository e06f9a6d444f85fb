/**
 * Commands for the simulated ECR registry (part of SimCommand; applied by src/sim/image-registry.ts).
 * Field names follow the ECR API and the docker CLI.
 */
import type { DockerfileModel } from './ecr/build.ts';
import type { ImageManifest, LifecyclePolicy, TagMutability } from './ecr/types.ts';

export type EcrCommand =
  /** Turns on image pulls (an empty private registry) without creating a repository. */
  | { readonly type: 'ENABLE_IMAGE_PULLS' }
  /** CreateRepository. */
  | {
      readonly type: 'CREATE_REPOSITORY';
      readonly repositoryName: string;
      readonly imageTagMutability?: TagMutability;
      readonly scanOnPush?: boolean;
    }
  /** `docker build` from a Dockerfile model, then `docker push repositoryUri:tag`. */
  | {
      readonly type: 'PUSH_IMAGE';
      readonly repositoryName: string;
      readonly tag: string;
      readonly dockerfile: DockerfileModel;
      /**
       * The image `docker build` already made (the terminal's `docker push`): pushed as is instead
       * of rebuilding `dockerfile`, so a base image that changed since the build changes nothing.
       */
      readonly manifest?: ImageManifest;
    }
  /** PutLifecyclePolicy (evaluated at once and after every push). */
  | {
      readonly type: 'PUT_LIFECYCLE_POLICY';
      readonly repositoryName: string;
      readonly policy: LifecyclePolicy;
    }
  /** BatchDeleteImage of one tag. */
  | { readonly type: 'DELETE_IMAGE'; readonly repositoryName: string; readonly imageTag: string };

export const ECR_COMMAND_TYPES: ReadonlySet<string> = new Set<EcrCommand['type']>([
  'ENABLE_IMAGE_PULLS',
  'CREATE_REPOSITORY',
  'PUSH_IMAGE',
  'PUT_LIFECYCLE_POLICY',
  'DELETE_IMAGE',
]);

/** Type guard used by applyCommand's dispatch. */
export function isEcrCommand(c: { readonly type: string }): c is EcrCommand {
  return ECR_COMMAND_TYPES.has(c.type);
}
