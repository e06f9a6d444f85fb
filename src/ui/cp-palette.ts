/**
 * `<cp-palette>`: draggable items (issue 5) — EC2 instance types with their real vCPU/memory, task
 * definitions from a small library, a service, and fault tools. Drag one onto the canvas with a
 * mouse, a finger or a pen (pointer events); the drop becomes ECS API calls (dropCommands, pure) or
 * a refusal that says why and changes nothing. The keyboard/menu equivalent: choose a target in
 * "Drop on" and press an item (Enter/Space or click). Each item explains itself on hover and focus.
 */
import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { DropResult, DropTarget, PaletteItem } from '../machine/drop-commands.ts';
import { TASK_DEFINITION_LIBRARY } from '../machine/palette-library.ts';
import type { ClusterCanvas } from '../render/index.ts';
import { INSTANCE_TYPES } from '../sim/index.ts';
import { MAX_DROPPED_FILE_BYTES } from '../formats/dropped-file.ts';
import { ActorController } from './actor-controller.ts';
import { targetFromPick, targetKey, targetOptions, type TargetOption } from './palette-targets.ts';
import { controlStyles } from './shared-styles.ts';
import { openTaskDefinitionEditor } from './task-definition-editor-loader.ts';
import { describeDiagnostics } from './describe-diagnostics.ts';
import { importTaskDefinition } from './sandbox-files.ts';

interface Entry {
  readonly id: string;
  readonly label: string;
  readonly explanation: string;
  readonly item: PaletteItem;
  readonly group: 'Capacity' | 'Task definitions' | 'Services' | 'Traffic' | 'Faults';
}

const SHOWN_TYPES = ['t3.micro', 't3.large', 'm5.large', 'm5.xlarge', 'c5.large', 'r5.large'];

function gib(mib: number): string {
  return `${Number((mib / 1024).toFixed(1))} GiB`;
}

/** Everything the palette offers. */
export const PALETTE_ENTRIES: readonly Entry[] = [
  ...SHOWN_TYPES.flatMap((name): Entry[] => {
    const t = INSTANCE_TYPES[name];
    if (t === undefined) return [];
    return [
      {
        id: `instance-${name}`,
        label: `${name} (${t.vcpu} vCPU, ${gib(t.memoryMiB)})`,
        explanation: `EC2 ${name}: ${t.vcpu} vCPU, ${gib(t.memoryMiB)}, up to ${t.maxEnis} ENIs. Drop it in an Availability Zone: the instance launches there and its ECS agent registers it with the cluster.`,
        item: { kind: 'instance', instanceType: name },
        group: 'Capacity',
      },
    ];
  }),
  {
    id: 'instance-spot-m5.large',
    label: 'm5.large Spot (2 vCPU, 8 GiB)',
    explanation:
      'An EC2 Spot Instance: spare EC2 capacity at a discount that AWS can reclaim with a two-minute interruption notice. Drop it in an Availability Zone: it registers with the cluster there.',
    item: { kind: 'instance', instanceType: 'm5.large', spot: true },
    group: 'Capacity',
  },
  {
    id: 'capacity-fargate',
    label: 'Fargate',
    explanation:
      'The FARGATE capacity provider: AWS runs each task on capacity it manages (no instances of yours). Drop on a Fargate service: its capacity provider strategy becomes FARGATE and a new deployment replaces its tasks.',
    item: { kind: 'capacity', provider: 'FARGATE' },
    group: 'Capacity',
  },
  {
    id: 'capacity-fargate-spot',
    label: 'Fargate Spot',
    explanation:
      'The FARGATE_SPOT capacity provider: Fargate on spare capacity at up to 70% off, interrupted with a two-minute warning (SIGTERM). Drop on a Fargate service: its tasks are replaced onto FARGATE_SPOT. EC2 services are refused.',
    item: { kind: 'capacity', provider: 'FARGATE_SPOT' },
    group: 'Capacity',
  },
  {
    id: 'external-instance',
    label: 'External (on-premises) instance',
    explanation:
      'ECS Anywhere: a server of yours (4 vCPU, 16 GiB) registers with the cluster as an EXTERNAL container instance at an on-premises site. Drop it on the cluster background or a site — not in an AWS Availability Zone or on Fargate.',
    item: { kind: 'externalInstance' },
    group: 'Capacity',
  },
  ...TASK_DEFINITION_LIBRARY.map((td): Entry => ({
    id: `td-${td.id}`,
    label: td.label,
    explanation: `${td.explanation} Drop on Fargate, an instance, an AZ or the cluster to run a task (RunTask); on a service to register a new revision and deploy it.`,
    item: { kind: 'taskDefinition', libraryId: td.id },
    group: 'Task definitions',
  })),
  {
    id: 'service-nginx-web',
    label: 'Service (nginx web × 2)',
    explanation:
      'CreateService: keeps 2 nginx tasks running. Drop on Fargate for a Fargate service, on an AZ or instance for EC2.',
    item: { kind: 'service', libraryId: 'nginx-web' },
    group: 'Services',
  },
  {
    id: 'service-worker',
    label: 'Service (worker × 2)',
    explanation: 'CreateService for the EC2-only worker: 2 tasks placed on your instances.',
    item: { kind: 'service', libraryId: 'worker' },
    group: 'Services',
  },
  {
    id: 'load-balancer',
    label: 'Load balancer (ALB)',
    explanation:
      'An Application Load Balancer with a target group for a service: drop it on a service (or its task). Its RUNNING tasks register as targets and receive requests once they pass health checks.',
    item: { kind: 'loadBalancer' },
    group: 'Traffic',
  },
  {
    id: 'load-generator',
    label: 'Load generator (200 req/s)',
    explanation:
      'Sends 200 requests per second to a service’s load balancer: drop it on a service that has one. Watch CPU rise — and a target-tracking policy scale the service out.',
    item: { kind: 'loadGenerator', rps: 200 },
    group: 'Traffic',
  },
  {
    id: 'fault-crash',
    label: 'Crash a task',
    explanation:
      'Drop on a task: its essential container exits (code 1), the task stops; a service starts a replacement.',
    item: { kind: 'fault', fault: 'crashTask' },
    group: 'Faults',
  },
  {
    id: 'fault-terminate',
    label: 'Terminate instance',
    explanation:
      'Drop on an EC2 instance (or a task on it): the instance is terminated, its tasks stop with "Host EC2 (instance …) terminated."',
    item: { kind: 'fault', fault: 'terminateInstance' },
    group: 'Faults',
  },
  {
    id: 'fault-az',
    label: 'AZ down',
    explanation:
      'Drop on an Availability Zone: everything in it is lost and nothing can be placed there until it is restored.',
    item: { kind: 'fault', fault: 'azDown' },
    group: 'Faults',
  },
  {
    id: 'fault-spot',
    label: 'Spot interruption',
    explanation:
      'Drop on a Fargate Spot task (SIGTERM, capacity reclaimed in two minutes) or on an EC2 Spot instance (two-minute interruption notice: it drains, then terminates). On-Demand capacity is refused.',
    item: { kind: 'fault', fault: 'spotInterruption' },
    group: 'Faults',
  },
  {
    id: 'fault-broken',
    label: 'Deploy broken revision',
    explanation:
      'Drop on a service: a new revision whose image tag does not exist is deployed with the deployment circuit breaker on — tasks fail to start, the deployment FAILS and rolls back.',
    item: { kind: 'fault', fault: 'brokenRevision' },
    group: 'Faults',
  },
];

