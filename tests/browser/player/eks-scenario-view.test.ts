/**
 * A scenario about an EKS cluster shows that cluster: opened by deep link (a later step, presenter
 * mode), stepped with the player, or chosen from the scenario menu, the canvas draws the EKS
 * control plane, nodes and pods inside its viewport, fitted by the camera — not only the ECS
 * cluster with the EKS one off screen or hidden (src/machine/cluster-view.ts).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/ui/cp-app.ts';
import type { CpApp } from '../../../src/ui/cp-app.ts';
import type { ClusterCanvas } from '../../../src/render/index.ts';
import type { EntityRef } from '../../../src/sim/index.ts';
import { ScenarioHost } from '../../../src/ui/scenario-host.ts';
import { THEMES } from '../../../src/render/palette.ts';
import { part, settle, shadow, startHarness } from '../ui/ui-harness.ts';
import { near, pixelAt, until } from '../render/helpers.ts';

const NAMES = [
  'eks-crashloop-rolling-update',
  'eks-migrate-kubernetes-app',
  'eks-anywhere-distro',
  'ecs-or-eks',
];

let host: ScenarioHost | undefined;
afterEach(() => {
  host?.dispose();
  host = undefined;
});

async function mount() {
  const library: Record<string, string> = {};
  for (const name of NAMES) library[name] = await (await fetch(`/scenarios/${name}.yaml`)).text();
  const h = startHarness();
  const app = await fixture<CpApp>(
    html`<cp-app style="width: 1400px; height: 900px" no-ticker .actor=${h.actor}></cp-app>`,
  );
  const canvas = await app.canvasReady;
  host = new ScenarioHost(app, h.actor, {
    library,
    keyTarget: window,
    dropTarget: document,
    noTicker: true,
  });
  return { app, canvas, host };
}

/**
 * Every EKS node and pod of the shown state is drawn inside the canvas (CSS px), at a readable size,
 * and the middle of a pod tile is not background.
 */
async function expectEksOnScreen(
  app: CpApp,
  canvas: ClusterCanvas,
  what: string,
  readable = 1,
): Promise<void> {
  const eks = app.actor!.getSnapshot().context.sim.eks;
  expect(eks, `${what}: the state has an EKS cluster`).to.not.equal(undefined);
  const pods = Object.values(eks!.pods).map((p): EntityRef => ({
    kind: 'pod',
    id: `${p.meta.namespace}/${p.meta.name}`,
  }));
  const nodes = Object.keys(eks!.nodes).map((id): EntityRef => ({ kind: 'node', id }));
  expect(nodes.length, `${what}: nodes`).to.be.greaterThan(0);
  // The canvas loads its EKS area (own chunk) and draws the pods.
  await until(
    () => canvas.stats().podTiles === pods.length && canvas.locate(nodes[0]!) !== undefined,
  );
  const el = canvas.app.canvas.getBoundingClientRect();
  for (const ref of [...nodes, ...pods]) {
    const r = canvas.locate(ref);
    expect(r, `${what}: ${ref.kind} ${ref.id} drawn`).to.not.equal(undefined);
    const label = `${what}: ${ref.kind} ${ref.id} at ${JSON.stringify(r)} in ${el.width}×${el.height}`;
    expect(r!.x, label).to.be.at.least(0);
    expect(r!.y, label).to.be.at.least(0);
    expect(r!.x + r!.w, label).to.be.at.most(el.width);
    expect(r!.y + r!.h, label).to.be.at.most(el.height);
    // Readable: a pod tile of at least 6 CSS px, a node box of at least 60 (fitted, not a speck).
    expect(r!.w, label).to.be.at.least((ref.kind === 'pod' ? 6 : 60) * readable);
  }
  if (pods.length > 0) {
    const r = canvas.locate(pods[0]!)!;
    const px = pixelAt(canvas, r.x + r.w / 2, r.y + r.h / 2);
    expect(near(px, THEMES.light.background, 3), `${what}: a pod tile is painted`).to.equal(false);
  }
}

