/**
 * `<cp-caption>`: the narration of the current scenario step over the canvas — its title, the
 * narration (bold and code rendered as <strong>/<code> with text bindings, never markup), the
 * step's expectations as ✓/✗ once the step has completed, and its checkpoint questions: choose an
 * answer, then see whether it was right and the guide's explanation. Presenter mode enlarges it.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import {
  answerKey,
  type PlayerActor,
  type PlayerContext,
} from '../machine/scenario/player-machine.ts';
import type { StepResult } from '../machine/scenario/runner.ts';
import { renderNarration } from './narration-view.ts';
import { PlayerWatch } from './player-watch.ts';
import { controlStyles } from './shared-styles.ts';

/** The smallest presenter type scale: narration 29 px → 17.4 px, still readable on a projector. */
export const MIN_FIT = 0.6;

@customElement('cp-caption')
export class CpCaption extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
        pointer-events: auto;
      }
      .caption {
        min-height: 0;
        overflow: auto;
        padding: 12px 16px;
        background: color-mix(in srgb, var(--cp-panel, #fff) 94%, transparent);
        border: 1px solid var(--cp-border, #d5dae3);
        border-radius: 10px;
        box-shadow: 0 2px 12px rgb(0 0 0 / 0.18);
      }
      .counter {
        font-size: 12px;
        color: var(--cp-muted, #5b6578);
        text-transform: uppercase;
        letter-spacing: 0.05em;
      }
      h3 {
        margin: 2px 0 6px;
        font-size: 18px;
      }
      .narration {
        margin: 0 0 6px;
        font-size: 15px;
        line-height: 1.5;
      }
      code {
        font-family: var(--cp-mono, monospace);
        font-size: 0.92em;
        padding: 0 3px;
        border-radius: 3px;
        background: var(--cp-subtle, #eef1f6);
      }
      ul.checks {
        list-style: none;
        margin: 6px 0 0;
        padding: 0;
        font-size: 14px;
      }
      ul.checks li {
        display: flex;
        gap: 6px;
      }
      .ok {
        color: var(--cp-ok, #1b7f3b);
      }
      .fail {
        color: var(--cp-danger, #c62828);
      }
      .pending {
        color: var(--cp-muted, #5b6578);
        font-style: italic;
      }
      .question {
        margin-top: 10px;
        padding-top: 8px;
        border-top: 1px solid var(--cp-border, #d5dae3);
      }
      .question p {
        margin: 0 0 6px;
        font-weight: 600;
      }
      .choices {
        display: grid;
        gap: 4px;
      }
      .choices button {
        text-align: left;
      }
      .choices button.correct {
        border-color: var(--cp-ok, #1b7f3b);
        border-width: 2px;
      }
      .choices button.wrong {
        border-color: var(--cp-danger, #c62828);
        border-width: 2px;
      }
      .explanation {
        margin: 6px 0 0;
      }
      /* The canvas keeps the stage's top 51 % in presenter mode (scenario-app-styles.ts): the
         caption's whole box — padding and border included — fits in the rest, above the player
         bar (47 px), the gap (8 px) and the layer's padding (24 px), so it hides nothing drawn. */
      :host([present]) .caption {
        box-sizing: border-box;
        max-height: calc(49cqh - 80px);
        padding: 20px 28px;
        background: rgb(0 0 0 / 0.88);
        color: #fff;
        border: 3px solid #fff;
        border-radius: 12px;
      }
      /* --cp-fit (1 down to MIN_FIT) shrinks the presenter type just enough to show it all. */
      :host([present]) .counter {
        color: #fff;
        font-size: calc(22px * var(--cp-fit, 1));
      }
      :host([present]) h3 {
        font-size: calc(38px * var(--cp-fit, 1));
        margin-bottom: 10px;
      }
      :host([present]) .narration {
        font-size: calc(29px * var(--cp-fit, 1));
        line-height: 1.35;
      }
      :host([present]) code {
        background: #333;
        color: #fff;
      }
      :host([present]) ul.checks,
      :host([present]) .question {
        font-size: calc(25px * var(--cp-fit, 1));
      }
      :host([present]) .ok {
        color: #5dff8f;
      }
      :host([present]) .fail {
        color: #ff7070;
      }
      :host([present]) .pending {
        color: #ddd;
      }
      :host([present]) .choices button {
        font-size: calc(24px * var(--cp-fit, 1));
        background: #000;
        color: #fff;
        border-color: #fff;
      }
    `,
  ];

  @property({ attribute: false }) player: PlayerActor | undefined;
  /** Presenter mode: large type, white on black. */
  @property({ type: Boolean, reflect: true }) present = false;

  private readonly watch = new PlayerWatch(this);
  /** Refits when the caption's box changes size (window, full screen, embed). */
  private resizeObserver: ResizeObserver | undefined;
  /** What the last fit was computed for: presenter mode and the caption's text. */
  private fittedFor = '';

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver = new ResizeObserver(() => this.fit(true));
    this.resizeObserver.observe(this);
  }

  override disconnectedCallback(): void {
    this.resizeObserver?.disconnect();
    this.resizeObserver = undefined;
    super.disconnectedCallback();
  }

  protected override willUpdate(): void {
    this.watch.watch(this.player);
  }

  protected override updated(): void {
    this.fit(false);
  }

  /**
   * Presenter mode: the largest type scale (--cp-fit, 1 down to MIN_FIT in steps of 0.05) at which
   * the whole caption — narration, expectations, a question and its choices — shows in its box.
   * The presenter has only the keyboard and the room cannot scroll, so a long step is set a little
   * smaller rather than cut; below MIN_FIT it scrolls (the caption takes focus). Recomputed when
   * the text changes or the box is resized, not on every tick.
   */
  private fit(resized: boolean): void {
    const box = this.renderRoot.querySelector<HTMLElement>('.caption');
    if (!this.present || box === null) {
      if (this.fittedFor !== '') this.style.removeProperty('--cp-fit');
      this.fittedFor = '';
      return;
    }
    const key = box.textContent ?? '';
    if (!resized && key === this.fittedFor) return;
    this.fittedFor = key;
    let scale = 1;
    this.style.setProperty('--cp-fit', '1');
    while (scale > MIN_FIT && box.scrollHeight > box.clientHeight + 1) {
      scale = Math.max(MIN_FIT, Math.round((scale - 0.05) * 100) / 100);
      this.style.setProperty('--cp-fit', String(scale));
    }
  }

  override render() {
    const snapshot = this.watch.snapshot;
    if (snapshot === undefined) return nothing;
    const ctx = snapshot.context;
    const { timeline, position } = ctx;
    const steps = timeline.scenario.steps;
    const i = position.stepIndex;
    const step = steps[i];
    if (step === undefined) return nothing;
    const result = position.done ? timeline.results[i] : undefined;
    const atVeryStart = snapshot.matches('idle') && i === 0;
    // tabindex: the caption scrolls when long, so it must take keyboard focus to be scrolled.
    return html`<section class="caption" tabindex="0" aria-live="polite" aria-label="Narration">
      ${
        atVeryStart
          ? html`<div class="counter">${timeline.scenario.guideSection}</div>
              <h3 class="scenario-title">${timeline.scenario.title}</h3>
              <p class="narration summary">${renderNarration(timeline.scenario.summary)}</p>`
          : nothing
      }
      ${
        timeline.initialErrors.length > 0
          ? html`<ul class="checks">
              ${timeline.initialErrors.map(
                (e) =>
                  html`<li class="fail"><span aria-hidden="true">✗</span><span>${e}</span></li>`,
              )}
            </ul>`
          : nothing
      }
      <div class="counter">Step ${i + 1} of ${steps.length}</div>
      <h3 class="step-title">${step.title}</h3>
      <p class="narration step-narration">${renderNarration(step.narration)}</p>
      ${this.renderChecks(step.expect.length, result, position.done)}
      ${position.done ? this.renderQuestions(ctx) : nothing}
    </section>`;
  }

  private renderChecks(count: number, result: StepResult | undefined, done: boolean) {
    const failedActions = result?.actions.filter((a) => !a.ok) ?? [];
    if (count === 0 && failedActions.length === 0) return nothing;
    if (!done || result === undefined) {
      return html`<ul class="checks">
        <li class="pending">
          ${count} expectation${count === 1 ? '' : 's'} checked when this step completes
        </li>
      </ul>`;
    }
    return html`<ul class="checks" aria-label="Expectations">
      ${failedActions.map(
        (a) =>
          html`<li class="fail action">
            <span aria-hidden="true">✗</span><span>${a.type}: ${a.message ?? 'failed'}</span>
          </li>`,
      )}
      ${result.expectations.map(
        (e) =>
          html`<li class=${e.ok ? 'ok expectation' : 'fail expectation'}>
            <span aria-hidden="true">${e.ok ? '✓' : '✗'}</span>
            <span
              ><span class="visually-hidden">${e.ok ? 'holds:' : 'fails:'}</span>
              ${e.description}${e.ok ? '' : ` — actual: ${e.actual}`}</span
            >
          </li>`,
      )}
    </ul>`;
  }

  private renderQuestions(ctx: PlayerContext) {
    const i = ctx.position.stepIndex;
    const questions = ctx.timeline.scenario.steps[i]?.questions ?? [];
    return questions.map((q, qi) => {
      const chosen = ctx.answers[answerKey(i, qi)];
      const answered = chosen !== undefined;
      return html`<div class="question" role="group" aria-label=${q.question}>
        <p>${q.question}</p>
        <div class="choices">
          ${q.choices.map((choice, ci) => {
            const cls = !answered ? '' : ci === q.answer ? 'correct' : ci === chosen ? 'wrong' : '';
            return html`<button
              class=${cls}
              aria-pressed=${chosen === ci ? 'true' : 'false'}
              ?disabled=${answered}
              @click=${() => this.player?.send({ type: 'ANSWER', step: i, question: qi, choice: ci })}
            >
              ${choice}
            </button>`;
          })}
        </div>
        ${
          answered
            ? html`<p class="explanation">
                <strong class=${chosen === q.answer ? 'ok verdict' : 'fail verdict'}
                  >${chosen === q.answer ? '✓ Correct.' : `✗ Not quite — the answer is “${q.choices[q.answer] ?? ''}”.`}</strong
                >
                ${renderNarration(q.explanation)}
              </p>`
            : html`<p class="pending">Choose an answer to continue.</p>`
        }
      </div>`;
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-caption': CpCaption;
  }
}
