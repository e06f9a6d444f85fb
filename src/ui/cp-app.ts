/**
 * `<cp-app>`: the playground's layout (toolbar on top, canvas in the centre, inspector and actions
 * on the right, event log below). It provides the cluster actor to every panel through context,
 * hosts the Pixi canvas and pushes each new snapshot to it, turns canvas clicks into SELECT, drives
 * the rAF ticker (TICK with the wall-clock frame time) and the keyboard shortcuts.
 */
import { ContextProvider } from '@lit/context';
import { LitElement, html, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Subscription } from 'xstate';
import type { ClusterActor } from '../machine/index.ts';
import {
  createClusterCanvas,
  PRESENTER_LEGEND_SCALE,
  type ClusterCanvas,
} from '../render/index.ts';
import { clusterActorContext } from './actor-context.ts';
import { appStyles } from './app-styles.ts';
import { FrameTicker } from './frame-ticker.ts';
import { TickBatcher } from './tick-batcher.ts';
import { watchReducedMotion } from './reduced-motion.ts';
import { shortcutEvent } from './keyboard-shortcuts.ts';
import { scenarioAppStyles } from './scenario-app-styles.ts';
import './cp-alert.ts';
import './cp-toolbar.ts';
// The palette, inspector, actions, traffic, cost, saves, terminal, EKS panels, the event log and the
// announcer are defined after the first frame (issue 8).
import { lazyPanelsReady } from './lazy-panels.ts';
import type { ExperimentSession } from './experiment-session.ts';

/** Colour themes of the page and the canvas. */
export type AppTheme = 'light' | 'dark' | 'high-contrast';

/**
 * The whole playground. Set `.actor` to a started cluster actor; the element never creates or owns
 * cluster state. `canvasReady` resolves once the canvas is drawing (or rejects if WebGL is missing).
 */
@customElement('cp-app')
export class CpApp extends LitElement {
  static override styles = [appStyles, scenarioAppStyles];

  /** An update of the app is complete once the panels defined after the first frame are too. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    await lazyPanelsReady;
    return done;
  }

  /** The running cluster machine this playground shows and controls. */
  @property({ attribute: false }) actor: ClusterActor | undefined;
  /** Colour theme; reflected so the CSS custom properties follow it. */
  @property({ reflect: true }) theme: AppTheme = 'light';
  /** When set, no rAF ticker runs (tests and scenario players drive time with TICK/STEP). */
  @property({ type: Boolean, attribute: 'no-ticker' }) noTicker = false;
  /** The sandbox's autosave/saves/share session (issue 5); the saves panel shows when set. */
  @property({ attribute: false }) session: ExperimentSession | undefined;
  /** A scenario is shown (set by scenario-host.ts): the sandbox toolbar and actions step aside. */
  @property({ type: Boolean, reflect: true }) scenario = false;
  /** Presenter mode: the canvas fills the screen, panels hidden (scenario-host.ts). */
  @property({ type: Boolean, reflect: true }) present = false;

  @state() private canvasError: string | undefined;
  @query('.canvas-host') private canvasHost!: HTMLElement;

  /** The canvas, once created. */
  canvas: ClusterCanvas | undefined;
  /** Resolves when the canvas is ready. */
  readonly canvasReady: Promise<ClusterCanvas>;

  private readonly provider = new ContextProvider(this, { context: clusterActorContext });
  /** Frames' wall time goes to the machine in as few TICKs as keep it exact (tick-batcher.ts). */
  private readonly ticks = new TickBatcher();
  private readonly ticker = new FrameTicker(this, (wallMs) => {
    if (this.actor !== undefined) this.ticks.frame(this.actor, wallMs);
  });
  private subscription: Subscription | undefined;
  private unwatchMotion: (() => void) | undefined;
  private resolveCanvas!: (canvas: ClusterCanvas) => void;
  private rejectCanvas!: (error: unknown) => void;