describe('EKS scenarios show the EKS cluster on the canvas', () => {
  it('a deep link to a later step of an EKS scenario shows its pods, also after Back and Step', async () => {
    const { app, canvas, host } = await mount();
    const opened = host.openFromUrl('?scenario=eks-crashloop-rolling-update&step=4');
    expect(opened?.ok).to.equal(true);
    expect(app.actor!.getSnapshot().context.view).to.equal('EKS');
    await expectEksOnScreen(app, canvas, 'step 4');
    // Only EKS is shown: the ECS task legend steps aside (the EKS area draws its pod legend).
    const legend = part(app, '[data-part="legend"]');
    expect(legend.hidden, 'ECS legend hidden in the EKS view').to.equal(true);
    // Zoomed in, nodes leave the screen; Fit view brings the whole EKS cluster back.
    canvas.zoomBy(6);
    const nodeId = Object.keys(app.actor!.getSnapshot().context.sim.eks!.nodes)[0]!;
    const zoomed = canvas.locate({ kind: 'node', id: nodeId })!;
    expect(
      zoomed.x < 0 || zoomed.x + zoomed.w > canvas.app.canvas.getBoundingClientRect().width,
    ).to.equal(true);
    canvas.resetView();
    await expectEksOnScreen(app, canvas, 'after Fit view');
    const player = host.session!.player;
    player.send({ type: 'PREV' });
    expect(player.getSnapshot().context.position.stepIndex).to.equal(2);
    await expectEksOnScreen(app, canvas, 'back to step 3');
    player.send({ type: 'NEXT' });
    await expectEksOnScreen(app, canvas, 'step 4 again');
  });

  it('while a scenario plays the header offers the view switch only (the narration may ask for Side by side)', async () => {
    const { app, host } = await mount();
    host.openFromUrl('?scenario=ecs-or-eks&step=3');
    await settle(app);
    const controls = part(app, 'cp-eks-controls');
    await until(() => shadow(controls).querySelector('[data-view]') !== null);
    expect(getComputedStyle(controls).display).to.not.equal('none');
    expect(
      shadow(controls).querySelector('.create-eks, .create-eks-anywhere, .add-nodepool'),
    ).to.equal(null);
    part<HTMLButtonElement>(controls, '[data-view="SIDE_BY_SIDE"]').click();
    expect(app.actor!.getSnapshot().context.view).to.equal('SIDE_BY_SIDE');
    expect(app.actor!.getSnapshot().context.lastError).to.equal(undefined);
  });

  it('in presenter mode the EKS cluster fills the stage', async () => {
    const { app, canvas, host } = await mount();
    host.openFromUrl('?scenario=eks-migrate-kubernetes-app&step=3&present');
    expect(app.present).to.equal(true);
    await expectEksOnScreen(app, canvas, 'presenting');
  });

  it('each EKS scenario chosen from the menu shows its EKS cluster once it has one', async () => {
    const { app, canvas, host } = await mount();
    for (const name of NAMES) {
      const opened = host.openNamed(name);
      expect(opened.ok, name).to.equal(true);
      const player = host.session!.player;
      // Step to the end: the EKS cluster exists from the step that creates it on.
      player.send({ type: 'JUMP', step: host.session!.scenario.steps.length - 1, at: 'end' });
      // ecs-or-eks opens side by side (its `view:`): two clusters share the stage, smaller.
      const both = app.actor!.getSnapshot().context.view === 'SIDE_BY_SIDE';
      expect(both, `${name} side by side`).to.equal(name === 'ecs-or-eks');
      await expectEksOnScreen(app, canvas, `${name} at its last step`, both ? 0.5 : 1);
    }
    // ecs-or-eks (the last one) shows both clusters side by side: both stay on screen.
    expect(app.actor!.getSnapshot().context.view).to.equal('SIDE_BY_SIDE');
    // Two clusters in the test's small stage (860×296): smaller, still whole and on screen.
    await expectEksOnScreen(app, canvas, 'ecs-or-eks side by side', 0.5);
    expect(part(app, '[data-part="legend"]').hidden, 'ECS legend shown beside ECS').to.equal(false);
    const instances = Object.keys(app.actor!.getSnapshot().context.sim.instances);
    const el = canvas.app.canvas.getBoundingClientRect();
    for (const id of instances) {
      const r = canvas.locate({ kind: 'instance', id });
      expect(r, `instance ${id}`).to.not.equal(undefined);
      expect(r!.x).to.be.at.least(0);
      expect(r!.x + r!.w).to.be.at.most(el.width);
    }
  });
});
