/**
 * ECR integrated into the ECS simulation: tasks pull their images while PENDING, EC2 hosts cache
 * layers, Fargate pulls every time, and a missing repository/tag stops the task with
 * CannotPullContainerError.
 */
import { describe, expect, it } from 'vitest';
import {
  advance,
  applyCommand,
  createSimulation,
  type SimState,
  type Task,
} from '../../../src/sim/index.ts';
import { CONTAINER_CREATE_MS, PULL_FAILURE_AFTER_MS } from '../../../src/sim/image-registry.ts';
import { lookupPublicImage } from '../../../src/sim/ecr/catalogue.ts';
import { parseImageReference } from '../../../src/sim/ecr/image-reference.ts';
import { MANIFEST_RESOLVE_MS, PULL_BANDWIDTH_BYTES_PER_SEC } from '../../../src/sim/ecr/pull.ts';
import {
  advanceUntil,
  apply,
  applyError,
  clusterWith,
  container,
  fargateTaskDef,
  register,
  taskDef,
} from '../helpers.ts';

const REPO_URI = '123456789012.dkr.ecr.us-east-1.amazonaws.com/shop';

function nginxSize(): number {
  const parsed = parseImageReference('nginx:latest');
  if (!parsed.ok) throw new Error(parsed.error);
  const hit = lookupPublicImage(parsed.ref);
  if (!hit.found) throw new Error('nginx not in catalogue');
  return hit.manifest.sizeBytes;
}

/** Expected PENDING length for one image of `bytes` at `bw`, rounded up to the 1 s step. */
function expectedPendingMs(bytes: number, bw: number): number {
  const ms = CONTAINER_CREATE_MS + MANIFEST_RESOLVE_MS + Math.ceil((bytes / bw) * 1000);
  return Math.ceil(ms / 1000) * 1000;
}

function withPulls(s: SimState): SimState {
  return apply(s, { type: 'ENABLE_IMAGE_PULLS' });
}

function tasksOf(s: SimState): Task[] {
  return Object.values(s.tasks).sort(
    (a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id),
  );
}

function pendingMs(t: Task): number {
  const p = t.history.find((h) => h.status === 'PENDING');
  const a = t.history.find((h) => h.status === 'ACTIVATING');
  if (!p || !a) throw new Error(`task ${t.id} never went PENDING → ACTIVATING`);
  return a.at - p.at;
}

const shopDockerfile = {
  from: 'nginx:1.27',
  steps: [
    { instruction: 'COPY' as const, args: 'site/ /usr/share/nginx/html/', sizeBytes: 5_000_000 },
    { instruction: 'EXPOSE' as const, args: '80' },
  ],
};

