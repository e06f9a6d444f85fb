/**
 * `<cp-event-log>`: the events of the cluster(s) the canvas shows, newest first with their
 * simulated timestamps. ECS view: the ECS cluster's events (service events as ECS words them, plus
 * task and instance events). EKS view: the EKS cluster's Kubernetes events as `kubectl get events`
 * prints them (TYPE, REASON, OBJECT, MESSAGE). Side by side: both, each row labelled ECS or EKS,
 * with a filter per cluster. It follows the machine's `view` (src/machine/cluster-view.ts) and
 * keeps no cluster state: the rows are computed from the snapshot (event-log-rows.ts). (Screen
 * readers hear the important ones through `<cp-announcer>`, which `<cp-app>` keeps in the stage so
 * presenter mode announces too.)
 */
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { formatSimTime } from '../machine/sim-clock.ts';
import { ActorController } from './actor-controller.ts';
import {
  effectiveFilter,
  eksClockOffset,
  eventFilterOptions,
  eventLogRows,
  eventLogSource,
  eventLogView,
  type EventRow,
} from './event-log-rows.ts';
import { controlStyles } from './shared-styles.ts';

export { EVENT_LOG_LIMIT, isImportantEvent } from './event-log-rows.ts';

/** What the header says is listed, per view. */
const SCOPES = {
  ECS: 'ECS',
  EKS: 'EKS · kubectl get events',
  SIDE_BY_SIDE: 'ECS and EKS',
} as const;

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
      h2 .scope {
        font-weight: normal;
        font-size: 0.8em;
        color: var(--cp-muted, #5b6578);
        margin-left: 6px;
      }
      li.eks .kind {
        font-family: inherit;
      }
      li.important .kind {
        color: var(--cp-danger, #c62828);
        font-weight: 600;
      }
      ol.both li {
        grid-template-columns: 5.5em 8em 1fr;
      }
      .cluster {
        display: inline-block;
        min-width: 2.6em;
        margin-right: 4px;
        padding: 0 3px;
        border-radius: 3px;
        font-size: 11px;
        font-weight: 600;
        text-align: center;
        color: var(--cp-accent-text, #fff);
        background: var(--cp-muted, #5b6578);
      }
      li.eks .cluster {
        background: var(--cp-accent, #2f6feb);
      }
      .reason {
        font-weight: 600;
        margin-right: 6px;
      }
      .object {
        font-family: var(--cp-mono, ui-monospace, monospace);
        margin-right: 6px;
        overflow-wrap: anywhere;
      }
      .count {
        color: var(--cp-muted, #5b6578);
        margin-right: 6px;
      }
    `,
  ];

  /**
   * The chosen filter (a value of eventFilterOptions for the shown view; '' for all). UI-only
   * state, not cluster state; a value the current view does not offer counts as ''.
   */
  @state() private filter = '';

  /**
   * When to re-render: the view, the ECS events (a new array only when they change), and — when
   * Kubernetes events are shown — the EKS cluster's version (the EKS sim copies its event list
   * every step, so the list's identity would re-render every tick; its version moves only when
   * something observable changed, a recorded or aggregated event included) with its newest event
   * and clock offset. The rows themselves are read from the latest snapshot.
   */
  private readonly cluster = new ActorController(this, (s) => {
    const { sim, view } = s.context;
    const eks = view === 'ECS' ? undefined : sim.eks;
    return {
      view,
      hasEks: sim.eks !== undefined,
      events: sim.events,
      eksVersion: eks?.version ?? -1,
      eksNewest: eks?.events[eks.events.length - 1]?.id ?? -1,
      eksOffset: eks === undefined ? 0 : eksClockOffset(sim),
    };
  });

  override render() {
    const sim = this.cluster.snapshot()?.context.sim;
    const v = this.cluster.value;
    if (v === undefined || sim === undefined) return html`<h2 id="title">Events</h2>`;
    const view = eventLogView(v.view, sim);
    const filter = effectiveFilter(view, this.filter);
    const rows = eventLogRows(eventLogSource(sim), view, filter);
    const both = view === 'SIDE_BY_SIDE';
    return html`
      <header>
        <h2 id="title">Events<span class="scope">${SCOPES[view]}</span></h2>
        <label>
          <span class="visually-hidden"
            >${view === 'EKS' ? 'Filter events by type' : 'Filter events'}</span
          >
          <select
            class="filter"
            data-view=${view}
            @change=${(e: Event) => (this.filter = (e.target as HTMLSelectElement).value)}
          >
            ${eventFilterOptions(view).map(
              (o) =>
                html`<option value=${o.value} .selected=${o.value === filter}>${o.label}</option>`,
            )}
          </select>
        </label>
      </header>
      ${
        rows.length === 0
          ? html`<p class="empty">No events yet.</p>`
          : html`<ol aria-labelledby="title" class=${both ? 'both' : ''}>
              ${rows.map((r) => this.row(r, both))}
            </ol>`
      }
    `;
  }

  /** One event; every name (object, message) is bound as text. */
  private row(r: EventRow, both: boolean) {
    const classes = `${r.cluster === 'EKS' ? 'eks' : 'ecs'}${r.important ? ' important' : ''}`;
    return html`<li class=${classes} data-id=${r.key} data-cluster=${r.cluster}>
      <time>${formatSimTime(r.at)}</time
      ><span class="kind"
        >${both ? html`<span class="cluster">${r.cluster}</span>` : null}${r.kind}</span
      ><span class="body"
        >${
          r.reason === undefined
            ? null
            : html`<span class="reason">${r.reason}</span
                ><span class="object">${r.object}</span
                >${r.count > 1 ? html`<span class="count">x${r.count}</span>` : null}`
        }<span class="message">${r.message}</span></span
      >
    </li>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-event-log': CpEventLog;
  }
}
