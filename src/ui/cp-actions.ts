/**
 * `<cp-actions>`: buttons for faults and changes. Each sends one COMMAND event with a SimCommand;
 * buttons that need a target act on the current selection and are disabled, with a title that says
 * why, when there is none. The form fields (instance type, AZ, desired count) are UI-only drafts.
 */
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { INSTANCE_TYPES, type SimCommand } from '../sim/index.ts';
import { ActorController } from './actor-controller.ts';
import {
  defaultServiceName,
  instanceActionBlocker,
  selectedInstance,
  selectedTask,
  taskActionBlocker,
} from './action-targets.ts';
import { controlStyles } from './shared-styles.ts';

/** The actions panel. Needs a cluster actor provided through context. */
@customElement('cp-actions')
export class CpActions extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: grid;
        gap: 12px;
      }
      fieldset {
        border: 1px solid var(--cp-border, #c6ccd8);
        border-radius: 8px;
        padding: 8px 10px;
        margin: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        align-items: end;
      }
      legend {
        font-weight: 600;
        padding: 0 4px;
      }
      label {
        display: flex;
        flex-direction: column;
        font-size: 12px;
        color: var(--cp-muted, #5b6578);
        gap: 2px;
      }
      input[type='number'] {
        width: 5em;
      }
    `,
  ];

  @state() private instanceType = 'm5.large';
  @state() private addAz = '';
  @state() private outageAz = '';
  @state() private serviceChoice = '';
  @state() private desiredDraft: number | undefined;

  private readonly cluster = new ActorController(this, (s) => ({
    sim: s.context.sim,
    selection: s.context.selection,
  }));

  private command(command: SimCommand): void {
    this.cluster.send({ type: 'COMMAND', command });
  }

  override render() {
    const value = this.cluster.value;
    if (value === undefined) return html``;
    const { sim, selection } = value;
    const task = selectedTask(sim, selection);
    const instance = selectedInstance(sim, selection);
    const taskBlock = taskActionBlocker(task);
    const azs = sim.cluster.availabilityZones;
    const down = sim.downAvailabilityZones ?? [];
    const serviceName =
      this.serviceChoice !== '' && sim.services[this.serviceChoice] !== undefined
        ? this.serviceChoice
        : defaultServiceName(sim, selection);
    const service = serviceName === undefined ? undefined : sim.services[serviceName];
    const desired = this.desiredDraft ?? service?.desiredCount ?? 0;
    const outageAz =
      selection?.kind === 'availabilityZone' ? selection.id : this.outageAz || (azs[0] ?? '');
    const blocked = (b: string | undefined): string => b ?? '';

    return html`
      <h2>Actions</h2>
      <fieldset>
        <legend>Selected task</legend>
        <button
          class="stop-task"
          ?disabled=${taskBlock !== undefined}
          title=${blocked(taskBlock) || 'StopTask: stop code UserInitiated'}
          @click=${() => task && this.command({ type: 'STOP_TASK', taskId: task.id, reason: 'Stopped from the playground' })}
        >
          Stop task
        </button>
        <button
          class="crash-task danger"
          ?disabled=${taskBlock !== undefined}
          title=${blocked(taskBlock) || 'An essential container exits with code 1'}
          @click=${() => task && this.command({ type: 'CRASH_TASK', taskId: task.id, exitCode: 1 })}
        >
          Crash task
        </button>
      </fieldset>
      <fieldset>
        <legend>Selected instance</legend>
        ${this.instanceButton('terminate', 'Terminate', 'danger', instance)}
        ${this.instanceButton('drain', 'Drain', '', instance)}
        ${this.instanceButton('activate', 'Activate', '', instance)}
      </fieldset>
      <fieldset>
        <legend>Add an EC2 instance</legend>
        <label
          >Instance type
          <select
            class="instance-type"
            @change=${(e: Event) => (this.instanceType = (e.target as HTMLSelectElement).value)}
          >
            ${Object.values(INSTANCE_TYPES).map(
              (t) =>
                html`<option value=${t.name} .selected=${t.name === this.instanceType}>
                  ${t.name} (${t.vcpu} vCPU, ${t.memoryMiB / 1024} GiB)
                </option>`,
            )}
          </select>
        </label>
        <label
          >Availability Zone
          <select
            class="add-az"
            @change=${(e: Event) => (this.addAz = (e.target as HTMLSelectElement).value)}
          >
            <option value="">Any (balanced)</option>
            ${azs.map((az) => html`<option value=${az} .selected=${az === this.addAz}>${az}</option>`)}
          </select>
        </label>
        <button
          class="add-instance primary"
          @click=${() =>
            this.command({
              type: 'ADD_INSTANCE',
              instanceType: this.instanceType,
              ...(this.addAz ? { availabilityZone: this.addAz } : {}),
            })}
        >
          Add instance
        </button>
      </fieldset>
      <fieldset>
        <legend>Service desired count</legend>
        <label
          >Service
          <select
            class="service"
            ?disabled=${service === undefined}
            @change=${(e: Event) => {
              this.serviceChoice = (e.target as HTMLSelectElement).value;
              this.desiredDraft = undefined;
            }}
          >
            ${Object.keys(sim.services).map((name) => html`<option value=${name} .selected=${name === serviceName}>${name}</option>`)}
          </select>
        </label>
        <label
          >Desired count
          <input
            class="desired"
            type="number"
            min="0"
            max="1000"
            step="1"
            .value=${String(desired)}
            @input=${(e: Event) => (this.desiredDraft = Number((e.target as HTMLInputElement).value))}
          />
        </label>
        <button
          class="apply-desired primary"
          ?disabled=${service === undefined}
          title=${service === undefined ? 'There is no service yet' : 'UpdateService --desired-count'}
          @click=${() => {
            if (serviceName === undefined) return;
            // Read the draft now: the input may have changed since this template was rendered.
            const count = this.desiredDraft ?? desired;
            this.command({
              type: 'UPDATE_SERVICE',
              serviceName,
              desiredCount: Number.isFinite(count) ? Math.max(0, Math.floor(count)) : 0,
            });
            this.desiredDraft = undefined;
          }}
        >
          Apply
        </button>
      </fieldset>
      <fieldset>
        <legend>Availability Zone</legend>
        <label
          >Zone
          <select
            class="outage-az"
            @change=${(e: Event) => (this.outageAz = (e.target as HTMLSelectElement).value)}
          >
            ${azs.map((az) => html`<option value=${az} .selected=${az === outageAz}>${az}${down.includes(az) ? ' (down)' : ''}</option>`)}
          </select>
        </label>
        <button
          class="az-outage danger"
          ?disabled=${down.includes(outageAz)}
          title=${down.includes(outageAz) ? 'This zone is already down' : 'Every instance and Fargate task in the zone is lost'}
          @click=${() => this.command({ type: 'AZ_OUTAGE', availabilityZone: outageAz })}
        >
          Take zone down
        </button>
        <button
          class="az-restore"
          ?disabled=${!down.includes(outageAz)}
          title=${down.includes(outageAz) ? 'Capacity can be placed in the zone again' : 'This zone is up'}
          @click=${() => this.command({ type: 'AZ_RESTORE', availabilityZone: outageAz })}
        >
          Restore zone
        </button>
      </fieldset>
    `;
  }

  private instanceButton(
    action: 'terminate' | 'drain' | 'activate',
    label: string,
    variant: string,
    instance: ReturnType<typeof selectedInstance>,
  ) {
    const block = instanceActionBlocker(instance, action);
    const type =
      action === 'terminate'
        ? 'TERMINATE_INSTANCE'
        : action === 'drain'
          ? 'DRAIN_INSTANCE'
          : 'ACTIVATE_INSTANCE';
    const help = {
      terminate: 'The EC2 instance is terminated; its tasks stop and are replaced elsewhere',
      drain: 'DRAINING: no new tasks; service tasks are replaced elsewhere',
      activate: 'Back to ACTIVE: tasks can be placed here again',
    }[action];
    return html`<button
      class="${action}-instance ${variant}"
      ?disabled=${block !== undefined}
      title=${block ?? help}
      @click=${() => instance && this.command({ type, instanceId: instance.id })}
    >
      ${label}
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-actions': CpActions;
  }
}