const GROUPS: readonly Entry['group'][] = [
  'Capacity',
  'Task definitions',
  'Services',
  'Traffic',
  'Faults',
];
/** Pointer travel (CSS px) that turns a press into a drag. */
const DRAG_SLOP = 5;

/**
 * The drop logic (and the task-definition parser it validates the library with) loads right after
 * the first frame, not with it (issue 8: initial JS). A drop before it has loaded waits for it.
 */
let dropModule: typeof import('../machine/drop-commands.ts') | undefined;
const dropReady = import('../machine/drop-commands.ts').then((m) => (dropModule = m));

@customElement('cp-palette')
export class CpPalette extends LitElement {
  static override styles = [
    controlStyles,
    css`
      :host {
        display: block;
      }
      .group {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
        margin-bottom: 6px;
      }
      h3 {
        font-size: 12px;
        margin: 4px 0 2px;
        color: var(--cp-muted, #5b6578);
        font-weight: 600;
      }
      .item {
        touch-action: none;
        user-select: none;
        cursor: grab;
        font-size: 12px;
        padding: 2px 8px;
      }
      .item.fault {
        border-color: var(--cp-danger, #c62828);
      }
      .explain {
        font-size: 12px;
        /* Fixed height: explanations never move the items under the pointer. */
        height: 4.5em;
        overflow: auto;
        margin: 4px 0;
        color: var(--cp-muted, #5b6578);
      }
      .result {
        font-size: 12px;
        margin: 4px 0;
        padding: 4px 6px;
        border-radius: 6px;
        background: var(--cp-subtle, #eef1f6);
      }
      /* The message's own line breaks show; the template's indentation around it does not. */
      .result .text {
        white-space: pre-wrap;
      }
      .result.refused {
        border-left: 4px solid var(--cp-danger, #c62828);
      }
      .ghost {
        position: fixed;
        pointer-events: none;
        z-index: 1000;
        padding: 2px 8px;
        border-radius: 6px;
        font-size: 12px;
        background: var(--cp-accent, #2f6feb);
        color: var(--cp-accent-text, #fff);
        transform: translate(8px, 8px);
      }
      label {
        font-size: 12px;
        display: flex;
        gap: 4px;
        align-items: center;
      }
      select {
        max-width: 100%;
        min-width: 0;
      }
    `,
  ];

