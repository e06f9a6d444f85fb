import { expect, html } from '@open-wc/testing';
import '../../../src/ui/cp-event-log.ts';
import type { CpEventLog } from '../../../src/ui/cp-event-log.ts';
import { formatSimTime } from '../../../src/machine/index.ts';
import { mountWithActor, part, settle, shadow, startHarness } from './ui-harness.ts';
import '../../../src/sim/eks-simulation.ts';
import { parseManifests } from '../../../src/formats/manifest.ts';
import {
  STEP_MS,
  advance,
  applyCommand,
  createDefaultCluster,
  type SimCommand,
  type SimState,
} from '../../../src/sim/index.ts';

/** A Deployment whose image name looks like markup (names render as text) and crashes. */
const IMAGE = 'registry.example/<b>web</b>:1';
const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: "${IMAGE}"
          resources:
            requests: { cpu: 250m, memory: 256Mi }
`;

function apply(sim: SimState, command: SimCommand): SimState {
  const r = applyCommand(sim, command);
  if (r.error !== undefined) throw new Error(r.error);
  return r.state;
}

/** The default ECS cluster plus an EKS cluster running `web` (crash-looping: BackOff warnings). */
function withEks(): SimState {
  let sim = advance(createDefaultCluster(1), 30 * STEP_MS);
  sim = apply(sim, { type: 'CREATE_EKS_CLUSTER' });
  sim = apply(sim, {
    type: 'EKS_COMMAND',
    command: { type: 'SET_IMAGE_BEHAVIOUR', image: IMAGE, crashAfterSeconds: 5, exitCode: 1 },
  });
  const { objects, diagnostics } = parseManifests(MANIFEST, 'web.yaml');
  if (diagnostics.length > 0) throw new Error(diagnostics[0]!.message);
  sim = apply(sim, { type: 'EKS_COMMAND', command: { type: 'APPLY', objects } });
  return advance(sim, 120 * STEP_MS);
}

const clusters = (el: HTMLElement): string[] =>
  [...shadow(el).querySelectorAll('li')].map((li) => li.getAttribute('data-cluster') ?? '');

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
    select.value = 'ecs:deployment';
    select.dispatchEvent(new Event('change'));
    await settle(el);
    const kinds = [...shadow(el).querySelectorAll('li .kind')].map((k) => k.textContent);
    expect(kinds.length).to.equal(h.sim().events.filter((e) => e.kind === 'deployment').length);
    expect(kinds.length).to.be.above(0);
    expect(kinds.every((k) => k === 'deployment')).to.equal(true);
  });

  it('follows the view: Kubernetes events in the EKS view, both labelled side by side', async () => {
    const h = startHarness(withEks());
    const eks = h.sim().eks!;
    const el = await mountWithActor<CpEventLog>(html`<cp-event-log></cp-event-log>`, h.actor);
    // A machine started with an EKS cluster shows EKS (cluster-view.ts): so does the log.
    expect(h.actor.getSnapshot().context.view).to.equal('EKS');
    expect(part(el, 'h2').textContent).to.contain('kubectl get events');
    expect(clusters(el).length).to.equal(Math.min(eks.events.length, 200));
    expect(clusters(el).every((c) => c === 'EKS')).to.equal(true);
    const reasons = [...shadow(el).querySelectorAll('li .reason')].map((r) => r.textContent);
    for (const reason of ['Scheduled', 'Pulling', 'Created', 'Started', 'BackOff']) {
      expect(reasons, reason).to.include(reason);
    }
    // A Warning stands out; its object is kind/name as kubectl prints it.
    const backOff = [...shadow(el).querySelectorAll('li')].find(
      (li) => li.querySelector('.reason')?.textContent === 'BackOff',
    )!;
    expect(backOff.classList.contains('important')).to.equal(true);
    expect(backOff.querySelector('.kind')?.textContent).to.equal('Warning');
    expect(backOff.querySelector('.object')?.textContent).to.match(/^pod\/web-/);
    // The image name is text, not markup.
    const pulling = [...shadow(el).querySelectorAll('li .message')].find((m) =>
      m.textContent?.startsWith('Pulling image'),
    )!;
    expect(pulling.textContent).to.contain(IMAGE);
    expect(shadow(el).querySelector('li b')).to.equal(null);
    // The filter offers the event types.
    const options = [...part<HTMLSelectElement>(el, '.filter').options].map((o) => o.value);
    expect(options).to.deep.equal(['', 'eks:Normal', 'eks:Warning']);

    h.actor.send({ type: 'SET_VIEW', view: 'ECS' });
    await settle(el);
    expect(clusters(el).every((c) => c === 'ECS')).to.equal(true);
    expect(ids(el)[0]).to.equal(h.sim().events[h.sim().events.length - 1]!.id);

    h.actor.send({ type: 'SET_VIEW', view: 'SIDE_BY_SIDE' });
    await settle(el);
    const shown = clusters(el);
    expect(shown).to.include('ECS');
    expect(shown).to.include('EKS');
    // Each row is labelled with its cluster.
    const labels = [...shadow(el).querySelectorAll('li .cluster')].map((c) => c.textContent);
    expect(labels).to.deep.equal(shown);
    // Filter to one cluster.
    const select = part<HTMLSelectElement>(el, '.filter');
    select.value = 'cluster:EKS';
    select.dispatchEvent(new Event('change'));
    await settle(el);
    expect(clusters(el).every((c) => c === 'EKS')).to.equal(true);
    expect(h.sent.filter((e) => e.type !== 'SET_VIEW' && e.type !== 'PAUSE')).to.deep.equal([]);
  });

  it('shows a repeat the API server aggregated (count, last seen) as time moves on', async () => {
    const h = startHarness(withEks());
    const el = await mountWithActor<CpEventLog>(html`<cp-event-log></cp-event-log>`, h.actor);
    const backOff = () =>
      h.sim().eks!.events.find((e) => e.reason === 'BackOff' && e.involvedObject.kind === 'Pod')!;
    const first = backOff();
    const before = first.count;
    for (let i = 0; i < 600 && backOff().count === before; i++) h.actor.send({ type: 'STEP' });
    const after = h.sim().eks!.events.find((e) => e.id === first.id)!;
    expect(after.count).to.be.above(before);
    await settle(el);
    const row = part(el, `li[data-id="eks-${first.id}"]`);
    expect(row.querySelector('.count')?.textContent).to.equal(`x${after.count}`);
    const offset = h.sim().now - h.sim().eks!.now;
    expect(row.querySelector('time')?.textContent).to.equal(
      formatSimTime(after.lastTimestamp + offset),
    );
  });
});
