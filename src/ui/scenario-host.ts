/**
 * Wires scenarios into a <cp-app>: opens a bundled scenario by name or a file's text (validated
 * by the loader; on any error the problems are listed with file:line:column and field, and what
 * was on screen stays as it was — never a half-loaded scenario), swaps the app between the free
 * playground's cluster actor and the scenario session's mirror, highlights the step's focus on
 * the canvas, handles the player and presenter keys, owns the page's file-drop dispatcher, and (optionally) keeps the URL's
 * deep link `?scenario=NAME&step=N&present` up to date.
 */
import { createSimulation } from '../sim/index.ts';
import { MAX_SCENARIO_BYTES, loadScenario } from '../formats/scenario.ts';
import type { Diagnostic } from '../formats/diagnostics.ts';
import type { ClusterActor, ClusterView } from '../machine/index.ts';
import type { CpApp, AppTheme } from './cp-app.ts';
import {
  DISMISS_LOAD_ERRORS_EVENT,
  type CpScenarioLayer,
  type LoadFailure,
} from './cp-scenario-layer.ts';
import {
  OPEN_FILE_EVENT,
  OPEN_SCENARIO_EVENT,
  PRESENT_EVENT,
  type CpScenarioMenu,
  type ScenarioChoice,
} from './cp-scenario-menu.ts';
import { LEAVE_SCENARIO_EVENT } from './cp-player.ts';
import { playerKeyAction } from './player-keys.ts';
import { nextView } from '../machine/cluster-view.ts';
import { ScenarioSession, type SessionOptions } from './scenario-session.ts';
import { parseScenarioLink, withScenarioLink } from './scenario-url.ts';
import { FileDropDispatcher } from './file-drop.ts';
import './cp-scenario-layer.ts';
import './cp-scenario-menu.ts';

/** Bundled scenario texts by name (file name without .yaml). */
export type ScenarioLibrary = Readonly<Record<string, string>>;

export interface ScenarioHostOptions {
  readonly library: ScenarioLibrary;
  /** Where keys are listened for (the page: window; an embed: its own element). */
  readonly keyTarget: EventTarget;
  /** Where files may be dropped. */
  readonly dropTarget: EventTarget;
  /** Keep `?scenario=&step=&present` in the address bar (the page, not an embed). */
  readonly syncUrl?: boolean;
  /** Element to make full screen with F (default: the app). */
  readonly fullscreenElement?: Element;
  /** Show the scenario menu in the header (default true). */
  readonly menu?: boolean;
  /** No rAF ticker in the player bar (tests drive time with TICK). */
  readonly noTicker?: boolean;
}

/** What a screen reader hears after V (presenter mode) changed the view. */
const VIEW_NOTES: Readonly<Record<ClusterView, string>> = {
  ECS: 'Showing the ECS cluster',
  EKS: 'Showing the EKS cluster',
  SIDE_BY_SIDE: 'Showing the ECS and EKS clusters side by side',
};

/** The outcome of an open request. */
export type OpenResult = { ok: true } | { ok: false; errors: readonly Diagnostic[] };

