/**
 * `<cp-scenario-layer>`: what lies over the canvas for scenarios — the narration caption on top,
 * the list of problems when a scenario file could not be opened (file:line:column, field,
 * message), a drop hint while a file is dragged over the page, and the player bar at the bottom.
 * It is slotted into <cp-app>'s stage and lets clicks through to the canvas everywhere else.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Diagnostic } from '../formats/diagnostics.ts';
import type { PlayerActor } from '../machine/scenario/player-machine.ts';
import './cp-caption.ts';
import './cp-player.ts';
import { controlStyles } from './shared-styles.ts';

/** Fired when the user dismisses the load errors. */
export const DISMISS_LOAD_ERRORS_EVENT = 'cp-dismiss-load-errors';

/** Problems found when a scenario could not be opened. */
export interface LoadFailure {
  readonly fileName: string;
  readonly errors: readonly Diagnostic[];
}

@customElement('cp-scenario-layer')
export class CpScenarioLayer extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        position: absolute;
        inset: 0;
        z-index: 2;
        pointer-events: none;
        display: flex;
        flex-direction: column;
        justify-content: flex-end;
        gap: 8px;
        padding: 10px 100px 10px 10px;
        box-sizing: border-box;
      }
      .errors {
        align-self: center;
        margin-bottom: auto;
      }
      cp-caption,
      .errors,
      cp-player {
        pointer-events: auto;
      }
      cp-caption {
        flex: 0 1 auto;
        width: min(520px, 100%);
      }
      .errors {
        width: min(640px, 100%);
        max-height: 45vh;
        overflow: auto;
        padding: 10px 14px;
        background: var(--cp-danger-bg, #fdecea);
        color: var(--cp-text, #1d2433);
        border: 2px solid var(--cp-danger, #c62828);
        border-radius: 10px;
      }
      .errors p {
        margin: 0 0 6px;
        font-weight: 600;
      }
      .errors ol {
        margin: 0 0 8px;
        padding-left: 20px;
        font-size: 13px;
      }
      .errors code {
        font-family: var(--cp-mono, monospace);
      }
      .drop {
        position: absolute;
        inset: 12px;
        display: grid;
        place-items: center;
        font-size: 22px;
        border: 4px dashed var(--cp-accent, #2f6feb);
        border-radius: 16px;
        background: rgb(47 111 235 / 0.12);
      }
      :host([present]) {
        padding: 24px 48px;
      }
      :host([present]) cp-caption {
        width: min(1600px, 100%);
        align-self: center;
      }
      :host([present]) cp-player {
        align-self: center;
      }
    `,
  ];

  @property({ attribute: false }) player: PlayerActor | undefined;
  @property({ type: Boolean, reflect: true }) present = false;
  @property({ attribute: false }) failure: LoadFailure | undefined;
  /** A file is being dragged over the page. */
  @property({ type: Boolean }) dropping = false;
  /** Passed to the bar (tests drive time themselves). */
  @property({ type: Boolean, attribute: 'no-ticker' }) noTicker = false;
  /**
   * What the canvas shows after presenter mode's V, said politely (the view buttons that show it
   * are hidden while presenting). Set by the scenario host.
   */
  @property({ attribute: false }) viewNote = '';

  override render() {
    return html`
      <p class="visually-hidden view-note" role="status">${this.viewNote}</p>
      ${this.failure === undefined ? nothing : this.renderFailure(this.failure)}
      ${
        this.player === undefined
          ? nothing
          : html`<cp-caption .player=${this.player} ?present=${this.present}></cp-caption>`
      }
      ${
        this.player === undefined
          ? nothing
          : html`<cp-player
              .player=${this.player}
              ?present=${this.present}
              ?no-ticker=${this.noTicker}
            ></cp-player>`
      }
      ${
        this.dropping
          ? html`<div class="drop" aria-hidden="true">
              Drop a file: a scenario (.yaml), a task definition (.json), a saved experiment or a
              Kubernetes manifest
            </div>`
          : nothing
      }
    `;
  }

  private renderFailure(failure: LoadFailure) {
    const n = failure.errors.length;
    return html`<section class="errors" role="alert" aria-label="Scenario problems">
      <p>
        ${failure.fileName} could not be opened: ${n} problem${n === 1 ? '' : 's'}.
        ${this.player === undefined ? 'Nothing was changed.' : 'The scenario on screen is unchanged.'}
      </p>
      <ol>
        ${failure.errors.map(
          (d) =>
            html`<li>
              <code>${d.file}:${d.line}:${d.column}</code>${
                d.path === '' ? nothing : html` <code class="field">${d.path}</code>`
              }:
              <span class="message">${d.message}</span>
            </li>`,
        )}
      </ol>
      <button
        class="dismiss"
        @click=${() =>
          this.dispatchEvent(
            new CustomEvent(DISMISS_LOAD_ERRORS_EVENT, { bubbles: true, composed: true }),
          )}
      >
        Dismiss
      </button>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-scenario-layer': CpScenarioLayer;
  }
}
