/**
 * `<cp-scenario-menu>`: in the header — pick a bundled scenario (or the free playground), open a
 * file from disk (a scenario — or any file a drop takes: the host tells it apart by content), and
 * enter presenter mode. It only fires events; the scenario host
 * (scenario-host.ts) loads and shows what was asked for.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { controlStyles } from './shared-styles.ts';

/** detail: { name } — a bundled scenario, or '' for the free playground. */
export const OPEN_SCENARIO_EVENT = 'cp-open-scenario';
/** detail: { file } — a File chosen in the picker. */
export const OPEN_FILE_EVENT = 'cp-open-file';
/** Enter presenter mode. */
export const PRESENT_EVENT = 'cp-present';

export interface ScenarioChoice {
  readonly name: string;
  readonly title: string;
}

@customElement('cp-scenario-menu')
export class CpScenarioMenu extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: flex;
        gap: 6px;
        align-items: center;
      }
      select {
        max-width: 22ch;
      }
      input[type='file'] {
        display: none;
      }
    `,
  ];

  @property({ attribute: false }) choices: readonly ScenarioChoice[] = [];
  /** The scenario open now ('' = free playground; a file's name when opened from disk). */
  @property() current = '';

  private fire(type: string, detail?: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  override render() {
    const known = this.choices.some((c) => c.name === this.current);
    return html`
      <label>
        <span class="visually-hidden">Scenario</span>
        <select
          class="scenario"
          aria-label="Scenario"
          @change=${(e: Event) =>
            this.fire(OPEN_SCENARIO_EVENT, { name: (e.target as HTMLSelectElement).value })}
        >
          <option value="" .selected=${this.current === ''}>Free playground</option>
          ${
            known || this.current === ''
              ? null
              : html`<option value=${this.current} selected disabled>${this.current}</option>`
          }
          ${this.choices.map(
            (c) =>
              html`<option value=${c.name} .selected=${c.name === this.current}>
                ${c.title}
              </option>`,
          )}
        </select>
      </label>
      <button
        class="open-file"
        title="Open a file — a scenario, a task definition, a saved experiment or a Kubernetes manifest — or drop one onto the page"
        @click=${() => this.renderRoot.querySelector<HTMLInputElement>('input[type=file]')?.click()}
      >
        Open file…
      </button>
      <input
        type="file"
        accept=".yaml,.yml,.json,application/yaml,text/yaml,application/json"
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          const file = input.files?.[0];
          if (file !== undefined) this.fire(OPEN_FILE_EVENT, { file });
          input.value = '';
        }}
      />
      <button class="present" title="Presenter mode (P)" @click=${() => this.fire(PRESENT_EVENT)}>
        Present
      </button>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-scenario-menu': CpScenarioMenu;
  }
}
