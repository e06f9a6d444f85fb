import { expect, fixture, html } from '@open-wc/testing';
import { createActor } from 'xstate';
import { clusterMachine, type ClusterActor } from '../../../src/machine/index.ts';
import { createDefaultCluster, type SimState } from '../../../src/sim/index.ts';
import { ExperimentStore } from '../../../src/persist/experiment-store.ts';
import { ExperimentSession } from '../../../src/ui/experiment-session.ts';
import '../../../src/ui/cp-saves.ts';
import type { CpSaves } from '../../../src/ui/cp-saves.ts';
import { shareValueFromHash } from '../../../src/formats/share-link.ts';
import { part, settle, shadow } from '../ui/ui-harness.ts';

let dbCount = 0;
const comparable = (s: SimState): string => JSON.stringify({ ...s, version: 0 });

function newActor(seed = 7): ClusterActor {
  const actor = createActor(clusterMachine, { input: { sim: createDefaultCluster(seed) } });
  actor.start();
  actor.send({ type: 'PAUSE' });
  return actor;
}

function steps(actor: ClusterActor, n: number): void {
  for (let i = 0; i < n; i++) actor.send({ type: 'STEP' });
}

/** A "page": a fresh actor on the default cluster plus a session on database `db`. */
async function page(
  db: string,
  hash = '',
): Promise<{ actor: ClusterActor; session: ExperimentSession; store: ExperimentStore }> {
  const actor = newActor();
  const store = await ExperimentStore.open(db);
  const session = new ExperimentSession(actor, store);
  await session.start(hash);
  return { actor, session, store };
}

/** Plays a few user actions with time between them. */
function play(actor: ClusterActor): void {
  steps(actor, 70);
  actor.send({
    type: 'COMMAND',
    command: { type: 'ADD_INSTANCE', instanceType: 'c5.large', availabilityZone: 'us-east-1c' },
  });
  steps(actor, 20);
  const task = Object.values(actor.getSnapshot().context.sim.tasks).find(
    (t) => t.lastStatus === 'RUNNING',
  );
  actor.send({ type: 'COMMAND', command: { type: 'CRASH_TASK', taskId: task!.id } });
  steps(actor, 15);
  actor.send({ type: 'SET_SPEED', speed: 8 });
}

