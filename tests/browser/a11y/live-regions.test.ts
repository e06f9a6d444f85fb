/**
 * Issue 9: narration and important events are announced in aria-live regions. <cp-app> keeps
 * <cp-announcer> in its stage (visible to assistive technology in presenter mode too): failures go
 * to the assertive region, status changes to the polite one, throttled; scenario captions are a
 * polite live region whose text follows the step.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/ui/cp-app.ts';
import type { CpApp } from '../../../src/ui/cp-app.ts';
import type { CpAnnouncer } from '../../../src/ui/cp-announcer.ts';
import { ScenarioHost } from '../../../src/ui/scenario-host.ts';
import { tasksOfService } from '../../../src/sim/index.ts';
import { part, settle, shadow, startHarness } from '../ui/ui-harness.ts';
import { TEST_SCENARIO, until } from '../player/player-fixtures.ts';

let host: ScenarioHost | undefined;
afterEach(() => {
  host?.dispose();
  host = undefined;
});

async function mountApp() {
  const h = startHarness();
  const app = await fixture<CpApp>(
    html`<cp-app
      style="display:block; width: 1280px; height: 720px"
      no-ticker
      .actor=${h.actor}
    ></cp-app>`,
  );
  await app.canvasReady;
  const announcer = part<CpAnnouncer>(app, 'cp-announcer');
  await settle(announcer);
  const polite = part(announcer, '[aria-live="polite"]');
  const assertive = part(announcer, '[aria-live="assertive"]');
  return { h, app, announcer, polite, assertive };
}

/** Whether `el` is exposed to assistive technology (no display:none / visibility:hidden up the tree). */
function exposed(el: Element): boolean {
  for (let n: Element | null = el; n;) {
    const style = getComputedStyle(n);
    if (style.display === 'none' || style.visibility === 'hidden') return false;
    if (n.getAttribute('aria-hidden') === 'true') return false;
    const root = n.getRootNode();
    n = n.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
  }
  return true;
}

describe('aria-live announcements', () => {
  it('a stopped task is announced politely with its reason; an AZ outage assertively', async () => {
    const { h, polite, assertive } = await mountApp();
    expect(polite.getAttribute('role')).to.equal('status');
    expect(assertive.getAttribute('role')).to.equal('alert');
    // Nothing from history on start.
    expect(polite.textContent?.trim()).to.equal('');
    expect(assertive.textContent?.trim()).to.equal('');
    const victim = tasksOfService(h.sim(), 'web')[0]!;
    h.actor.send({ type: 'COMMAND', command: { type: 'STOP_TASK', taskId: victim.id } });
    for (let i = 0; i < 60; i++) h.actor.send({ type: 'STEP' });
    await until(() => (polite.textContent ?? '').includes(`Task ${victim.id}`));
    expect(polite.textContent).to.contain('stopped');
    const zone = h.sim().cluster.availabilityZones[0]!;
    h.actor.send({ type: 'COMMAND', command: { type: 'AZ_OUTAGE', availabilityZone: zone } });
    for (let i = 0; i < 30; i++) h.actor.send({ type: 'STEP' });
    await until(() => /unavailable/.test(assertive.textContent ?? ''));
    expect(assertive.textContent).to.contain(zone);
  });

  it('throttled: a burst of events changes the polite text at most once per window', async function () {
    (this as unknown as { timeout(ms: number): void }).timeout(60_000);
    const { h, announcer, polite } = await mountApp();
    announcer.politeMs = 400;
    const changes: number[] = [];
    const observer = new MutationObserver(() => changes.push(performance.now()));
    observer.observe(polite, { characterData: true, childList: true, subtree: true });
    const start = performance.now();
    // ~2 s of frames, each stopping tasks and running the scheduler.
    while (performance.now() - start < 2000) {
      const live = Object.values(h.sim().tasks).filter((t) => t.lastStatus === 'RUNNING');
      const t = live[Math.floor(live.length / 2)];
      if (t) h.actor.send({ type: 'COMMAND', command: { type: 'STOP_TASK', taskId: t.id } });
      for (let i = 0; i < 5; i++) h.actor.send({ type: 'STEP' });
      await new Promise((r) => requestAnimationFrame(r));
    }
    await new Promise((r) => setTimeout(r, 500));
    observer.disconnect();
    const stopped = Object.values(h.sim().tasks).filter((t) => t.lastStatus === 'STOPPED').length;
    expect(stopped).to.be.above(10);
    // Lit updates one text node per render: count distinct update moments (≥ 1 frame apart).
    const moments = changes.filter((t, i) => i === 0 || t - changes[i - 1]! > 50);
    expect(moments.length).to.be.above(0);
    expect(moments.length).to.be.at.most(Math.ceil(2500 / 400) + 1);
    // Summed up, not dropped.
    expect(polite.textContent).to.match(/\d+ tasks stopped|stopped/);
  });

  it('presenter mode keeps the live regions exposed; the caption is a polite live region that follows the step', async () => {
    const { h, app, polite } = await mountApp();
    host = new ScenarioHost(app, h.actor, {
      library: { 'player-test': TEST_SCENARIO },
      keyTarget: window,
      dropTarget: document,
      noTicker: true,
    });
    host.openFromUrl('?scenario=player-test&present');
    await until(() => app.present);
    await settle(host.layer);
    expect(exposed(polite)).to.equal(true);
    const caption = () => {
      const c = shadow(host!.layer).querySelector<HTMLElement>('cp-caption');
      return c?.shadowRoot?.querySelector<HTMLElement>('[aria-live]') ?? null;
    };
    await until(() => caption() !== null);
    expect(caption()!.getAttribute('aria-live')).to.equal('polite');
    expect(exposed(caption()!)).to.equal(true);
    expect(caption()!.textContent).to.contain('Look at the cluster');
    await sendKeys({ press: 'ArrowRight' }); // finish step 1
    await sendKeys({ press: 'ArrowRight' }); // go to step 2
    await until(() => (caption()?.textContent ?? '').includes('A task crashes'));
    expect(caption()!.textContent).to.contain('the scheduler replaces it');
  });
});
