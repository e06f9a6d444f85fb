/**
 * `<cp-inspector>`: the selected task, container instance, service, task definition or zone, shown
 * as `aws ecs describe-*` would: headline fields first, then the whole describe document. Every
 * value is rendered by lit as text (user-chosen names never become markup).
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import {
  circuitBreakerThreshold,
  describeContainerInstance,
  describeService,
  describeTask,
  describeTaskDefinition,
  serviceCounts,
  type EntityRef,
  type Service,
  type SimState,
} from '../sim/index.ts';
import { formatSimTime } from '../machine/sim-clock.ts';
import { revisionJson } from '../machine/task-definition-editing.ts';
import type { EksRuntime } from '../machine/index.ts';
import type { K8sState } from '../sim/k8s/model.ts';
import { ActorController } from './actor-controller.ts';
import {
  inspectedKey,
  instanceFields,
  recentEvents,
  taskDefinitionFields,
  taskFields,
  zoneFields,
  type Field,
} from './inspector-fields.ts';
import { controlStyles } from './shared-styles.ts';
import { openTaskDefinitionEditor } from './task-definition-editor-loader.ts';
import './cp-service-editor.ts';

interface InspectorSlice {
  readonly sim: SimState;
  readonly selection: EntityRef | undefined;
  readonly key: unknown;
  readonly k8s: K8sState | undefined;
  readonly eks: EksRuntime | undefined;
}

/** The inspector panel. Needs a cluster actor provided through context. */
@customElement('cp-inspector')
export class CpInspector extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
        min-width: 0;
      }
      dl {
        display: grid;
        grid-template-columns: max-content 1fr;
        gap: 2px 10px;
        margin: 0 0 8px;
        font-size: 13px;
      }
      dt {
        font-family: var(--cp-mono, ui-monospace, monospace);
        color: var(--cp-muted, #5b6578);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .bad {
        color: var(--cp-danger, #c62828);
        font-weight: 600;
      }
      .good {
        color: var(--cp-ok, #1b7f3b);
        font-weight: 600;
      }
      h3 {
        font-size: 15px;
        margin: 0 0 6px;
        overflow-wrap: anywhere;
      }
      h4 {
        font-size: 13px;
        margin: 8px 0 4px;
      }
      pre {
        font: 12px/1.35 var(--cp-mono, ui-monospace, monospace);
        background: var(--cp-subtle, #eef1f6);
        padding: 8px;
        border-radius: 6px;
        overflow: auto;
        max-height: 320px;
        margin: 4px 0 0;
      }
      ul {
        margin: 0;
        padding-left: 18px;
        font-size: 13px;
      }
      .hint {
        color: var(--cp-muted, #5b6578);
        font-style: italic;
      }
    `,
  ];

  private readonly cluster = new ActorController<InspectorSlice>(
    this,
    (s) => ({
      sim: s.context.sim,
      selection: s.context.selection,
      key:
        s.context.selection?.kind === 'pod' || s.context.selection?.kind === 'node'
          ? s.context.sim.eks?.version
          : inspectedKey(s.context.sim, s.context.selection),
      k8s: s.context.sim.eks,
      eks: s.context.eks,
    }),
    (a, b) => a.selection === b.selection && a.key === b.key,
  );

  override render() {
    const slice = this.cluster.value;
    return html`<h2>Inspector</h2>
      ${
        slice?.selection === undefined
          ? html`<p class="hint">
              Click a task, an instance or a service on the canvas to inspect it.
            </p>`
          : this.renderSelection(slice.sim, slice.selection, slice.k8s, slice.eks)
      }`;
  }

  private renderSelection(
    sim: SimState,
    ref: EntityRef,
    k8s: K8sState | undefined,
    eks: EksRuntime | undefined,
  ) {
    switch (ref.kind) {
      case 'pod':
      case 'node': {
        // What `kubectl describe pod|node` prints, as text.
        const text = k8s && eks?.describe(k8s, ref);
        if (text === undefined) return this.gone(ref);
        const name = ref.kind === 'pod' ? ref.id.slice(ref.id.indexOf('/') + 1) : ref.id;
        return html`<h3>${ref.kind === 'pod' ? 'Pod' : 'Node'} ${name}</h3>
          <pre class="describe" tabindex="0" aria-label="kubectl describe ${ref.kind}">
${text}</pre>`;
      }
      case 'task': {
        const task = sim.tasks[ref.id];
        if (task === undefined) return this.gone(ref);
        return html`<h3>Task ${task.id}</h3>
          ${fieldList(taskFields(task, sim))}
          <h4>containers</h4>
          <ul>
            ${task.containers.map(
              (c) =>
                html`<li>
                  <strong>${c.name}</strong> ${c.image}:
                  ${c.lastStatus}${
                    c.exitCode === undefined ? nothing : html` (exitCode ${c.exitCode})`
                  }${c.reason ? html` — ${c.reason}` : nothing}
                  ${c.essential ? html`<em>essential</em>` : nothing}
                </li>`,
            )}
          </ul>
          ${describeBlock('aws ecs describe-tasks', describeTask(sim, ref.id))}`;
      }
      case 'instance': {
        const instance = sim.instances[ref.id];
        if (instance === undefined) return this.gone(ref);
        return html`<h3>Container instance ${instance.ec2InstanceId}</h3>
          ${fieldList(instanceFields(instance, sim))}
          ${describeBlock('aws ecs describe-container-instances', describeContainerInstance(sim, ref.id))}`;
      }
      case 'service': {
        const service = sim.services[ref.id];
        if (service === undefined) return this.gone(ref);
        return this.renderService(sim, service);
      }
      case 'taskDefinition': {
        const def = sim.taskDefinitions[ref.id];
        if (def === undefined) return this.gone(ref);
        return html`<h3>Task definition ${def.family}:${def.revision}</h3>
          <button
            class="edit-td"
            title="Open this revision in the editor and register a new revision of ${def.family}"
            @click=${() => void this.editRevision(sim, ref.id)}
          >
            Edit → new revision
          </button>
          ${fieldList(taskDefinitionFields(def))}
          ${describeBlock('aws ecs describe-task-definition', describeTaskDefinition(sim, ref.id))}`;
      }
      case 'availabilityZone':
        return html`<h3>Availability Zone ${ref.id}</h3>
          ${fieldList(zoneFields(ref.id, sim))}`;
    }
  }

  private renderService(sim: SimState, service: Service) {
    const counts = serviceCounts(sim, service.serviceName);
    const events = recentEvents(sim, service.serviceName);
    return html`<h3>Service ${service.serviceName}</h3>
      <button
        class="edit-td"
        title="Edit ${service.taskDefinitionKey} as a new revision and deploy it to this service"
        @click=${() => void this.editRevision(sim, service.taskDefinitionKey, service.serviceName)}
      >
        Edit task definition → new revision
      </button>
      ${fieldList([
        { name: 'status', value: service.status },
        { name: 'desiredCount', value: String(counts.desiredCount) },
        {
          name: 'runningCount',
          value: String(counts.runningCount),
          tone: counts.runningCount === counts.desiredCount ? 'good' : 'bad',
        },
        { name: 'pendingCount', value: String(counts.pendingCount) },
        { name: 'launchType', value: service.launchType },
        { name: 'taskDefinition', value: service.taskDefinitionKey },
        {
          name: 'placementStrategy',
          value:
            service.placementStrategy
              .map((p) => ('field' in p ? `${p.type}(${p.field})` : p.type))
              .join(' → ') || '—',
        },
      ])}
      <details class="edit-service">
        <summary>Edit service (UpdateService, auto scaling)</summary>
        <cp-service-editor .service=${service.serviceName}></cp-service-editor>
      </details>
      <h4>deployments</h4>
      <p class="hint deployment-config">
        minimumHealthyPercent ${service.deploymentConfiguration.minimumHealthyPercent},
        maximumPercent ${service.deploymentConfiguration.maximumPercent}, circuit breaker
        ${
          service.deploymentConfiguration.deploymentCircuitBreaker.enable
            ? `on (rollback ${service.deploymentConfiguration.deploymentCircuitBreaker.rollback ? 'on' : 'off'}, threshold ${circuitBreakerThreshold(service.desiredCount)})`
            : 'off'
        }
      </p>
      <ul class="deployments">
        ${service.deployments.map((d) => {
          // Old and new revisions side by side: how many tasks each deployment runs right now.
          const running = Object.values(sim.tasks).filter(
            (t) => t.deploymentId === d.id && t.lastStatus === 'RUNNING',
          ).length;
          return html`<li data-status=${d.status} data-rollout=${d.rolloutState}>
            <strong>${d.status}</strong> ${d.taskDefinitionKey}: ${running}/${d.desiredCount}
            running, rolloutState <strong>${d.rolloutState}</strong>${
              d.failedTasks > 0 ? `, failedTasks ${d.failedTasks}` : ''
            } <br /><small
              >${d.id}${d.rolloutStateReason === undefined ? '' : ` — ${d.rolloutStateReason}`}</small
            >
          </li>`;
        })}
      </ul>
      <h4>events</h4>
      ${
        events.length === 0
          ? html`<p class="hint">No events yet.</p>`
          : html`<ul class="events">
              ${events.map((e) => html`<li><time>${formatSimTime(e.at)}</time> ${e.message}</li>`)}
            </ul>`
      }
      ${describeBlock('aws ecs describe-services', describeService(sim, service.serviceName))}`;
  }

  /** "Edit → new revision": the revision's JSON in the editor; from a service, deploy offered too. */
  async editRevision(sim: SimState, key: string, deployTo?: string): Promise<void> {
    const actor = this.cluster.actor;
    const text = revisionJson(sim, key);
    if (actor === undefined || text === undefined) return;
    await openTaskDefinitionEditor(this.renderRoot, {
      actor,
      text,
      heading: `New revision of ${key.replace(/:\d+$/, '')} (from ${key})`,
      ...(deployTo === undefined ? {} : { deployTo }),
    });
  }

  private gone(ref: EntityRef) {
    return html`<p class="hint">The ${ref.kind} ${ref.id} no longer exists.</p>`;
  }
}

function fieldList(fields: readonly Field[]) {
  return html`<dl>
    ${fields.map(
      (f) =>
        html`<dt>${f.name}</dt>
          <dd class=${f.tone ?? ''} data-field=${f.name}>${f.value}</dd>`,
    )}
  </dl>`;
}

function describeBlock(title: string, document: unknown) {
  if (document === undefined) return nothing;
  // JSON.stringify's output is interpolated as text, so names with markup stay inert.
  // tabindex: the block scrolls, so keyboard users must be able to focus it to scroll [WCAG 2.1.1].
  return html`<details>
    <summary>${title}</summary>
    <pre tabindex="0" aria-label=${title}>${JSON.stringify(document, null, 2)}</pre>
  </details>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-inspector': CpInspector;
  }
}
