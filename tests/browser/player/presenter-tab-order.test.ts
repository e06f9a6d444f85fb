/**
 * Presenter mode is keyboard only: when a caption with a checkpoint question does not fit, Tab
 * must reach the question's choices right after the player controls — before the canvas legend's
 * service buttons (which come after them in the page's DOM order).
 */
import { expect } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { ScenarioHost } from '../../../src/ui/scenario-host.ts';
import { settle } from '../ui/ui-harness.ts';
import { until } from './player-fixtures.ts';
import { presentQuiz } from './presenter-quiz.ts';
import { deepActive, describeControl } from '../a11y/a11y-helpers.ts';

let host: ScenarioHost | undefined;
afterEach(async () => {
  host?.dispose();
  host = undefined;
  await setViewport({ width: 800, height: 600 });
});

describe('presenter mode Tab order', () => {
  it('reaches the caption choices after the player controls, before the legend', async () => {
    const shown = await presentQuiz(1, 1024, 600);
    host = shown.host;
    const { app, caption } = shown;
    await sendKeys({ press: 'ArrowRight' });
    await until(
      () => caption().shadowRoot!.querySelectorAll('.choices button').length === 4,
      20_000,
    );
    await settle(caption());
    (document.activeElement as HTMLElement | null)?.blur();
    const walk: string[] = [];
    for (let i = 0; i < 12; i++) {
      await sendKeys({ press: 'Tab' });
      walk.push(describeControl(deepActive()));
    }
    const firstChoice = walk.findIndex((w) => w.startsWith('cp-caption > button'));
    const firstLegend = walk.findIndex((w) => /^cp-app > button "service /.test(w));
    expect(firstChoice, walk.join('\n')).to.be.at.least(0);
    expect(firstLegend, walk.join('\n')).to.be.at.least(0);
    // All four choices come before the legend's service buttons.
    expect(
      walk.slice(firstChoice, firstChoice + 4).every((w) => w.startsWith('cp-caption > button')),
    ).to.equal(true);
    expect(firstChoice, walk.join('\n')).to.be.below(firstLegend);
    // The caption itself still paints above the canvas.
    const choice = caption().shadowRoot!.querySelector<HTMLElement>('.choices button')!;
    const r = choice.getBoundingClientRect();
    const top = app.shadowRoot!.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    expect(top === host!.layer || host!.layer.contains(top), String(top?.tagName)).to.equal(true);
  });
});
