import { expect, html } from '@open-wc/testing';
import '../../../src/ui/cp-cost-panel.ts';
import '../../../src/ui/cp-palette.ts';
import type { LitElement } from 'lit';
import { shallowEqual } from '../../../src/ui/actor-controller.ts';
import { mountWithActor, part, settle, startHarness } from './ui-harness.ts';

/** Counts the element's renders from now on. */
function countRenders(el: LitElement): () => number {
  let n = 0;
  const render = (el as unknown as { render: () => unknown }).render.bind(el);
  (el as unknown as { render: () => unknown }).render = () => {
    n++;
    return render();
  };
  return () => n;
}

// Issue 8: a panel re-renders when what it shows changed, not on every snapshot.
describe('panels re-render only when what they show changes', () => {
  it('<cp-cost-panel>: not for a selection; yes when simulated time moves the bill', async () => {
    const h = startHarness();
    const el = await mountWithActor<LitElement>(html`<cp-cost-panel></cp-cost-panel>`, h.actor);
    await settle(el);
    const renders = countRenders(el);
    h.actor.send({ type: 'SELECT', ref: { kind: 'service', id: 'web' } });
    h.actor.send({ type: 'SET_SPEED', speed: 8 });
    await settle(el);
    expect(renders()).to.equal(0);
    const before = part(el, '[data-testid="cost-total"]').textContent;
    for (let i = 0; i < 60; i++) h.actor.send({ type: 'STEP' });
    await settle(el);
    expect(renders()).to.equal(1);
    expect(part(el, '[data-testid="cost-total"]').textContent).to.not.equal(before);
  });

  it('<cp-cost-panel>: the chart gets new columns only when the cost history moves (once a simulated minute)', async () => {
    const h = startHarness();
    const el = await mountWithActor<LitElement>(html`<cp-cost-panel></cp-cost-panel>`, h.actor);
    const chartData = () =>
      (part(el, '[data-testid="cost-chart"]') as HTMLElement & { data: unknown }).data;
    for (let i = 0; i < 70; i++) h.actor.send({ type: 'STEP' });
    await settle(el);
    let history = h.sim().cost?.history;
    let data = chartData();
    let kept = 0;
    let rebuilt = 0;
    for (let i = 0; i < 90; i++) {
      h.actor.send({ type: 'STEP' });
      await settle(el);
      const nextHistory = h.sim().cost?.history;
      const nextData = chartData();
      if (nextHistory === history) {
        expect(nextData).to.equal(data);
        kept++;
      } else {
        expect(nextData).to.not.equal(data);
        rebuilt++;
      }
      history = nextHistory;
      data = nextData;
    }
    expect(kept).to.be.greaterThan(30);
    expect(rebuilt).to.be.greaterThan(0);
  });

  it('<cp-palette>: not for simulated time passing; yes when a drop target comes or the selection changes', async () => {
    const h = startHarness();
    const el = await mountWithActor<LitElement>(html`<cp-palette></cp-palette>`, h.actor);
    await settle(el);
    const renders = countRenders(el);
    const options = () =>
      [...el.shadowRoot!.querySelectorAll('select.target option')].map((o) => o.textContent);
    const before = options();
    h.actor.send({ type: 'STEP' });
    h.actor.send({ type: 'STEP' });
    await settle(el);
    expect(renders()).to.equal(0);
    h.actor.send({ type: 'COMMAND', command: { type: 'ADD_INSTANCE', instanceType: 'm5.xlarge' } });
    await settle(el);
    expect(renders()).to.equal(1);
    expect(options().length).to.equal(before.length + 1);
    expect(options().some((t) => t?.includes('m5.xlarge'))).to.equal(true);
    const task = Object.values(h.sim().tasks).find((t) => t.lastStatus === 'RUNNING')!;
    h.actor.send({ type: 'SELECT', ref: { kind: 'task', id: task.id } });
    await settle(el);
    expect(renders()).to.equal(2);
    expect(options()[0]).to.contain(`Selected task ${task.id.slice(0, 8)}`);
  });

  it('shallowEqual: arrays by element, objects by own keys (none missing, none extra)', () => {
    const x = {};
    expect(shallowEqual([1, x], [1, x])).to.equal(true);
    expect(shallowEqual([1, x], [1, {}])).to.equal(false);
    expect(shallowEqual([1], [1, 2])).to.equal(false);
    expect(shallowEqual({ a: x, b: 1 }, { b: 1, a: x })).to.equal(true);
    expect(shallowEqual({ a: 1, b: 2 }, { a: 1, c: 2 })).to.equal(false);
    expect(shallowEqual({ a: 1 }, { a: 1, b: 1 })).to.equal(false);
    expect(shallowEqual({ a: 1, b: 1 }, { a: 1 })).to.equal(false);
    expect(shallowEqual({ a: undefined }, { b: undefined })).to.equal(false);
    expect(shallowEqual(Object.create({ a: 1 }), {})).to.equal(true);
    expect(shallowEqual({ a: Number.NaN }, { a: Number.NaN })).to.equal(true);
    expect(shallowEqual([], {})).to.equal(false);
  });
});
