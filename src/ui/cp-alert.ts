/**
 * `<cp-alert>`: shows the error the API returned for the last command (e.g. "InvalidParameterException:
 * …") or the per-task placement failures of a RunTask, until dismissed. The simulation was left
 * unchanged by a refused command; this only says why.
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { ActorController } from './actor-controller.ts';
import { controlStyles } from './shared-styles.ts';

/** The dismissible error alert. Needs a cluster actor provided through context. */
@customElement('cp-alert')
export class CpAlert extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      .alert {
        display: flex;
        align-items: flex-start;
        gap: 10px;
        padding: 8px 12px;
        border-radius: 8px;
        border: 1px solid var(--cp-danger, #c62828);
        background: var(--cp-danger-bg, #fdecea);
        color: var(--cp-text, #1d2433);
      }
      .message {
        flex: 1;
        overflow-wrap: anywhere;
      }
      ul {
        margin: 4px 0 0;
        padding-left: 18px;
      }
    `,
  ];

  private readonly cluster = new ActorController(this, (s) => ({
    error: s.context.lastError,
    failures: s.context.lastFailures,
  }));

  override render() {
    const value = this.cluster.value;
    if (value === undefined || (value.error === undefined && value.failures === undefined)) {
      return nothing;
    }
    return html`<div class="alert" role="alert">
      <div class="message">
        ${value.error ?? 'Some tasks could not be placed:'}
        ${
          value.failures === undefined
            ? nothing
            : html`<ul>
                ${value.failures.map((f) => html`<li>${f.reason}${f.arn ? html` (${f.arn})` : nothing}</li>`)}
              </ul>`
        }
      </div>
      <button
        class="dismiss"
        aria-label="Dismiss the error"
        @click=${() => this.cluster.send({ type: 'DISMISS_ERROR' })}
      >
        ✕
      </button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-alert': CpAlert;
  }
}
