/**
 * `<cp-toolbar>`: play/pause, single step, speed, reset and the simulated clock. It only sends
 * events (TOGGLE_PLAY, STEP, SET_SPEED, RESET) and shows what the machine reports.
 */
import { LitElement, css, html } from 'lit';
import { customElement } from 'lit/decorators.js';
import { SPEEDS, formatSimTime, formatSpeed } from '../machine/sim-clock.ts';
import { ActorController } from './actor-controller.ts';
import { controlStyles } from './shared-styles.ts';

/** The cluster's transport controls. Needs a cluster actor provided through context. */
@customElement('cp-toolbar')
export class CpToolbar extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: flex;
        align-items: center;
        gap: 8px;
        flex-wrap: wrap;
      }
      .clock {
        font-variant-numeric: tabular-nums;
        font-family: var(--cp-mono, ui-monospace, monospace);
        font-size: 16px;
        padding: 2px 8px;
        border-radius: 6px;
        background: var(--cp-subtle, #eef1f6);
      }
      label {
        display: inline-flex;
        align-items: center;
        gap: 4px;
      }
    `,
  ];

  private readonly cluster = new ActorController(this, (snapshot) => ({
    running: snapshot.matches('running'),
    speed: snapshot.context.speed,
    now: snapshot.context.sim.now,
    canUndo: snapshot.context.commandLog.length > 0,
    canRedo: snapshot.context.redoStack.length > 0,
  }));

  override render() {
    const state = this.cluster.value;
    if (state === undefined) return html``;
    const { running, speed, now, canUndo, canRedo } = state;
    return html`
      <button
        class="primary play"
        aria-pressed=${running ? 'true' : 'false'}
        title="Play or pause the simulation (Space)"
        @click=${() => this.cluster.send({ type: 'TOGGLE_PLAY' })}
      >
        ${running ? '❚❚ Pause' : '▶ Play'}
      </button>
      <button
        class="step"
        ?disabled=${running}
        title=${running ? 'Pause first to advance one step at a time' : 'Advance one simulated second'}
        @click=${() => this.cluster.send({ type: 'STEP' })}
      >
        Step
      </button>
      <label>
        Speed
        <select
          class="speed"
          title="Simulated seconds per real second (+ and − keys)"
          @change=${(e: Event) =>
            this.cluster.send({
              type: 'SET_SPEED',
              speed: Number((e.target as HTMLSelectElement).value),
            })}
        >
          ${SPEEDS.map(
            (s) =>
              html`<option value=${String(s)} .selected=${s === speed}>${formatSpeed(s)}</option>`,
          )}
        </select>
      </label>
      <button
        class="reset"
        title="Return to the cluster as it was at the start"
        @click=${() => this.cluster.send({ type: 'RESET' })}
      >
        Reset
      </button>
      <button
        class="undo"
        ?disabled=${!canUndo}
        title="Undo your last action (Ctrl+Z): the cluster goes back to just before it"
        @click=${() => this.cluster.send({ type: 'UNDO' })}
      >
        ↶ Undo
      </button>
      <button
        class="redo"
        ?disabled=${!canRedo}
        title="Redo the action you undid (Ctrl+Shift+Z)"
        @click=${() => this.cluster.send({ type: 'REDO' })}
      >
        ↷ Redo
      </button>
      <time class="clock" aria-label="Simulated time" datetime=${`PT${Math.floor(now / 1000)}S`}>
        ${formatSimTime(now)}
      </time>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-toolbar': CpToolbar;
  }
}
