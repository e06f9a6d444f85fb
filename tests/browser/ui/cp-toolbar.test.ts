import { expect, html } from '@open-wc/testing';
import '../../../src/ui/cp-toolbar.ts';
import type { CpToolbar } from '../../../src/ui/cp-toolbar.ts';
import { formatSimTime } from '../../../src/machine/index.ts';
import { mountWithActor, part, settle, startHarness } from './ui-harness.ts';

describe('<cp-toolbar>', () => {
  it('shows the simulated clock and the paused state', async () => {
    const h = startHarness();
    const el = await mountWithActor<CpToolbar>(html`<cp-toolbar></cp-toolbar>`, h.actor);
    expect(part(el, '.clock').textContent?.trim()).to.equal(formatSimTime(h.sim().now));
    expect(part(el, '.play').textContent).to.contain('Play');
    expect(part(el, '.play').getAttribute('aria-pressed')).to.equal('false');
    expect(part<HTMLButtonElement>(el, '.step').disabled).to.equal(false);
  });

  it('play/pause sends TOGGLE_PLAY and reflects the running state', async () => {
    const h = startHarness();
    const el = await mountWithActor<CpToolbar>(html`<cp-toolbar></cp-toolbar>`, h.actor);
    part(el, '.play').click();
    await settle(el);
    expect(h.sent).to.deep.equal([{ type: 'TOGGLE_PLAY' }]);
    expect(h.actor.getSnapshot().value).to.equal('running');
    expect(part(el, '.play').textContent).to.contain('Pause');
    expect(part<HTMLButtonElement>(el, '.step').disabled).to.equal(true);
  });

  it('step sends STEP and the clock moves one simulated second', async () => {
    const h = startHarness();
    const el = await mountWithActor<CpToolbar>(html`<cp-toolbar></cp-toolbar>`, h.actor);
    const before = h.sim().now;
    part(el, '.step').click();
    await settle(el);
    expect(h.sent).to.deep.equal([{ type: 'STEP' }]);
    expect(h.sim().now).to.equal(before + 1000);
    expect(part(el, '.clock').textContent?.trim()).to.equal(formatSimTime(before + 1000));
  });

  it('the speed select sends SET_SPEED and shows the speed as "4×"', async () => {
    const h = startHarness();
    const el = await mountWithActor<CpToolbar>(html`<cp-toolbar></cp-toolbar>`, h.actor);
    const select = part<HTMLSelectElement>(el, '.speed');
    expect(select.selectedOptions[0]?.textContent).to.equal('1×');
    select.value = '4';
    select.dispatchEvent(new Event('change'));
    await settle(el);
    expect(h.sent).to.deep.equal([{ type: 'SET_SPEED', speed: 4 }]);
    expect(h.actor.getSnapshot().context.speed).to.equal(4);
    h.actor.send({ type: 'SPEED_UP' });
    await settle(el);
    expect(part<HTMLSelectElement>(el, '.speed').selectedOptions[0]?.textContent).to.equal('8×');
  });

  it('reset sends RESET and the clock returns to the start', async () => {
    const h = startHarness();
    const start = h.sim().now;
    const el = await mountWithActor<CpToolbar>(html`<cp-toolbar></cp-toolbar>`, h.actor);
    for (let i = 0; i < 5; i++) h.actor.send({ type: 'STEP' });
    await settle(el);
    expect(part(el, '.clock').textContent?.trim()).to.equal(formatSimTime(start + 5000));
    part(el, '.reset').click();
    await settle(el);
    expect(h.sent.at(-1)).to.deep.equal({ type: 'RESET' });
    expect(part(el, '.clock').textContent?.trim()).to.equal(formatSimTime(start));
  });
});