  constructor() {
    super();
    this.canvasReady = new Promise((resolve, reject) => {
      this.resolveCanvas = resolve;
      this.rejectCanvas = reject;
    });
    // Nobody may be awaiting it; the error is shown in the canvas area instead.
    this.canvasReady.catch(() => undefined);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('keydown', this.onKeyDown);
    // Re-attached after a disconnect: the canvas was destroyed then, so start a new one.
    if (this.hasUpdated && this.canvas === undefined) void this.startCanvas();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('keydown', this.onKeyDown);
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    // A WebGL context is a scarce resource (browsers allow ~16): give it back.
    this.canvas?.destroy();
    this.canvas = undefined;
    this.unwatchMotion?.();
    this.unwatchMotion = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('actor')) {
      this.provider.setValue(this.actor);
      this.subscription?.unsubscribe();
      this.subscription = undefined;
      this.pushToCanvas();
    }
    if (changed.has('noTicker')) this.ticker.enabled = !this.noTicker;
    if (changed.has('theme')) this.canvas?.setTheme(this.theme);
    if (changed.has('present')) this.canvas?.setLegendScale(this.legendScale);
  }

  /** The legend is drawn larger in presenter mode, to be read from the back row. */
  private get legendScale(): number {
    return this.present ? PRESENTER_LEGEND_SCALE : 1;
  }

  protected override firstUpdated(): void {
    void this.startCanvas();
  }

  private async startCanvas(): Promise<void> {
    try {
      // The canvas follows the host's size by itself; reduced motion makes its animations instant.
      const canvas = await createClusterCanvas(this.canvasHost, {
        theme: this.theme,
        reducedMotion: matchMedia('(prefers-reduced-motion: reduce)').matches,
      });
      if (!this.isConnected) {
        canvas.destroy();
        return;
      }
      this.canvas = canvas;
      // The preference can change while the page is open (OS setting): follow it.
      this.unwatchMotion?.();
      this.unwatchMotion = watchReducedMotion((reduced) => canvas.setReducedMotion(reduced));
      // The theme may have changed while the canvas was starting (e.g. presenter mode on load).
      canvas.setTheme(this.theme);
      canvas.setLegendScale(this.legendScale);
      canvas.onSelect((ref) => this.actor?.send({ type: 'SELECT', ref }));
      this.pushToCanvas();
      this.resolveCanvas(canvas);
      this.requestUpdate(); // the palette needs the canvas for drops
    } catch (error) {
      this.canvasError = `The cluster canvas could not start (${String(error)}). Panels still work.`;
      this.rejectCanvas(error);
    }
  }

  /** Subscribes the canvas to the actor: every new sim or selection is handed to the renderer. */
  private pushToCanvas(): void {
    const { actor, canvas } = this;
    if (actor === undefined || canvas === undefined || !this.isConnected) return;
    this.subscription?.unsubscribe();
    let lastSim: unknown;
    let lastSelection: unknown = null;
    let lastK8s: unknown = null;
    let lastView: unknown;
    const push = (): void => {
      const { sim, selection, view } = actor.getSnapshot().context;
      const k8s = sim.eks;
      if (k8s !== lastK8s || view !== lastView) canvas.updateK8s(k8s, view);
      lastK8s = k8s;
      lastView = view;
      if (sim !== lastSim) canvas.update(sim);
      if (selection !== lastSelection) canvas.setSelection(selection);
      lastSim = sim;
      lastSelection = selection;
    };
    push();
    this.subscription = actor.subscribe(push);
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented) return; // already handled (e.g. by the scenario player)
    const target = event.composedPath()[0];
    const command = shortcutEvent(event.key, target, {
      ctrl: event.ctrlKey,
      meta: event.metaKey,
      alt: event.altKey,
      shift: event.shiftKey,
    });
    if (command === undefined || this.actor === undefined) return;
    event.preventDefault();
    this.actor.send(command);
  };

  override render() {
    return html`
      <header>
        <h1>Cluster Playground</h1>
        <cp-toolbar></cp-toolbar>
        <cp-eks-controls ?views-only=${this.scenario}></cp-eks-controls>
        <slot name="controls"></slot>
        <button
          class="theme"
          aria-pressed=${this.theme === 'dark' ? 'true' : 'false'}
          @click=${() => (this.theme = this.theme === 'dark' ? 'light' : 'dark')}
        >
          Dark theme
        </button>
      </header>
      <main class="stage" aria-label="Cluster canvas">
        <!-- The scenario layer (caption, its question choices, player) comes first in the DOM so
             Tab reaches it before the canvas legend's buttons; it still paints above (z-index 2). -->
        <slot name="stage"></slot>
        <div class="canvas-host"></div>
        <cp-announcer></cp-announcer>
        ${
          this.canvasError === undefined
            ? null
            : html`<p class="canvas-error" role="alert">${this.canvasError}</p>`
        }
        <button
          class="reset-view"
          title="Fit the whole cluster in view"
          @click=${() => this.canvas?.resetView()}
        >
          Fit view
        </button>
      </main>
      <aside aria-label="Inspector and actions">
        <cp-alert></cp-alert>
        <cp-palette .canvas=${this.canvas}></cp-palette>
        <cp-inspector></cp-inspector>
        <cp-actions></cp-actions>
        <cp-traffic-panel></cp-traffic-panel>
        <cp-saves .session=${this.session}></cp-saves>
        <cp-cost-panel></cp-cost-panel>
      </aside>
      <footer aria-label="Event log">
        <cp-event-log></cp-event-log>
        <cp-terminal></cp-terminal>
      </footer>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'cp-app': CpApp;
  }
}
