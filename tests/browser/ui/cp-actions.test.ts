import { expect, html } from '@open-wc/testing';
import '../../../src/ui/cp-actions.ts';
import '../../../src/ui/cp-alert.ts';
import type { CpActions } from '../../../src/ui/cp-actions.ts';
import type { CpAlert } from '../../../src/ui/cp-alert.ts';
import type { SimCommand } from '../../../src/sim/index.ts';
import { mountWithActor, part, settle, shadow, startHarness, type Harness } from './ui-harness.ts';

const commands = (h: Harness): SimCommand[] =>
  h.sent.flatMap((e) => (e.type === 'COMMAND' ? [e.command] : []));

function button(el: HTMLElement, cls: string): HTMLButtonElement {
  return part<HTMLButtonElement>(el, `button.${cls}`);
}

function choose(el: HTMLElement, selector: string, value: string): void {
  const select = part<HTMLSelectElement>(el, selector);
  select.value = value;
  select.dispatchEvent(new Event('change'));
}

describe('<cp-actions>', () => {
  it('disables targeted buttons without a selection and says why', async () => {
    const h = startHarness();
    const el = await mountWithActor<CpActions>(html`<cp-actions></cp-actions>`, h.actor);
    for (const cls of ['stop-task', 'crash-task']) {
      expect(button(el, cls).disabled, cls).to.equal(true);
      expect(button(el, cls).title).to.equal('Select a task on the canvas first');
    }
    for (const cls of ['terminate-instance', 'drain-instance', 'activate-instance']) {
      expect(button(el, cls).disabled, cls).to.equal(true);
      expect(button(el, cls).title).to.contain('Select a container instance');
    }
    expect(button(el, 'add-instance').disabled).to.equal(false);
  });

  it('stops and crashes the selected task', async () => {
    const h = startHarness();
    const el = await mountWithActor<CpActions>(html`<cp-actions></cp-actions>`, h.actor);
    const [a, b] = Object.values(h.sim().tasks);
    h.actor.send({ type: 'SELECT', ref: { kind: 'task', id: a!.id } });
    await settle(el);
    button(el, 'stop-task').click();
    await settle(el);
    expect(commands(h)[0]).to.include({ type: 'STOP_TASK', taskId: a!.id });
    expect(h.sim().tasks[a!.id]?.desiredStatus).to.equal('STOPPED');
    // The stopping task cannot be stopped twice.
    expect(button(el, 'stop-task').disabled).to.equal(true);
    expect(button(el, 'stop-task').title).to.equal('This task is already stopping');
    h.actor.send({ type: 'SELECT', ref: { kind: 'task', id: b!.id } });
    await settle(el);
    button(el, 'crash-task').click();
    expect(commands(h)[1]).to.deep.equal({ type: 'CRASH_TASK', taskId: b!.id, exitCode: 1 });
  });

  it('drains, reactivates and terminates the selected instance', async () => {
    const h = startHarness();
    const el = await mountWithActor<CpActions>(html`<cp-actions></cp-actions>`, h.actor);
    const instance = Object.values(h.sim().instances)[0]!;
    h.actor.send({ type: 'SELECT', ref: { kind: 'instance', id: instance.id } });
    await settle(el);
    expect(button(el, 'activate-instance').disabled).to.equal(true);
    button(el, 'drain-instance').click();
    await settle(el);
    expect(h.sim().instances[instance.id]?.status).to.equal('DRAINING');
    expect(button(el, 'drain-instance').disabled).to.equal(true);
    button(el, 'activate-instance').click();
    await settle(el);
    expect(h.sim().instances[instance.id]?.status).to.equal('ACTIVE');
    button(el, 'terminate-instance').click();
    await settle(el);
    expect(commands(h)).to.deep.equal([
      { type: 'DRAIN_INSTANCE', instanceId: instance.id },
      { type: 'ACTIVATE_INSTANCE', instanceId: instance.id },
      { type: 'TERMINATE_INSTANCE', instanceId: instance.id },
    ]);
  });

  it('adds an instance of the chosen type in the chosen zone', async () => {
    const h = startHarness();
    const el = await mountWithActor<CpActions>(html`<cp-actions></cp-actions>`, h.actor);
    const before = Object.keys(h.sim().instances).length;
    choose(el, '.instance-type', 'c5.xlarge');
    choose(el, '.add-az', 'us-east-1b');
    await settle(el);
    button(el, 'add-instance').click();
    expect(commands(h)).to.deep.equal([
      { type: 'ADD_INSTANCE', instanceType: 'c5.xlarge', availabilityZone: 'us-east-1b' },
    ]);
    expect(Object.keys(h.sim().instances).length).to.equal(before + 1);
    const options = [...shadow(el).querySelectorAll('.instance-type option')].map(
      (o) => o.textContent,
    );
    expect(options.some((o) => o?.includes('c5.xlarge (4 vCPU, 8 GiB)'))).to.equal(true);
  });

  it("changes the selected task's service desired count", async () => {
    const h = startHarness();
    const el = await mountWithActor<CpActions>(html`<cp-actions></cp-actions>`, h.actor);
    const apiTask = Object.values(h.sim().tasks).find((t) => t.serviceName === 'api')!;
    h.actor.send({ type: 'SELECT', ref: { kind: 'task', id: apiTask.id } });
    await settle(el);
    expect(part<HTMLSelectElement>(el, '.service').value).to.equal('api');
    const input = part<HTMLInputElement>(el, 'input.desired');
    input.value = '6';
    input.dispatchEvent(new Event('input'));
    button(el, 'apply-desired').click();
    expect(commands(h)).to.deep.equal([
      { type: 'UPDATE_SERVICE', serviceName: 'api', desiredCount: 6 },
    ]);
    expect(h.sim().services.api?.desiredCount).to.equal(6);
  });

  it('takes a zone down and restores it', async () => {
    const h = startHarness();
    const el = await mountWithActor<CpActions>(html`<cp-actions></cp-actions>`, h.actor);
    choose(el, '.outage-az', 'us-east-1c');
    await settle(el);
    expect(button(el, 'az-restore').disabled).to.equal(true);
    button(el, 'az-outage').click();
    await settle(el);
    expect(button(el, 'az-outage').disabled).to.equal(true);
    button(el, 'az-restore').click();
    expect(commands(h)).to.deep.equal([
      { type: 'AZ_OUTAGE', availabilityZone: 'us-east-1c' },
      { type: 'AZ_RESTORE', availabilityZone: 'us-east-1c' },
    ]);
  });
});

describe('<cp-alert>', () => {
  it('shows a refused command until dismissed', async () => {
    const h = startHarness();
    const el = await mountWithActor<CpAlert>(html`<cp-alert></cp-alert>`, h.actor);
    expect(shadow(el).querySelector('[role="alert"]')).to.equal(null);
    h.actor.send({
      type: 'COMMAND',
      command: { type: 'UPDATE_SERVICE', serviceName: 'nope', desiredCount: 1 },
    });
    await settle(el);
    expect(part(el, '[role="alert"]').textContent).to.contain('ServiceNotFoundException');
    part(el, 'button.dismiss').click();
    await settle(el);
    expect(h.sent.at(-1)).to.deep.equal({ type: 'DISMISS_ERROR' });
    expect(shadow(el).querySelector('[role="alert"]')).to.equal(null);
  });
});
