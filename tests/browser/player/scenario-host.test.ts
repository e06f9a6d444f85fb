import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/ui/cp-app.ts';
import type { CpApp } from '../../../src/ui/cp-app.ts';
import { MIN_FIT } from '../../../src/ui/cp-caption.ts';
import type { CpScenarioLayer } from '../../../src/ui/cp-scenario-layer.ts';
import { ScenarioHost } from '../../../src/ui/scenario-host.ts';
import { parseScenarioLink, withScenarioLink } from '../../../src/ui/scenario-url.ts';
import { part, settle, shadow, startHarness } from '../ui/ui-harness.ts';
import { INVALID_SCENARIO, OTHER_SCENARIO, TEST_SCENARIO, until } from './player-fixtures.ts';

const LIBRARY = { 'player-test': TEST_SCENARIO, other: OTHER_SCENARIO };

let host: ScenarioHost | undefined;
afterEach(() => {
  host?.dispose();
  host = undefined;
});

async function mount() {
  const h = startHarness();
  const app = await fixture<CpApp>(
    html`<cp-app style="width: 1200px; height: 800px" no-ticker .actor=${h.actor}></cp-app>`,
  );
  const canvas = await app.canvasReady;
  host = new ScenarioHost(app, h.actor, {
    library: LIBRARY,
    keyTarget: window,
    dropTarget: document,
    noTicker: true,
  });
  const layer = host.layer;
  const ctx = () => host!.session!.player.getSnapshot().context;
  const render = async () => {
    await settle(app);
    await settle(layer);
    const caption = shadow(layer).querySelector<HTMLElement>('cp-caption');
    if (caption) await settle(caption);
  };
  return { h, app, canvas, host, layer, ctx, render };
}

function caption(layer: CpScenarioLayer): HTMLElement {
  return part(layer, 'cp-caption');
}

function dropFile(text: string, name: string): DragEvent {
  const data = new DataTransfer();
  data.items.add(new File([text], name, { type: 'application/yaml' }));
  const event = new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true });
  document.body.dispatchEvent(event);
  return event;
}

