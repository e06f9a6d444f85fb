/**
 * Presenter mode with a checkpoint question (the checkpoint-quiz scenario's first question, word
 * for word, after a long narration and its expectations): a <cp-app> of the given size, a scenario
 * host on it, the scenario opened at `step` with `&present`. Shared by the presenter caption tests.
 */
import { fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import '../../../src/ui/cp-app.ts';
import type { CpApp } from '../../../src/ui/cp-app.ts';
import { ScenarioHost } from '../../../src/ui/scenario-host.ts';
import { shadow, startHarness } from '../ui/ui-harness.ts';
import { until } from './player-fixtures.ts';

export const QUIZ = `version: 1
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

/** The quiz at `step` in presenter mode, in a `width`×`height` viewport and app. */
export async function presentQuiz(step: number, width: number, height: number) {
  await setViewport({ width, height });
  const h = startHarness();
  const app = await fixture<CpApp>(
    html`<cp-app
      style="width: ${width}px; height: ${height}px"
      no-ticker
      .actor=${h.actor}
    ></cp-app>`,
  );
  await app.canvasReady;
  const host = new ScenarioHost(app, h.actor, {
    library: { 'fit-test': QUIZ },
    keyTarget: window,
    dropTarget: document,
    noTicker: true,
  });
  host.openFromUrl(`?scenario=fit-test&step=${step}&present`);
  await until(() => app.present);
  const caption = () => shadow(host.layer).querySelector<HTMLElement>('cp-caption')!;
  await until(() => caption()?.shadowRoot?.querySelector('.caption') != null);
  return {
    app,
    host,
    caption,
    box: () => caption().shadowRoot!.querySelector<HTMLElement>('.caption')!,
  };
}
