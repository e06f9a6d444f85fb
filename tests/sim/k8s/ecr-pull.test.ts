/**
 * EKS pods pull through the same registry model as ECS tasks: a missing ECR repository or tag gives
 * kubelet's "Failed to pull image …" and ErrImagePull → ImagePullBackOff with the image back-off
 * (10 s doubling to 300 s); pushing the tag lets the next retry succeed; pull time follows image
 * size and each node keeps the layers it pulled.
 */
import { describe, expect, it } from 'vitest';
import { advance } from '../../../src/sim/advance.ts';
import { applyCommand } from '../../../src/sim/apply-command.ts';
import type { SimCommand } from '../../../src/sim/commands.ts';
import { createDefaultCluster } from '../../../src/sim/index.ts';
import type { SimState } from '../../../src/sim/model.ts';
import { nextImageBackoff } from '../../../src/sim/k8s/image-pull.ts';
import { podStatus } from '../../../src/sim/k8s/kubectl-format.ts';
import type { K8sManifest } from '../../../src/sim/k8s/index.ts';
import { deployment, eventsFor, pods } from './helpers.ts';

const URI = '123456789012.dkr.ecr.us-east-1.amazonaws.com/shop';

function apply(s: SimState, c: SimCommand): SimState {
  const r = applyCommand(s, c);
  if (r.error) throw new Error(r.error);
  return r.state;
}

function withEksAndRepo(): SimState {
  let s = createDefaultCluster(3);
  s = apply(s, {
    type: 'CREATE_EKS_CLUSTER',
    nodeGroups: [{ name: 'ng', instanceType: 'm5.large', desiredSize: 1, minSize: 1, maxSize: 1 }],
  });
  s = apply(s, { type: 'CREATE_REPOSITORY', repositoryName: 'shop' });
  return advance(s, 60_000); // the node group's node becomes Ready
}

function deploy(s: SimState, m: K8sManifest): SimState {
  return apply(s, { type: 'EKS_COMMAND', command: { type: 'APPLY', objects: [m] } });
}

const push = (tag: string, content: string): SimCommand => ({
  type: 'PUSH_IMAGE',
  repositoryName: 'shop',
  tag,
  dockerfile: {
    from: 'nginx:1.27',
    steps: [
      { instruction: 'COPY', args: 'site/ /usr/share/nginx/html/', sizeBytes: 4_000_000, content },
    ],
  },
});

describe('EKS image pulls through ECR', () => {
  it('image back-off waits 10, 20, 40 … capped at 300 s', () => {
    const waits: number[] = [];
    let b = 0;
    for (let i = 0; i < 8; i++) waits.push((b = nextImageBackoff(b)) / 1000);
    expect(waits).toEqual([10, 20, 40, 80, 160, 300, 300, 300]);
  });

  it('a missing tag: Failed to pull image (containerd NotFound), ErrImagePull, ImagePullBackOff with growing waits', () => {
    let s = deploy(withEksAndRepo(), deployment('shop', { image: `${URI}:v1` }));
    const backoffStarts: number[] = [];
    let prev = '';
    for (let t = 0; t < 400; t++) {
      s = advance(s, 1000);
      const p = pods(s.eks!, 'shop')[0];
      const st = p ? podStatus(p) : '';
      if (st === 'ImagePullBackOff' && prev !== 'ImagePullBackOff') backoffStarts.push(s.now);
      prev = st;
    }
    const p = pods(s.eks!, 'shop')[0]!;
    expect(p.phase).toBe('Pending');
    const failed = eventsFor(s.eks!, p.meta.name, 'Failed').map((e) => e.message);
    const ref = `${URI}:v1`;
    expect(failed).toContain(
      `Failed to pull image "${ref}": rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": ` +
        `failed to resolve reference "${ref}": ${ref}: not found`,
    );
    expect(failed).toContain('Error: ErrImagePull');
    expect(failed).toContain('Error: ImagePullBackOff');
    // Gaps between back-offs: each is the previous wait doubled (+ the failed attempt's second).
    const gaps = backoffStarts.slice(1).map((t, i) => (t - (backoffStarts[i] as number)) / 1000);
    expect(gaps.slice(0, 4)).toEqual([11, 21, 41, 81]);
  });

  it('pushing the missing tag lets the next retry succeed', () => {
    let s = deploy(withEksAndRepo(), deployment('shop', { image: `${URI}:v1` }));
    s = advance(s, 30_000);
    expect(podStatus(pods(s.eks!, 'shop')[0]!)).toMatch(/ImagePull/);
    s = apply(s, push('v1', 'site v1'));
    s = advance(s, 320_000);
    const p = pods(s.eks!, 'shop')[0]!;
    expect(podStatus(p)).toBe('Running');
    expect(eventsFor(s.eks!, p.meta.name, 'Pulled').at(-1)?.message).toMatch(
      new RegExp(
        `^Successfully pulled image "${URI}:v1" in [\\d.]+s \\([\\d.]+s including waiting\\)\\. Image size: \\d+ bytes\\.$`,
      ),
    );
  });

  it('pull time follows the bytes missing on the node: a second image on the same base pulls faster', () => {
    let s = apply(withEksAndRepo(), push('v1', 'site v1'));
    s = apply(s, push('v2', 'site v2'));
    const pulledIn = (state: SimState, name: string): number => {
      const p = pods(state.eks!, name)[0]!;
      const m = /in ([\d.]+)s/.exec(eventsFor(state.eks!, p.meta.name, 'Pulled')[0]?.message ?? '');
      return Number(m?.[1]);
    };
    s = deploy(s, deployment('first', { image: `${URI}:v1` }));
    s = advance(s, 30_000);
    s = deploy(s, deployment('second', { image: `${URI}:v2` }));
    s = advance(s, 30_000);
    const first = pulledIn(s, 'first');
    const second = pulledIn(s, 'second');
    // nginx:1.27's ~70 MB are cached after the first pull; only the 4 MB COPY layer moves.
    expect(first).toBeGreaterThan(1.5);
    expect(second).toBeLessThan(1);
    const node = Object.keys(s.eks!.nodes)[0]!;
    expect(s.eks!.nodeLayers?.[node]?.length).toBe(5);
  });
});
