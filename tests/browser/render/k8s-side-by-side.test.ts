/**
 * Side by side, the EKS cluster goes right of the ECS one on a wide stage and below it on a tall,
 * narrow one (a scenario's stage beside its narration), whichever the camera can draw larger; hit
 * tests and selection rectangles follow it.
 */
import { expect } from '@open-wc/testing';
import { createClusterCanvas, type ClusterCanvas } from '../../../src/render/index.ts';
import { stacksBelow } from '../../../src/render/k8s-area.ts';
import {
  advance,
  applyCommand,
  createDefaultCluster,
  type EntityRef,
  type SimCommand,
  type SimState,
} from '../../../src/sim/index.ts';
// The test builds EKS states itself, so it registers the EKS simulation (src/sim/eks.ts), as the
// page's lazily loaded paths do.
import '../../../src/sim/eks-simulation.ts';
import { clickAt, makeHost, until } from './helpers.ts';

function must(s: SimState, c: SimCommand): SimState {
  const r = applyCommand(s, c);
  if (r.error) throw new Error(`${c.type}: ${r.error}`);
  return r.state;
}

/** The default ECS cluster plus an EKS cluster (its nodes, no pods needed). */
function bothClusters(): SimState {
  return advance(must(createDefaultCluster(5), { type: 'CREATE_EKS_CLUSTER' }), 30_000);
}

async function show(width: number, height: number) {
  const host = makeHost(width, height);
  const canvas = await createClusterCanvas(host, { width, height });
  const s = bothClusters();
  canvas.update(s);
  canvas.updateK8s(s.eks, 'SIDE_BY_SIDE');
  const node: EntityRef = { kind: 'node', id: Object.keys(s.eks!.nodes).sort()[0]! };
  await until(() => canvas.locate(node) !== undefined);
  const instances = Object.keys(s.instances).map((id) => canvas.locate({ kind: 'instance', id }));
  return { host, canvas, node, nodeRect: canvas.locate(node)!, instances };
}

function done(host: HTMLElement, canvas: ClusterCanvas): void {
  canvas.destroy();
  host.remove();
}

describe('EKS side by side with ECS', () => {
  it('goes right of the ECS cluster on a wide stage', async () => {
    const { host, canvas, nodeRect, instances } = await show(1400, 400);
    for (const r of instances) expect(nodeRect.x).to.be.greaterThan(r!.x + r!.w);
    done(host, canvas);
  });

  it('goes below it on a tall, narrow stage, drawn larger than right of it, and is picked there', async () => {
    const { host, canvas, node, nodeRect, instances } = await show(500, 700);
    for (const r of instances) expect(nodeRect.y).to.be.greaterThan(r!.y + r!.h);
    // Everything stays on screen.
    for (const r of [nodeRect, ...instances.map((r) => r!)]) {
      expect(r.x).to.be.at.least(0);
      expect(r.y).to.be.at.least(0);
      expect(r.x + r.w).to.be.at.most(500);
      expect(r.y + r.h).to.be.at.most(700);
    }
    // A click on the node selects it (hit test offset by the stacking, not by a right-hand offset).
    const picked: (EntityRef | undefined)[] = [];
    canvas.onSelect((ref) => picked.push(ref));
    clickAt(canvas, nodeRect.x + nodeRect.w / 2, nodeRect.y + nodeRect.h / 2);
    await until(() => picked.length > 0);
    expect(picked[0]).to.deep.equal(node);
    // Larger than right of the ECS cluster: there, this 500-px-wide stage would hold a world of
    // ECS + gap + EKS width, and the node box would be well under 60 px wide.
    expect(nodeRect.w).to.be.greaterThan(60);
    done(host, canvas);
  });

  it('stacksBelow picks the arrangement with the larger fitted zoom', () => {
    const ecs = { width: 600, height: 160 };
    const eks = { width: 650, height: 280 };
    expect(stacksBelow(ecs, eks, { w: 500, h: 600 })).to.equal(true);
    expect(stacksBelow(ecs, eks, { w: 1400, h: 400 })).to.equal(false);
    // A square stage: right of it needs 1,282 px of width for 280 of height, below 650 for 472.
    expect(stacksBelow(ecs, eks, { w: 800, h: 800 })).to.equal(true);
  });
});
