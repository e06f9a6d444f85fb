/**
 * Presenter mode draws the ECS legend larger (PRESENTER_LEGEND_SCALE) so the back row can read the
 * task states; the cluster is fitted into the width the larger legend leaves free, and scale 1 puts
 * it back.
 */
import { expect } from '@open-wc/testing';
import { createClusterCanvas, PRESENTER_LEGEND_SCALE } from '../../../src/render/index.ts';
import { smallCluster } from './fixtures.ts';
import { makeHost, until } from './helpers.ts';

describe('legend scale (presenter mode)', () => {
  it('draws the legend larger and keeps the cluster clear of it', async () => {
    const host = makeHost(1280, 720);
    const canvas = await createClusterCanvas(host, {
      width: 1280,
      height: 720,
      reducedMotion: true,
    });
    const state = smallCluster();
    canvas.update(state);
    const legend = host.querySelector<HTMLElement>('[data-part="legend"]')!;
    const ids = Object.keys(state.instances);
    const rightmost = () =>
      Math.max(
        ...ids.map((id) => {
          const r = canvas.locate({ kind: 'instance', id })!;
          return r.x + r.w;
        }),
      );
    await until(() => canvas.locate({ kind: 'instance', id: ids[0]! }) !== undefined);
    const row = () =>
      [...legend.querySelectorAll('div[role="listitem"]')].find(
        (r) => r.textContent === 'RUNNING',
      )!;
    const normal = {
      legend: legend.getBoundingClientRect(),
      rowFont: row().getBoundingClientRect().height,
    };

    canvas.setLegendScale(PRESENTER_LEGEND_SCALE);
    const big = legend.getBoundingClientRect();
    expect(big.width).to.be.closeTo(normal.legend.width * PRESENTER_LEGEND_SCALE, 2);
    expect(row().getBoundingClientRect().height).to.be.closeTo(
      normal.rowFont * PRESENTER_LEGEND_SCALE,
      2,
    );
    // The cluster is fitted left of the larger legend.
    const hostLeft = host.getBoundingClientRect().left;
    expect(hostLeft + rightmost()).to.be.at.most(big.left);
    canvas.setLegendScale(1);
    expect(legend.getBoundingClientRect().width).to.be.closeTo(normal.legend.width, 1);
    canvas.destroy();
    host.remove();
  });
});