describe('image pulls in the ECS simulation', () => {
  it('without a registry, nothing about pulls is recorded (hand-built states keep the old timings)', () => {
    let s = register(clusterWith([['m5.large', 'us-east-1a']]), taskDef());
    s = apply(s, { type: 'RUN_TASK', taskDefinition: 'app', launchType: 'EC2' });
    s = advanceUntil(s, (x) => tasksOf(x).every((t) => t.lastStatus === 'RUNNING'));
    expect(s.registry).toBeUndefined();
    expect(tasksOf(s)[0]?.imagePull).toBeUndefined();
  });

  it('PENDING lasts as long as the pull of the image size; the second task on the same EC2 host reuses its layers', () => {
    let s = withPulls(register(clusterWith([['m5.large', 'us-east-1a']]), taskDef()));
    s = apply(s, { type: 'RUN_TASK', taskDefinition: 'app', launchType: 'EC2' });
    s = advanceUntil(s, (x) => tasksOf(x).every((t) => t.lastStatus === 'RUNNING'));
    const first = tasksOf(s)[0] as Task;
    const size = nginxSize();
    expect(first.imagePull).toMatchObject({
      bytesToDownload: size,
      bytesCached: 0,
      layersCached: 0,
    });
    expect(pendingMs(first)).toBe(expectedPendingMs(size, PULL_BANDWIDTH_BYTES_PER_SEC.EC2));
    const host = first.containerInstanceId as string;
    expect(s.registry?.layerCache[host]?.length).toBe(first.imagePull?.layers);

    s = apply(s, { type: 'RUN_TASK', taskDefinition: 'app', launchType: 'EC2' });
    s = advanceUntil(s, (x) => tasksOf(x).every((t) => t.lastStatus === 'RUNNING'));
    const second = tasksOf(s)[1] as Task;
    expect(second.containerInstanceId).toBe(host);
    expect(second.imagePull).toMatchObject({ bytesToDownload: 0, bytesCached: size });
    expect(second.imagePull?.layersCached).toBe(second.imagePull?.layers);
    // Only the manifest check and container start remain: 2 s instead of the full download.
    expect(pendingMs(second)).toBe(expectedPendingMs(0, PULL_BANDWIDTH_BYTES_PER_SEC.EC2));
    expect(pendingMs(second)).toBeLessThan(pendingMs(first));
  });

  it('an image sharing a base layer with a cached one downloads only the missing layers', () => {
    let s = withPulls(
      register(
        register(clusterWith([['m5.large', 'us-east-1a']]), taskDef()),
        taskDef({ family: 'cache', containerDefinitions: [container({ image: 'redis:7' })] }),
      ),
    );
    s = apply(s, { type: 'RUN_TASK', taskDefinition: 'app', launchType: 'EC2' });
    s = advanceUntil(s, (x) => tasksOf(x).every((t) => t.lastStatus === 'RUNNING'));
    s = apply(s, { type: 'RUN_TASK', taskDefinition: 'cache', launchType: 'EC2' });
    s = advanceUntil(s, (x) => tasksOf(x).every((t) => t.lastStatus === 'RUNNING'));
    const redis = tasksOf(s)[1] as Task;
    // nginx and redis share the debian bookworm-slim base layer in the catalogue.
    expect(redis.imagePull?.layersCached).toBe(1);
    expect(redis.imagePull?.bytesToDownload).toBeGreaterThan(0);
    expect(redis.imagePull?.bytesCached).toBeGreaterThan(0);
  });

  it('Fargate pulls the whole image for every task', () => {
    let s = withPulls(register(createSimulation({ seed: 3 }), fargateTaskDef()));
    s = apply(s, { type: 'RUN_TASK', taskDefinition: 'fg', launchType: 'FARGATE', count: 2 });
    s = advanceUntil(s, (x) => tasksOf(x).every((t) => t.lastStatus === 'RUNNING'));
    s = apply(s, { type: 'RUN_TASK', taskDefinition: 'fg', launchType: 'FARGATE' });
    s = advanceUntil(s, (x) => tasksOf(x).every((t) => t.lastStatus === 'RUNNING'));
    const size = nginxSize();
    for (const t of tasksOf(s)) {
      expect(t.imagePull).toMatchObject({ bytesToDownload: size, bytesCached: 0 });
      expect(pendingMs(t)).toBe(expectedPendingMs(size, PULL_BANDWIDTH_BYTES_PER_SEC.FARGATE));
    }
    expect(s.registry?.layerCache).toEqual({});
  });

  it('a missing tag stops the task with TaskFailedToStart and CannotPullContainerError, logged', () => {
    let s = clusterWith([['m5.large', 'us-east-1a']]);
    s = apply(s, { type: 'CREATE_REPOSITORY', repositoryName: 'shop' });
    s = apply(s, {
      type: 'PUSH_IMAGE',
      repositoryName: 'shop',
      tag: 'v1',
      dockerfile: shopDockerfile,
    });
    s = register(s, taskDef({ containerDefinitions: [container({ image: `${REPO_URI}:v2` })] }));
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'shop',
      taskDefinition: 'app',
      desiredCount: 1,
      launchType: 'EC2',
    });
    const pendingAt = (x: SimState): number | undefined =>
      tasksOf(x)[0]?.history.find((h) => h.status === 'PENDING')?.at;
    s = advanceUntil(s, (x) => tasksOf(x)[0]?.lastStatus === 'STOPPED');
    const t = tasksOf(s)[0] as Task;
    const reason =
      'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ' +
      `${REPO_URI}:v2: ${REPO_URI}:v2: not found`;
    expect(t.stopCode).toBe('TaskFailedToStart');
    expect(t.stoppedReason).toBe(reason);
    expect(t.containers[0]?.reason).toBe(reason);
    expect(t.startedAt).toBeUndefined();
    expect(t.history.map((h) => h.status)).toContain('STOPPING');
    expect(t.history.map((h) => h.status)).not.toContain('ACTIVATING');
    const stoppingAt = t.history.find((h) => h.status === 'STOPPING')?.at as number;
    expect(stoppingAt - (pendingAt(s) as number)).toBe(PULL_FAILURE_AFTER_MS);
    const log = s.events.map((e) => e.message);
    expect(log).toContain(`(service shop) (task ${t.id}) stopped: TaskFailedToStart: ${reason}`);
    // The failure counts towards launch throttling (it never reached RUNNING).
    expect(s.services.shop?.launchBackoff.consecutiveFailures).toBeGreaterThanOrEqual(1);
  });

  it('a missing repository and an unknown Docker Hub tag are worded as the agent words them', () => {
    let s = withPulls(
      register(
        register(
          clusterWith([['m5.large', 'us-east-1a']]),
          taskDef({
            family: 'norepo',
            containerDefinitions: [container({ image: `${REPO_URI}:v1` })],
          }),
        ),
        taskDef({ family: 'notag', containerDefinitions: [container({ image: 'nginx:nosuch' })] }),
      ),
    );
    s = apply(s, { type: 'RUN_TASK', taskDefinition: 'norepo', launchType: 'EC2' });
    s = apply(s, { type: 'RUN_TASK', taskDefinition: 'notag', launchType: 'EC2' });
    s = advanceUntil(s, (x) => tasksOf(x).every((t) => t.lastStatus === 'STOPPED'));
    const reasons = tasksOf(s)
      .map((t) => t.stoppedReason)
      .sort();
    expect(reasons).toEqual(
      [
        `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${REPO_URI}:v1: ${REPO_URI}:v1: not found`,
        'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref docker.io/library/nginx:nosuch: docker.io/library/nginx:nosuch: not found',
      ].sort(),
    );
    expect(tasksOf(s).every((t) => t.stopCode === 'TaskFailedToStart')).toBe(true);
  });

  it('pushing the missing tag lets the service start its next task; the image runs from ECR', () => {
    let s = clusterWith([['m5.large', 'us-east-1a']]);
    s = apply(s, { type: 'CREATE_REPOSITORY', repositoryName: 'shop' });
    s = register(s, taskDef({ containerDefinitions: [container({ image: `${REPO_URI}:v1` })] }));
    s = apply(s, {
      type: 'CREATE_SERVICE',
      serviceName: 'shop',
      taskDefinition: 'app',
      desiredCount: 1,
      launchType: 'EC2',
    });
    s = advanceUntil(s, (x) => tasksOf(x).some((t) => t.lastStatus === 'STOPPED'));
    s = apply(s, {
      type: 'PUSH_IMAGE',
      repositoryName: 'shop',
      tag: 'v1',
      dockerfile: shopDockerfile,
    });
    s = advanceUntil(s, (x) => tasksOf(x).some((t) => t.lastStatus === 'RUNNING'), 20 * 60_000);
    const running = tasksOf(s).find((t) => t.lastStatus === 'RUNNING') as Task;
    expect(running.imagePull?.error).toBeUndefined();
    expect(running.imagePull?.bytesToDownload).toBeGreaterThan(5_000_000);
  });

  it('ECR commands refuse what ECR refuses, leaving the state unchanged', () => {
    let s = clusterWith([['m5.large', 'us-east-1a']]);
    expect(applyError(s, { type: 'CREATE_REPOSITORY', repositoryName: 'Bad_Name' })).toMatch(
      /^InvalidParameterException: /,
    );
    s = apply(s, {
      type: 'CREATE_REPOSITORY',
      repositoryName: 'shop',
      imageTagMutability: 'IMMUTABLE',
    });
    expect(applyError(s, { type: 'CREATE_REPOSITORY', repositoryName: 'shop' })).toBe(
      "RepositoryAlreadyExistsException: The repository with name 'shop' already exists in the registry with id '123456789012'",
    );
    s = apply(s, {
      type: 'PUSH_IMAGE',
      repositoryName: 'shop',
      tag: 'v1',
      dockerfile: shopDockerfile,
    });
    const changed = {
      ...shopDockerfile,
      steps: [{ ...shopDockerfile.steps[0]!, content: 'edited' }],
    };
    expect(
      applyError(s, { type: 'PUSH_IMAGE', repositoryName: 'shop', tag: 'v1', dockerfile: changed }),
    ).toMatch(/^ImageTagAlreadyExistsException: /);
    expect(
      applyError(s, {
        type: 'PUSH_IMAGE',
        repositoryName: 'nope',
        tag: 'v1',
        dockerfile: shopDockerfile,
      }),
    ).toMatch(/^RepositoryNotFoundException: /);
  });

  it('a lifecycle policy expires old images when it is put and after pushes', () => {
    let s = apply(createSimulation({ seed: 1 }), {
      type: 'CREATE_REPOSITORY',
      repositoryName: 'shop',
    });
    for (const v of ['v1', 'v2', 'v3']) {
      s = apply(s, {
        type: 'PUSH_IMAGE',
        repositoryName: 'shop',
        tag: v,
        dockerfile: { ...shopDockerfile, steps: [{ ...shopDockerfile.steps[0]!, content: v }] },
      });
      s = advance(s, 60_000);
    }
    s = apply(s, {
      type: 'PUT_LIFECYCLE_POLICY',
      repositoryName: 'shop',
      policy: {
        rules: [
          {
            rulePriority: 1,
            selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: 2 },
            action: { type: 'expire' },
          },
        ],
      },
    });
    const tags = (x: SimState): string[] =>
      Object.values(x.registry?.ecr.repositories.shop?.images ?? {})
        .flatMap((i) => i.imageTags)
        .sort();
    expect(tags(s)).toEqual(['v2', 'v3']);
    s = apply(s, {
      type: 'PUSH_IMAGE',
      repositoryName: 'shop',
      tag: 'v4',
      dockerfile: { ...shopDockerfile, steps: [{ ...shopDockerfile.steps[0]!, content: 'v4' }] },
    });
    expect(tags(s)).toEqual(['v3', 'v4']);
    expect(s.events.some((e) => /Lifecycle policy rule 1 expired image/.test(e.message))).toBe(
      true,
    );
  });

  it('is deterministic: same seed and commands give deep-equal states', () => {
    const run = (): SimState => {
      let s = clusterWith(
        [
          ['m5.large', 'us-east-1a'],
          ['c5.large', 'us-east-1b'],
        ],
        11,
      );
      s = apply(s, { type: 'CREATE_REPOSITORY', repositoryName: 'shop', scanOnPush: true });
      s = apply(s, {
        type: 'PUSH_IMAGE',
        repositoryName: 'shop',
        tag: 'v1',
        dockerfile: shopDockerfile,
      });
      s = register(s, taskDef({ containerDefinitions: [container({ image: `${REPO_URI}:v1` })] }));
      const r = applyCommand(s, {
        type: 'CREATE_SERVICE',
        serviceName: 'shop',
        taskDefinition: 'app',
        desiredCount: 4,
        launchType: 'EC2',
      });
      return advance(r.state, 120_000);
    };
    expect(run()).toEqual(run());
  });
});
