/**
 * Scenario actions for the ECR registry (src/sim/image-registry-commands.ts): the fields are the
 * command's, written as the ECR API and the Dockerfile name them.
 */
import { arrayOf, bool, enumOf, int, objectSpec, str } from './scenario-spec.ts';
import type { ObjectSpec } from './scenario-spec.ts';

// [ECR-API] RepositoryName: 2–256 chars, lowercase path segments.
const repositoryName = {
  type: 'string' as const,
  pattern: '^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$',
  what: 'repository name',
};
// Docker tag grammar: [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}.
const imageTag = {
  type: 'string' as const,
  pattern: '^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$',
  what: 'image tag',
};

const dockerfileStep = objectSpec(
  {
    instruction: enumOf(
      ['RUN', 'COPY', 'ADD', 'ENV', 'EXPOSE', 'CMD', 'ENTRYPOINT', 'WORKDIR', 'USER', 'LABEL'],
      'Dockerfile instruction',
    ),
    args: str(),
    sizeBytes: int(0),
    content: str(),
  },
  ['instruction', 'args'],
  'Dockerfile step',
);

const lifecycleRule = objectSpec(
  {
    rulePriority: int(1),
    description: str(),
    selection: objectSpec(
      {
        tagStatus: enumOf(['tagged', 'untagged', 'any'], 'tag status'),
        tagPrefixList: arrayOf(str()),
        countType: enumOf(['imageCountMoreThan', 'sinceImagePushed'], 'count type'),
        countUnit: enumOf(['days'], 'count unit'),
        countNumber: int(1),
      },
      ['tagStatus', 'countType', 'countNumber'],
    ),
    action: objectSpec({ type: enumOf(['expire'], 'lifecycle action') }, ['type']),
  },
  ['rulePriority', 'selection', 'action'],
  'lifecycle rule',
);

export const ECR_ACTION_SPECS: Readonly<Record<string, ObjectSpec>> = {
  ENABLE_IMAGE_PULLS: objectSpec({}),
  CREATE_REPOSITORY: objectSpec(
    {
      repositoryName,
      imageTagMutability: enumOf(['MUTABLE', 'IMMUTABLE'], 'tag mutability'),
      scanOnPush: bool,
    },
    ['repositoryName'],
  ),
  PUSH_IMAGE: objectSpec(
    {
      repositoryName,
      tag: imageTag,
      dockerfile: objectSpec({ from: str(), steps: arrayOf(dockerfileStep, 0, 50) }, [
        'from',
        'steps',
      ]),
    },
    ['repositoryName', 'tag', 'dockerfile'],
  ),
  PUT_LIFECYCLE_POLICY: objectSpec(
    { repositoryName, policy: objectSpec({ rules: arrayOf(lifecycleRule, 1, 50) }, ['rules']) },
    ['repositoryName', 'policy'],
  ),
  DELETE_IMAGE: objectSpec({ repositoryName, imageTag }, ['repositoryName', 'imageTag']),
};

const site = {
  type: 'string' as const,
  pattern: '^[a-zA-Z0-9][a-zA-Z0-9 ._-]{0,62}$',
  what: 'site name',
};

/** ECS Anywhere actions (src/sim/anywhere.ts). */
export const ANYWHERE_ACTION_SPECS: Readonly<Record<string, ObjectSpec>> = {
  REGISTER_EXTERNAL_INSTANCE: objectSpec(
    {
      site,
      vcpu: int(1, 192),
      memoryMiB: int(512),
      cpuArchitecture: enumOf(['X86_64', 'ARM64'], 'CPU architecture'),
    },
    ['site'],
  ),
  SITE_DISCONNECT: objectSpec({ site }, ['site']),
  SITE_RECONNECT: objectSpec({ site }, ['site']),
};

/** Spot and patching actions (src/sim/spot.ts, src/sim/patching.ts). */
export const OPS_ACTION_SPECS: Readonly<Record<string, ObjectSpec>> = {
  ADD_SPOT_INSTANCE: objectSpec({ instanceType: str(), availabilityZone: str() }, ['instanceType']),
  RELEASE_AMI: objectSpec({
    amiId: { type: 'string', pattern: '^ami-[0-9a-f]{8,17}$', what: 'AMI id' },
  }),
};
