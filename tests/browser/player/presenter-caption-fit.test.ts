/**
 * Presenter mode at 1920×1080: a step with a long narration, its expectations and a checkpoint
 * question with four long choices (the checkpoint-quiz scenario's first question, word for word)
 * must show whole in the caption — the presenter has only the keyboard and the back row cannot
 * scroll. The caption's type shrinks only as much as it must; a short step keeps the full size.
 */
import { expect } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { ScenarioHost } from '../../../src/ui/scenario-host.ts';
import { settle } from '../ui/ui-harness.ts';
import { until } from './player-fixtures.ts';
import { presentQuiz } from './presenter-quiz.ts';

let host: ScenarioHost | undefined;
afterEach(async () => {
  host?.dispose();
  host = undefined;
  await setViewport({ width: 800, height: 600 });
});

async function present(step: number) {
  const shown = await presentQuiz(step, 1920, 1080);
  host = shown.host;
  return { ...shown, app: () => shown.app };
}

const px = (el: Element) => parseFloat(getComputedStyle(el).fontSize);

describe('presenter caption fits its box', () => {
  it('shows the question and all four choices whole at 1920×1080', async () => {
    const { caption, box, app } = await present(1);
    await sendKeys({ press: 'ArrowRight' }); // to the end of step 1: expectations + question
    await until(
      () => (caption().shadowRoot!.querySelectorAll('.choices button').length ?? 0) === 4,
      20_000,
    );
    await settle(caption());
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const b = box();
    expect(b.scrollHeight, 'caption content is cut').to.be.at.most(b.clientHeight + 1);
    const bottom = b.getBoundingClientRect().bottom;
    for (const choice of caption().shadowRoot!.querySelectorAll('.choices button')) {
      expect(choice.getBoundingClientRect().bottom, choice.textContent!.trim()).to.be.at.most(
        bottom,
      );
    }
    // The whole box — padding and border included — stays below the canvas's part of the stage,
    // so it hides nothing the canvas fitted there (it overlapped by 29 px with a content-box).
    const canvasHost = app().shadowRoot!.querySelector<HTMLElement>('.canvas-host')!;
    expect(b.getBoundingClientRect().top, 'caption over the canvas').to.be.at.least(
      canvasHost.getBoundingClientRect().bottom,
    );
    const narration = caption().shadowRoot!.querySelector('.step-narration')!;
    expect(px(narration), 'narration still large enough for a room').to.be.at.least(17);
    expect(px(narration), 'narration shrank to fit').to.be.below(29);
  });

  it('keeps the full presenter size when the step fits', async () => {
    const { caption, box } = await present(2);
    await settle(caption());
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect(box().scrollHeight).to.be.at.most(box().clientHeight + 1);
    expect(px(caption().shadowRoot!.querySelector('.step-narration')!)).to.equal(29);
  });
});
