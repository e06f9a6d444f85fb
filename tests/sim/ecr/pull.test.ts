import { describe, expect, it } from 'vitest';
import {
  createEcrState,
  defaultKubePullPolicy,
  ecsPullFailureStop,
  forgetHost,
  imagePullBackoffMs,
  kubeImagePullFailureTimeline,
  kubePullSuccessEvent,
  MANIFEST_RESOLVE_MS,
  planImagePull,
  recordPulledImage,
  resolveImage,
  type ImageManifest,
  type ResolveResult,
} from '../../../src/sim/ecr/index.ts';

const ecr = createEcrState('123456789012', 'us-east-1');
function manifest(ref: string): ImageManifest {
  const r = resolveImage(ecr, ref);
  if (!r.found) throw new Error(`${ref} not in catalogue`);
  return r.manifest;
}
function failure(ref: string): Extract<ResolveResult, { found: false }> {
  const r = resolveImage(ecr, ref);
  if (r.found) throw new Error(`${ref} unexpectedly found`);
  return r;
}

describe('pull time and the EC2 layer cache', () => {
  it('downloads the whole image at 50 MB/s plus the manifest round trip', () => {
    const nginx = manifest('nginx:latest');
    const plan = planImagePull(nginx, { platform: 'EC2' });
    expect(plan.bytesToDownload).toBe(nginx.sizeBytes);
    // 70.1 MB / 50 MB/s = 1.402 s → 1402 ms, + 500 ms manifest resolution.
    expect(nginx.sizeBytes).toBe(70_100_000);
    expect(plan.durationMs).toBe(MANIFEST_RESOLVE_MS + 1402);
  });
  it('on EC2 a second pull skips cached layers, and shares base layers across images', () => {
    const nginx = manifest('nginx:latest');
    const redis = manifest('redis:7');
    const cache = recordPulledImage({}, 'i-1', nginx, 'EC2');
    expect(planImagePull(nginx, { platform: 'EC2', cachedLayers: cache['i-1'] })).toMatchObject({
      bytesToDownload: 0,
      durationMs: MANIFEST_RESOLVE_MS,
      skipped: false,
    });
    // redis shares the debian bookworm-slim base layer (28.2 MB) with nginx.
    const redisPlan = planImagePull(redis, { platform: 'EC2', cachedLayers: cache['i-1'] });
    expect(redisPlan.layersCached.length).toBe(1);
    expect(redisPlan.bytesToDownload).toBe(redis.sizeBytes - 28_200_000);
    // Another host has nothing cached.
    expect(
      planImagePull(redis, { platform: 'EC2', cachedLayers: cache['i-2'] }).bytesToDownload,
    ).toBe(redis.sizeBytes);
    expect(forgetHost(cache, 'i-1')).toEqual({});
  });
  it('Fargate always pulls the whole image and never records a cache', () => {
    const nginx = manifest('nginx:latest');
    const cache = recordPulledImage({}, 'fargate-task-1', nginx, 'FARGATE');
    expect(cache).toEqual({});
    const plan = planImagePull(nginx, {
      platform: 'FARGATE',
      cachedLayers: nginx.layers.map((l) => l.digest),
    });
    expect(plan.bytesToDownload).toBe(nginx.sizeBytes);
  });
  it('if-not-present skips the registry when the image is on the host; never fails when it is not', () => {
    const nginx = manifest('nginx:1.27');
    const cached = nginx.layers.map((l) => l.digest);
    expect(
      planImagePull(nginx, { platform: 'EC2', cachedLayers: cached, policy: 'if-not-present' }),
    ).toMatchObject({
      skipped: true,
      durationMs: 0,
    });
    expect(planImagePull(nginx, { platform: 'EC2', policy: 'never' }).missingWithNeverPolicy).toBe(
      true,
    );
  });
  it('defaults the Kubernetes pull policy from the tag', () => {
    expect(defaultKubePullPolicy('nginx')).toBe('always');
    expect(defaultKubePullPolicy('nginx:latest')).toBe('always');
    expect(defaultKubePullPolicy('nginx:1.27')).toBe('if-not-present');
    expect(defaultKubePullPolicy('localhost:5000/app')).toBe('always');
  });
});

describe('ECS CannotPullContainerError', () => {
  it('words a missing tag as the ECS agent does, stopping with TaskFailedToStart', () => {
    expect(ecsPullFailureStop('nginx:nosuch', failure('nginx:nosuch'))).toEqual({
      stopCode: 'TaskFailedToStart',
      stoppedReason:
        'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ' +
        'docker.io/library/nginx:nosuch: docker.io/library/nginx:nosuch: not found',
      containerReason:
        'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ' +
        'docker.io/library/nginx:nosuch: docker.io/library/nginx:nosuch: not found',
    });
  });
  it('uses the ECR URI for a missing private repository and a DNS error for unknown registries', () => {
    const uri = '123456789012.dkr.ecr.us-east-1.amazonaws.com/api:v3';
    expect(ecsPullFailureStop(uri, failure(uri)).stoppedReason).toBe(
      `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${uri}: ${uri}: not found`,
    );
    expect(
      ecsPullFailureStop('ghcr.io/acme/app:1', failure('ghcr.io/acme/app:1')).stoppedReason,
    ).toContain(
      'Head "https://ghcr.io/v2/acme/app/manifests/1": dial tcp: lookup ghcr.io: no such host',
    );
  });
});

describe('Kubernetes ErrImagePull → ImagePullBackOff', () => {
  it('emits kubelet events in order with the containerd error', () => {
    const { events, waiting } = kubeImagePullFailureTimeline(
      'nginx:nosuch',
      failure('nginx:nosuch'),
      0,
      2,
    );
    expect(events.slice(0, 5).map((e) => `${e.type} ${e.reason}: ${e.message}`)).toEqual([
      'Normal Pulling: Pulling image "nginx:nosuch"',
      'Warning Failed: Failed to pull image "nginx:nosuch": rpc error: code = NotFound desc = failed to pull and unpack image ' +
        '"docker.io/library/nginx:nosuch": failed to resolve reference "docker.io/library/nginx:nosuch": ' +
        'docker.io/library/nginx:nosuch: not found',
      'Warning Failed: Error: ErrImagePull',
      'Normal BackOff: Back-off pulling image "nginx:nosuch"',
      'Warning Failed: Error: ImagePullBackOff',
    ]);
    expect(waiting.map((w) => [w.at, w.state.reason])).toEqual([
      [0, 'ErrImagePull'],
      [1000, 'ImagePullBackOff'],
      [10_000, 'ErrImagePull'],
      [11_000, 'ImagePullBackOff'],
    ]);
  });
  it('backs off 10 s, 20 s, 40 s … capped at 300 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(imagePullBackoffMs)).toEqual([
      10_000, 20_000, 40_000, 80_000, 160_000, 300_000, 300_000,
    ]);
  });
  it('reports a successful pull or an image already present', () => {
    expect(
      kubePullSuccessEvent('nginx:1.27', 5, { skipped: true, durationMs: 0, imageSizeBytes: 1 })
        .message,
    ).toBe('Container image "nginx:1.27" already present on machine');
    expect(
      kubePullSuccessEvent('nginx:1.27', 5, {
        skipped: false,
        durationMs: 1902,
        imageSizeBytes: 70_100_000,
      }).message,
    ).toBe(
      'Successfully pulled image "nginx:1.27" in 1.902s (1.902s including waiting). Image size: 70100000 bytes.',
    );
  });
});
