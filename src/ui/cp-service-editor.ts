/**
 * `<cp-service-editor>` (issue 5): the inspector's editing of what ECS lets you change on a
 * service — placement strategy and constraints (EC2 launch type), deployment configuration
 * (minimumHealthyPercent / maximumPercent, circuit breaker) and a target-tracking scaling policy.
 * Each "Apply" sends the commands `serviceEditPlan` (pure, src/machine/service-editing.ts) gives —
 * one user action, one undo step — or shows the refusal in AWS's words and sends nothing.
 */
import { LitElement, css, html, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import {
  STRATEGY_PRESETS,
  serviceEditPlan,
  serviceForm,
  type EditSection,
  type ScalingMetric,
  type ServiceForm,
} from '../machine/index.ts';
import { ActorController } from './actor-controller.ts';
import { controlStyles } from './shared-styles.ts';

const METRICS: readonly { id: ScalingMetric; label: string }[] = [
  { id: 'ECSServiceAverageCPUUtilization', label: 'Average CPU utilization (%)' },
  { id: 'ECSServiceAverageMemoryUtilization', label: 'Average memory utilization (%)' },
  { id: 'ALBRequestCountPerTarget', label: 'ALB requests per target (per minute)' },
];

@customElement('cp-service-editor')
export class CpServiceEditor extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
        font-size: 13px;
      }
      fieldset {
        border: 1px solid var(--cp-border, #c6ccd8);
        border-radius: 6px;
        margin: 0 0 6px;
        padding: 4px 8px 6px;
      }
      legend {
        font-weight: 600;
      }
      label {
        display: flex;
        gap: 6px;
        align-items: center;
        margin: 2px 0;
        flex-wrap: wrap;
      }
      input[type='text'],
      input:not([type]) {
        width: 6em;
        min-height: 26px;
        padding: 2px 6px;
      }
      input.wide {
        width: 100%;
      }
      select {
        max-width: 100%;
        min-height: 26px;
        padding: 2px 6px;
      }
      .note {
        color: var(--cp-muted, #5b6578);
        margin: 2px 0;
      }
      .result {
        margin: 4px 0 0;
        padding: 3px 6px;
        border-radius: 6px;
        background: var(--cp-subtle, #eef1f6);
        overflow-wrap: anywhere;
      }
      .result .text {
        white-space: pre-wrap;
      }
      .result.refused {
        border-left: 4px solid var(--cp-danger, #c62828);
      }
    `,
  ];

  @property() service = '';

  @state() private form: ServiceForm | undefined;
  @state() private results: Partial<Record<EditSection, { text: string; refused: boolean }>> = {};

  // The form is refilled when the service changes or a command (or undo/redo) changes the
  // cluster's log — never as time runs, so what the learner is typing stays.
  private readonly cluster = new ActorController(
    this,
    (s) => s.context.commandLog,
    (a, b) => a === b,
  );
  private filledFrom: unknown;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('service')) this.results = {};
    if (changed.has('service') || this.form === undefined || this.filledFrom !== this.cluster.value)
      this.reset();
  }

  private reset(): void {
    this.filledFrom = this.cluster.value;
    const sim = this.cluster.actor?.getSnapshot().context.sim;
    this.form = sim === undefined ? undefined : serviceForm(sim, this.service);
  }

  private set(patch: Partial<ServiceForm>): void {
    if (this.form !== undefined) this.form = { ...this.form, ...patch };
  }

  /** Applies one section: sends its commands, or shows why not. */
  apply(section: EditSection): boolean {
    const actor = this.cluster.actor;
    const form = this.form;
    if (actor === undefined || form === undefined) return false;
    const plan = serviceEditPlan(actor.getSnapshot().context.sim, this.service, section, form);
    let result: { text: string; refused: boolean };
    if (!plan.ok) result = { text: `Not changed: ${plan.reason}`, refused: true };
    else {
      actor.send({ type: 'COMMANDS', commands: plan.commands });
      const error = actor.getSnapshot().context.lastError;
      result =
        error === undefined
          ? { text: plan.summary, refused: false }
          : { text: `Not changed: ${error}`, refused: true };
    }
    const sim = actor.getSnapshot().context.sim;
    // After a success the form shows what the service now has; after a refusal, what was typed.
    if (!result.refused) {
      this.form = serviceForm(sim, this.service);
      this.filledFrom = actor.getSnapshot().context.commandLog;
    }
    this.results = { ...this.results, [section]: result };
    return !result.refused;
  }

  private result(section: EditSection) {
    const r = this.results[section];
    return r === undefined
      ? null
      : html`<p
          class="result ${r.refused ? 'refused' : ''}"
          role=${r.refused ? 'alert' : 'status'}
          data-section=${section}
        >
          <span class="text">${r.text}</span>
        </p>`;
  }

  override render() {
    const f = this.form;
    const sim = this.cluster.actor?.getSnapshot().context.sim;
    const svc = sim?.services[this.service];
    if (f === undefined || svc === undefined) return null;
    const fargate = svc.launchType === 'FARGATE';
    const text = (key: keyof ServiceForm) => (e: Event) =>
      this.set({ [key]: (e.target as HTMLInputElement).value } as Partial<ServiceForm>);
    const check = (key: keyof ServiceForm) => (e: Event) =>
      this.set({ [key]: (e.target as HTMLInputElement).checked } as Partial<ServiceForm>);
    return html`
      <fieldset class="placement">
        <legend>Placement</legend>
        ${
          fargate
            ? html`<p class="note">
                Fargate places tasks itself: placement strategies and constraints are not supported
                with FARGATE launch type.
              </p>`
            : null
        }
        <label
          >Strategy
          <select
            class="strategy"
            ?disabled=${fargate}
            @change=${(e: Event) => this.set({ strategy: (e.target as HTMLSelectElement).value })}
          >
            ${
              f.strategy === 'custom'
                ? html`<option value="custom" selected>(current custom strategy)</option>`
                : null
            }
            ${STRATEGY_PRESETS.map(
              (p) =>
                html`<option value=${p.id} .selected=${p.id === f.strategy}>${p.label}</option>`,
            )}
          </select></label
        >
        <label
          ><input
            type="checkbox"
            class="distinct"
            ?disabled=${fargate}
            .checked=${f.distinctInstance}
            @change=${check('distinctInstance')}
          />distinctInstance (each task on a different instance)</label
        >
        <label
          >memberOf
          <input
            class="member-of wide"
            ?disabled=${fargate}
            placeholder="attribute:ecs.instance-type =~ t3.*"
            .value=${f.memberOf}
            @input=${text('memberOf')}
        /></label>
        <button
          class="apply-placement"
          ?disabled=${fargate}
          @click=${() => this.apply('placement')}
        >
          Apply placement
        </button>
        ${this.result('placement')}
      </fieldset>
      <fieldset class="deployment">
        <legend>Deployment configuration</legend>
        <label
          >minimumHealthyPercent
          <input
            class="min-healthy"
            inputmode="numeric"
            .value=${f.minimumHealthyPercent}
            @input=${text('minimumHealthyPercent')}
        /></label>
        <label
          >maximumPercent
          <input
            class="max-percent"
            inputmode="numeric"
            .value=${f.maximumPercent}
            @input=${text('maximumPercent')}
        /></label>
        <label
          ><input
            type="checkbox"
            class="breaker"
            .checked=${f.circuitBreaker}
            @change=${check('circuitBreaker')}
          />deployment circuit breaker</label
        >
        <label
          ><input
            type="checkbox"
            class="rollback"
            .checked=${f.rollback}
            @change=${check('rollback')}
          />rollback on failure</label
        >
        <button class="apply-deployment" @click=${() => this.apply('deployment')}>
          Apply deployment configuration
        </button>
        ${this.result('deployment')}
      </fieldset>
      <fieldset class="scaling">
        <legend>Service auto scaling (target tracking)</legend>
        <label
          ><input
            type="checkbox"
            class="scaling-on"
            .checked=${f.scaling}
            @change=${check('scaling')}
          />scale the desired count automatically</label
        >
        <label
          >Metric
          <select
            class="metric"
            ?disabled=${!f.scaling}
            @change=${(e: Event) =>
              this.set({ metric: (e.target as HTMLSelectElement).value as ScalingMetric })}
          >
            ${METRICS.map(
              (m) => html`<option value=${m.id} .selected=${m.id === f.metric}>${m.label}</option>`,
            )}
          </select></label
        >
        <label
          >Target value
          <input
            class="target-value"
            inputmode="decimal"
            ?disabled=${!f.scaling}
            .value=${f.targetValue}
            @input=${text('targetValue')}
        /></label>
        <label
          >Min tasks
          <input
            class="min-capacity"
            inputmode="numeric"
            ?disabled=${!f.scaling}
            .value=${f.minCapacity}
            @input=${text('minCapacity')} />
          Max tasks
          <input
            class="max-capacity"
            inputmode="numeric"
            ?disabled=${!f.scaling}
            .value=${f.maxCapacity}
            @input=${text('maxCapacity')}
        /></label>
        <button class="apply-scaling" @click=${() => this.apply('scaling')}>Apply scaling</button>
        ${this.result('scaling')}
      </fieldset>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-service-editor': CpServiceEditor;
  }
}
