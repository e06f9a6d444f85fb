/**
 * <cp-app> in presenter mode draws the canvas's legend PRESENTER_LEGEND_SCALE times larger (read
 * from the back row), and back to its normal size when presenting ends.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../../src/ui/cp-app.ts';
import type { CpApp } from '../../../src/ui/cp-app.ts';
import { PRESENTER_LEGEND_SCALE } from '../../../src/render/index.ts';
import { startHarness } from '../ui/ui-harness.ts';
import { until } from './player-fixtures.ts';

describe('presenter legend', () => {
  it('is larger while presenting, normal after', async () => {
    const h = startHarness();
    const app = await fixture<CpApp>(
      html`<cp-app style="width: 1280px; height: 720px" no-ticker .actor=${h.actor}></cp-app>`,
    );
    await app.canvasReady;
    const legend = () => app.shadowRoot!.querySelector<HTMLElement>('[data-part="legend"]')!;
    await until(() => legend() !== null && legend().getBoundingClientRect().width > 0);
    const normal = legend().getBoundingClientRect().width;
    app.present = true;
    await app.updateComplete;
    expect(legend().getBoundingClientRect().width).to.be.closeTo(
      normal * PRESENTER_LEGEND_SCALE,
      2,
    );
    app.present = false;
    await app.updateComplete;
    expect(legend().getBoundingClientRect().width).to.be.closeTo(normal, 1);
  });
});
