/**
 * Presenter mode at 1280×720 (a common projector): the status bar stays on one line with its key
 * help whole (issue 9 nit: it wrapped), and only the step, play state and speed are live regions —
 * not the clock, which changes every frame.
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

describe('presenter status bar', () => {
  it('is one line at 1280×720 with the longest status ("✔ done"), key help not cut', async () => {
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
      library: { 'player-test': TEST_SCENARIO },
      keyTarget: window,
      dropTarget: document,
      noTicker: true,
    });
    host.openFromUrl('?scenario=player-test&step=2&present');
    await until(() => app.present);
    await sendKeys({ press: 'ArrowRight' }); // run step 2 to its end: "Step 2 of 3 ✔ done"
    const player = () => shadow(host!.layer).querySelector<HTMLElement>('cp-player');
    await until(() => /✔ done/.test(player()?.shadowRoot?.textContent ?? ''), 20_000);
    await settle(player()!);
    const status = part(player()!, '.status');
    const parts = [...status.children] as HTMLElement[];
    expect(parts.length).to.equal(5);
    const tops = parts.map((p) => p.getBoundingClientRect().top);
    const line = parseFloat(getComputedStyle(status).lineHeight) || 30;
    expect(status.getBoundingClientRect().height, 'status bar height').to.be.below(line * 1.9);
    for (const p of parts) {
      expect(p.getClientRects().length, `${p.className} wraps`).to.equal(1);
      expect(p.scrollWidth, `${p.className} is cut`).to.be.at.most(p.clientWidth + 1);
    }
    expect(Math.max(...tops) - Math.min(...tops)).to.be.below(line);
    expect(status.getBoundingClientRect().right).to.be.at.most(1280);
    // Live regions: step, state and speed; the clock is not announced.
    const live = parts.filter((p) => p.hasAttribute('aria-live')).map((p) => p.className);
    expect(live).to.deep.equal(['position', 'state', 'speed']);
    expect(part(player()!, '.clock').closest('[aria-live]')).to.equal(null);
  });
});
