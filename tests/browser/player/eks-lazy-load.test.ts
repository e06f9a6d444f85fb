/**
 * Issue 8: the EKS simulation is not in the page's first download (src/sim/eks.ts). These tests
 * start from the modules the first chunk holds (the app, the machine, the canvas), check the EKS
 * simulation is not there, then take the page's lazily loaded paths that can bring an EKS cluster
 * — a scenario deep link (scenario host) and a share link (experiment session, as start-session.ts
 * does) — and check that loading the path brings the simulation, and the EKS cluster plays.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/ui/cp-app.ts';
import type { CpApp } from '../../../src/ui/cp-app.ts';
import { clusterMachine } from '../../../src/machine/index.ts';
import { createDefaultCluster, type SimState } from '../../../src/sim/index.ts';
import { eksSimulationLoaded } from '../../../src/sim/eks.ts';
import type { ScenarioHost } from '../../../src/ui/scenario-host.ts';
import { createActor } from 'xstate';
import { startHarness } from '../ui/ui-harness.ts';
import { until } from '../render/helpers.ts';

const SCENARIO = 'eks-crashloop-rolling-update';
const comparable = (s: SimState): string => JSON.stringify({ ...s, version: 0 });

let host: ScenarioHost | undefined;
after(() => host?.dispose());

describe('EKS code loads lazily, before anything EKS plays (issue 8)', () => {
  it('the app runs the default cluster without the EKS simulation; a scenario deep link brings it and its EKS cluster plays', async () => {
    // The modules of the first chunk (imported above) register no EKS simulation. (Once the app
    // is up, its lazily loaded panels may bring it; the paths below must not depend on that.)
    expect(eksSimulationLoaded(), 'first-chunk modules register no EKS simulation').to.equal(false);
    const h = startHarness();
    const app = await fixture<CpApp>(
      html`<cp-app style="width: 1200px; height: 800px" no-ticker .actor=${h.actor}></cp-app>`,
    );
    const canvas = await app.canvasReady;
    for (let i = 0; i < 20; i++) h.actor.send({ type: 'STEP' });
    // What main.ts does after the first frame: load the scenario host, open the URL's deep link.
    const text = await (await fetch(`/scenarios/${SCENARIO}.yaml`)).text();
    const { ScenarioHost } = await import('../../../src/ui/scenario-host.ts');
    // Whatever else loaded meanwhile, the scenario host's module graph registers it.
    expect(eksSimulationLoaded(), 'the scenario host brings the EKS simulation').to.equal(true);
    host = new ScenarioHost(app, h.actor, {
      library: { [SCENARIO]: text },
      keyTarget: window,
      dropTarget: document,
      noTicker: true,
    });
    const opened = host.openFromUrl(`?scenario=${SCENARIO}&step=4`);
    expect(opened?.ok).to.equal(true);
    const session = host.session!;
    expect(session.player.getSnapshot().context.position.stepIndex).to.equal(3);
    const eks = app.actor!.getSnapshot().context.sim.eks;
    expect(eks, 'the scenario created its EKS cluster').to.not.equal(undefined);
    expect(Object.keys(eks!.nodes)).to.have.length(3);
    expect(Object.keys(eks!.pods).length).to.be.greaterThan(0);
    // Shown side by side, the canvas loads its EKS area and draws the pods.
    app.actor!.send({ type: 'SET_VIEW', view: 'SIDE_BY_SIDE' });
    await until(() => canvas.stats().podTiles > 0);
  });

  it('a share link holding an EKS cluster reopens it identically', async () => {
    // The share link is opened by the experiment session (start-session.ts imports it).
    const [{ ExperimentSession }, { ExperimentStore }] = await Promise.all([
      import('../../../src/ui/experiment-session.ts'),
      import('../../../src/persist/experiment-store.ts'),
    ]);
    expect(eksSimulationLoaded()).to.equal(true);
    const open = async (db: string, hash = '') => {
      const actor = createActor(clusterMachine, { input: { sim: createDefaultCluster(7) } });
      actor.start();
      actor.send({ type: 'PAUSE' });
      const session = new ExperimentSession(actor, await ExperimentStore.open(db));
      await session.start(hash);
      return { actor, session };
    };
    const db = `eks-lazy-${Date.now()}`;
    const a = await open(db);
    a.actor.send({ type: 'CREATE_EKS' });
    for (let i = 0; i < 60; i++) a.actor.send({ type: 'STEP' });
    expect(a.actor.getSnapshot().context.lastError).to.equal(undefined);
    const sim = a.actor.getSnapshot().context.sim;
    expect(Object.keys(sim.eks?.nodes ?? {})).to.have.length(3);
    const url = await a.session.shareLink('http://localhost/index.html?seed=7');
    await a.session.stop();

    const b = await open(`${db}-other`, new URL(url).hash);
    const reopened = b.actor.getSnapshot().context.sim;
    expect(reopened.eks).to.not.equal(undefined);
    expect(comparable(reopened)).to.equal(comparable(sim));
    // And it keeps stepping.
    b.actor.send({ type: 'STEP' });
    expect(b.actor.getSnapshot().context.sim.eks!.now).to.be.greaterThan(reopened.eks!.now);
    await b.session.stop();
  });
});
