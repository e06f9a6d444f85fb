/**
 * Issue 6: EKS pods animate in and out on the canvas (pooled sprites, none with reduced motion).
 */
import { expect } from '@open-wc/testing';
import { createClusterCanvas } from '../../../src/render/index.ts';
import {
  advance,
  applyCommand,
  createSimulation,
  type SimCommand,
  type SimState,
} from '../../../src/sim/index.ts';
// The test builds EKS states itself, so it registers the EKS simulation (src/sim/eks.ts), as the
// page's lazily loaded paths do.
import '../../../src/sim/eks-simulation.ts';
import { makeHost, until } from './helpers.ts';

function must(s: SimState, c: SimCommand): SimState {
  const r = applyCommand(s, c);
  if (r.error) throw new Error(`${c.type}: ${r.error}`);
  return r.state;
}

const scale = (replicas: number): SimCommand => ({
  type: 'EKS_COMMAND',
  command: { type: 'SCALE', name: 'web', replicas },
});

function withWeb(): SimState {
  let s = must(createSimulation({ seed: 9 }), { type: 'CREATE_EKS_CLUSTER' });
  s = must(s, {
    type: 'EKS_COMMAND',
    command: {
      type: 'APPLY',
      objects: [
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'web', namespace: 'default' },
          spec: {
            replicas: 2,
            selector: { matchLabels: { app: 'web' } },
            template: {
              metadata: { labels: { app: 'web' } },
              spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
            },
          },
        },
      ],
    },
  });
  return advance(s, 30_000);
}

describe('EKS pod enter/exit animation', () => {
  it('a pod view appears with an enter animation and disappears with an exit animation', async () => {
    const host = makeHost();
    const canvas = await createClusterCanvas(host, { width: 900, height: 600 });
    let s = withWeb();
    const show = (next: SimState) => {
      canvas.update(next);
      canvas.updateK8s(next.eks, 'EKS');
    };
    show(s);
    // The EKS area is its own chunk, loaded with the first EKS snapshot.
    await until(() => canvas.stats().podTiles === 2, 5_000);
    s = advance(must(s, scale(4)), 1_000);
    show(s);
    expect(canvas.stats().podTiles).to.equal(4);
    expect(canvas.stats().podTransitions).to.deep.include({ entering: 2, exiting: 0 });
    await until(() => canvas.stats().podTransitions!.entering === 0, 5_000);
    const created = canvas.stats().podTransitions!.created;
    // Scale in: two pods terminate (30 s grace) and their tiles leave with an exit animation.
    s = must(s, scale(2));
    s = advance(s, 40_000);
    show(s);
    expect(canvas.stats().podTiles).to.equal(2);
    expect(canvas.stats().podTransitions!.exiting).to.equal(2);
    await until(() => canvas.stats().podTransitions!.exiting === 0, 5_000);
    // The sprites were reused from the pool, not created anew.
    expect(canvas.stats().podTransitions!.created).to.equal(created);
    canvas.destroy();
    host.remove();
  });

  it('with reduced motion pods appear and vanish at once', async () => {
    const host = makeHost();
    const canvas = await createClusterCanvas(host, {
      width: 900,
      height: 600,
      reducedMotion: true,
    });
    let s = withWeb();
    canvas.update(s);
    canvas.updateK8s(s.eks, 'EKS');
    await until(() => canvas.stats().podTiles === 2, 5_000);
    s = advance(must(s, scale(5)), 1_000);
    canvas.update(s);
    canvas.updateK8s(s.eks, 'EKS');
    expect(canvas.stats().podTiles).to.equal(5);
    await new Promise((r) => setTimeout(r, 100));
    expect(canvas.stats().podTransitions).to.deep.include({ entering: 0, exiting: 0, created: 0 });
    canvas.destroy();
    host.remove();
  });
});
