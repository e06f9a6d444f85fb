/**
 * The ECS Anywhere site on the real canvas: a box labelled "On-premises site · NAME" apart from
 * the Region's AZ columns, the external instances inside it, and the link to the Region drawn in
 * the gap — amber while connected, red while the site is disconnected.
 */
import { expect } from '@open-wc/testing';
import { Point, Text, type Container } from 'pixi.js';
import { createClusterCanvas, type ClusterCanvas } from '../../../src/render/index.ts';
import { LINK_DOWN_COLOR } from '../../../src/render/az-view.ts';
import { GEOMETRY } from '../../../src/render/layout.ts';
import { THEMES } from '../../../src/render/palette.ts';
import {
  advance,
  applyCommand,
  createDefaultCluster,
  type SimState,
} from '../../../src/sim/index.ts';
import { hex, makeHost, near, pixelAt } from './helpers.ts';

function bankSite(): SimState {
  let s = createDefaultCluster(5);
  for (let i = 0; i < 2; i++)
    s = applyCommand(s, { type: 'REGISTER_EXTERNAL_INSTANCE', site: 'bank-dc' }).state;
  return advance(s, 30_000);
}

function world(canvas: ClusterCanvas): Container {
  const w = canvas.app.stage.getChildByLabel('world');
  if (!w) throw new Error('no world');
  return w;
}

function siteLabel(canvas: ClusterCanvas): Text {
  const labels = world(canvas).getChildByLabel('labels');
  const found = labels?.children.find(
    (c): c is Text => c instanceof Text && c.text.startsWith('On-premises site · bank-dc'),
  );
  if (!found) throw new Error('no site label');
  return found;
}

describe('on-premises site on the canvas', () => {
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

  it('draws a site box apart from the AZs with the external instances inside it and the link up', () => {
    const state = bankSite();
    canvas.update(state);
    const label = siteLabel(canvas);
    expect(label.text).to.equal('On-premises site · bank-dc');
    // The label sits 8 px right of the column's left edge (world px).
    const siteLeft = world(canvas).toGlobal(new Point(label.position.x - 8, label.position.y - 5));
    for (const inst of Object.values(state.instances)) {
      const r = canvas.locate({ kind: 'instance', id: inst.id });
      expect(r, inst.id).to.not.equal(undefined);
      if (inst.external) expect(r!.x).to.be.greaterThan(siteLeft.x);
      else expect(r!.x + r!.w).to.be.lessThan(siteLeft.x);
    }
    const link = world(canvas).toGlobal(
      new Point(label.position.x - 8 - GEOMETRY.siteGap + 10, label.position.y - 5 + 12),
    );
    const got = pixelAt(canvas, link.x, link.y);
    expect(near(got, THEMES.light.draining, 30), `link pixel ${hex(got)}`).to.equal(true);
  });

  it('shows the link down (red) and says so while the site is disconnected', () => {
    const state = applyCommand(bankSite(), { type: 'SITE_DISCONNECT', site: 'bank-dc' }).state;
    canvas.update(state);
    const label = siteLabel(canvas);
    expect(label.text).to.equal('On-premises site · bank-dc — link down');
    const link = world(canvas).toGlobal(
      new Point(label.position.x - 8 - GEOMETRY.siteGap + 10, label.position.y - 5 + 12),
    );
    const got = pixelAt(canvas, link.x, link.y);
    expect(near(got, LINK_DOWN_COLOR, 30), `link pixel ${hex(got)}`).to.equal(true);
  });
});
