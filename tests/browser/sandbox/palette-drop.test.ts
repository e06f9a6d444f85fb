import { expect, fixture, html } from '@open-wc/testing';
import { resetMouse, sendMouse, setViewport } from '@web/test-runner-commands';
import '../../../src/ui/cp-app.ts';
// Defined lazily by cp-app (after the first frame); these tests use it at once.
import '../../../src/ui/cp-palette.ts';
import type { CpApp } from '../../../src/ui/cp-app.ts';
import type { CpPalette } from '../../../src/ui/cp-palette.ts';
import type { ClusterCanvas } from '../../../src/render/index.ts';
import type { EntityRef, SimState, Task } from '../../../src/sim/index.ts';
import { part, settle, shadow, startHarness } from '../ui/ui-harness.ts';

async function until(cond: () => boolean, ms = 8000): Promise<void> {
  const end = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const live = (s: SimState): Task[] =>
  Object.values(s.tasks).filter((t) => t.lastStatus === 'RUNNING');
const json = (s: SimState): string => JSON.stringify({ ...s, version: 0 });

async function mount() {
  await setViewport({ width: 1600, height: 1000 });
  const h = startHarness();
  for (let i = 0; i < 150; i++) h.actor.send({ type: 'STEP' });
  const app = await fixture<CpApp>(
    html`<cp-app style="width: 1600px; height: 1000px" no-ticker .actor=${h.actor}></cp-app>`,
  );
  const canvas = await app.canvasReady;
  await settle(app);
  const palette = part<CpPalette>(app, 'cp-palette');
  await settle(palette);
  await until(
    () => canvas.stats().taskViews === live(h.sim()).length && canvas.stats().animating === 0,
  );
  return { h, app, canvas, palette };
}

/** Viewport point of an entity on the canvas (offset inside its rectangle, in CSS px). */
function pointOf(canvas: ClusterCanvas, ref: EntityRef, dx = 0.5, dy = 0.5): [number, number] {
  const r = canvas.locate(ref);
  if (r === undefined) throw new Error(`${ref.kind} ${ref.id} is not drawn`);
  const box = canvas.app.canvas.getBoundingClientRect();
  return [Math.round(box.left + r.x + r.w * dx), Math.round(box.top + r.y + r.h * dy)];
}

function itemCentre(palette: CpPalette, id: string): [number, number] {
  const el = shadow(palette).querySelector<HTMLElement>(`button.item[data-id="${id}"]`);
  if (el === null) throw new Error(`no palette item ${id}`);
  el.scrollIntoView({ block: 'center' });
  const b = el.getBoundingClientRect();
  return [Math.round(b.left + b.width / 2), Math.round(b.top + b.height / 2)];
}

/** A real mouse drag (CDP input events → pointerdown/move/up) from a palette item to a point. */
async function drag(
  palette: CpPalette,
  id: string,
  toPoint: () => [number, number],
): Promise<void> {
  const from = itemCentre(palette, id);
  // After the item scrolled into view: where the target is now.
  const to = toPoint();
  await sendMouse({ type: 'move', position: from });
  await sendMouse({ type: 'down' });
  await sendMouse({ type: 'move', position: [from[0] - 20, from[1] + 10] });
  await sendMouse({
    type: 'move',
    position: [Math.round((from[0] + to[0]) / 2), Math.round((from[1] + to[1]) / 2)],
  });
  await sendMouse({ type: 'move', position: to });
  await sendMouse({ type: 'up' });
  await settle(palette);
}

const resultText = (p: CpPalette): string =>
  shadow(p).querySelector('.result')?.textContent?.trim() ?? '';

describe('palette: drag and drop with real pointer events', () => {
  afterEach(() => resetMouse());

  it('an instance type dropped in an AZ column registers an instance there', async () => {
    const { h, canvas, palette } = await mount();
    const before = Object.keys(h.sim().instances).length;
    await drag(palette, 'instance-c5.large', () =>
      pointOf(canvas, { kind: 'availabilityZone', id: 'us-east-1b' }, 0.5, 0.05),
    );
    const added = Object.values(h.sim().instances).filter(
      (i) => !(i.id in startHarness().sim().instances),
    );
    expect(Object.keys(h.sim().instances)).to.have.length(before + 1);
    expect(
      added.some((i) => i.availabilityZone === 'us-east-1b' && i.instanceType === 'c5.large'),
    ).to.equal(true);
    expect(resultText(palette)).to.contain('registers with the cluster in us-east-1b');
    // One drop is one undo step.
    h.actor.send({ type: 'UNDO' });
    expect(Object.keys(h.sim().instances)).to.have.length(before);
  });

  it('a Fargate-only task definition dropped on an AZ runs a Fargate task (RunTask)', async () => {
    const { h, canvas, palette } = await mount();
    const before = new Set(Object.keys(h.sim().tasks));
    await drag(palette, 'td-batch-job', () =>
      pointOf(canvas, { kind: 'availabilityZone', id: 'us-east-1a' }, 0.5, 0.05),
    );
    const started = Object.values(h.sim().tasks).filter((t) => !before.has(t.id));
    expect(started.map((t) => [t.taskDefinitionKey, t.launchType])).to.deep.equal([
      ['batch-job:1', 'FARGATE'],
    ]);
    expect(
      h.actor
        .getSnapshot()
        .context.commandLog.slice(-2)
        .map((e) => e.command.type),
    ).to.deep.equal(['REGISTER_TASK_DEFINITION', 'RUN_TASK']);
  });

  it('a task definition dropped on a service task deploys a new revision (PRIMARY + ACTIVE side by side)', async () => {
    const { h, canvas, palette } = await mount();
    const webTask = live(h.sim()).find((t) => t.serviceName === 'web')!;
    await drag(palette, 'td-nginx-web', () => pointOf(canvas, { kind: 'task', id: webTask.id }));
    const deployments = h.sim().services.web!.deployments;
    expect(deployments.map((d) => [d.status, d.taskDefinitionKey])).to.deep.equal([
      ['PRIMARY', 'nginx-web:1'],
      ['ACTIVE', 'web:1'],
    ]);
    expect(deployments[0]!.rolloutState).to.equal('IN_PROGRESS');
  });

  it('a crash dropped on a task crashes it', async () => {
    const { h, canvas, palette } = await mount();
    const apiTask = live(h.sim()).find((t) => t.serviceName === 'api')!;
    await drag(palette, 'fault-crash', () => pointOf(canvas, { kind: 'task', id: apiTask.id }));
    expect(h.sim().tasks[apiTask.id]!.desiredStatus).to.equal('STOPPED');
    expect(h.actor.getSnapshot().context.commandLog.at(-1)?.command).to.deep.equal({
      type: 'CRASH_TASK',
      taskId: apiTask.id,
    });
  });

  it('a refused drop says why with AWS’s reason and changes nothing', async () => {
    const { h, canvas, palette } = await mount();
    const webTask = live(h.sim()).find((t) => t.serviceName === 'web')!;
    const before = json(h.sim());
    const log = h.actor.getSnapshot().context.commandLog.length;
    // An EC2-only (bridge) task definition onto a Fargate service.
    await drag(palette, 'td-worker', () => pointOf(canvas, { kind: 'task', id: webTask.id }));
    expect(resultText(palette)).to.match(/^Not done: .*FARGATE/);
    expect(shadow(palette).querySelector('.result')?.getAttribute('role')).to.equal('alert');
    expect(json(h.sim())).to.equal(before);
    expect(h.actor.getSnapshot().context.commandLog).to.have.length(log);
  });

  it('touch and pen drags work too (pointerType touch/pen)', async () => {
    const { h, canvas, palette } = await mount();
    const button = shadow(palette).querySelector<HTMLElement>(
      'button.item[data-id="fault-terminate"]',
    )!;
    const inst = Object.values(h.sim().instances).find((i) => i.availabilityZone === 'us-east-1c')!;
    for (const pointerType of ['touch', 'pen']) {
      const target =
        pointerType === 'touch'
          ? inst.id
          : Object.values(h.sim().instances).find((i) => i.status === 'ACTIVE')!.id;
      const [x, y] = pointOf(canvas, { kind: 'instance', id: target }, 0.5, 0.1);
      const b = button.getBoundingClientRect();
      const init = {
        bubbles: true,
        composed: true,
        pointerId: 7,
        pointerType,
        isPrimary: true,
        button: 0,
      };
      button.dispatchEvent(
        new PointerEvent('pointerdown', { ...init, clientX: b.left + 5, clientY: b.top + 5 }),
      );
      button.dispatchEvent(new PointerEvent('pointermove', { ...init, clientX: x, clientY: y }));
      button.dispatchEvent(new PointerEvent('pointerup', { ...init, clientX: x, clientY: y }));
      await settle(palette);
      expect(h.sim().instances[target]!.status, pointerType).to.equal('INACTIVE');
    }
  });

  it('keyboard/menu equivalent: choose a target, press the item', async () => {
    const { h, palette } = await mount();
    const select = part<HTMLSelectElement>(palette, 'select.target');
    select.value = 'availabilityZone:us-east-1c';
    select.dispatchEvent(new Event('change'));
    await settle(palette);
    const before = Object.keys(h.sim().instances).length;
    const button = shadow(palette).querySelector<HTMLButtonElement>(
      'button.item[data-id="instance-t3.micro"]',
    )!;
    // Hovering explains the item (a real pointer move over it).
    await sendMouse({ type: 'move', position: itemCentre(palette, 'instance-t3.micro') });
    await settle(palette);
    expect(part(palette, '.explain').textContent).to.contain('t3.micro: 2 vCPU, 1 GiB');
    expect(button.title).to.contain('registers it with the cluster');
    button.focus();
    button.click(); // Enter/Space on a focused button is a click with detail 0
    expect(Object.keys(h.sim().instances)).to.have.length(before + 1);
    expect(h.actor.getSnapshot().context.commandLog.at(-1)?.command).to.deep.equal({
      type: 'ADD_INSTANCE',
      instanceType: 't3.micro',
      availabilityZone: 'us-east-1c',
    });
  });
});
