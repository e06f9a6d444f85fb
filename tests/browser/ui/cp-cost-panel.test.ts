import { expect, html } from '@open-wc/testing';
import '../../../src/ui/cp-cost-panel.ts';
import type { CpCostPanel } from '../../../src/ui/cp-cost-panel.ts';
import { mountWithActor, part, settle, startHarness } from './ui-harness.ts';

describe('<cp-cost-panel>', () => {
  it('shows the running bill and burn rate of the default cluster, and they grow with time', async () => {
    const h = startHarness();
    const el = await mountWithActor<CpCostPanel>(html`<cp-cost-panel></cp-cost-panel>`, h.actor);
    const meter = h.sim().cost;
    expect(meter).to.not.equal(undefined);
    // Three EC2 instances (m5.large + c5.large + t3.large) and three 0.5 vCPU / 1 GB Fargate tasks.
    const expectedRate = 0.096 + 0.085 + 0.0832 + 3 * (0.5 * 0.04048 + 1 * 0.004445);
    expect(Math.abs((meter?.ratePerHour ?? 0) - expectedRate)).to.be.below(1e-9);
    expect(part(el, '[data-testid="cost-rate"]').textContent).to.equal(
      `$${expectedRate.toFixed(4)}/h`,
    );
    const before = part(el, '[data-testid="cost-total"]').textContent;
    for (let i = 0; i < 600; i++) h.actor.send({ type: 'STEP' });
    await settle(el);
    expect(part(el, '[data-testid="cost-total"]').textContent).to.not.equal(before);
    expect(part(el, 'tbody').textContent).to.contain('EC2 instances');
    expect(part(el, 'tbody').textContent).to.contain('Fargate tasks');
  });

  it('charts the cumulative cost per launch type over simulated time (one point a minute)', async () => {
    const h = startHarness();
    const el = await mountWithActor<CpCostPanel>(html`<cp-cost-panel></cp-cost-panel>`, h.actor);
    for (let i = 0; i < 300; i++) h.actor.send({ type: 'STEP' });
    await settle(el);
    const chart = part(el, '[data-testid="cost-chart"]') as HTMLElement & {
      data: (number | null)[][];
      ready: boolean;
    };
    const history = h.sim().cost?.history ?? [];
    expect(history.length).to.be.greaterThan(4);
    // x, then EC2 and Fargate: both grow minute by minute.
    expect(chart.data.length).to.equal(3);
    expect(chart.data[0]!.length).to.equal(history.length);
    for (const col of chart.data.slice(1)) {
      const ys = col as number[];
      expect(ys[ys.length - 1]!).to.be.greaterThan(ys[1]!);
    }
    expect(chart.shadowRoot?.textContent).to.contain('EC2 $');
    expect(chart.shadowRoot?.textContent).to.contain('Fargate $');
  });

  it('answers the 10-minute job: $3.00 a month on Fargate vs $15.18 for a t3.small', async () => {
    const h = startHarness();
    const el = await mountWithActor<CpCostPanel>(html`<cp-cost-panel></cp-cost-panel>`, h.actor);
    const text = part(el, '[data-testid="cost-compare"]').textContent ?? '';
    expect(text).to.contain('$3.00');
    expect(text).to.contain('$15.18');
    expect(text).to.contain('t3.small');
  });
});

describe('<cp-cost-panel> patching ledger', () => {
  it('after a new AMI, lists outdated EC2 instances and counts the work per launch type', async () => {
    const h = startHarness();
    const el = await mountWithActor<CpCostPanel>(html`<cp-cost-panel></cp-cost-panel>`, h.actor);
    h.actor.send({
      type: 'COMMAND',
      command: { type: 'RELEASE_AMI', amiId: 'ami-0123456789abcdef0' },
    });
    const first = Object.values(h.sim().instances)[0]!;
    h.actor.send({ type: 'COMMAND', command: { type: 'DRAIN_INSTANCE', instanceId: first.id } });
    await settle(el);
    const text = part(el, '[data-testid="ops-ledger"]').textContent ?? '';
    expect(text).to.contain('ami-0123456789abcdef0: 3 outdated EC2 instance(s)');
    expect(text).to.contain('EC2: 1');
    expect(text).to.contain('Fargate: 0');
    expect(text).to.contain('nothing to do');
  });
});
