/**
 * `<cp-task-definition-editor>` (issue 5): a CodeMirror 6 JSON editor for a task definition, in a
 * modal dialog. The validator every file goes through (src/formats/task-definition.ts, AWS's
 * RegisterTaskDefinition rules and wording) runs as the editor's linter, so each problem is
 * underlined at its line and column and marked in the gutter; the same problems are listed below
 * as "line:column path: message" text. "Register" sends RegisterTaskDefinition (a new revision of
 * the family); opened from a service, "Register and deploy" also sends UpdateService (one undo step).
 * CodeMirror is big: this module is only ever loaded by dynamic import (task-definition-editor-loader.ts).
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { json } from '@codemirror/lang-json';
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import {
  forceLinting,
  lintGutter,
  linter,
  lintKeymap,
  type Diagnostic as CmDiagnostic,
} from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import {
  checkTaskDefinitionText,
  registerPlan,
  type ClusterActor,
  type EditorProblem,
} from '../machine/index.ts';
import { controlStyles } from './shared-styles.ts';

/** Lint diagnostics for CodeMirror from the validator's problems. */
export function lintSource(text: string): CmDiagnostic[] {
  return checkTaskDefinitionText(text).problems.map((p) => ({
    from: p.from,
    to: p.to,
    severity: p.severity,
    message: p.message,
    source: 'RegisterTaskDefinition',
  }));
}

@customElement('cp-task-definition-editor')
export class CpTaskDefinitionEditor extends LitElement {
  static override styles = [
    controlStyles,
    css`
      dialog {
        width: min(860px, 94vw);
        max-height: 92vh;
        border: 1px solid var(--cp-border, #c6ccd8);
        border-radius: 8px;
        background: var(--cp-panel, #ffffff);
        color: var(--cp-text, #1d2433);
        padding: 12px 16px;
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 35%);
      }
      h2 {
        font-size: 14px;
        text-transform: none;
        letter-spacing: 0;
        color: inherit;
      }
      .editor {
        border: 1px solid var(--cp-border, #c6ccd8);
        border-radius: 6px;
        height: 46vh;
        overflow: hidden;
        background: #ffffff;
        color: #1d2433;
      }
      .editor .cm-editor {
        height: 100%;
      }
      .problems {
        font: 12px/1.4 var(--cp-mono, ui-monospace, monospace);
        max-height: 8em;
        overflow: auto;
        margin: 6px 0;
        padding-left: 18px;
      }
      .problems li.error {
        color: var(--cp-danger, #c62828);
      }
      .ok {
        color: var(--cp-ok, #1b7f3b);
        font-size: 13px;
      }
      .result {
        font-size: 13px;
        padding: 4px 6px;
        border-radius: 6px;
        background: var(--cp-subtle, #eef1f6);
      }
      .result .text {
        white-space: pre-wrap;
      }
      .result.refused {
        border-left: 4px solid var(--cp-danger, #c62828);
      }
      .buttons {
        display: flex;
        gap: 6px;
        flex-wrap: wrap;
        justify-content: flex-end;
      }
    `,
  ];

  /** The cluster the Register action sends to. */
  @property({ attribute: false }) actor: ClusterActor | undefined;
  /** The JSON the editor opens with. */
  @property({ attribute: false }) text = '';
  /** Heading: what is being edited. */
  @property() heading = 'Task definition';
  /** Service to deploy the new revision to (adds "Register and deploy"). */
  @property({ attribute: false }) deployTo: string | undefined;

  @state() private problems: readonly EditorProblem[] = [];
  @state() private canRegister = false;
  @state() private result: { text: string; refused: boolean } | undefined;
  @query('dialog') private dialog!: HTMLDialogElement;
  @query('.editor') private host!: HTMLElement;

  /** The CodeMirror view (tests read its state). */
  view: EditorView | undefined;

  /** The editor's current text. */
  get value(): string {
    return this.view?.state.doc.toString() ?? this.text;
  }

