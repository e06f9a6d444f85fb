/** A task PENDING while its image downloads shows a progress ring on the canvas. */
import { expect } from '@open-wc/testing';
import { createClusterCanvas, type ClusterCanvas } from '../../../src/render/index.ts';
import { PULL_RING_COLOR } from '../../../src/render/pull-view.ts';
import { parseTaskDefinition } from '../../../src/formats/task-definition.ts';
import {
  advance,
  applyCommand,
  createDefaultCluster,
  type SimState,
} from '../../../src/sim/index.ts';
import { hex, makeHost, near, pixelAt } from './helpers.ts';

function pulling(): { s: SimState; id: string } {
  let s = applyCommand(createDefaultCluster(2), { type: 'ENABLE_IMAGE_PULLS' }).state;
  const td = parseTaskDefinition(
    JSON.stringify({
      family: 'pull',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'web', image: 'postgres:16', essential: true }],
    }),
    'td.json',
  );
  if (!td.ok) throw new Error('bad td');
  s = applyCommand(s, { type: 'REGISTER_TASK_DEFINITION', taskDefinition: td.value }).state;
  const before = new Set(Object.keys(s.tasks));
  s = applyCommand(s, {
    type: 'RUN_TASK',
    taskDefinition: 'pull',
    count: 1,
    launchType: 'FARGATE',
  }).state;
  const id = Object.keys(s.tasks).find((k) => !before.has(k)) as string;
  for (let i = 0; i < 30 && s.tasks[id]?.lastStatus !== 'PENDING'; i++) s = advance(s, 1000);
  return { s: advance(s, 1000), id };
}

describe('image pull ring', () => {
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

  it('draws a ring around a pulling task and none once it runs', () => {
    const { s, id } = pulling();
    expect(s.tasks[id]?.lastStatus).to.equal('PENDING');
    canvas.update(s);
    expect(canvas.stats().pullRings).to.equal(1);
    const r = canvas.locate({ kind: 'task', id });
    expect(r).to.not.equal(undefined);
    // The ring starts at the top: 0.8 × the tile size above the tile's centre.
    const got = pixelAt(canvas, r!.x + r!.w / 2, r!.y + r!.h / 2 - r!.w * 0.8);
    expect(near(got, PULL_RING_COLOR, 40), `ring pixel ${hex(got)}`).to.equal(true);
    canvas.update(advance(s, 120_000));
    expect(canvas.stats().pullRings).to.equal(0);
  });
});
