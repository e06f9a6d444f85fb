import { expect } from '@open-wc/testing';
import {
  createClusterCanvas,
  CRASH_COLOR,
  STATUS_COLORS,
  type ClusterCanvas,
} from '../../../src/render/index.ts';
import {
  advance,
  advanceUntilSteady,
  applyCommand,
  createDefaultCluster,
  STEP_MS,
  type SimState,
} from '../../../src/sim/index.ts';
import { hex, makeHost, near, pixelAt } from './helpers.ts';

const live = (s: SimState): string[] =>
  Object.values(s.tasks)
    .filter((t) => t.lastStatus !== 'STOPPED')
    .map((t) => t.id);

describe('cluster canvas on the real simulation core', () => {
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

  it('draws the default cluster: one tile per live task, RUNNING tiles green on screen', () => {
    const state = advanceUntilSteady(createDefaultCluster(1));
    canvas.update(state);
    const ids = live(state);
    expect(ids.length).to.be.greaterThan(3);
    expect(canvas.stats().taskViews).to.equal(ids.length);
    expect(canvas.stats().lod).to.equal('tiles');
    const running = Object.values(state.tasks).find((t) => t.lastStatus === 'RUNNING');
    if (!running) throw new Error('no RUNNING task in the default cluster');
    const r = canvas.locate({ kind: 'task', id: running.id });
    if (!r) throw new Error('running task not drawn');
    const got = pixelAt(canvas, r.x + r.w * 0.65, r.y + r.h / 2);
    expect(near(got, STATUS_COLORS.RUNNING), hex(got)).to.equal(true);
  });

  it('shows a CRASH_TASK as a crash on that tile and draws the replacement the scheduler starts', () => {
    let state = advanceUntilSteady(createDefaultCluster(1));
    canvas.update(state);
    const victim = Object.values(state.tasks).find(
      (t) => t.lastStatus === 'RUNNING' && t.serviceName,
    );
    if (!victim) throw new Error('no service task');
    const before = new Set(live(state));
    const res = applyCommand(state, { type: 'CRASH_TASK', taskId: victim.id });
    expect(res.error).to.equal(undefined);
    state = res.state;
    let sawCrash = false;
    let replacement: string | undefined;
    for (let i = 0; i < 120 && !(sawCrash && replacement); i++) {
      canvas.update(state);
      if (canvas.tint(victim.id) === CRASH_COLOR) sawCrash = true;
      replacement = live(state).find((id) => !before.has(id) && canvas.tint(id) !== undefined);
      state = advance(state, STEP_MS);
    }
    expect(sawCrash, `crash colour ${hex(CRASH_COLOR)} on ${victim.id}`).to.equal(true);
    expect(replacement, 'a replacement tile').to.not.equal(undefined);
  });
});
