/**
 * A scenario's `view:` in the app: ecs-or-eks.yaml (about comparing both clusters) opens side by
 * side — the header's Side by side button is pressed and the Events panel lists both clusters'
 * events, labelled — and the learner's own choice then stays while the player moves on.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/ui/cp-app.ts';
import type { CpApp } from '../../../src/ui/cp-app.ts';
import { ScenarioHost } from '../../../src/ui/scenario-host.ts';
import { part, settle, shadow, startHarness } from '../ui/ui-harness.ts';
import { until } from './player-fixtures.ts';

let host: ScenarioHost | undefined;
afterEach(() => {
  host?.dispose();
  host = undefined;
});

describe("a scenario's view: in the app", () => {
  it('ecs-or-eks opens side by side; the learner may switch and keeps the choice', async () => {
    const text = await (await fetch('/scenarios/ecs-or-eks.yaml')).text();
    const h = startHarness();
    const app = await fixture<CpApp>(
      html`<cp-app style="width: 1400px; height: 900px" no-ticker .actor=${h.actor}></cp-app>`,
    );
    await app.canvasReady;
    host = new ScenarioHost(app, h.actor, {
      library: { 'ecs-or-eks': text },
      keyTarget: window,
      dropTarget: document,
      noTicker: true,
    });
    expect(host.openFromUrl('?scenario=ecs-or-eks&step=3')?.ok).to.equal(true);
    await settle(app);
    const controls = part(app, 'cp-eks-controls');
    await until(() => shadow(controls).querySelector('[aria-pressed="true"]') !== null);
    const pressed = () =>
      shadow(controls).querySelector('[aria-pressed="true"]')?.getAttribute('data-view');
    expect(pressed()).to.equal('SIDE_BY_SIDE');
    // The Events panel follows: both clusters, each row labelled.
    const log = part(app, 'cp-event-log');
    await until(() => shadow(log).querySelector('li[data-cluster="EKS"]') !== null);
    expect(shadow(log).querySelector('li[data-cluster="ECS"]')).to.not.equal(null);
    expect(shadow(log).querySelector('li .cluster')).to.not.equal(null);
    // The learner picks EKS; playing the step on does not take it back.
    part<HTMLButtonElement>(controls, '[data-view="EKS"]').click();
    host.session!.player.send({ type: 'NEXT' });
    await settle(controls);
    expect(host.session!.player.getSnapshot().context.position.done).to.equal(true);
    expect(pressed()).to.equal('EKS');
    await settle(log);
    expect(shadow(log).querySelector('li[data-cluster="ECS"]')).to.equal(null);
  });
});
