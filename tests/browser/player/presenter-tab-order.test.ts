/**
 * Presenter mode is keyboard only: when a caption with a checkpoint question does not fit, Tab
 * must reach the question's choices right after the player controls — before the canvas legend's
 * service buttons (which come after them in the page's DOM order).
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../../src/ui/cp-app.ts';
import type { CpApp } from '../../../src/ui/cp-app.ts';
import { ScenarioHost } from '../../../src/ui/scenario-host.ts';
import { settle, shadow, startHarness } from '../ui/ui-harness.ts';
import { until } from './player-fixtures.ts';
import { deepActive, describeControl } from '../a11y/a11y-helpers.ts';

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

describe('presenter mode Tab order', () => {
  it('reaches the caption choices after the player controls, before the legend', async () => {
    await setViewport({ width: 1024, height: 600 });
    const h = startHarness();
    const app = await fixture<CpApp>(
      html`<cp-app style="width: 1024px; height: 600px" no-ticker .actor=${h.actor}></cp-app>`,
    );
    await app.canvasReady;
    host = new ScenarioHost(app, h.actor, {
      library: { 'fit-test': QUIZ },
      keyTarget: window,
      dropTarget: document,
      noTicker: true,
    });
    host.openFromUrl('?scenario=fit-test&step=1&present');
    await until(() => app.present);
    const caption = () => shadow(host!.layer).querySelector<HTMLElement>('cp-caption')!;
    await until(() => caption()?.shadowRoot?.querySelector('.caption') != null);
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
