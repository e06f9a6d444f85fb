/**
 * `<cp-saves>`: the learner's experiments — the current one's name (autosaved), the saved list
 * (open, rename, delete), export/import as a scenario file and a share link. It drives an
 * ExperimentSession (set `.session`); without one it shows nothing. Names are rendered as text.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ExperimentSession, SessionView } from './experiment-session.ts';
import { controlStyles } from './shared-styles.ts';

@customElement('cp-saves')
export class CpSaves extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      details {
        border: 1px solid var(--cp-border, #c6ccd8);
        border-radius: 8px;
        padding: 6px 10px;
      }
      summary {
        cursor: pointer;
        font-weight: 600;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        align-items: center;
        margin-top: 6px;
      }
      ul {
        list-style: none;
        padding: 0;
        margin: 6px 0 0;
        display: grid;
        gap: 4px;
      }
      li {
        display: flex;
        gap: 4px;
        align-items: center;
      }
      li input {
        flex: 1;
        min-width: 0;
      }
      li.current input {
        font-weight: 600;
      }
      .message .text {
        white-space: pre-wrap;
      }
      .message {
        font-size: 12px;
        margin: 6px 0 0;
        padding: 6px;
        border-radius: 6px;
        background: var(--cp-subtle, #eef1f6);
      }
      .message.error {
        border-left: 4px solid var(--cp-danger, #c62828);
      }
      .status {
        font-size: 12px;
        color: var(--cp-muted, #5b6578);
      }
      .share-url {
        width: 100%;
        font-size: 11px;
      }
    `,
  ];

  @property({ attribute: false }) session: ExperimentSession | undefined;
  @state() private view: SessionView | undefined;
  @state() private shareUrl = '';
  @state() private confirmDelete: string | undefined;
  private off: (() => void) | undefined;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('session')) this.listen();
  }

  /** The error message brought into view last (each new one is shown once). */
  private shownError: SessionView['message'];

  protected override updated(): void {
    // A save that did not read, a broken share link, a failed save: this panel is below the
    // palette, inspector and actions, usually out of sight — bring the report to the learner.
    const message = this.view?.message;
    if (message?.kind !== 'error' || message === this.shownError) return;
    this.shownError = message;
    this.renderRoot.querySelector('.message.error')?.scrollIntoView({ block: 'nearest' });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.listen();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.off?.();
    this.off = undefined;
  }

  private listen(): void {
    this.off?.();
    this.off = undefined;
    const session = this.session;
    if (session === undefined || !this.isConnected) return;
    this.view = session.view;
    this.off = session.onChange(() => (this.view = session.view));
  }

  private exportFile(): void {
    const session = this.session;
    if (session === undefined) return;
    const { fileName, text } = session.exportScenario();
    const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  private async importFile(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file === undefined || this.session === undefined) return;
    await this.session.importScenario(await file.text(), file.name);
  }

  private async share(): Promise<void> {
    if (this.session === undefined) return;
    this.shareUrl = await this.session.shareLink(location.href);
    try {
      await navigator.clipboard.writeText(this.shareUrl);
    } catch {
      // No clipboard permission: the link is shown selected for copying by hand.
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>('.share-url')?.select();
  }

  override render() {
    const { session, view } = this;
    if (session === undefined || view === undefined) return html``;
    return html`
      <details open>
        <summary>Experiments</summary>
        <p class="status" aria-live="polite">
          ${
            view.saving
              ? `“${view.currentName}” is saved in this browser as you go.`
              : 'A lesson is showing: it is not autosaved.'
          }
        </p>
        <div class="row">
          <button
            class="new"
            title="Start over on a fresh default cluster as a new experiment"
            @click=${() => void session.startNew()}
          >
            New
          </button>
          <button
            class="export"
            title="Download this experiment as a scenario file (YAML) — it can become a lesson"
            @click=${() => this.exportFile()}
          >
            Export .yaml
          </button>
          <button
            class="import"
            title="Import a scenario file (.yaml) as a new experiment"
            @click=${() => this.renderRoot.querySelector<HTMLInputElement>('input.import-file')?.click()}
          >
            Import .yaml…
          </button>
          <input
            class="import-file"
            type="file"
            hidden
            aria-label="Import a scenario file"
            accept=".yaml,.yml,application/yaml,text/yaml"
            @change=${(e: Event) => void this.importFile(e)}
          />
          <button
            class="share"
            title="Make a link that carries this experiment (compressed) and copy it"
            @click=${() => void this.share()}
          >
            Share link
          </button>
        </div>
        ${
          this.shareUrl === ''
            ? null
            : html`<input
                class="share-url"
                readonly
                aria-label="Share link"
                .value=${this.shareUrl}
              />`
        }
        ${
          view.message === undefined
            ? null
            : html`<p
                class="message ${view.message.kind}"
                role=${view.message.kind === 'error' ? 'alert' : 'status'}
              >
                <span class="text">${view.message.text}</span>
                <button class="dismiss" @click=${() => session.dismissMessage()}>OK</button>
              </p>`
        }
        <ul aria-label="Saved experiments">
          ${repeat(
            view.saves,
            // Keyed by id: the list is newest first, so an autosave moves the current experiment to
            // the top while the learner may be typing a name or confirming a delete in another row;
            // keyed rows keep their input, focus and "Really delete" with their own experiment.
            (s) => s.id,
            (s) =>
              html`<li class=${s.id === view.currentId ? 'current' : ''} data-id=${s.id}>
                <input
                  aria-label="Name of the experiment"
                  .value=${s.name}
                  maxlength="200"
                  @change=${(e: Event) => void session.rename(s.id, (e.target as HTMLInputElement).value)}
                />
                <button
                  class="open"
                  ?disabled=${s.id === view.currentId}
                  @click=${() => void session.open(s.id)}
                >
                  Open
                </button>
                <button
                  class="delete danger"
                  @click=${() => {
                    if (this.confirmDelete !== s.id) {
                      this.confirmDelete = s.id;
                      return;
                    }
                    this.confirmDelete = undefined;
                    void session.remove(s.id);
                  }}
                >
                  ${this.confirmDelete === s.id ? 'Really delete' : 'Delete'}
                </button>
              </li>`,
          )}
        </ul>
      </details>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-saves': CpSaves;
  }
}