/** Scenario choices for the menu: the title line of each bundled file (cheap, no full parse). */
export function libraryChoices(library: ScenarioLibrary): ScenarioChoice[] {
  return Object.keys(library)
    .sort()
    .map((name) => {
      const title = /^title:\s*['"]?(.+?)['"]?\s*$/m.exec(library[name] ?? '')?.[1];
      return { name, title: title ?? name };
    });
}

export class ScenarioHost {
  session: ScenarioSession | undefined;
  /** Name of the open scenario: a library name, or the file name when opened from disk. */
  current = '';
  presenting = false;
  readonly layer: CpScenarioLayer;
  readonly menu: CpScenarioMenu | undefined;
  private failure: LoadFailure | undefined;
  private themeBeforePresent: AppTheme | undefined;
  private unsubscribeFocus: (() => void) | undefined;
  private unsubscribeUrl: (() => void) | undefined;
  /** Files dropped on the page, by kind (scenario here; the page adds the sandbox's kinds). */
  readonly files: FileDropDispatcher;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    readonly app: CpApp,
    /** The free playground's cluster actor (shown when no scenario is open). */
    readonly sandbox: ClusterActor,
    private readonly options: ScenarioHostOptions,
  ) {
    this.layer = document.createElement('cp-scenario-layer');
    this.layer.slot = 'stage';
    this.layer.noTicker = options.noTicker ?? false;
    app.appendChild(this.layer);
    if (options.menu ?? true) {
      this.menu = document.createElement('cp-scenario-menu');
      this.menu.slot = 'controls';
      this.menu.choices = libraryChoices(options.library);
      app.appendChild(this.menu);
    }
    if (app.actor === undefined) app.actor = sandbox;
    this.listen(options.keyTarget, 'keydown', this.onKeyDown as EventListener, true);
    // The page's one file-drop handler: scenarios here; other kinds are registered by the page.
    this.files = new FileDropDispatcher(options.dropTarget, {
      onDropping: (on) => (this.layer.dropping = on),
      onFailure: (failure) => this.showFailure(failure),
      onSuccess: () => this.showFailure(undefined),
    });
    this.files.handle('scenario', (text, fileName) => {
      const result = this.openText(text, fileName);
      return result.ok ? undefined : result.errors;
    });
    this.cleanups.push(() => this.files.dispose());
    this.listen(app, LEAVE_SCENARIO_EVENT, () => this.leave());
    this.listen(app, DISMISS_LOAD_ERRORS_EVENT, () => this.showFailure(undefined));
    this.listen(app, OPEN_SCENARIO_EVENT, (e) => {
      const name = (e as CustomEvent<{ name: string }>).detail.name;
      if (name === '') this.leave();
      else this.openNamed(name);
    });
    // The header's Open file… picks any kind of file: told apart by content, like a drop.
    this.listen(app, OPEN_FILE_EVENT, (e) => {
      void this.files.open((e as CustomEvent<{ file: File }>).detail.file);
    });
    this.listen(app, PRESENT_EVENT, () => this.setPresent(true));
    this.listen(document, 'fullscreenchange', () => this.layer.requestUpdate());
  }

  /** Opens `?scenario=&step=&present` from `search`. */
  openFromUrl(search: string, options: Omit<SessionOptions, 'step'> = {}): OpenResult | undefined {
    const link = parseScenarioLink(search);
    let result: OpenResult | undefined;
    if (link.scenario !== undefined) {
      result = this.openNamed(link.scenario, {
        ...options,
        ...(link.step === undefined ? {} : { step: link.step }),
      });
    }
    if (link.present) this.setPresent(true);
    return result;
  }

  /** Opens a bundled scenario. */
  openNamed(name: string, options: SessionOptions = {}): OpenResult {
    const text = this.options.library[name];
    if (text === undefined) {
      const known = Object.keys(this.options.library).sort().join(', ');
      const errors: Diagnostic[] = [
        {
          file: `${name}.yaml`,
          line: 1,
          column: 1,
          path: '',
          message: `No bundled scenario is called "${name}" (known: ${known})`,
          severity: 'error',
        },
      ];
      this.showFailure({ fileName: `${name}.yaml`, errors });
      return { ok: false, errors };
    }
    return this.openText(text, `${name}.yaml`, options, name);
  }

  /** Opens a file from disk (picker or drop). */
  async openFile(file: File): Promise<OpenResult> {
    if (file.size > MAX_SCENARIO_BYTES) {
      // Refuse before reading: the loader's own limit, reported the way the loader reports it.
      const errors: Diagnostic[] = [
        {
          file: file.name,
          line: 1,
          column: 1,
          path: '',
          message: `Scenario file is too large: ${file.size} bytes (the limit is ${MAX_SCENARIO_BYTES} bytes, 1 MB)`,
          severity: 'error',
        },
      ];
      this.showFailure({ fileName: file.name, errors });
      return { ok: false, errors };
    }
    let text: string;
    try {
      text = await file.text();
    } catch (error) {
      const errors: Diagnostic[] = [
        {
          file: file.name,
          line: 1,
          column: 1,
          path: '',
          message: `The file could not be read: ${String(error)}`,
          severity: 'error',
        },
      ];
      this.showFailure({ fileName: file.name, errors });
      return { ok: false, errors };
    }
    return this.openText(text, file.name);
  }

  /**
   * Validates `text` and, only when it is a complete scenario, replaces what is shown. On errors
   * the previous scenario (or the free playground) stays exactly as it was.
   */
  openText(
    text: string,
    fileName: string,
    options: SessionOptions = {},
    name?: string,
  ): OpenResult {
    const loaded = loadScenario(text, fileName);
    if (!loaded.ok) {
      this.showFailure({ fileName, errors: loaded.errors });
      return { ok: false, errors: loaded.errors };
    }
    const session = new ScenarioSession(loaded.scenario, options);
    this.showFailure(undefined);
    this.replaceSession(session, name ?? fileName);
    return { ok: true };
  }

  /** Back to the free playground (its cluster as it was left). */
  leave(): void {
    if (this.session === undefined) return;
    this.replaceSession(undefined, '');
  }

  /** Presenter mode: canvas fills the screen, high-contrast theme, large captions, keys only. */
  setPresent(on: boolean): void {
    if (on === this.presenting) return;
    this.presenting = on;
    this.app.present = on;
    this.layer.present = on;
    if (on) {
      this.themeBeforePresent = this.app.theme;
      this.app.theme = 'high-contrast';
    } else {
      this.app.theme = this.themeBeforePresent ?? 'light';
      if (document.fullscreenElement !== null)
        void document.exitFullscreen().catch(() => undefined);
    }
    this.writeUrl();
    // The canvas follows its host's size; fit the cluster into the new stage.
    requestAnimationFrame(() => this.app.canvas?.resetView());
  }

  toggleFullscreen(): void {
    const el = this.options.fullscreenElement ?? this.app;
    if (document.fullscreenElement !== null) {
      void document.exitFullscreen().catch(() => undefined);
    } else {
      // Browsers refuse without a user gesture; a key press is one, a script is not.
      void el.requestFullscreen?.().catch(() => undefined);
    }
  }

  /**
   * Shows the next view of the shown cluster (presenter mode's V): ECS → EKS → Side by side, among
   * the views that show something; the same SET_VIEW the view buttons send, so it stays the
   * learner's choice.
   */
  nextView(): void {
    const actor = this.app.actor;
    if (actor === undefined) return;
    const { view, sim } = actor.getSnapshot().context;
    const next = nextView(view, sim);
    if (next === undefined) return;
    actor.send({ type: 'SET_VIEW', view: next });
    this.layer.viewNote = VIEW_NOTES[next];
  }

  dispose(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.unsubscribeFocus?.();
    this.unsubscribeUrl?.();
    this.session?.dispose();
    this.session = undefined;
    this.layer.remove();
    this.menu?.remove();
  }

  private replaceSession(session: ScenarioSession | undefined, name: string): void {
    this.unsubscribeFocus?.();
    this.unsubscribeFocus = undefined;
    this.unsubscribeUrl?.();
    this.unsubscribeUrl = undefined;
    const previous = this.session;
    this.session = session;
    this.current = name;
    // Versions only order states of one run: blank the canvas so a state of another run whose
    // version happens to match the old one is still drawn (a version-0 state is an empty cluster).
    this.app.canvas?.update(createSimulation({ seed: 0 }));
    this.app.canvas?.setFocus(undefined);
    this.app.actor = session?.view ?? this.sandbox;
    this.app.scenario = session !== undefined;
    this.layer.player = session?.player;
    if (this.menu !== undefined) this.menu.current = name;
    previous?.dispose();
    if (session !== undefined) {
      this.unsubscribeFocus = session.onFocus((ref) => this.app.canvas?.setFocus(ref));
      // The canvas may still be starting: highlight once it is ready.
      void this.app.canvasReady.then(
        (canvas) => {
          if (this.session === session) canvas.setFocus(session.focus());
        },
        () => undefined,
      );
      if (this.options.syncUrl) {
        let lastStep = -1;
        const sub = session.player.subscribe((snap) => {
          if (snap.context.position.stepIndex === lastStep) return;
          lastStep = snap.context.position.stepIndex;
          this.writeUrl();
        });
        this.unsubscribeUrl = () => sub.unsubscribe();
      }
    }
    this.writeUrl();
  }

  private writeUrl(): void {
    if (!this.options.syncUrl) return;
    const named = this.current !== '' && this.options.library[this.current] !== undefined;
    const step = this.session?.player.getSnapshot().context.position.stepIndex;
    const search = withScenarioLink(location.search, {
      ...(named ? { scenario: this.current } : {}),
      ...(named && step !== undefined ? { step: step + 1 } : {}),
      present: this.presenting,
    });
    const url = `${location.pathname}${search === '?' ? '' : search}${location.hash}`;
    if (url !== `${location.pathname}${location.search}${location.hash}`) {
      history.replaceState(history.state, '', url);
    }
  }

  private showFailure(failure: LoadFailure | undefined): void {
    this.failure = failure;
    this.layer.failure = failure;
  }

  private listen(
    target: EventTarget,
    type: string,
    handler: (e: Event) => void,
    capture = false,
  ): void {
    target.addEventListener(type, handler, capture);
    this.cleanups.push(() => target.removeEventListener(type, handler, capture));
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const action = playerKeyAction(
      event.key,
      event.composedPath()[0],
      { ctrl: event.ctrlKey, meta: event.metaKey, alt: event.altKey },
      { scenario: this.session !== undefined, presenting: this.presenting },
    );
    if (action === undefined) return;
    event.preventDefault();
    // The free playground's own shortcuts must not also act on this key.
    event.stopPropagation();
    switch (action.kind) {
      case 'player':
        this.session?.player.send(action.event);
        break;
      case 'present':
        this.setPresent(action.on);
        break;
      case 'fullscreen':
        this.toggleFullscreen();
        break;
      case 'view':
        this.nextView();
        break;
      case 'swallow':
        break;
    }
  };
}