describe('experiments: autosave, reload, saves list, export/import, share', () => {
  let db: string;
  beforeEach(() => {
    db = `cp-test-${Date.now()}-${dbCount++}`;
  });

  it('a reload keeps the experiment: same state, same undo history, same speed', async () => {
    const first = await page(db);
    play(first.actor);
    await first.session.flush();
    const saved = first.actor.getSnapshot().context;
    await first.session.stop();
    first.store.close();

    const second = await page(db);
    const ctx = second.actor.getSnapshot().context;
    expect(comparable(ctx.sim)).to.equal(comparable(saved.sim));
    expect(ctx.commandLog).to.deep.equal(saved.commandLog);
    expect(ctx.speed).to.equal(8);
    // Undo still works after the reload: the crash is undone.
    second.actor.send({ type: 'UNDO' });
    expect(second.actor.getSnapshot().context.commandLog).to.have.length(1);
    await second.session.stop();
  });

  it('a corrupt save is reported and kept in quarantine, never dropped silently', async () => {
    const first = await page(db);
    play(first.actor);
    await first.session.flush();
    const id = first.session.view.currentId!;
    await first.session.stop();
    const record = await first.store.get(id);
    await first.store.put({
      ...record!,
      text: record!.text.replace('"scenario":"', '"scenario":"steps: ['),
    });
    first.store.close();

    const second = await page(db);
    expect(second.session.view.message?.kind).to.equal('error');
    expect(second.session.view.message?.text).to.contain('could not be opened and was set aside');
    expect(second.session.view.message?.text).to.match(/\(scenario\):\d+:\d+:/);
    const q = await second.store.quarantined();
    expect(q).to.have.length(1);
    expect((q[0]!.record as { id: string }).id).to.equal(id);
    expect(q[0]!.reason).to.not.equal('');
    expect(await second.store.get(id)).to.equal(undefined);
    // The page runs on, on a fresh experiment — under a name the set-aside save does not have.
    expect(second.actor.getSnapshot().context.commandLog).to.have.length(0);
    expect(record!.name).to.equal('Experiment 1');
    expect(second.session.view.currentName).to.equal('Experiment 2');
    await second.session.stop();
    second.store.close();
    // After another reload the set-aside name is still avoided.
    const third = await page(db);
    await third.session.startNew();
    expect(third.session.view.currentName).to.equal('Experiment 3');
    await third.session.stop();
  });

  it('a save whose JSON is broken is located at the real line:column of the break', async () => {
    const first = await page(db);
    await first.session.flush();
    const id = first.session.view.currentId!;
    await first.session.stop();
    const record = await first.store.get(id);
    const cut = record!.text.indexOf('"speed"');
    await first.store.put({ ...record!, text: `${record!.text.slice(0, cut)}oops` });
    first.store.close();

    const second = await page(db);
    const text = second.session.view.message?.text ?? '';
    expect(text).to.contain('is not valid JSON');
    expect(text).to.contain(`saved experiment “Experiment 1”:1:${cut + 1}:`);
    expect(text).to.not.match(/:1:1:/);
    await second.session.stop();
  });

  it('an exported experiment re-imports to the identical state', async () => {
    const { actor, session } = await page(db);
    play(actor);
    const before = actor.getSnapshot().context;
    const { fileName, text } = session.exportScenario();
    expect(fileName).to.match(/^experiment-\d+\.yaml$/);
    await session.startNew();
    expect(actor.getSnapshot().context.commandLog).to.have.length(0);
    expect(await session.importScenario(text, fileName)).to.equal(true);
    const after = actor.getSnapshot().context;
    expect(comparable(after.sim)).to.equal(comparable(before.sim));
    expect(after.commandLog).to.deep.equal(before.commandLog);
    expect(await session.importScenario('version: 1\nid: x\n', 'bad.yaml')).to.equal(false);
    expect(session.view.message?.text).to.contain('bad.yaml:');
    await session.stop();
  });

  it('a share link opens the same experiment in another browser profile', async () => {
    const a = await page(db);
    play(a.actor);
    const url = await a.session.shareLink('http://localhost/index.html?seed=7');
    expect(url).to.match(/#experiment=[A-Za-z0-9_-]+$/);
    await a.session.stop();

    const b = await page(`${db}-other`, new URL(url).hash);
    expect(comparable(b.actor.getSnapshot().context.sim)).to.equal(
      comparable(a.actor.getSnapshot().context.sim),
    );
    expect(b.session.view.message?.text).to.contain('from a share link');
    expect(shareValueFromHash(new URL(url).hash)).to.not.equal(undefined);
    const broken = await page(`${db}-broken`, '#experiment=AAAA');
    expect(broken.session.view.message?.kind).to.equal('error');
    await b.session.stop();
    await broken.session.stop();
  });

  it('the saves panel lists, renames, opens and deletes experiments', async () => {
    const { actor, session, store } = await page(db);
    play(actor);
    await session.flush();
    const firstId = session.view.currentId!;
    await session.startNew();
    const el = await fixture<CpSaves>(html`<cp-saves .session=${session}></cp-saves>`);
    await settle(el);
    const rows = () => [...shadow(el).querySelectorAll('li')];
    expect(rows()).to.have.length(2);
    const firstRow = () => shadow(el).querySelector(`li[data-id="${firstId}"]`) as HTMLElement;
    const input = firstRow().querySelector('input')!;
    input.value = 'Crash test <b>';
    input.dispatchEvent(new Event('change'));
    await until(async () => (await store.get(firstId))?.name === 'Crash test <b>');
    (firstRow().querySelector('button.open') as HTMLButtonElement).click();
    await until(() => session.view.currentId === firstId);
    expect(actor.getSnapshot().context.commandLog).to.have.length(2);
    await until(() => (part(el, '.status').textContent ?? '').includes('“Crash test <b>”'));
    const other = rows().find((r) => r.dataset.id !== firstId)!;
    const del = other.querySelector('button.delete') as HTMLButtonElement;
    del.click();
    await settle(el);
    expect(del.textContent?.trim()).to.equal('Really delete');
    del.click();
    await until(() => rows().length === 1);
    expect((await store.list()).map((s) => s.id)).to.deep.equal([firstId]);
    await session.stop();
  });
  it('a row keeps its experiment when the list reorders (the experiment opened or saved last comes first)', async () => {
    const { actor, session } = await page(db);
    play(actor);
    await session.flush();
    const olderId = session.view.currentId!;
    await session.startNew();
    steps(actor, 5);
    await session.flush();
    const el = await fixture<CpSaves>(html`<cp-saves .session=${session}></cp-saves>`);
    await settle(el);
    const ids = () => [...shadow(el).querySelectorAll('li')].map((r) => r.dataset.id);
    const newerId = session.view.currentId!;
    expect(ids()).to.deep.equal([newerId, olderId]);
    const row = shadow(el).querySelector(`li[data-id="${olderId}"]`) as HTMLElement;
    const input = row.querySelector('input')!;
    const del = row.querySelector('button.delete') as HTMLButtonElement;
    del.click();
    await settle(el);
    expect(del.textContent?.trim()).to.equal('Really delete');
    // Opening the older experiment makes it the newest: it moves to the top of the list.
    await session.open(olderId);
    await until(() => ids()[0] === olderId);
    await settle(el);
    // The same DOM row (its input, focus and pending confirmation) still belongs to its experiment.
    expect(del.closest('li')?.dataset.id).to.equal(olderId);
    expect(input.closest('li')?.dataset.id).to.equal(olderId);
    expect(del.textContent?.trim()).to.equal('Really delete');
    await session.stop();
  });
});

async function until(cond: () => boolean | Promise<boolean>, ms = 15000): Promise<void> {
  const end = performance.now() + ms;
  while (!(await cond())) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
