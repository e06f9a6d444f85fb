/**
 * The canvas follows prefers-reduced-motion while the page is open (issue 9 nit: it was read only
 * at start). The media feature is emulated through the browser (CDP), so the real matchMedia
 * `change` event drives it.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../../src/ui/cp-app.ts';
import type { CpApp } from '../../../src/ui/cp-app.ts';
import { startHarness } from './ui-harness.ts';
import { until } from '../player/player-fixtures.ts';

afterEach(async () => {
  await emulateMedia({ reducedMotion: 'no-preference' });
});

/**
 * Emulates the preference and waits for the media query's `change` event: this listener is added
 * after <cp-app>'s, so when it runs the app has already handled the change.
 */
async function switchTo(reducedMotion: 'reduce' | 'no-preference'): Promise<void> {
  const query = matchMedia('(prefers-reduced-motion: reduce)');
  const changed = new Promise<void>((resolve) =>
    query.addEventListener('change', () => resolve(), { once: true }),
  );
  await emulateMedia({ reducedMotion });
  await changed;
}

describe('<cp-app> and prefers-reduced-motion', () => {
  it('animates new tiles with motion allowed, shows them at once after the preference turns to reduce, and back', async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
    const h = startHarness();
    const app = await fixture<CpApp>(
      html`<cp-app
        style="display:block; width: 1200px; height: 800px"
        no-ticker
        .actor=${h.actor}
      ></cp-app>`,
    );
    const canvas = await app.canvasReady;
    await until(() => canvas.stats().animating === 0);
    let desired = h.sim().services.web!.desiredCount;
    /**
     * Scales web up by one; returns how far (px) the new task's tile is from where it settles, right
     * after it appears (0 = shown at once, > 0 = sliding in).
     */
    const scaleUp = async (): Promise<number> => {
      const before = new Set(Object.keys(h.sim().tasks));
      desired += 1;
      h.actor.send({
        type: 'COMMAND',
        command: { type: 'UPDATE_SERVICE', serviceName: 'web', desiredCount: desired },
      });
      for (let i = 0; i < 3; i++) h.actor.send({ type: 'STEP' });
      const id = Object.keys(h.sim().tasks).find((t) => !before.has(t));
      if (!id) throw new Error('no new task');
      const first = canvas.locate({ kind: 'task', id });
      await until(() => canvas.stats().animating === 0);
      const last = canvas.locate({ kind: 'task', id });
      if (!first || !last) throw new Error('new task not drawn');
      return Math.abs(first.x - last.x) + Math.abs(first.y - last.y);
    };
    expect(await scaleUp()).to.be.above(0);
    await until(() => canvas.stats().animating === 0);
    await switchTo('reduce');
    expect(await scaleUp()).to.equal(0);
    await switchTo('no-preference');
    expect(await scaleUp()).to.be.above(0);
  });
});
