/**
 * Presenter mode at 1920×1080: a step with a long narration, its expectations and a checkpoint
 * question with four long choices (the checkpoint-quiz scenario's first question, word for word)
 * must show whole in the caption — the presenter has only the keyboard and the back row cannot
 * scroll. The caption's type shrinks only as much as it must; a short step keeps the full size.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../../src/ui/cp-app.ts';
import type { CpApp } from '../../../src/ui/cp-app.ts';
import { ScenarioHost } from '../../../src/ui/scenario-host.ts';
import { settle, shadow, startHarness } from '../ui/ui-harness.ts';
import { until } from './player-fixtures.ts';

const QUIZ = `version: 1
id: fit-test
title: Checkpoint questions
summary: The guide's **checkpoint questions**, each answered on the canvas.
guideSection: Checkpoint
seed: 3
initial:
  cluster: default
steps:
  - title: 'Question 1: EC2 vs Fargate'
    narration: >-
      On the canvas, service \`api\` runs on **EC2 instances** — three of them, yours to patch
      and scale. Service \`web\` runs on **Fargate**: its tasks sit on no instance of yours. With
      EC2 you choose the instance types, keep their AMI patched and scale the fleet; with Fargate
      you give each task its CPU and memory and AWS runs the infrastructure underneath.
    expect:
      - instances: { status: ACTIVE }
        count: 3
      - task: { service: api }
        lastStatus: RUNNING
        count: 4
      - service: api
        runningCount: 4
    questions:
      - question: What is the primary difference between the EC2 launch type and the Fargate launch type?
        choices:
          - EC2 tasks start faster than Fargate tasks
          - With EC2 you manage, patch and scale the instances; with Fargate AWS manages the infrastructure and you manage only the tasks
          - Fargate can only run in one Availability Zone, while EC2 can run in several
          - EC2 launch type is free of charge, and Fargate is billed per task per hour
        answer: 1
        explanation: With **EC2** the cluster's instances are yours to patch, scale and pay for by the second; with **Fargate** you pay for each task's vCPU and memory while it runs.
  - title: A short step
    narration: Nothing else happens.
`;

let host: ScenarioHost | undefined;
afterEach(async () => {
  host?.dispose();
  host = undefined;
  await setViewport({ width: 800, height: 600 });
});

async function present(step: number) {
  await setViewport({ width: 1920, height: 1080 });
  const h = startHarness();
  const app = await fixture<CpApp>(
    html`<cp-app style="width: 1920px; height: 1080px" no-ticker .actor=${h.actor}></cp-app>`,
  );
  await app.canvasReady;
  host = new ScenarioHost(app, h.actor, {
    library: { 'fit-test': QUIZ },
    keyTarget: window,
    dropTarget: document,
    noTicker: true,
  });
  host.openFromUrl(`?scenario=fit-test&step=${step}&present`);
  await until(() => app.present);
  const caption = () => shadow(host!.layer).querySelector<HTMLElement>('cp-caption')!;
  await until(() => caption()?.shadowRoot?.querySelector('.caption') != null);
  return {
    caption,
    box: () => caption().shadowRoot!.querySelector<HTMLElement>('.caption')!,
    app: () => app,
  };
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