describe('scenario host: deep links, keys, presenter mode, files', () => {
  it('?scenario=NAME&step=N opens the scenario at the start of step N; the app shows its cluster', async () => {
    const { h, app, host, ctx, layer, render } = await mount();
    host.openFromUrl('?scenario=player-test&step=2');
    await render();
    expect(ctx().position.stepIndex).to.equal(1);
    expect(ctx().position.done).to.equal(false);
    expect(app.actor).to.equal(host.session!.view);
    expect(app.actor).to.not.equal(h.actor);
    expect(app.hasAttribute('scenario')).to.equal(true);
    expect(getComputedStyle(part(app, 'cp-toolbar')).display, 'sandbox toolbar hidden').to.equal(
      'none',
    );
    expect(part(caption(layer), '.step-title').textContent).to.equal('A task crashes');
    // Leaving brings back the free playground's own actor, untouched.
    host.leave();
    await render();
    expect(app.actor).to.equal(h.actor);
    expect(app.hasAttribute('scenario')).to.equal(false);
  });

  it('the canvas highlights the focus of the step', async () => {
    const { canvas, host } = await mount();
    const calls: unknown[] = [];
    const original = canvas.setFocus.bind(canvas);
    canvas.setFocus = (ref) => {
      calls.push(ref);
      original(ref);
    };
    host.openNamed('player-test');
    await until(() => calls.some((r) => r !== undefined));
    expect(calls.at(-1)).to.deep.equal({ kind: 'service', id: 'api' });
    host.session!.player.send({ type: 'JUMP', step: 1 });
    // Step 2 has no focus: the highlight is cleared.
    expect(calls.at(-1)).to.equal(undefined);
  });

  it('keys: Space plays/pauses, → and ← step, + and − change speed, and never reach the sandbox', async () => {
    const { h, host, ctx } = await mount();
    host.openNamed('player-test');
    const sandboxBefore = h.actor.getSnapshot();
    await sendKeys({ press: 'ArrowRight' });
    expect(ctx().position.done).to.equal(true);
    await sendKeys({ press: 'ArrowRight' });
    expect(ctx().position.stepIndex).to.equal(1);
    await sendKeys({ press: 'ArrowLeft' });
    expect(ctx().position.stepIndex).to.equal(0);
    expect(ctx().position.done).to.equal(true);
    const speed = ctx().speed;
    await sendKeys({ press: '+' });
    expect(ctx().speed).to.be.above(speed);
    await sendKeys({ press: '-' });
    expect(ctx().speed).to.equal(speed);
    await sendKeys({ press: 'Space' });
    expect(host.session!.player.getSnapshot().value).to.equal('playing');
    await sendKeys({ press: 'Space' });
    expect(host.session!.player.getSnapshot().value).to.equal('paused');
    // cp-app's own shortcuts (Space = TOGGLE_PLAY, "." = STEP) did not fire on the sandbox.
    expect(h.sent.filter((e) => e.type === 'TOGGLE_PLAY' || e.type === 'STEP')).to.deep.equal([]);
    expect(h.actor.getSnapshot().value).to.equal(sandboxBefore.value);
  });

  it('presenter mode: P and ?present enter it, panels hide, high contrast; Esc leaves', async () => {
    const { app, host, layer, render } = await mount();
    host.openNamed('player-test');
    await sendKeys({ press: 'p' });
    await render();
    expect(app.present).to.equal(true);
    expect(app.theme).to.equal('high-contrast');
    for (const sel of ['header', 'aside', 'footer']) {
      expect(getComputedStyle(part(app, sel)).display, `${sel} hidden`).to.equal('none');
    }
    expect(caption(layer).hasAttribute('present')).to.equal(true);
    // Presenter type is 29 px, set smaller (down to MIN_FIT) only as much as the caption needs
    // to show whole in this 1200×800 app (the scenario's summary and step 1 are both up).
    const fit = parseFloat(getComputedStyle(caption(layer)).getPropertyValue('--cp-fit'));
    expect(fit).to.be.within(MIN_FIT, 1);
    expect(parseFloat(getComputedStyle(part(caption(layer), '.narration')).fontSize)).to.be.closeTo(
      29 * fit,
      0.5,
    );
    const box = part(caption(layer), '.caption');
    if (fit > MIN_FIT) expect(box.scrollHeight).to.be.at.most(box.clientHeight + 1);
    const bar = part(layer, 'cp-player');
    expect(part(bar, '.status').textContent).to.match(/Step 1 of 3/);
    await sendKeys({ press: 'Escape' });
    await render();
    expect(app.present).to.equal(false);
    expect(app.theme).to.equal('light');
    expect(getComputedStyle(part(app, 'header')).display).to.not.equal('none');
    host.openFromUrl('?scenario=other&present');
    await render();
    expect(app.present).to.equal(true);
    expect(host.session!.scenario.title).to.equal('Other test');
  });

  it('a theme set while the canvas is still starting reaches the canvas (presenter mode on load)', async () => {
    const h = startHarness();
    const app = await fixture<CpApp>(
      html`<cp-app style="width: 800px; height: 600px" no-ticker .actor=${h.actor}></cp-app>`,
    );
    expect(app.canvas, 'the canvas starts asynchronously').to.equal(undefined);
    app.theme = 'high-contrast';
    const canvas = await app.canvasReady;
    expect(canvas.app.renderer.background.color.toNumber()).to.equal(0x000000);
  });

  it('an unknown scenario name is reported and nothing changes', async () => {
    const { app, h, host, layer, render } = await mount();
    const result = host.openNamed('nope');
    await render();
    expect(result.ok).to.equal(false);
    expect(app.actor).to.equal(h.actor);
    expect(part(layer, '.errors').textContent).to.contain('No bundled scenario is called "nope"');
  });

  it('dropping an invalid scenario lists file:line:column, field and message, and keeps the scenario on screen', async () => {
    const { app, host, layer, ctx, render } = await mount();
    host.openNamed('player-test', { step: 2 });
    const session = host.session;
    const event = dropFile(INVALID_SCENARIO, 'broken.yaml');
    expect(event.defaultPrevented, 'the page handled the drop').to.equal(true);
    await until(() => layer.failure !== undefined);
    await render();
    const errors = part(layer, '.errors');
    expect(errors.getAttribute('role')).to.equal('alert');
    const items = [...errors.querySelectorAll('li')].map((li) =>
      li.textContent!.replace(/\s+/g, ' ').trim(),
    );
    expect(items.length).to.equal(4);
    expect(items[0]).to.match(
      /^broken\.yaml:13:15 steps\[0\]\.actions\[0\]\.type: Unknown action "LAUNCH_ROCKET"/,
    );
    expect(
      items.some((t) =>
        t.startsWith('broken.yaml:16:23 steps[0].actions[1].desiredCount: Expected a whole number'),
      ),
    ).to.equal(true);
    // Nothing half-loaded: the same session, at the same step, is still shown.
    expect(host.session).to.equal(session);
    expect(app.actor).to.equal(session!.view);
    expect(ctx().position.stepIndex).to.equal(1);
    expect(part(caption(layer), '.step-title').textContent).to.equal('A task crashes');
    // Dismiss, then drop a valid file: it replaces the scenario.
    errors.querySelector<HTMLButtonElement>('button.dismiss')!.click();
    await render();
    expect(shadow(layer).querySelector('.errors')).to.equal(null);
    dropFile(OTHER_SCENARIO, 'other.yaml');
    await until(() => host.session !== session);
    expect(host.session!.scenario.title).to.equal('Other test');
    expect(host.session!.scenario.file).to.equal('other.yaml');
  });

  it('a file over 1 MB is refused before it is read', async () => {
    const { app, h, host, layer, render } = await mount();
    const big = new File([new Uint8Array(1024 * 1024 + 1)], 'huge.yaml');
    const result = await host.openFile(big);
    await render();
    expect(result.ok).to.equal(false);
    expect(app.actor).to.equal(h.actor);
    expect(part(layer, '.errors').textContent).to.contain('Scenario file is too large');
  });

  it('the header menu opens bundled scenarios and files', async () => {
    const { app, host, render } = await mount();
    const menu = host.menu!;
    await settle(menu);
    const select = part<HTMLSelectElement>(menu, 'select.scenario');
    expect([...select.options].map((o) => o.value)).to.deep.equal(['', 'other', 'player-test']);
    select.value = 'other';
    select.dispatchEvent(new Event('change'));
    expect(host.session!.scenario.title).to.equal('Other test');
    select.value = '';
    select.dispatchEvent(new Event('change'));
    await render();
    expect(host.session).to.equal(undefined);
    expect(app.hasAttribute('scenario')).to.equal(false);
  });

  it('deep link parsing and writing round-trip', () => {
    expect(parseScenarioLink('?scenario=self-healing&step=3&present')).to.deep.equal({
      scenario: 'self-healing',
      step: 3,
      present: true,
    });
    expect(parseScenarioLink('?scenario=<script>&step=-1')).to.deep.equal({ present: false });
    expect(
      withScenarioLink('?seed=7&scenario=a&step=2', { scenario: 'b', step: 4, present: true }),
    ).to.equal('?seed=7&scenario=b&step=4&present');
  });
});
