import { expect, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { ActorController, shallowEqual } from '../../../src/ui/actor-controller.ts';
import { parseStartOptions } from '../../../src/ui/url-options.ts';
import { mountWithActor, settle, startHarness } from './ui-harness.ts';

/** A probe element that counts its renders and shows the selected speed. */
class SpeedProbe extends LitElement {
  renders = 0;
  readonly cluster = new ActorController(this, (s) => ({ speed: s.context.speed }));
  override render() {
    this.renders++;
    return html`${this.cluster.value?.speed ?? '-'}`;
  }
}
customElements.define('speed-probe', SpeedProbe);

describe('ActorController', () => {
  it('re-renders its host only when the selected slice changes', async () => {
    const h = startHarness();
    const el = await mountWithActor<SpeedProbe>(html`<speed-probe></speed-probe>`, h.actor);
    await settle(el);
    expect(el.shadowRoot?.textContent).to.equal('1');
    const rendersBefore = el.renders;
    // The sim and the selection change, the speed does not: no re-render.
    for (let i = 0; i < 5; i++) h.actor.send({ type: 'STEP' });
    h.actor.send({ type: 'SELECT', ref: { kind: 'service', id: 'web' } });
    await settle(el);
    expect(el.renders).to.equal(rendersBefore);
    h.actor.send({ type: 'SET_SPEED', speed: 8 });
    await settle(el);
    expect(el.renders).to.equal(rendersBefore + 1);
    expect(el.shadowRoot?.textContent).to.equal('8');
  });

  it('unsubscribes when its host is disconnected and resubscribes when reconnected', async () => {
    const h = startHarness();
    const el = await mountWithActor<SpeedProbe>(html`<speed-probe></speed-probe>`, h.actor);
    const parent = el.parentNode!;
    el.remove();
    const renders = el.renders;
    h.actor.send({ type: 'SET_SPEED', speed: 4 });
    await new Promise((r) => setTimeout(r, 0));
    expect(el.renders).to.equal(renders);
    parent.appendChild(el);
    await settle(el);
    expect(el.shadowRoot?.textContent).to.equal('4');
    h.actor.send({ type: 'SET_SPEED', speed: 16 });
    await settle(el);
    expect(el.shadowRoot?.textContent).to.equal('16');
  });

  it('shallowEqual compares own entries by identity', () => {
    const sim = {};
    expect(shallowEqual({ a: 1, sim }, { a: 1, sim })).to.equal(true);
    expect(shallowEqual({ a: 1, sim }, { a: 1, sim: {} })).to.equal(false);
    expect(shallowEqual({ a: 1 }, { a: 1, b: undefined })).to.equal(false);
    expect(shallowEqual([1, 2], [1, 2])).to.equal(true);
  });
});

describe('parseStartOptions', () => {
  it('reads seed, speed, theme and paused from the URL with safe defaults', () => {
    expect(parseStartOptions('')).to.deep.equal({
      seed: 1,
      speed: 1,
      theme: 'light',
      paused: false,
    });
    expect(parseStartOptions('?seed=42&speed=5&theme=dark&paused')).to.deep.equal({
      seed: 42,
      speed: 4,
      theme: 'dark',
      paused: true,
    });
    expect(parseStartOptions('?seed=-3&speed=abc').seed).to.equal(1);
    expect(parseStartOptions('?seed=<b>').seed).to.equal(1);
  });
});
