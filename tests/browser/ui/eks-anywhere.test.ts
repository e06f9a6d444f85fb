import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/ui/cp-app.ts';
// Defined lazily by cp-app (after the first frame); this test uses them at once.
import '../../../src/ui/cp-eks-controls.ts';
import '../../../src/ui/cp-terminal.ts';
import type { CpApp } from '../../../src/ui/cp-app.ts';
import type { CpTerminal } from '../../../src/ui/cp-terminal.ts';
import { part, settle, shadow, startHarness } from './ui-harness.ts';

async function until(cond: () => boolean, timeoutMs = 10000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!cond()) {
    if (performance.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('Create EKS Anywhere cluster', () => {
  it('builds the cluster at an on-premises site; kubectl shows site machines and the EKS Distro build', async () => {
    const h = startHarness();
    const app = await fixture<CpApp>(
      html`<cp-app style="width: 1300px; height: 900px" no-ticker .actor=${h.actor}></cp-app>`,
    );
    const canvas = await app.canvasReady;
    const controls = part(app, 'cp-eks-controls');
    await settle(controls);
    part<HTMLButtonElement>(controls, 'button.create-eks-anywhere').click();
    await until(() => h.actor.getSnapshot().context.sim.eks !== undefined);
    const eks = h.actor.getSnapshot().context.sim.eks!;
    expect(eks.anywhere?.site).to.equal('dc1');
    expect(h.actor.getSnapshot().context.view).to.equal('EKS');
    await settle(controls);
    // No Karpenter on premises: the NodePool button is not offered.
    expect(shadow(controls).querySelector('button.add-nodepool')).to.equal(null);
    expect(canvas.stats().podTiles).to.equal(0);

    const terminal = part<CpTerminal>(app, 'cp-terminal');
    await settle(terminal);
    await terminal.run('kubectl get nodes');
    await terminal.run('kubectl version');
    await settle(terminal);
    const text = part(terminal, '.screen').textContent ?? '';
    expect(text).to.match(/md-0-\d+-\d+\s+Ready/);
    expect(text).to.match(/Server Version: v1\.31\.\d+-eks-[0-9a-f]+/);
    // The undo log holds the creation as one user action.
    h.actor.send({ type: 'UNDO' });
    await until(() => h.actor.getSnapshot().context.sim.eks === undefined);
  });
});
