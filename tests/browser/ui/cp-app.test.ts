import { expect, fixture, html } from '@open-wc/testing';
import { Rectangle } from 'pixi.js';
import '../../../src/ui/cp-app.ts';
// Defined lazily by cp-app (after the first frame); these tests use them at once.
import '../../../src/ui/cp-inspector.ts';
import '../../../src/ui/cp-actions.ts';
import type { CpApp } from '../../../src/ui/cp-app.ts';
import type { CpInspector } from '../../../src/ui/cp-inspector.ts';
import type { ClusterCanvas } from '../../../src/render/index.ts';
import { CRASH_COLOR, STATUS_COLORS } from '../../../src/render/index.ts';
import type { SimState, Task } from '../../../src/sim/index.ts';
import { part, settle, shadow, startHarness } from './ui-harness.ts';

/** Renders now and returns the 0xRRGGBB colour of the canvas pixel at (x, y). */
function pixelAt(canvas: ClusterCanvas, x: number, y: number): number {
  canvas.app.render();
  const { pixels } = canvas.app.renderer.extract.pixels({
    target: canvas.app.stage,
    frame: new Rectangle(Math.floor(x), Math.floor(y), 1, 1),
    resolution: 1,
  });
  return ((pixels[0] ?? 0) << 16) | ((pixels[1] ?? 0) << 8) | (pixels[2] ?? 0);
}

function near(a: number, b: number, tolerance = 8): boolean {
  return [16, 8, 0].every((s) => Math.abs(((a >> s) & 0xff) - ((b >> s) & 0xff)) <= tolerance);
}

/** A mouse click (down + up, no movement) at canvas-relative (x, y). */
function clickAt(canvas: ClusterCanvas, x: number, y: number): void {
  const el = canvas.app.canvas;
  const box = el.getBoundingClientRect();
  const init: PointerEventInit = {
    clientX: box.left + x,
    clientY: box.top + y,
    bubbles: true,
    cancelable: true,
    // The canvas sits in <cp-app>'s shadow root; Pixi listens for pointerup on the document.
    composed: true,
    pointerId: 1,
    pointerType: 'mouse',
    isPrimary: true,
    button: 0,
    buttons: 1,
  };
  el.dispatchEvent(new PointerEvent('pointerdown', init));
  el.dispatchEvent(new PointerEvent('pointerup', { ...init, buttons: 0 }));
}

async function until(cond: () => boolean, timeoutMs = 8000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!cond()) {
    if (performance.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => requestAnimationFrame(r));
  }
}

const liveTasks = (sim: SimState): Task[] =>
  Object.values(sim.tasks).filter((t) => t.lastStatus !== 'STOPPED');

async function mountApp(ticker: boolean) {
  const h = startHarness();
  const app = await fixture<CpApp>(
    html`<cp-app
      style="width: 1200px; height: 800px"
      ?no-ticker=${!ticker}
      .actor=${h.actor}
    ></cp-app>`,
  );
  const canvas = await app.canvasReady;
  return { h, app, canvas };
}

describe('<cp-app>', () => {
  it('mounts the default cluster and the canvas draws a tile for every running task', async () => {
    const { h, app, canvas } = await mountApp(false);
    expect(part(app, '.canvas-host').querySelector('canvas')).to.equal(canvas.app.canvas);
    const tasks = liveTasks(h.sim());
    expect(tasks.length).to.be.above(3);
    await until(() => canvas.stats().taskViews === tasks.length);
    const task = tasks.find((t) => t.launchType === 'EC2')!;
    await until(
      () => canvas.tint(task.id) === STATUS_COLORS.RUNNING && canvas.stats().animating === 0,
    );
    const rect = canvas.locate({ kind: 'task', id: task.id });
    expect(rect, 'task tile is drawn').to.not.equal(undefined);
    const colour = pixelAt(canvas, rect!.x + rect!.w / 2, rect!.y + rect!.h / 2);
    expect(near(colour, STATUS_COLORS.RUNNING), `pixel #${colour.toString(16)}`).to.equal(true);
  });

  it('a click on a task tile selects it and the inspector shows it', async () => {
    const { h, app, canvas } = await mountApp(false);
    const task = liveTasks(h.sim()).find((t) => t.launchType === 'FARGATE')!;
    // Tiles slide into place when the canvas mounts: wait until they rest.
    await until(
      () =>
        canvas.locate({ kind: 'task', id: task.id }) !== undefined &&
        canvas.stats().animating === 0,
    );
    const rect = canvas.locate({ kind: 'task', id: task.id })!;
    clickAt(canvas, rect.x + rect.w / 2, rect.y + rect.h / 2);
    expect(h.actor.getSnapshot().context.selection).to.deep.equal({ kind: 'task', id: task.id });
    const inspector = part<CpInspector>(app, 'cp-inspector');
    await settle(inspector);
    expect(shadow(inspector).querySelector('dd[data-field="taskArn"]')?.textContent).to.equal(
      task.taskArn,
    );
  });

  it('a crash from the actions panel turns the tile to the crash colour and a replacement appears', async () => {
    const { h, app, canvas } = await mountApp(false);
    const before = liveTasks(h.sim());
    const task = before.find((t) => t.launchType === 'EC2')!;
    h.actor.send({ type: 'SELECT', ref: { kind: 'task', id: task.id } });
    const actions = part(app, 'cp-actions');
    await settle(actions);
    part<HTMLButtonElement>(actions, 'button.crash-task').click();
    h.actor.send({ type: 'STEP' });
    await until(() => canvas.tint(task.id) === CRASH_COLOR);
    for (let i = 0; i < 90; i++) h.actor.send({ type: 'STEP' });
    const replacement = liveTasks(h.sim()).find((t) => !before.some((b) => b.id === t.id));
    expect(replacement, 'the service started a replacement').to.not.equal(undefined);
    await until(() => canvas.locate({ kind: 'task', id: replacement!.id }) !== undefined);
  });

  it('Space pauses and plays, + and − change the speed', async () => {
    const { h } = await mountApp(false);
    h.actor.send({ type: 'PLAY' });
    document.body.dispatchEvent(
      new KeyboardEvent('keydown', { key: ' ', bubbles: true, composed: true }),
    );
    expect(h.actor.getSnapshot().value).to.equal('paused');
    document.body.dispatchEvent(
      new KeyboardEvent('keydown', { key: '+', bubbles: true, composed: true }),
    );
    expect(h.actor.getSnapshot().context.speed).to.equal(2);
    document.body.dispatchEvent(
      new KeyboardEvent('keydown', { key: '-', bubbles: true, composed: true }),
    );
    document.body.dispatchEvent(
      new KeyboardEvent('keydown', { key: '-', bubbles: true, composed: true }),
    );
    expect(h.actor.getSnapshot().context.speed).to.equal(0.5);
  });

  it('the frame ticker advances simulated time while running', async () => {
    const { h } = await mountApp(true);
    h.actor.send({ type: 'SET_SPEED', speed: 64 });
    h.actor.send({ type: 'PLAY' });
    const start = h.sim().now;
    await until(() => h.sim().now >= start + 5000, 5000);
    h.actor.send({ type: 'PAUSE' });
    const paused = h.sim().now;
    await new Promise((r) => setTimeout(r, 200));
    expect(h.sim().now).to.equal(paused);
  });
});
