/**
 * `<cp-terminal>`: the kubectl (and aws/docker) panel. A prompt with history (↑/↓) and Tab
 * completion; each line is sent to the machine as TERMINAL, which runs the pure dispatcher
 * (src/terminal) and keeps the transcript this panel shows. YAML can be pasted under a file name or
 * a .yaml file dropped on the panel; `-f NAME` then finds it. Output is bound as text, never markup.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { TerminalContext, TranscriptEntry } from '../machine/index.ts';
import { ensureEksRuntime } from './eks-loader.ts';
import { ActorController } from './actor-controller.ts';
import { controlStyles } from './shared-styles.ts';

interface TerminalSlice {
  readonly terminal: TerminalContext;
  readonly hasK8s: boolean;
}

/** Largest file accepted by paste or drop (a manifest is a few KB; this keeps the page safe). */
export const MAX_FILE_BYTES = 1_000_000;

@customElement('cp-terminal')
export class CpTerminal extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
        min-width: 0;
      }
      .screen {
        flex: 1;
        min-height: 60px;
        overflow: auto;
        margin: 0;
        padding: 6px 8px;
        border-radius: 6px;
        background: #11151b;
        color: #e6e9ef;
        font: 12px/1.35 var(--cp-mono, ui-monospace, monospace);
      }
      .cmd,
      .out,
      .err {
        white-space: pre;
      }
      .screen.drop {
        outline: 3px dashed var(--cp-accent, #2f6feb);
      }
      .cmd {
        color: #8fd3ff;
      }
      .err {
        color: #ff9e8f;
      }
      .hint {
        color: #a3afbb;
      }
      form {
        display: flex;
        gap: 6px;
        margin-top: 6px;
      }
      .prompt {
        flex: 1;
        font-family: var(--cp-mono, ui-monospace, monospace);
      }
      .paste {
        display: grid;
        gap: 4px;
        margin-top: 6px;
      }
      textarea {
        font: 12px/1.35 var(--cp-mono, ui-monospace, monospace);
        min-height: 90px;
      }
      .files {
        font-size: 12px;
        color: var(--cp-muted, #5b6578);
        margin: 4px 0 0;
      }
    `,
  ];

  private readonly cluster = new ActorController<TerminalSlice>(this, (s) => ({
    terminal: s.context.terminal,
    hasK8s: s.context.sim.eks !== undefined,
  }));

  /** Files pasted or dropped, by name (given to TERMINAL so `-f NAME` finds them). */
  @state() files: Readonly<Record<string, string>> = {};
  @state() private candidates: readonly string[] = [];
  @state() private pasting = false;
  @state() private dropping = false;
  @state() private notice = '';
  @query('.prompt') private input!: HTMLInputElement;
  @query('.screen') private screen!: HTMLElement;
  private historyIndex: number | undefined;
  private draft = '';

  /** Runs a line as if typed (loads the terminal code first if needed). */
  async run(line: string): Promise<void> {
    this.candidates = [];
    this.historyIndex = undefined;
    await ensureEksRuntime(this.cluster.actor);
    this.cluster.send({ type: 'TERMINAL', line, files: this.files });
  }

  /** Adds (or replaces) a file the terminal can read with -f. */
  addFile(name: string, text: string): void {
    this.files = { ...this.files, [name]: text };
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.screen) this.screen.scrollTop = this.screen.scrollHeight;
  }

  private onKey(e: KeyboardEvent): void {
    const history = this.cluster.value?.terminal.history ?? [];
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      if (history.length === 0) return;
      if (this.historyIndex === undefined) {
        if (e.key === 'ArrowDown') return;
        this.draft = this.input.value;
        this.historyIndex = history.length - 1;
      } else if (e.key === 'ArrowUp') {
        this.historyIndex = Math.max(0, this.historyIndex - 1);
      } else if (this.historyIndex >= history.length - 1) {
        this.historyIndex = undefined;
        this.input.value = this.draft;
        return;
      } else this.historyIndex++;
      this.input.value = history[this.historyIndex] ?? '';
    } else if (e.key === 'Escape') {
      // Escape clears the completion hints and lets the next Tab leave the command line.
      this.tabLeaves = true;
      this.candidates = [];
    } else if (e.key === 'Tab') {
      // No keyboard trap [WCAG 2.1.2]: Tab completes only a non-empty line; on an empty line, with
      // Shift, or right after Escape it moves focus on as everywhere else.
      const leave = this.tabLeaves || e.shiftKey || this.input.value.trim() === '';
      this.tabLeaves = false;
      if (leave) return;
      e.preventDefault();
      void this.complete();
    } else this.tabLeaves = false;
  }

  /** Set by Escape: the next Tab moves focus instead of completing. */
  private tabLeaves = false;

  private async complete(): Promise<void> {
    const { completeTerminalLine } = await import('../terminal/dispatch.ts');
    const snapshot = this.cluster.snapshot();
    if (!snapshot) return;
    const { sim } = snapshot.context;
    const c = completeTerminalLine(
      sim.eks ? { ecs: sim, k8s: sim.eks } : { ecs: sim },
      this.input.value,
    );
    this.input.value = c.line;
    this.candidates = c.candidates.length > 1 ? c.candidates : [];
  }

  private onSubmit(e: Event): void {
    e.preventDefault();
    const line = this.input.value;
    this.input.value = '';
    void this.run(line);
  }

  private async onDrop(e: DragEvent): Promise<void> {
    e.preventDefault();
    this.dropping = false;
    for (const file of Array.from(e.dataTransfer?.files ?? [])) {
      if (file.size > MAX_FILE_BYTES) {
        this.notice = `${file.name}: larger than 1 MB, not loaded`;
        continue;
      }
      this.addFile(file.name, await file.text());
      this.notice = `${file.name} loaded — run: kubectl apply -f ${file.name}`;
      if (this.input && this.input.value === '') this.input.value = `kubectl apply -f ${file.name}`;
    }
  }

  private savePaste(): void {
    const root = this.renderRoot;
    const name = (root.querySelector('.paste-name') as HTMLInputElement | null)?.value.trim();
    const text = (root.querySelector('.paste-text') as HTMLTextAreaElement | null)?.value ?? '';
    if (!name) return;
    this.addFile(name, text.slice(0, MAX_FILE_BYTES));
    this.pasting = false;
    this.notice = `${name} saved — run: kubectl apply -f ${name}`;
    if (this.input) this.input.value = `kubectl apply -f ${name}`;
  }

  override render() {
    const slice = this.cluster.value;
    const transcript = slice?.terminal.transcript ?? [];
    const names = Object.keys(this.files);
    return html`<h2>Terminal</h2>
      <div
        class="screen ${this.dropping ? 'drop' : ''}"
        role="log"
        aria-label="Terminal output"
        tabindex="0"
        @dragover=${(e: DragEvent) => {
          e.preventDefault();
          this.dropping = true;
        }}
        @dragleave=${() => (this.dropping = false)}
        @drop=${(e: DragEvent) => void this.onDrop(e)}
      >
        ${
          transcript.length === 0
            ? html`<div class="hint">
                ${
                  slice?.hasK8s
                    ? 'Type kubectl get nodes, or help. Paste or drop a .yaml file, then kubectl apply -f NAME.'
                    : 'No EKS cluster yet: create one (Create EKS cluster), then type kubectl get nodes. Type help for commands.'
                }
              </div>`
            : transcript.map(
                (entry) =>
                  html`<div class="entry" data-seq=${entry.seq}>
                    <div class="cmd">${`$ ${entry.line}`}</div>
                    ${entry.output.length ? outputBlock(entry) : nothing}
                  </div>`,
              )
        }
        ${this.candidates.length ? html`<div class="hint">${this.candidates.join('  ')}</div>` : nothing}
      </div>
      <form @submit=${this.onSubmit}>
        <span id="prompt-help" class="visually-hidden"
          >Tab completes the command; press Escape then Tab to leave the command line.</span
        >
        <input
          class="prompt"
          aria-label="Command line"
          autocomplete="off"
          spellcheck="false"
          placeholder="kubectl get pods"
          aria-describedby="prompt-help"
          @keydown=${this.onKey}
        />
        <button type="submit">Run</button>
        <button type="button" @click=${() => (this.pasting = !this.pasting)}>
          ${this.pasting ? 'Cancel' : 'Paste YAML…'}
        </button>
      </form>
      ${
        this.pasting
          ? html`<div class="paste">
              <input class="paste-name" aria-label="File name" value="manifest.yaml" />
              <textarea
                class="paste-text"
                aria-label="YAML to save under the file name"
                spellcheck="false"
              ></textarea>
              <button class="primary" type="button" @click=${this.savePaste}>Save file</button>
            </div>`
          : nothing
      }
      ${
        names.length || this.notice
          ? html`<p class="files">
              ${this.notice}${names.length ? ` Files: ${names.join(', ')}` : ''}
            </p>`
          : nothing
      }`;
  }
}

/** Output lines as one pre-formatted text node (no template whitespace around it). */
// prettier-ignore
function outputBlock(entry: TranscriptEntry) {
  return html`<div class=${entry.exitCode === 0 ? 'out' : 'err'}>${entry.output.join('\n')}</div>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-terminal': CpTerminal;
  }
}
