/**
 * `<cp-event-log>`: the cluster's events (service events as ECS words them, plus task and instance
 * events), newest first with their simulated timestamps. (Screen readers hear the important ones
 * through `<cp-announcer>`, which `<cp-app>` keeps in the stage so presenter mode announces too.)
 */
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { SimEvent, SimEventKind } from '../sim/index.ts';
import { formatSimTime } from '../machine/sim-clock.ts';
import { ActorController } from './actor-controller.ts';
import { controlStyles } from './shared-styles.ts';

/** How many entries the list renders (the sim keeps MAX_EVENTS). */
export const EVENT_LOG_LIMIT = 200;

const KINDS: readonly SimEventKind[] = [
  'service',
  'task',
  'instance',
  'deployment',
  'scaling',
  'cluster',
];

/** Pure: whether an event is shown as important (failures and capacity loss) in the list. */
export function isImportantEvent(event: SimEvent): boolean {
  return /unable|unavailable|fail|stopped|terminat|drain|outage|unhealthy|exited/i.test(
    event.message,
  );
}

/** The event log panel. Needs a cluster actor provided through context. */
@customElement('cp-event-log')
export class CpEventLog extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
      }
      header {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 8px;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        overflow: auto;
        flex: 1;
        font-size: 13px;
      }
      li {
        display: grid;
        grid-template-columns: 5.5em 6.5em 1fr;
        gap: 8px;
        padding: 3px 4px;
        border-bottom: 1px solid var(--cp-subtle, #eef1f6);
      }
      li.important .message {
        color: var(--cp-danger, #c62828);
      }
      time,
      .kind {
        font-family: var(--cp-mono, ui-monospace, monospace);
        color: var(--cp-muted, #5b6578);
      }
      .empty {
        color: var(--cp-muted, #5b6578);
        font-style: italic;
      }
    `,
  ];

  /** Show only events of this kind ('' for all). UI-only state, not cluster state. */
  @state() private kindFilter: SimEventKind | '' = '';

  private readonly cluster = new ActorController(this, (s) => s.context.sim.events);
  private announcedId = -1;

  override render() {
    const events = this.cluster.value ?? [];
    const shown: SimEvent[] = [];
    for (let i = events.length - 1; i >= 0 && shown.length < EVENT_LOG_LIMIT; i--) {
      const event = events[i];
      if (event !== undefined && (this.kindFilter === '' || event.kind === this.kindFilter)) {
        shown.push(event);
      }
    }
    return html`
      <header>
        <h2 id="title">Events</h2>
        <label>
          <span class="visually-hidden">Filter events by kind</span>
          <select
            class="filter"
            @change=${(e: Event) =>
              (this.kindFilter = (e.target as HTMLSelectElement).value as SimEventKind | '')}
          >
            <option value="">All kinds</option>
            ${KINDS.map((k) => html`<option value=${k} .selected=${k === this.kindFilter}>${k}</option>`)}
          </select>
        </label>
      </header>
      ${
        shown.length === 0
          ? html`<p class="empty">No events yet.</p>`
          : html`<ol aria-labelledby="title">
              ${shown.map(
                (e) =>
                  html`<li class=${isImportantEvent(e) ? 'important' : ''} data-id=${String(e.id)}>
                    <time>${formatSimTime(e.at)}</time><span class="kind">${e.kind}</span
                    ><span class="message">${e.message}</span>
                  </li>`,
              )}
            </ol>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-event-log': CpEventLog;
  }
}
