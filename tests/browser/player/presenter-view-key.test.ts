/**
 * Presenter mode is keyboard only: V shows the next view of the canvas (ECS → EKS → Side by side),
 * among the views that show something (src/machine/cluster-view.ts nextView), and the status bar
 * lists the key when it does something — still on one line at 1280×720.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../../src/ui/cp-app.ts';
import type { CpApp } from '../../../src/ui/cp-app.ts';
import { ScenarioHost } from '../../../src/ui/scenario-host.ts';
import { part, settle, shadow, startHarness } from '../ui/ui-harness.ts';
import { TEST_SCENARIO, until } from './player-fixtures.ts';

let host: ScenarioHost | undefined;
afterEach(async () => {
  host?.dispose();
  host = undefined;
  await setViewport({ width: 800, height: 600 });
});

async function mount(library: Record<string, string>) {
  await setViewport({ width: 1280, height: 720 });
  const h = startHarness();
  const app = await fixture<CpApp>(
    html`<cp-app
      style="display:block; width: 1280px; height: 720px"
      no-ticker
      .actor=${h.actor}
    ></cp-app>`,
  );
  await app.canvasReady;
  host = new ScenarioHost(app, h.actor, {
    library,
    keyTarget: window,
    dropTarget: document,
    noTicker: true,
  });
  return { app, host, h };
}

const keyHelp = (h: ScenarioHost): HTMLElement => {
  const player = shadow(h.layer).querySelector<HTMLElement>('cp-player');
  if (player === null) throw new Error('no cp-player');
  return part(player, '.keys');
};

describe('presenter mode: V changes the view', () => {
  it('cycles ECS → EKS → Side by side in a scenario with both clusters', async () => {
    const text = await (await fetch('/scenarios/ecs-or-eks.yaml')).text();
    const { app, host } = await mount({ 'ecs-or-eks': text });
    host.openFromUrl('?scenario=ecs-or-eks&step=3&present');
    await until(() => app.present);
    const view = () => app.actor!.getSnapshot().context.view;
    const seen = [view()];
    for (let i = 0; i < 3; i++) {
      await sendKeys({ press: 'v' });
      seen.push(view());
    }
    // Three presses go round the three views back to where it started, each one different.
    expect(new Set(seen.slice(0, 3)).size).to.equal(3);
    expect(seen[3]).to.equal(seen[0]);
    const order = ['ECS', 'EKS', 'SIDE_BY_SIDE'];
    for (let i = 0; i < 3; i++) {
      expect(order.indexOf(seen[i + 1]!)).to.equal((order.indexOf(seen[i]!) + 1) % 3);
    }
    // Screen readers hear the view (the buttons that show it are hidden while presenting).
    await settle(host.layer);
    const note = part(host.layer, '.view-note');
    expect(note.getAttribute('role')).to.equal('status');
    const notes: Record<string, string> = {
      ECS: 'Showing the ECS cluster',
      EKS: 'Showing the EKS cluster',
      SIDE_BY_SIDE: 'Showing the ECS and EKS clusters side by side',
    };
    expect(note.textContent).to.equal(notes[seen[3]!]);
    // The scenario's cluster is untouched: SET_VIEW only.
    expect(app.actor!.getSnapshot().context.lastError).to.equal(undefined);
    // The key help lists V, whole, on one line at 1280 px.
    const keys = keyHelp(host);
    await settle(shadow(host.layer).querySelector<HTMLElement>('cp-player')!);
    expect(keys.textContent).to.match(/V\s*view/);
    expect(keys.scrollWidth, 'key help cut').to.be.at.most(keys.clientWidth + 1);
    expect(keys.getClientRects().length).to.equal(1);
  });

  it('does nothing, and is not listed, when there is only one view to show', async () => {
    const { app, host } = await mount({ 'player-test': TEST_SCENARIO });
    host.openFromUrl('?scenario=player-test&present');
    await until(() => app.present);
    await sendKeys({ press: 'v' });
    expect(app.actor!.getSnapshot().context.view).to.equal('ECS');
    expect(keyHelp(host).textContent).to.not.match(/V\s*view/);
    expect(keyHelp(host).textContent).to.match(/F\s*full screen/);
  });

  it('outside presenter mode V is left to the page', async () => {
    const text = await (await fetch('/scenarios/ecs-or-eks.yaml')).text();
    const { app, host } = await mount({ 'ecs-or-eks': text });
    host.openFromUrl('?scenario=ecs-or-eks&step=3');
    await settle(app);
    const before = app.actor!.getSnapshot().context.view;
    await sendKeys({ press: 'v' });
    expect(app.actor!.getSnapshot().context.view).to.equal(before);
  });
});
