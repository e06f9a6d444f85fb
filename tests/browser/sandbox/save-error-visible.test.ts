/**
 * A learner reloads and their autosave no longer reads (or opens a broken share link): the page
 * runs on a fresh experiment and the Experiments panel says what happened. That panel sits below
 * the palette, inspector and actions, out of sight at 1600×1000 — so the report must be brought
 * into view, or the learner sees a cluster and no word about their lost work.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../../src/ui/cp-app.ts';
import type { CpApp } from '../../../src/ui/cp-app.ts';
import { ExperimentStore } from '../../../src/persist/experiment-store.ts';
import { ExperimentSession } from '../../../src/ui/experiment-session.ts';
import { part, settle, shadow, startHarness } from '../ui/ui-harness.ts';
import { until } from '../player/player-fixtures.ts';

let dbCount = 0;
afterEach(async () => {
  await setViewport({ width: 800, height: 600 });
});

/** Whether `el` is inside the visible part of every scrolling ancestor and of the window. */
function inView(el: Element, scroller: Element): boolean {
  const r = el.getBoundingClientRect();
  const s = scroller.getBoundingClientRect();
  return r.top >= s.top - 1 && r.bottom <= s.bottom + 1 && r.bottom <= innerHeight + 1;
}

async function mountApp(session: ExperimentSession, actor: ReturnType<typeof startHarness>) {
  const app = await fixture<CpApp>(
    html`<cp-app style="width: 1600px; height: 1000px" no-ticker .actor=${actor.actor}></cp-app>`,
  );
  await app.updateComplete;
  app.session = session;
  await app.updateComplete;
  return app;
}

describe('a save or link that does not read is reported where the learner looks', () => {
  it('a corrupt autosave: the Experiments panel’s report is scrolled into view', async () => {
    await setViewport({ width: 1600, height: 1000 });
    const db = `cp-visible-${Date.now()}-${dbCount++}`;
    // An autosave, then corrupted.
    {
      const h = startHarness();
      const store = await ExperimentStore.open(db);
      const session = new ExperimentSession(h.actor, store);
      await session.start('');
      h.actor.send({
        type: 'COMMAND',
        command: { type: 'ADD_INSTANCE', instanceType: 'c5.large', availabilityZone: 'us-east-1c' },
      });
      await session.flush();
      const id = session.view.currentId!;
      await session.stop();
      const record = await store.get(id);
      await store.put({ ...record!, text: record!.text.slice(0, record!.text.length / 2) });
      store.close();
    }
    // The "reload".
    const h = startHarness();
    const store = await ExperimentStore.open(db);
    const session = new ExperimentSession(h.actor, store);
    await session.start('');
    expect(session.view.message?.kind).to.equal('error');
    const app = await mountApp(session, h);
    const saves = part<HTMLElement>(app, 'cp-saves');
    await until(() => shadow(saves).querySelector('.message.error') !== null);
    await settle(saves);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const message = part(saves, '.message.error');
    expect(message.textContent).to.contain('could not be opened and was set aside');
    expect(inView(message, part(app, 'aside')), 'the report is visible').to.equal(true);
    await session.stop();
    store.close();
  });
});
