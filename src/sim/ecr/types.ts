/**
 * The simulated Amazon ECR registry: plain, serialisable, readonly records, shaped after the ECR
 * API (`repositoryName`, `imageTagMutability`, `imageDigest`, `imagePushedAt` …). Operations live in
 * the sibling modules and are pure: they return a new EcrState, never mutate their input.
 */

/** A filesystem layer, content addressed (see digest.ts). */
export interface ImageLayer {
  readonly digest: string;
  /** Compressed size in bytes (what a pull downloads). */
  readonly sizeBytes: number;
  /** The Dockerfile instruction (or base-image note) that produced it, for the inspector. */
  readonly createdBy: string;
}

/** An image manifest: what `docker build` produces and `docker push` uploads. */
export interface ImageManifest {
  /** Manifest digest (`sha256:…`): the image's identity in every registry. */
  readonly digest: string;
  /** Bottom (base) layer first, as in the manifest's `layers` array. */
  readonly layers: readonly ImageLayer[];
  /** Sum of compressed layer sizes in bytes (ECR `imageSizeInBytes`). */
  readonly sizeBytes: number;
  /** Size in bytes of the manifest document itself (the `size:` docker push prints). */
  readonly manifestSizeBytes: number;
}

/** [ECR-API] FindingSeverity. */
export const FINDING_SEVERITIES = [
  'CRITICAL',
  'HIGH',
  'MEDIUM',
  'LOW',
  'INFORMATIONAL',
  'UNDEFINED',
] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

export interface ImageScanFindingsSummary {
  readonly imageScanCompletedAt: number;
  readonly findingSeverityCounts: Readonly<Partial<Record<FindingSeverity, number>>>;
}

/** An image stored in a repository (an ECR `ImageDetail`). */
export interface EcrImage {
  readonly imageDigest: string;
  /** Empty when untagged. */
  readonly imageTags: readonly string[];
  readonly imageSizeInBytes: number;
  readonly layers: readonly ImageLayer[];
  readonly manifestSizeBytes: number;
  /** Simulated ms. */
  readonly imagePushedAt: number;
  readonly imageScanStatus?: { readonly status: 'IN_PROGRESS' | 'COMPLETE' | 'FAILED' };
  readonly imageScanFindingsSummary?: ImageScanFindingsSummary;
  /** Last manual/on-push scan start (basic scanning allows one scan per image per 24 h). */
  readonly lastScanStartedAt?: number;
}

export type TagStatus = 'tagged' | 'untagged' | 'any';

/** One lifecycle policy rule [ECR-UG LifecyclePolicies]. */
export interface LifecycleRule {
  readonly rulePriority: number;
  readonly description?: string;
  readonly selection: {
    readonly tagStatus: TagStatus;
    /** Required iff tagStatus is `tagged`. */
    readonly tagPrefixList?: readonly string[];
    readonly countType: 'imageCountMoreThan' | 'sinceImagePushed';
    /** Only with sinceImagePushed. */
    readonly countUnit?: 'days';
    readonly countNumber: number;
  };
  readonly action: { readonly type: 'expire' };
}

export interface LifecyclePolicy {
  readonly rules: readonly LifecycleRule[];
}

export type TagMutability = 'MUTABLE' | 'IMMUTABLE';

export interface EcrRepository {
  readonly repositoryName: string;
  readonly repositoryArn: string;
  readonly repositoryUri: string;
  readonly registryId: string;
  readonly createdAt: number;
  readonly imageTagMutability: TagMutability;
  readonly imageScanningConfiguration: { readonly scanOnPush: boolean };
  readonly lifecyclePolicy?: LifecyclePolicy;
  /** Keyed by imageDigest. */
  readonly images: Readonly<Record<string, EcrImage>>;
}

/** One account's private registry in one Region. */
export interface EcrState {
  readonly registryId: string;
  readonly region: string;
  readonly repositories: Readonly<Record<string, EcrRepository>>;
}

/** An ECR API error: `code` is the exception name, `message` the AWS wording. */
export interface EcrError {
  readonly code: string;
  readonly message: string;
}

/** Result of a state-changing ECR operation. */
export type EcrResult<T> =
  | { readonly ok: true; readonly state: EcrState; readonly value: T }
  | { readonly ok: false; readonly error: EcrError };