  /** Replaces the whole text (tests and file import use it). */
  setText(text: string): void {
    const view = this.view;
    if (view === undefined) {
      this.text = text;
      return;
    }
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  }

  /** Runs the linter now instead of after its typing delay. */
  lintNow(): void {
    if (this.view !== undefined) forceLinting(this.view);
  }

  protected override firstUpdated(): void {
    const view = new EditorView({
      parent: this.host,
      root: this.shadowRoot ?? document,
      state: EditorState.create({
        doc: this.text,
        extensions: [
          lineNumbers(),
          history(),
          bracketMatching(),
          json(),
          syntaxHighlighting(defaultHighlightStyle),
          lintGutter(),
          linter((v) => lintSource(v.state.doc.toString()), { delay: 250 }),
          keymap.of([...defaultKeymap, ...historyKeymap, ...lintKeymap, indentWithTab]),
          EditorView.contentAttributes.of({ 'aria-label': 'Task definition JSON' }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) this.check(u.state.doc.toString());
          }),
        ],
      }),
    });
    this.view = view;
    this.dialog.showModal();
    view.focus();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('text') && this.view === undefined) this.check(this.text);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('text') && this.view !== undefined && this.value !== this.text)
      this.setText(this.text);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.view?.destroy();
    this.view = undefined;
  }

  private check(text: string): void {
    const checked = checkTaskDefinitionText(text);
    this.problems = checked.problems;
    this.canRegister = checked.canRegister;
  }

  /** Register (and deploy when `deploy`): sends the commands or shows why not. */
  register(deploy = false): boolean {
    const actor = this.actor;
    if (actor === undefined) return false;
    const plan = registerPlan(
      actor.getSnapshot().context.sim,
      this.value,
      deploy ? this.deployTo : undefined,
    );
    if (!plan.ok) {
      this.result = { text: `Not registered: ${plan.reason}`, refused: true };
      return false;
    }
    actor.send({ type: 'COMMANDS', commands: plan.commands });
    const error = actor.getSnapshot().context.lastError;
    if (error !== undefined) {
      this.result = { text: `Not registered: ${error}`, refused: true };
      return false;
    }
    this.result = { text: plan.summary, refused: false };
    actor.send({ type: 'SELECT', ref: { kind: 'taskDefinition', id: plan.key } });
    return true;
  }

  close(): void {
    if (this.dialog?.open) this.dialog.close();
    this.remove();
  }

  override render() {
    const errors = this.problems.filter((p) => p.severity === 'error').length;
    return html`<dialog
      aria-label=${this.heading}
      @close=${() => this.remove()}
      @cancel=${() => this.remove()}
    >
      <h2>${this.heading}</h2>
      <div class="editor"></div>
      ${
        this.problems.length === 0
          ? html`<p class="ok">Valid: RegisterTaskDefinition would accept it.</p>`
          : html`<ul class="problems" aria-label="Problems">
              ${this.problems.map(
                (p) =>
                  html`<li class=${p.severity} data-line=${p.line}>
                    line ${p.line}:${p.column} ${p.severity}: ${p.message}
                  </li>`,
              )}
            </ul>`
      }
      ${
        this.result === undefined
          ? null
          : html`<p
              class="result ${this.result.refused ? 'refused' : ''}"
              role=${this.result.refused ? 'alert' : 'status'}
            >
              <span class="text">${this.result.text}</span>
            </p>`
      }
      <div class="buttons">
        <button class="cancel" @click=${() => this.close()}>Close</button>
        <button
          class="register primary"
          ?disabled=${!this.canRegister}
          title=${errors > 0 ? `${errors} problem(s) to fix first` : 'RegisterTaskDefinition'}
          @click=${() => this.register(false)}
        >
          Register new revision
        </button>
        ${
          this.deployTo === undefined
            ? null
            : html`<button
                class="deploy"
                ?disabled=${!this.canRegister}
                @click=${() => this.register(true)}
              >
                Register and deploy to ${this.deployTo}
              </button>`
        }
      </div>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-task-definition-editor': CpTaskDefinitionEditor;
  }
}
