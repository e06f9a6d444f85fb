import { expect } from '@open-wc/testing';
import { createClusterCanvas } from '../../../src/render/index.ts';
import type { Task } from '../../../src/sim/model.ts';
import { makeInstance, makeState, makeTask, withLoad } from './fixtures.ts';
import { makeHost } from './helpers.ts';

describe('load balancer badge', () => {
  it('shows each ALB above the cluster as text, follows the zoom, and goes away without load', async () => {
    const host = makeHost();
    const canvas = await createClusterCanvas(host, {
      width: 900,
      height: 600,
      reducedMotion: true,
    });
    const evil = '<img src=x onerror=alert(1)>';
    const tasks: Task[] = [
      makeTask('t-1', { containerInstanceId: 'ci-a', createdAt: 1 }),
      makeTask('t-2', {
        containerInstanceId: 'ci-a',
        serviceName: evil,
        group: `service:${evil}`,
        createdAt: 2,
      }),
    ];
    const loaded = withLoad(makeState([makeInstance('ci-a')], tasks));
    canvas.update(loaded);
    const badge = host.querySelector<HTMLElement>('[data-part=alb-badge]')!;
    expect(badge.textContent).to.contain('ALB alb-web → web:');
    expect(badge.textContent).to.contain(`→ ${evil}:`);
    expect(badge.querySelector('img')).to.equal(null);
    expect(getComputedStyle(badge).visibility).to.equal('visible');
    // Above the cluster: its bottom is above the instance box's top, on the canvas.
    const box = canvas.locate({ kind: 'instance', id: 'ci-a' })!;
    const hostTop = host.getBoundingClientRect().top;
    const b = badge.getBoundingClientRect();
    expect(b.bottom - hostTop).to.be.lessThan(box.y);
    expect(b.top - hostTop).to.be.at.least(-1);
    // Zooming the canvas scales the badge with the world.
    const w0 = b.width;
    canvas.zoomBy(0.5);
    canvas.app.ticker.update(performance.now());
    expect(badge.getBoundingClientRect().width).to.be.closeTo(w0 / 2, 2);
    canvas.update({ ...makeState([makeInstance('ci-a')], tasks), version: 5 });
    expect(getComputedStyle(badge).visibility).to.equal('hidden');
    canvas.destroy();
    expect(host.querySelector('[data-part=alb-badge]')).to.equal(null);
    host.remove();
  });
});
