import { expect, html } from '@open-wc/testing';
import '../../../src/ui/cp-inspector.ts';
import type { CpInspector } from '../../../src/ui/cp-inspector.ts';
import { createDefaultCluster, type SimState, type Task } from '../../../src/sim/index.ts';
import { mountWithActor, part, settle, shadow, startHarness } from './ui-harness.ts';

function firstTask(sim: SimState, launchType: Task['launchType'] = 'EC2'): Task {
  const task = Object.values(sim.tasks).find((t) => t.launchType === launchType);
  if (task === undefined) throw new Error(`default cluster has no ${launchType} task`);
  return task;
}

function field(el: HTMLElement, name: string): string | undefined {
  return shadow(el).querySelector(`dd[data-field="${name}"]`)?.textContent?.trim();
}

describe('<cp-inspector>', () => {
  it('asks for a selection when nothing is selected', async () => {
    const h = startHarness();
    const el = await mountWithActor<CpInspector>(html`<cp-inspector></cp-inspector>`, h.actor);
    expect(part(el, '.hint').textContent).to.contain('Click a task');
  });

  it("shows a selected task's describe-tasks fields", async () => {
    const h = startHarness();
    const el = await mountWithActor<CpInspector>(html`<cp-inspector></cp-inspector>`, h.actor);
    const task = firstTask(h.sim());
    h.actor.send({ type: 'SELECT', ref: { kind: 'task', id: task.id } });
    await settle(el);
    expect(field(el, 'taskArn')).to.equal(task.taskArn);
    expect(field(el, 'lastStatus')).to.equal('RUNNING');
    expect(field(el, 'desiredStatus')).to.equal('RUNNING');
    expect(field(el, 'placement')).to.equal(task.placementReason);
    expect(part(el, 'pre').textContent).to.contain(`"taskArn": "${task.taskArn}"`);
  });

  it('follows the task through a crash: stopCode and stoppedReason appear', async () => {
    const h = startHarness();
    const el = await mountWithActor<CpInspector>(html`<cp-inspector></cp-inspector>`, h.actor);
    const task = firstTask(h.sim());
    h.actor.send({ type: 'SELECT', ref: { kind: 'task', id: task.id } });
    h.actor.send({
      type: 'COMMAND',
      command: { type: 'CRASH_TASK', taskId: task.id, exitCode: 1 },
    });
    for (let i = 0; i < 120; i++) h.actor.send({ type: 'STEP' });
    await settle(el);
    expect(field(el, 'lastStatus')).to.equal('STOPPED');
    expect(field(el, 'stopCode')).to.equal('EssentialContainerExited');
    expect(field(el, 'stoppedReason')).to.be.a('string').and.not.equal('');
  });

  it('renders a name containing <b> as text, never as markup', async () => {
    const base = createDefaultCluster(1);
    const task = firstTask(base);
    const hostile = '<b>bold</b><img src=x onerror=alert(1)>';
    const sim: SimState = {
      ...base,
      tasks: {
        ...base.tasks,
        [task.id]: {
          ...task,
          group: `service:${hostile}`,
          containers: task.containers.map((c) => ({ ...c, name: hostile })),
        },
      },
    };
    const h = startHarness(sim);
    const el = await mountWithActor<CpInspector>(html`<cp-inspector></cp-inspector>`, h.actor);
    h.actor.send({ type: 'SELECT', ref: { kind: 'task', id: task.id } });
    await settle(el);
    expect(field(el, 'group')).to.equal(`service:${hostile}`);
    expect(part(el, 'ul').textContent).to.contain(hostile);
    expect(shadow(el).querySelector('b')).to.equal(null);
    expect(shadow(el).querySelector('img')).to.equal(null);
  });

  it('shows an instance with registered and remaining resources', async () => {
    const h = startHarness();
    const el = await mountWithActor<CpInspector>(html`<cp-inspector></cp-inspector>`, h.actor);
    const instance = Object.values(h.sim().instances)[0];
    if (instance === undefined) throw new Error('no instance');
    h.actor.send({ type: 'SELECT', ref: { kind: 'instance', id: instance.id } });
    await settle(el);
    expect(field(el, 'status')).to.equal('ACTIVE');
    expect(field(el, 'CPU registered / remaining')).to.equal(
      `${instance.registeredCpu} / ${instance.remainingCpu}`,
    );
    expect(instance.remainingCpu).to.be.below(instance.registeredCpu);
  });

  it('shows a service with its counts, deployments and recent events newest first', async () => {
    const h = startHarness();
    const el = await mountWithActor<CpInspector>(html`<cp-inspector></cp-inspector>`, h.actor);
    const service = h.sim().services.web;
    if (service === undefined) throw new Error('no web service');
    h.actor.send({ type: 'SELECT', ref: { kind: 'service', id: 'web' } });
    await settle(el);
    expect(field(el, 'desiredCount')).to.equal(String(service.desiredCount));
    expect(field(el, 'runningCount')).to.equal(String(service.desiredCount));
    const events = [...shadow(el).querySelectorAll('ul.events li')].map(
      (li) => li.textContent ?? '',
    );
    expect(events[0]).to.contain('has reached a steady state');
    h.actor.send({
      type: 'COMMAND',
      command: { type: 'UPDATE_SERVICE', serviceName: 'web', desiredCount: 5 },
    });
    await settle(el);
    expect(field(el, 'desiredCount')).to.equal('5');
  });
});
