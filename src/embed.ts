/**
 * `<cluster-playground>`: the whole playground as one custom element for course pages and slide
 * decks, from one script tag of the build (`dist/cluster-playground.js`):
 *
 *   <script type="module" src="cluster-playground.js"></script>
 *   <cluster-playground scenario="deploy-scalable-web-app" step="3" present></cluster-playground>
 *
 * Attributes: `scenario` (a bundled scenario's name; none = the free playground), `step` (1-based),
 * `present` (presenter mode), `seed`, `speed`, `theme` (light|dark), `menu` (show the scenario
 * menu), `panels` (show the inspector and event log; by default an embed is the canvas and the
 * scenario only). Size it with CSS (default 600 px high). Keys act while the element has focus.
 * It needs no inline script and no eval, so it runs under the same strict CSP as the app.
 */
// Pixi would otherwise compile shader code with `new Function`, which a strict CSP forbids.
import 'pixi.js/unsafe-eval';
import { createActor } from 'xstate';
import { clusterMachine, type ClusterActor } from './machine/index.ts';
import { createDefaultCluster } from './sim/index.ts';
import { SCENARIO_LIBRARY } from './scenario-library.ts';
import './ui/cp-app.ts';
import type { AppTheme, CpApp } from './ui/cp-app.ts';
import { ScenarioHost } from './ui/scenario-host.ts';

const STYLE = `
  :host { display: block; position: relative; height: 600px; outline: none; }
  :host(:focus-visible) { outline: 3px solid #ffb000; outline-offset: 2px; }
  cp-app { height: 100%; }
`;

export class ClusterPlaygroundElement extends HTMLElement {
  static readonly observedAttributes = ['scenario', 'step', 'present'];

  /** The playground inside (for scripts and tests). */
  app: CpApp | undefined;
  host_: ScenarioHost | undefined;
  private sandbox: ClusterActor | undefined;

  /** The scenario host (open/leave scenarios, presenter mode). */
  get scenarios(): ScenarioHost | undefined {
    return this.host_;
  }

  connectedCallback(): void {
    if (this.app !== undefined) return;
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = STYLE;
    const seedText = this.getAttribute('seed');
    const seed = seedText !== null && /^\d{1,10}$/.test(seedText) ? Number(seedText) >>> 0 : 1;
    const speedText = this.getAttribute('speed');
    const speed = speedText === null ? undefined : Number(speedText);
    this.sandbox = createActor(clusterMachine, {
      input: { sim: createDefaultCluster(seed), ...(speed === undefined ? {} : { speed }) },
    });
    this.sandbox.start();
    const app = document.createElement('cp-app');
    const theme = this.getAttribute('theme');
    app.theme = (theme === 'dark' ? 'dark' : 'light') satisfies AppTheme;
    app.actor = this.sandbox;
    if (!this.hasAttribute('panels')) app.setAttribute('compact', '');
    root.append(style, app);
    this.app = app;
    if (!this.hasAttribute('tabindex')) this.tabIndex = 0;
    this.host_ = new ScenarioHost(app, this.sandbox, {
      library: SCENARIO_LIBRARY,
      keyTarget: this,
      dropTarget: this,
      fullscreenElement: this,
      menu: this.hasAttribute('menu'),
    });
    this.openFromAttributes(seedText === null ? undefined : seed, speed);
    if (this.hasAttribute('present')) this.host_.setPresent(true);
  }

  disconnectedCallback(): void {
    this.host_?.dispose();
    this.host_ = undefined;
    this.sandbox?.stop();
    this.sandbox = undefined;
    this.app?.remove();
    this.app = undefined;
  }

  attributeChangedCallback(name: string, oldValue: string | null, value: string | null): void {
    if (this.host_ === undefined || oldValue === value) return;
    if (name === 'present') this.host_.setPresent(value !== null);
    else this.openFromAttributes();
  }

  private openFromAttributes(seed?: number, speed?: number): void {
    const host = this.host_;
    if (host === undefined) return;
    const name = this.getAttribute('scenario');
    if (name === null || name === '') {
      host.leave();
      return;
    }
    const stepText = this.getAttribute('step');
    const step = stepText !== null && /^\d{1,4}$/.test(stepText) ? Number(stepText) : undefined;
    host.openNamed(name, {
      ...(step === undefined ? {} : { step }),
      ...(seed === undefined ? {} : { seed }),
      ...(speed === undefined ? {} : { speed }),
    });
  }
}

if (customElements.get('cluster-playground') === undefined) {
  customElements.define('cluster-playground', ClusterPlaygroundElement);
}

declare global {
  interface HTMLElementTagNameMap {
    'cluster-playground': ClusterPlaygroundElement;
  }
}