  /** The canvas, for finding what is under a drop. */
  @property({ attribute: false }) canvas: ClusterCanvas | undefined;

  @state() private explained: Entry | undefined;
  @state() private result: { text: string; refused: boolean } | undefined;
  @state() private ghost: { label: string; x: number; y: number } | undefined;
  @state() private menuKey = '';

  /**
   * What the drop-target menu (targetOptions) reads, by reference: the palette re-renders when a
   * target can have come or gone, not on every simulation step (issue 8). Render reads the sim.
   */
  private readonly cluster = new ActorController(this, (s) => {
    const { sim, selection } = s.context;
    return {
      cluster: sim.cluster,
      instances: sim.instances,
      services: sim.services,
      // Only a selected task is listed; `sim.tasks` is read only then (it is built on first read).
      task: selection?.kind === 'task' ? sim.tasks[selection.id] : undefined,
      selection,
    };
  });

  /** The drop targets of the latest snapshot. */
  private options(): TargetOption[] {
    const context = this.cluster.snapshot()?.context;
    return context === undefined ? [] : targetOptions(context.sim, context.selection);
  }
  private press: { entry: Entry; x: number; y: number; dragging: boolean; id: number } | undefined;

  /** Drops `item` on `target`: sends the commands or shows why not. Returns the outcome. */
  drop(item: PaletteItem, target: DropTarget): DropResult | undefined {
    const actor = this.cluster.actor;
    if (actor === undefined) return undefined;
    if (dropModule === undefined) {
      void dropReady.then(() => this.drop(item, target));
      return undefined;
    }
    const result = dropModule.dropCommands(actor.getSnapshot().context.sim, item, target);
    if (result.ok) {
      actor.send({ type: 'COMMANDS', commands: result.commands });
      const error = actor.getSnapshot().context.lastError;
      this.result =
        error === undefined
          ? { text: result.summary, refused: false }
          : { text: error, refused: true };
    } else {
      this.result = { text: `Not done: ${result.reason}`, refused: true };
    }
    return result;
  }

  /** Shows `text` in the result line (a confirmation, or a refusal when `refused`). */
  report(text: string, refused: boolean): void {
    this.result = { text, refused };
  }

  /** Registers a task-definition file from the picker; problems are listed with file:line:column. */
  async importFile(file: File): Promise<void> {
    const actor = this.cluster.actor;
    if (actor === undefined) return;
    if (file.size > MAX_DROPPED_FILE_BYTES) {
      this.report(`Not imported: ${file.name} is too large (${file.size} bytes).`, true);
      return;
    }
    const result = importTaskDefinition(actor, await file.text(), file.name);
    this.report(
      result.ok
        ? result.summary
        : `Not imported (nothing changed):\n${describeDiagnostics(result.errors)}`,
      !result.ok,
    );
  }

  /** Opens the task-definition editor with a template for "your own" definition. */
  async openOwnEditor(): Promise<void> {
    const actor = this.cluster.actor;
    if (actor === undefined) return;
    // Loaded with the editor, not at start (it brings the task-definition parser; issue 8).
    const { OWN_TASK_DEFINITION_TEMPLATE } = await import('../machine/task-definition-editing.ts');
    await openTaskDefinitionEditor(this.renderRoot, {
      actor,
      text: OWN_TASK_DEFINITION_TEMPLATE,
      heading: 'Your own task definition (RegisterTaskDefinition JSON)',
    });
  }

  /** Drops at a client (viewport) point: whatever the canvas shows there. */
  dropAt(item: PaletteItem, clientX: number, clientY: number): DropResult | undefined {
    const canvas = this.canvas;
    if (canvas === undefined) return undefined;
    const box = canvas.app.canvas.getBoundingClientRect();
    const x = clientX - box.left;
    const y = clientY - box.top;
    if (x < 0 || y < 0 || x > box.width || y > box.height) {
      this.result = { text: 'Dropped outside the cluster: nothing changed.', refused: true };
      return undefined;
    }
    return this.drop(item, targetFromPick(canvas.pick(x, y)));
  }

