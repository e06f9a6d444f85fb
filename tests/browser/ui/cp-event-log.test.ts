import { expect, html } from '@open-wc/testing';
import '../../../src/ui/cp-event-log.ts';
import type { CpEventLog } from '../../../src/ui/cp-event-log.ts';
import { formatSimTime } from '../../../src/machine/index.ts';
import { mountWithActor, part, settle, shadow, startHarness } from './ui-harness.ts';

const ids = (el: HTMLElement): number[] =>
  [...shadow(el).querySelectorAll('li')].map((li) => Number(li.getAttribute('data-id')));

describe('<cp-event-log>', () => {
  it('lists the events newest first with simulated timestamps', async () => {
    const h = startHarness();
    const el = await mountWithActor<CpEventLog>(html`<cp-event-log></cp-event-log>`, h.actor);
    const events = h.sim().events;
    expect(events.length).to.be.above(2);
    expect(ids(el)).to.deep.equal(events.map((e) => e.id).reverse());
    const newest = events[events.length - 1]!;
    const first = part(el, 'li');
    expect(first.querySelector('time')?.textContent).to.equal(formatSimTime(newest.at));
    expect(first.querySelector('.message')?.textContent).to.equal(newest.message);
  });

  it('puts a new event on top and marks an important one', async () => {
    const h = startHarness();
    const el = await mountWithActor<CpEventLog>(html`<cp-event-log></cp-event-log>`, h.actor);
    const before = h.sim().events.length;
    const zone = h.sim().cluster.availabilityZones[0]!;
    h.actor.send({ type: 'COMMAND', command: { type: 'AZ_OUTAGE', availabilityZone: zone } });
    for (let i = 0; i < 120; i++) h.actor.send({ type: 'STEP' });
    await settle(el);
    const events = h.sim().events;
    expect(events.length).to.be.above(before);
    expect(ids(el)[0]).to.equal(events[events.length - 1]!.id);
    // Important ones stand out (screen readers hear them through <cp-announcer>).
    const outage = part(
      el,
      `li[data-id="${events.find((e) => /unavailable/.test(e.message))!.id}"]`,
    );
    expect(outage.classList.contains('important')).to.equal(true);
  });

  it('filters by kind', async () => {
    const h = startHarness();
    const el = await mountWithActor<CpEventLog>(html`<cp-event-log></cp-event-log>`, h.actor);
    const select = part<HTMLSelectElement>(el, '.filter');
    select.value = 'deployment';
    select.dispatchEvent(new Event('change'));
    await settle(el);
    const kinds = [...shadow(el).querySelectorAll('li .kind')].map((k) => k.textContent);
    expect(kinds.length).to.equal(h.sim().events.filter((e) => e.kind === 'deployment').length);
    expect(kinds.length).to.be.above(0);
    expect(kinds.every((k) => k === 'deployment')).to.equal(true);
  });
});
