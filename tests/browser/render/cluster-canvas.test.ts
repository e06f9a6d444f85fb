import { expect } from '@open-wc/testing';
import type { Container } from 'pixi.js';
import {
  createClusterCanvas,
  CRASH_COLOR,
  STATUS_COLORS,
  type ClusterCanvas,
} from '../../../src/render/index.ts';
import type { EntityRef, Task } from '../../../src/sim/model.ts';
import { makeTask, smallCluster, syntheticCluster, withTask } from './fixtures.ts';
import { clickAt, hex, makeHost, near, pixelAt, sleep, until } from './helpers.ts';

function layer(canvas: ClusterCanvas, name: string): Container {
  const world = canvas.app.stage.getChildByLabel('world');
  const found = world?.getChildByLabel(name);
  if (!found) throw new Error(`no layer ${name}`);
  return found;
}

function visibleChildren(c: Container): number {
  return c.children.filter((ch) => ch.visible).length;
}

function centre(canvas: ClusterCanvas, ref: EntityRef): { x: number; y: number } {
  const r = canvas.locate(ref);
  if (!r) throw new Error(`cannot locate ${ref.kind} ${ref.id}`);
  return { x: r.x + r.w * 0.65, y: r.y + r.h / 2 };
}

describe('cluster canvas', () => {
  let canvas: ClusterCanvas;
  let host: HTMLElement;

  beforeEach(async () => {
    host = makeHost();
    canvas = await createClusterCanvas(host, { width: 900, height: 600, reducedMotion: true });
  });

  afterEach(() => {
    canvas.destroy();
    host.remove();
  });

  it('mounts a WebGL canvas and draws one tile per live task, RUNNING tiles in the RUNNING colour', () => {
    expect(host.querySelector('canvas')).to.equal(canvas.app.canvas);
    expect(canvas.app.renderer.name).to.equal('webgl');
    const state = smallCluster();
    canvas.update(state);
    const live = Object.values(state.tasks).filter((t) => t.lastStatus !== 'STOPPED');
    expect(canvas.stats().taskViews).to.equal(live.length);
    expect(canvas.stats().tileQuads).to.equal(live.length);
    expect(canvas.stats().views).to.equal(live.length + 3 + 3 + 3); // + instances, Fargate areas, AZs
    const running = live.filter((t) => t.lastStatus === 'RUNNING');
    expect(running.length).to.be.greaterThan(2);
    for (const t of running) {
      const p = centre(canvas, { kind: 'task', id: t.id });
      const got = pixelAt(canvas, p.x, p.y);
      expect(near(got, STATUS_COLORS.RUNNING), `${t.id} pixel ${hex(got)}`).to.equal(true);
    }
    const pending = centre(canvas, { kind: 'task', id: 't-api-2' });
    expect(near(pixelAt(canvas, pending.x, pending.y), STATUS_COLORS.PENDING)).to.equal(true);
  });

  it('shows a crash on the failed tile and brings in the replacement', async () => {
    const state = smallCluster();
    canvas.update(state);
    const spot = centre(canvas, { kind: 'task', id: 't-web-1' });
    const crashed: Task = {
      ...(state.tasks['t-web-1'] as Task),
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
    };
    const replacement = makeTask('t-web-3', { containerInstanceId: 'ci-a', createdAt: 10 });
    canvas.update(withTask(withTask(state, crashed), replacement));
    expect(hex(canvas.tint('t-web-1'))).to.equal(hex(CRASH_COLOR));
    expect(canvas.stats().animating).to.be.greaterThan(0);
    expect(canvas.tint('t-web-3')).to.equal(STATUS_COLORS.RUNNING);
    const got = pixelAt(canvas, spot.x, spot.y);
    expect(near(got, CRASH_COLOR), `crash pixel ${hex(got)}`).to.equal(true);
    // The crashed tile plays above the replacement, leaves after its hold, and its view returns to
    // the pool; then the replacement shows RUNNING in its slot.
    await until(() => canvas.stats().animating === 0);
    expect(canvas.tint('t-web-1')).to.equal(undefined);
    expect(canvas.stats().pooled).to.equal(1);
    expect(canvas.stats().taskViews).to.equal(6);
    const r = centre(canvas, { kind: 'task', id: 't-web-3' });
    expect(near(pixelAt(canvas, r.x, r.y), STATUS_COLORS.RUNNING)).to.equal(true);
  });

  it('animates a crash with a shake and a fade when motion is allowed', async () => {
    const moving = await createClusterCanvas(makeHost(), { width: 900, height: 600 });
    try {
      const state = smallCluster();
      moving.update(state);
      await until(() => moving.stats().animating === 0);
      const before = moving.locate({ kind: 'task', id: 't-web-1' });
      const crashed: Task = {
        ...(state.tasks['t-web-1'] as Task),
        lastStatus: 'STOPPING',
        stopCode: 'EssentialContainerExited',
      };
      moving.update(withTask(state, crashed));
      expect(moving.tint('t-web-1')).to.equal(CRASH_COLOR);
      const xs = new Set<number>();
      const end = performance.now() + 400;
      while (performance.now() < end) {
        await new Promise((r) => requestAnimationFrame(r));
        xs.add(Math.round((moving.locate({ kind: 'task', id: 't-web-1' })?.x ?? 0) * 10));
      }
      expect(xs.size, 'tile x positions during the shake').to.be.greaterThan(2);
      const stopped: Task = { ...crashed, lastStatus: 'STOPPED', desiredStatus: 'STOPPED' };
      moving.update(withTask(withTask(state, crashed), stopped, 3));
      await until(() => moving.stats().animating === 0);
      expect(moving.stats().taskViews).to.equal(5);
      expect(before).to.not.equal(undefined);
    } finally {
      moving.destroy();
    }
  });

  it('calls onSelect with the task, instance or AZ under a click, undefined on the background', async () => {
    canvas.update(smallCluster());
    // Pixi's event system hit-tests the last rendered scene, so let one frame render first.
    await until(() => canvas.stats().frames > 0 && !canvas.app.ticker.started);
    const got: (EntityRef | undefined)[] = [];
    const off = canvas.onSelect((ref) => got.push(ref));
    const tile = centre(canvas, { kind: 'task', id: 't-api-1' });
    clickAt(canvas, tile.x, tile.y);
    const box = canvas.locate({ kind: 'instance', id: 'ci-b' });
    if (!box) throw new Error('no instance box');
    clickAt(canvas, box.x + 3, box.y + 3);
    const az = canvas.locate({ kind: 'availabilityZone', id: 'us-east-1c' });
    if (!az) throw new Error('no AZ column');
    clickAt(canvas, az.x + 4, az.y + 4);
    clickAt(canvas, 2, 2);
    expect(got).to.deep.equal([
      { kind: 'task', id: 't-api-1' },
      { kind: 'instance', id: 'ci-b' },
      { kind: 'availabilityZone', id: 'us-east-1c' },
      undefined,
    ]);
    // The legend's service rows select the service.
    const row = [...host.querySelectorAll('[data-part="legend"] button')].find(
      (b) => b.textContent === 'service api',
    );
    if (!(row instanceof HTMLElement)) throw new Error('no legend row for service api');
    row.click();
    expect(got[4]).to.deep.equal({ kind: 'service', id: 'api' });
    off();
    clickAt(canvas, tile.x, tile.y);
    expect(got.length).to.equal(5);
  });

  it('does no work for a snapshot whose version is unchanged, and stops its ticker when idle', async () => {
    const state = smallCluster(7);
    canvas.update(state);
    await until(() => !canvas.app.ticker.started);
    const before = canvas.stats();
    canvas.update({ ...state, tasks: {} }); // same version: must be ignored entirely
    await sleep(100);
    const after = canvas.stats();
    expect(after.updates).to.equal(before.updates);
    expect(after.frames).to.equal(before.frames);
    expect(after.taskViews).to.equal(before.taskViews);
    canvas.update(smallCluster(8));
    expect(canvas.stats().updates).to.equal(before.updates + 1);
  });

  it('reuses pooled views: exit then enter creates no new view', async () => {
    const state = smallCluster();
    canvas.update(state);
    const created = canvas.stats().created;
    const { ['t-web-2']: _gone, ...rest } = state.tasks;
    canvas.update({ ...state, version: 2, tasks: rest });
    await until(() => canvas.stats().animating === 0);
    expect(canvas.stats().pooled).to.equal(1);
    canvas.update(
      withTask(
        { ...state, version: 3, tasks: rest },
        makeTask('t-new', { containerInstanceId: 'ci-b', availabilityZone: 'us-east-1b' }),
        4,
      ),
    );
    expect(canvas.stats().pooled).to.equal(0);
    expect(canvas.stats().created).to.equal(created);
    expect(canvas.tint('t-new')).to.equal(STATUS_COLORS.RUNNING);
  });

  it('recolours tiles of snapshots laid out the same, and still enters and exits tasks after them', async () => {
    // Snapshots that change only statuses keep the layout (layout-cache.ts) and the tiles' listed
    // views: every tile must still follow its own task.
    const state = smallCluster();
    const status = (s: typeof state, id: string, lastStatus: Task['lastStatus'], v: number) =>
      withTask(s, { ...(s.tasks[id] as Task), lastStatus }, v);
    canvas.update(state);
    let s = status(status(state, 't-web-1', 'PENDING', 2), 't-api-2', 'RUNNING', 3);
    canvas.update(s);
    canvas.app.ticker.update(performance.now() + 10_000);
    expect(hex(canvas.tint('t-web-1'))).to.equal(hex(STATUS_COLORS.PENDING));
    expect(hex(canvas.tint('t-api-2'))).to.equal(hex(STATUS_COLORS.RUNNING));
    s = status(s, 't-web-1', 'DEACTIVATING', 4);
    canvas.update(s);
    canvas.app.ticker.update(performance.now() + 20_000);
    expect(hex(canvas.tint('t-web-1'))).to.equal(hex(STATUS_COLORS.DEACTIVATING));
    expect(hex(canvas.tint('t-api-2'))).to.equal(hex(STATUS_COLORS.RUNNING));
    // t-web-1 stops (a new layout): its tile leaves; the others stay as they were.
    const live = canvas.stats().taskViews;
    s = status(s, 't-web-1', 'STOPPED', 5);
    canvas.update(s);
    await until(() => canvas.stats().animating === 0);
    expect(canvas.tint('t-web-1')).to.equal(undefined);
    expect(canvas.stats().taskViews).to.equal(live - 1);
    // Back (RUNNING again): it enters from the pool, and a status change after it recolours it.
    s = status(s, 't-web-1', 'RUNNING', 6);
    canvas.update(s);
    expect(canvas.stats().taskViews).to.equal(live);
    canvas.update(status(s, 't-web-1', 'STOPPING', 7));
    canvas.app.ticker.update(performance.now() + 30_000);
    expect(hex(canvas.tint('t-web-1'))).to.equal(hex(STATUS_COLORS.STOPPING));
    const p = centre(canvas, { kind: 'task', id: 't-web-1' });
    expect(near(pixelAt(canvas, p.x, p.y), STATUS_COLORS.STOPPING)).to.equal(true);
  });

  it('draws aggregated bars instead of tiles above the level-of-detail threshold', () => {
    const n = canvas.stats().lodThreshold + 500;
    canvas.update(syntheticCluster(n));
    const s = canvas.stats();
    expect(s.lod).to.equal('aggregate');
    expect(s.taskViews).to.equal(0);
    expect(s.tileQuads).to.equal(0);
    expect(visibleChildren(layer(canvas, 'tiles'))).to.equal(0);
    // Each instance: 4 outline + 2 baseline + 2 resource-bar quads and at least one status segment.
    expect(s.chromeQuads).to.be.at.least(Math.ceil(n / 10) * 9);
    canvas.update(syntheticCluster(100, 0, 2));
    expect(canvas.stats().lod).to.equal('tiles');
    expect(canvas.stats().taskViews).to.equal(100);
  });

  it('pans on a background drag without selecting anything', async () => {
    canvas.update(smallCluster());
    await until(() => canvas.stats().frames > 0 && !canvas.app.ticker.started);
    const got: (EntityRef | undefined)[] = [];
    canvas.onSelect((ref) => got.push(ref));
    const before = canvas.locate({ kind: 'task', id: 't-web-1' });
    const el = canvas.app.canvas;
    const rect = el.getBoundingClientRect();
    const at = (type: string, x: number, target: EventTarget): void => {
      target.dispatchEvent(
        new PointerEvent(type, {
          clientX: rect.left + x,
          clientY: rect.top + 5,
          pointerId: 1,
          pointerType: 'mouse',
          isPrimary: true,
          buttons: 1,
          bubbles: true,
        }),
      );
    };
    at('pointerdown', 5, el);
    at('pointermove', 25, el);
    at('pointermove', 45, el);
    at('pointerup', 45, el);
    const after = canvas.locate({ kind: 'task', id: 't-web-1' });
    expect(got).to.deep.equal([]);
    expect((after?.x ?? 0) - (before?.x ?? 0)).to.be.closeTo(40, 1);
  });

  it('outlines the selection and zooms, pans and resets the view', () => {
    canvas.update(smallCluster());
    canvas.setSelection({ kind: 'task', id: 't-web-1' });
    const outline = layer(canvas, 'overlay').children[0];
    expect(outline?.getLocalBounds().width ?? 0).to.be.greaterThan(10);
    const fitted = canvas.stats().zoom;
    canvas.zoomBy(2);
    expect(canvas.stats().zoom).to.be.closeTo(fitted * 2, 1e-6);
    canvas.resetView();
    expect(canvas.stats().zoom).to.be.closeTo(fitted, 1e-6);
    canvas.setTheme('dark');
    expect(canvas.app.renderer.background.color.toNumber()).to.not.equal(0xf6f7f9);
  });
});
