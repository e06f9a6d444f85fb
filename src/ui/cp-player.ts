/**
 * `<cp-player>`: the scenario player bar — restart, previous step, play/pause, next step, a
 * timeline of every step (✓/✗ once judged) to jump to, a slider to scrub, the speed, and
 * "Leave scenario". It drives the player actor with its events (PLAY/PAUSE/NEXT/PREV/JUMP…) and
 * runs the rAF ticker that turns wall time into TICKs while playing. In presenter mode it shows a
 * one-line status only (the presenter uses the keyboard).
 */
import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { SPEEDS, formatSimTime, formatSpeed } from '../machine/sim-clock.ts';
import { viewsFor } from '../machine/cluster-view.ts';
import type { PlayerActor, PlayerEvent } from '../machine/scenario/player-machine.ts';
import { FrameTicker } from './frame-ticker.ts';
import { PlayerWatch } from './player-watch.ts';
import { controlStyles } from './shared-styles.ts';

/** Fired (bubbling, composed) when the user asks to leave the scenario. */
export const LEAVE_SCENARIO_EVENT = 'cp-leave-scenario';

@customElement('cp-player')
export class CpPlayer extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 6px 8px;
        padding: 6px 10px;
        background: var(--cp-panel, #fff);
        border: 1px solid var(--cp-border, #d5dae3);
        border-radius: 10px;
        box-shadow: 0 2px 10px rgb(0 0 0 / 0.15);
      }
      .timeline {
        display: flex;
        gap: 3px;
        margin: 0;
        padding: 0;
        list-style: none;
        flex-wrap: wrap;
      }
      .timeline button {
        min-width: 28px;
        min-height: 26px;
        padding: 0 4px;
        font-size: 12px;
        font-variant-numeric: tabular-nums;
      }
      .timeline button.ok {
        border-color: var(--cp-ok, #1b7f3b);
        color: var(--cp-ok, #1b7f3b);
      }
      .timeline button.fail {
        border-color: var(--cp-danger, #c62828);
        color: var(--cp-danger, #c62828);
      }
      .timeline button[aria-current='step'] {
        background: var(--cp-accent, #2f6feb);
        border-color: var(--cp-accent, #2f6feb);
        color: var(--cp-accent-text, #fff);
      }
      .scrub {
        flex: 1;
        min-width: 120px;
        padding: 0;
      }
      .position {
        font-variant-numeric: tabular-nums;
        color: var(--cp-muted, #5b6578);
        white-space: nowrap;
      }
      /* One line at 1280 px and up: nothing wraps; the key help gives way first (ellipsis). */
      .status {
        display: flex;
        gap: 16px;
        align-items: baseline;
        white-space: nowrap;
        padding: 6px 16px;
        font-size: 22px;
        color: #fff;
        background: rgb(0 0 0 / 0.85);
        border: 2px solid #fff;
        border-radius: 8px;
      }
      .status kbd {
        font: inherit;
        font-size: 18px;
        padding: 0 6px;
        border: 1px solid #fff;
        border-radius: 4px;
      }
      .keys {
        color: #ddd;
        font-size: 18px;
        margin-left: auto;
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      @media (max-width: 1440px) {
        .status {
          font-size: 20px;
        }
        .keys,
        .status kbd {
          font-size: 15px;
        }
      }
    `,
  ];

  /** The scenario player to drive. */
  @property({ attribute: false }) player: PlayerActor | undefined;
  /** Presenter mode: a one-line status instead of the controls. */
  @property({ type: Boolean, reflect: true }) present = false;
  /** When set, no rAF ticker runs (tests drive time with TICK). */
  @property({ type: Boolean, attribute: 'no-ticker' }) noTicker = false;

  private readonly watch = new PlayerWatch(this);
  private readonly ticker = new FrameTicker(this, (wallMs) => {
    if (this.player?.getSnapshot().matches('playing')) this.player.send({ type: 'TICK', wallMs });
  });

  protected override willUpdate(): void {
    this.watch.watch(this.player);
    this.ticker.enabled = !this.noTicker;
  }

  private send(event: PlayerEvent): void {
    this.player?.send(event);
  }

  override render() {
    const snapshot = this.watch.snapshot;
    if (snapshot === undefined) return null;
    const { timeline, position, speed } = snapshot.context;
    const steps = timeline.scenario.steps;
    const playing = snapshot.matches('playing');
    const finished = snapshot.matches('finished');
    const current = position.stepIndex;
    const where = finished
      ? 'Finished'
      : `Step ${current + 1} of ${steps.length}${position.done ? ' ✔ done' : ''}`;
    const clock = formatSimTime(position.progress.state.now);
    if (this.present) {
      // V (next view) is listed when the state has more than one view to show (cluster-view.ts).
      const viewKey =
        viewsFor(position.progress.state).length > 1 ? html`<kbd>V</kbd> view · ` : null;
      // Live: the step, the play state and the speed; not the clock, which changes every frame.
      return html`<div class="status">
        <span class="position" role="status" aria-live="polite">${where}</span>
        <span class="state" aria-live="polite"
          >${playing ? '▶ playing' : finished ? '■ finished' : '❚❚ paused'}</span
        >
        <span class="speed" aria-live="polite">${formatSpeed(speed)}</span>
        <span class="clock">${clock}</span>
        <span class="keys"
          ><kbd>Space</kbd> play/pause · <kbd>←</kbd><kbd>→</kbd> step · <kbd>+</kbd
          ><kbd>−</kbd> speed · ${viewKey}<kbd>F</kbd> full screen · <kbd>Esc</kbd> leave</span
        >
      </div>`;
    }
    return html`<div class="bar" role="toolbar" aria-label="Scenario playback">
      <button
        class="restart"
        title="Restart (Home)"
        aria-label="Restart"
        @click=${() => this.send({ type: 'RESTART' })}
      >
        ↺
      </button>
      <button
        class="prev"
        title="Previous step (←)"
        aria-label="Previous step"
        @click=${() => this.send({ type: 'PREV' })}
      >
        ◀
      </button>
      <button
        class="play primary"
        title="Play / pause (Space)"
        aria-label=${playing ? 'Pause' : 'Play'}
        @click=${() => this.send({ type: playing ? 'PAUSE' : 'PLAY' })}
      >
        ${playing ? '❚❚' : '▶'}
      </button>
      <button
        class="next"
        title="Next step (→)"
        aria-label="Next step"
        ?disabled=${finished}
        @click=${() => this.send({ type: 'NEXT' })}
      >
        ▶|
      </button>
      <ol class="timeline" aria-label="Steps">
        ${steps.map((step, i) => {
          const result = timeline.results[i];
          const verdict = result === undefined ? '' : result.ok ? 'ok' : 'fail';
          const mark = result === undefined ? '' : result.ok ? ' ✓' : ' ✗';
          return html`<li>
            <button
              class=${verdict}
              aria-current=${i === current ? 'step' : 'false'}
              title=${`Step ${i + 1}: ${step.title}${mark}`}
              aria-label=${`Step ${i + 1}: ${step.title}${mark}`}
              @click=${() => this.send({ type: 'JUMP', step: i })}
            >
              ${i + 1}${mark}
            </button>
          </li>`;
        })}
      </ol>
      <input
        class="scrub"
        type="range"
        min="1"
        max=${String(steps.length)}
        .value=${String(current + 1)}
        aria-label="Scrub to step"
        @input=${(e: Event) =>
          this.send({ type: 'JUMP', step: Number((e.target as HTMLInputElement).value) - 1 })}
      />
      <span class="position"
        ><span aria-live="polite">${where}</span> · <span class="clock">${clock}</span></span
      >
      <label>
        <span class="visually-hidden">Speed</span>
        <select
          class="speed"
          aria-label="Playback speed"
          @change=${(e: Event) =>
            this.send({ type: 'SET_SPEED', speed: Number((e.target as HTMLSelectElement).value) })}
        >
          ${SPEEDS.map(
            (s) =>
              html`<option value=${String(s)} .selected=${s === speed}>${formatSpeed(s)}</option>`,
          )}
        </select>
      </label>
      <button
        class="leave"
        title="Back to the free playground"
        @click=${() =>
          this.dispatchEvent(
            new CustomEvent(LEAVE_SCENARIO_EVENT, { bubbles: true, composed: true }),
          )}
      >
        Leave scenario
      </button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-player': CpPlayer;
  }
}
