/**
 * `<cp-announcer>`: the playground's live regions (issue 9). Reads the cluster's events and tasks
 * (and the EKS cluster's Kubernetes events),
 * and lets `Announcer` (announcements.ts) decide what a screen reader hears: failures in an
 * assertive region, status changes in a polite one, throttled and summed up so a fast run does
 * not flood. Visually hidden; the event log shows everything anyway.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ActorController } from './actor-controller.ts';
import { Announcer } from './announcements.ts';

@customElement('cp-announcer')
export class CpAnnouncer extends LitElement {
  static override styles = css`
    :host {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
  `;

  /** Minimum wall time between polite announcements (ms). */
  @property({ type: Number, attribute: 'polite-ms' }) politeMs = 5000;
  /** Minimum wall time between assertive announcements (ms). */
  @property({ type: Number, attribute: 'assertive-ms' }) assertiveMs = 2000;

  @state() private polite = '';
  @state() private assertive = '';

  private readonly cluster = new ActorController(this, (s) => ({
    events: s.context.sim.events,
    tasks: s.context.sim.tasks,
    k8sEvents: s.context.sim.eks?.events,
  }));
  private announcer: Announcer | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  protected override willUpdate(): void {
    this.announcer ??= new Announcer();
    this.announcer.politeMs = this.politeMs;
    this.announcer.assertiveMs = this.assertiveMs;
    const slice = this.cluster.value;
    if (slice) {
      this.announcer.observe(slice.events, slice.tasks);
      this.announcer.observeK8s(slice.k8sEvents);
    }
    const now = performance.now();
    const said = this.announcer.flush(now);
    if (said.polite !== undefined) this.polite = said.polite;
    if (said.assertive !== undefined) this.assertive = said.assertive;
    const due = this.announcer.dueIn(now);
    if (due !== undefined && this.timer === undefined && this.isConnected)
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.requestUpdate();
      }, due + 1);
  }

  override render() {
    return html`<div class="polite" role="status" aria-live="polite" aria-atomic="true">
        ${this.polite}
      </div>
      <div class="assertive" role="alert" aria-live="assertive" aria-atomic="true">
        ${this.assertive}
      </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-announcer': CpAnnouncer;
  }
}
