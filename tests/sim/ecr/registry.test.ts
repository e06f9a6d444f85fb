import { describe, expect, it } from 'vitest';
import { seedRng } from '../../../src/sim/rng.ts';
import {
  batchDeleteImage,
  buildImage,
  createEcrState,
  createRepository,
  deleteRepository,
  describeImages,
  pushImage,
  resolveImage,
  shortDigest,
  startImageScan,
  type DockerfileModel,
  type EcrState,
  type ImageManifest,
} from '../../../src/sim/ecr/index.ts';

const ACCOUNT = '123456789012';
const URI = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com`;
const rng = seedRng(7);

function must<T>(
  r: { ok: true; state: EcrState; value: T } | { ok: false; error: { code: string } },
) {
  if (!r.ok) throw new Error(`unexpected ${r.error.code}`);
  return r;
}
function build(
  dockerfile: DockerfileModel,
  state = createEcrState(ACCOUNT, 'us-east-1'),
): ImageManifest {
  const r = buildImage(state, dockerfile);
  if (!r.ok) throw new Error(r.error);
  return r.manifest;
}

const WEB_V1: DockerfileModel = {
  from: 'nginx:1.27',
  steps: [
    { instruction: 'COPY', args: 'nginx.conf /etc/nginx/conf.d/', sizeBytes: 2_000 },
    { instruction: 'EXPOSE', args: '80' },
    {
      instruction: 'COPY',
      args: 'site/ /usr/share/nginx/html/',
      content: 'v1',
      sizeBytes: 5_000_000,
    },
  ],
};
const WEB_V2: DockerfileModel = {
  ...WEB_V1,
  steps: WEB_V1.steps.map((s) => (s.content === 'v1' ? { ...s, content: 'v2' } : s)),
};

function registryWith(mutability: 'MUTABLE' | 'IMMUTABLE', scanOnPush = false) {
  return must(
    createRepository(
      createEcrState(ACCOUNT, 'us-east-1'),
      { repositoryName: 'web', imageTagMutability: mutability, scanOnPush },
      0,
    ),
  ).state;
}

describe('createRepository', () => {
  it('derives the repository URI and ARN and defaults to MUTABLE', () => {
    const r = must(
      createRepository(createEcrState(ACCOUNT, 'us-east-1'), { repositoryName: 'team-a/web' }, 5),
    );
    expect(r.value.repositoryUri).toBe(`${URI}/team-a/web`);
    expect(r.value.repositoryArn).toBe(`arn:aws:ecr:us-east-1:${ACCOUNT}:repository/team-a/web`);
    expect(r.value.imageTagMutability).toBe('MUTABLE');
  });
  it('fails on a duplicate with RepositoryAlreadyExistsException', () => {
    const r = createRepository(registryWith('MUTABLE'), { repositoryName: 'web' }, 1);
    expect(r.ok ? null : r.error).toEqual({
      code: 'RepositoryAlreadyExistsException',
      message: `The repository with name 'web' already exists in the registry with id '${ACCOUNT}'`,
    });
  });
  it('rejects invalid names with InvalidParameterException', () => {
    const r = createRepository(createEcrState(ACCOUNT, 'us-east-1'), { repositoryName: 'Web' }, 1);
    expect(r.ok ? '' : r.error.code).toBe('InvalidParameterException');
  });
});

describe('buildImage', () => {
  it('stacks base layers then one layer per RUN/COPY/ADD; config steps add none', () => {
    const base = resolveImage(createEcrState(ACCOUNT, 'us-east-1'), 'nginx:1.27');
    if (!base.found) throw new Error('nginx:1.27 missing from catalogue');
    const m = build(WEB_V1);
    expect(m.layers.length).toBe(base.manifest.layers.length + 2);
    expect(m.layers.slice(0, base.manifest.layers.length)).toEqual(base.manifest.layers);
    expect(m.sizeBytes).toBe(base.manifest.sizeBytes + 2_000 + 5_000_000);
  });
  it('is reproducible, and a changed step changes only its layer and those above', () => {
    const a = build(WEB_V1);
    expect(build(WEB_V1).digest).toBe(a.digest);
    const b = build(WEB_V2);
    expect(b.digest).not.toBe(a.digest);
    expect(b.layers.slice(0, -1)).toEqual(a.layers.slice(0, -1));
    expect(b.layers.at(-1)?.digest).not.toBe(a.layers.at(-1)?.digest);
  });
  it('fails like BuildKit for an unknown base tag', () => {
    const r = buildImage(createEcrState(ACCOUNT, 'us-east-1'), { from: 'nginx:nosuch', steps: [] });
    expect(r.ok ? '' : r.error).toBe(
      'ERROR: failed to solve: nginx:nosuch: failed to resolve source metadata for ' +
        'docker.io/library/nginx:nosuch: docker.io/library/nginx:nosuch: not found',
    );
  });
});

describe('pushImage', () => {
  it('uploads every layer the first time and prints docker push lines', () => {
    const m = build(WEB_V1);
    const r = must(
      pushImage(
        registryWith('MUTABLE'),
        { repositoryName: 'web', tag: 'v1', manifest: m },
        10,
        rng,
      ),
    );
    expect(r.value.layersPushed).toBe(m.layers.length);
    expect(r.value.layersSkipped).toBe(0);
    expect(r.value.bytesPushed).toBe(m.sizeBytes);
    expect(r.value.output[0]).toBe(`The push refers to repository [${URI}/web]`);
    expect(r.value.output[1]).toBe(`${shortDigest(m.layers.at(-1)!.digest)}: Pushed`);
    expect(r.value.output.at(-1)).toBe(`v1: digest: ${m.digest} size: ${m.manifestSizeBytes}`);
  });
  it('skips layers the repository already holds ("Layer already exists")', () => {
    const v1 = build(WEB_V1);
    const v2 = build(WEB_V2);
    const first = must(
      pushImage(
        registryWith('MUTABLE'),
        { repositoryName: 'web', tag: 'v1', manifest: v1 },
        10,
        rng,
      ),
    );
    const second = must(
      pushImage(first.state, { repositoryName: 'web', tag: 'v2', manifest: v2 }, 20, rng),
    );
    expect(second.value.layersPushed).toBe(1);
    expect(second.value.layersSkipped).toBe(v2.layers.length - 1);
    expect(second.value.bytesPushed).toBe(5_000_000);
    expect(second.value.output.filter((l) => l.endsWith(': Layer already exists')).length).toBe(
      v2.layers.length - 1,
    );
  });
  it('moves a tag in a MUTABLE repository, leaving the old image untagged', () => {
    const s1 = must(
      pushImage(
        registryWith('MUTABLE'),
        { repositoryName: 'web', tag: 'latest', manifest: build(WEB_V1) },
        10,
        rng,
      ),
    );
    const s2 = must(
      pushImage(
        s1.state,
        { repositoryName: 'web', tag: 'latest', manifest: build(WEB_V2) },
        20,
        rng,
      ),
    );
    const d = describeImages(s2.state, 'web');
    if (!d.ok) throw new Error('describe failed');
    expect(d.imageDetails.map((i) => i.imageTags)).toEqual([['latest'], undefined]);
  });
  it('refuses to overwrite a tag in an IMMUTABLE repository', () => {
    const s1 = must(
      pushImage(
        registryWith('IMMUTABLE'),
        { repositoryName: 'web', tag: 'v1', manifest: build(WEB_V1) },
        10,
        rng,
      ),
    );
    const r = pushImage(
      s1.state,
      { repositoryName: 'web', tag: 'v1', manifest: build(WEB_V2) },
      20,
      rng,
    );
    expect(r.ok ? null : r.error).toEqual({
      code: 'ImageTagAlreadyExistsException',
      message:
        'The specified image is tagged with a tag that already exists. The repository is configured for tag immutability.',
    });
    // Re-pushing the identical image under the same tag is harmless.
    expect(
      pushImage(s1.state, { repositoryName: 'web', tag: 'v1', manifest: build(WEB_V1) }, 30, rng)
        .ok,
    ).toBe(true);
  });
  it('fails with RepositoryNotFoundException for an unknown repository', () => {
    const r = pushImage(
      createEcrState(ACCOUNT, 'us-east-1'),
      { repositoryName: 'nope', tag: 'v1', manifest: build(WEB_V1) },
      1,
      rng,
    );
    expect(r.ok ? '' : r.error.message).toBe(
      `The repository with name 'nope' does not exist in the registry with id '${ACCOUNT}'`,
    );
  });
  it('scans on push deterministically from the seed, once per 24 h on request', () => {
    const push = (seed: number) =>
      must(
        pushImage(
          registryWith('MUTABLE', true),
          { repositoryName: 'web', tag: 'v1', manifest: build(WEB_V1) },
          10,
          seedRng(seed),
        ),
      );
    const a = push(1);
    const image = a.state.repositories['web']!.images[a.value.imageDigest]!;
    expect(image.imageScanStatus).toEqual({ status: 'COMPLETE' });
    expect(image.imageScanFindingsSummary).toEqual(
      push(1).state.repositories['web']!.images[a.value.imageDigest]!.imageScanFindingsSummary,
    );
    expect(a.value.rng).not.toEqual(seedRng(1));
    const again = startImageScan(a.state, 'web', { imageTag: 'v1' }, 10 + 60_000, a.value.rng);
    expect(again.ok ? '' : again.error.code).toBe('LimitExceededException');
    expect(
      startImageScan(a.state, 'web', { imageTag: 'v1' }, 10 + 86_400_000, a.value.rng).ok,
    ).toBe(true);
  });
});

describe('describeImages / batchDeleteImage / deleteRepository', () => {
  const pushed = () => {
    const s1 = must(
      pushImage(
        registryWith('MUTABLE'),
        { repositoryName: 'web', tag: 'v1', manifest: build(WEB_V1) },
        10,
        rng,
      ),
    );
    return must(
      pushImage(
        s1.state,
        { repositoryName: 'web', tag: 'stable', manifest: build(WEB_V1) },
        20,
        rng,
      ),
    ).state;
  };
  it('removes only a tag when the image keeps another, and the image with its last tag', () => {
    const r1 = must(batchDeleteImage(pushed(), 'web', [{ imageTag: 'v1' }]));
    expect(Object.values(r1.state.repositories['web']!.images).map((i) => i.imageTags)).toEqual([
      ['stable'],
    ]);
    const r2 = must(
      batchDeleteImage(r1.state, 'web', [{ imageTag: 'stable' }, { imageTag: 'gone' }]),
    );
    expect(Object.keys(r2.state.repositories['web']!.images)).toEqual([]);
    expect(r2.value.failures).toEqual([
      {
        imageId: { imageTag: 'gone' },
        failureCode: 'ImageNotFound',
        failureReason: 'Requested image not found',
      },
    ]);
  });
  it('describeImages fails with ImageNotFoundException for an unknown tag', () => {
    const d = describeImages(pushed(), 'web', { imageIds: [{ imageTag: 'v9' }] });
    expect(d.ok ? '' : d.error.code).toBe('ImageNotFoundException');
  });
  it('refuses to delete a non-empty repository unless forced', () => {
    const r = deleteRepository(pushed(), 'web');
    expect(r.ok ? '' : r.error.code).toBe('RepositoryNotEmptyException');
    expect(deleteRepository(pushed(), 'web', true).ok).toBe(true);
  });
});

describe('resolveImage', () => {
  const state = must(
    pushImage(
      registryWith('MUTABLE'),
      { repositoryName: 'web', tag: 'v1', manifest: build(WEB_V1) },
      10,
      rng,
    ),
  ).state;
  it('finds private images by tag and by digest, and public catalogue images', () => {
    const byTag = resolveImage(state, `${URI}/web:v1`);
    expect(byTag.found && byTag.source).toBe('ecr');
    const digest = byTag.found ? byTag.manifest.digest : '';
    expect(resolveImage(state, `${URI}/web@${digest}`).found).toBe(true);
    const pub = resolveImage(state, 'public.ecr.aws/nginx/nginx:latest');
    const hub = resolveImage(state, 'nginx:latest');
    expect(pub.found && hub.found && pub.manifest.digest === hub.manifest.digest).toBe(true);
  });
  it('distinguishes a missing repository, a missing tag and an unknown registry', () => {
    expect(resolveImage(state, `${URI}/api:v1`)).toMatchObject({
      found: false,
      reason: 'repository-not-found',
    });
    expect(resolveImage(state, `${URI}/web:v2`)).toMatchObject({
      found: false,
      reason: 'manifest-not-found',
    });
    expect(resolveImage(state, 'redis:6')).toMatchObject({
      found: false,
      reason: 'manifest-not-found',
    });
    expect(resolveImage(state, 'nosuchimage')).toMatchObject({
      found: false,
      reason: 'repository-not-found',
    });
    expect(resolveImage(state, 'ghcr.io/acme/app:1')).toMatchObject({
      found: false,
      reason: 'registry-unknown',
    });
    expect(resolveImage(state, 'Bad Ref')).toMatchObject({
      found: false,
      reason: 'invalid-reference',
    });
  });
});