  private onPointerDown(e: PointerEvent, entry: Entry): void {
    if (e.button !== 0) return;
    try {
      // Keep receiving the moves when the pointer leaves the button (mouse, touch and pen alike).
      (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    } catch {
      // Not an active pointer (a synthetic event): moves still arrive while over the button.
    }
    this.press = { entry, x: e.clientX, y: e.clientY, dragging: false, id: e.pointerId };
  }

  private onPointerMove(e: PointerEvent): void {
    const p = this.press;
    if (p === undefined || p.id !== e.pointerId) return;
    if (!p.dragging && Math.hypot(e.clientX - p.x, e.clientY - p.y) < DRAG_SLOP) return;
    p.dragging = true;
    this.ghost = { label: p.entry.label, x: e.clientX, y: e.clientY };
  }

  private onPointerUp(e: PointerEvent): void {
    const p = this.press;
    if (p === undefined || p.id !== e.pointerId) return;
    this.press = undefined;
    this.ghost = undefined;
    if (p.dragging) {
      e.preventDefault();
      this.dropAt(p.entry.item, e.clientX, e.clientY);
    }
  }

  private onPointerCancel(): void {
    this.press = undefined;
    this.ghost = undefined;
  }

  /** Click / Enter / Space: the menu equivalent — drop on the target chosen in "Drop on". */
  private onActivate(e: MouseEvent, entry: Entry): void {
    // A click that ends a drag was handled by pointerup.
    if (e.detail > 0 && this.suppressClick) {
      this.suppressClick = false;
      return;
    }
    if (this.cluster.value === undefined) return;
    const options = this.options();
    const chosen = options.find((o) => o.key === this.menuKey) ?? options[0];
    if (chosen !== undefined) this.drop(entry.item, chosen.target);
  }

  private suppressClick = false;

  override render() {
    if (this.cluster.value === undefined) return html``;
    const options = this.options();
    const menuKey = options.some((o) => o.key === this.menuKey)
      ? this.menuKey
      : (options[0]?.key ?? '');
    return html`
      <h2>Palette</h2>
      <label>
        Drop on
        <select
          class="target"
          @change=${(e: Event) => (this.menuKey = (e.target as HTMLSelectElement).value)}
        >
          ${options.map(
            (o) => html`<option value=${o.key} .selected=${o.key === menuKey}>${o.label}</option>`,
          )}
        </select>
      </label>
      ${GROUPS.map(
        (g) =>
          html`<h3>${g}</h3>
            <div class="group" role="group" aria-label=${g}>
              ${PALETTE_ENTRIES.filter((e) => e.group === g).map(
                (entry) =>
                  html`<button
                    class="item ${entry.item.kind}"
                    data-id=${entry.id}
                    title=${entry.explanation}
                    aria-description=${entry.explanation}
                    @pointerenter=${() => (this.explained = entry)}
                    @focus=${() => (this.explained = entry)}
                    @pointerdown=${(e: PointerEvent) => this.onPointerDown(e, entry)}
                    @pointermove=${(e: PointerEvent) => this.onPointerMove(e)}
                    @pointerup=${(e: PointerEvent) => {
                      this.suppressClick = this.press?.dragging === true;
                      this.onPointerUp(e);
                    }}
                    @pointercancel=${() => this.onPointerCancel()}
                    @click=${(e: MouseEvent) => this.onActivate(e, entry)}
                  >
                    ${entry.label}
                  </button>`,
              )}
              ${
                g === 'Task definitions'
                  ? html`<button
                        class="own-td"
                        title="Write your own task definition (JSON) in an editor that checks it with AWS's RegisterTaskDefinition rules, then register it"
                        @click=${() => void this.openOwnEditor()}
                      >
                        Your own…
                      </button>
                      <button
                        class="import-td"
                        title="Import a task-definition JSON file (register-task-definition input or describe-task-definition output) and register it as a new revision"
                        @click=${() =>
                          this.renderRoot.querySelector<HTMLInputElement>('input.td-file')?.click()}
                      >
                        Import JSON…
                      </button>
                      <input
                        class="td-file"
                        type="file"
                        accept=".json,application/json"
                        hidden
                        aria-label="Import a task-definition JSON file"
                        @change=${(e: Event) => {
                          const input = e.target as HTMLInputElement;
                          const file = input.files?.[0];
                          input.value = '';
                          if (file !== undefined) void this.importFile(file);
                        }}
                      />`
                  : null
              }
            </div>`,
      )}
      <p class="explain" aria-live="polite">
        ${
          this.explained?.explanation ??
          'Drag an item onto the cluster — or choose a target in “Drop on” and press the item.'
        }
      </p>
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
      ${
        this.ghost === undefined
          ? null
          : html`<div
              class="ghost"
              style=${styleMap({ left: `${this.ghost.x}px`, top: `${this.ghost.y}px` })}
            >
              ${this.ghost.label}
            </div>`
      }
    `;
  }
}

/** `targetKey` re-exported for tests that pick a menu entry. */
export { targetKey };

declare global {
  interface HTMLElementTagNameMap {
    'cp-palette': CpPalette;
  }
}
