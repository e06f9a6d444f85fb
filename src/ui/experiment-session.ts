/**
 * The sandbox's experiment session (issue 5): autosaves what the learner does to IndexedDB,
 * reopens it after a reload, keeps the list of saved experiments, exports/imports them as scenario
 * files and makes share links. It only reads the cluster actor and sends it LOAD; all parsing is in
 * src/formats, all conversion in src/machine/experiment.ts, storage in src/persist.
 * An experiment LOADed by someone else (e.g. the scenario player) is not autosaved over.
 */
import type { ClusterActor, Experiment } from '../machine/index.ts';
import {
  DEFAULT_INITIAL,
  experimentStart,
  experimentToScenarioYaml,
  scenarioIdFor,
  scenarioToExperiment,
} from '../machine/index.ts';
import { readExperiment, writeExperiment } from '../formats/experiment-file.ts';
import type { Diagnostic } from '../formats/diagnostics.ts';
import { describeDiagnostics } from './describe-diagnostics.ts';
import { loadScenario } from '../formats/scenario.ts';
import type { ScenarioInitial } from '../formats/scenario-types.ts';
import {
  SHARE_PARAM,
  decodeShare,
  encodeShare,
  shareValueFromHash,
} from '../formats/share-link.ts';
import type { SimState } from '../sim/index.ts';
// Saves, share links and imported experiments may hold an EKS cluster: the session brings its
// simulation (registered on import; src/sim/eks.ts), so it is there before any of them opens.
import '../sim/eks-simulation.ts';
import type { ExperimentStore, StoredExperiment } from '../persist/experiment-store.ts';

/** What the saves panel shows. */
export interface SessionView {
  readonly saves: readonly Pick<StoredExperiment, 'id' | 'name' | 'updatedAt'>[];
  readonly currentId: string | undefined;
  readonly currentName: string;
  /** False while the cluster shows something that is not this experiment (e.g. a lesson). */
  readonly saving: boolean;
  /** The last thing worth telling the learner (a problem or a confirmation). */
  readonly message?: { readonly kind: 'info' | 'error'; readonly text: string };
}

const AUTOSAVE_DELAY_MS = 400;
const TIME_SAVE_EVERY_MS = 5000;

export class ExperimentSession {
  private base: { seed: number; initial: ScenarioInitial };
  private baseSim: SimState;
  private id: string | undefined;
  private name = 'Experiment 1';
  private saves: StoredExperiment[] = [];
  /** Names of saves set aside (quarantined): still the user's, so a new experiment avoids them. */
  private asideNames = new Set<string>();
  private message: SessionView['message'];
  private listeners = new Set<() => void>();
  private lastLog: unknown;
  private lastSpeed: number | undefined;
  private lastSavedNow = -1;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private timeTimer: ReturnType<typeof setInterval> | undefined;
  private unsubscribe: (() => void) | undefined;
  /** Resolves when the pending save (if any) is written. */
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly actor: ClusterActor,
    private readonly store: ExperimentStore,
  ) {
    this.baseSim = actor.getSnapshot().context.initial;
    this.base = { seed: this.baseSim.seed, initial: DEFAULT_INITIAL };
  }

  /** Current view for the panel. */
  get view(): SessionView {
    return {
      saves: this.saves.map(({ id, name, updatedAt }) => ({ id, name, updatedAt })),
      currentId: this.id,
      currentName: this.name,
      saving: this.isOurs(),
      ...(this.message === undefined ? {} : { message: this.message }),
    };
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  private say(kind: 'info' | 'error', text: string): void {
    this.message = { kind, text };
    this.changed();
  }

  dismissMessage(): void {
    this.message = undefined;
    this.changed();
  }

  /**
   * Starts the session: opens the share link in `hash` if there is one, else the experiment the
   * page last worked on, else starts a new one on the cluster the actor already shows.
   */
  async start(hash: string): Promise<void> {
    this.saves = await this.store.list();
    for (const q of await this.store.quarantined()) this.noteAside(q.record);
    const share = shareValueFromHash(hash);
    let opened = false;
    if (share !== undefined) opened = await this.openShare(share);
    if (!opened) {
      const current = await this.store.getCurrent();
      if (current !== undefined && this.saves.some((s) => s.id === current))
        opened = await this.open(current);
    }
    if (!opened) await this.startNew(false);
    this.watch();
    this.changed();
  }

  /** Stops autosaving (writes what is pending first). */
  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    if (this.timeTimer !== undefined) clearInterval(this.timeTimer);
    if (this.saveTimer !== undefined) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      await this.save();
    }
    await this.saving;
  }

  /** Writes the experiment now (tests and page hide call it; autosave calls it debounced). */
  flush(): Promise<void> {
    if (this.saveTimer !== undefined) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
    }
    return this.save();
  }

  private watch(): void {
    const check = (): void => {
      const { commandLog, speed } = this.actor.getSnapshot().context;
      if (commandLog === this.lastLog && speed === this.lastSpeed) return;
      this.lastLog = commandLog;
      this.lastSpeed = speed;
      if (!this.isOurs()) return;
      if (this.saveTimer !== undefined) clearTimeout(this.saveTimer);
      this.saveTimer = setTimeout(() => {
        this.saveTimer = undefined;
        void this.save();
      }, AUTOSAVE_DELAY_MS);
    };
    const sub = this.actor.subscribe(check);
    this.unsubscribe = () => sub.unsubscribe();
    this.lastLog = this.actor.getSnapshot().context.commandLog;
    this.lastSpeed = this.actor.getSnapshot().context.speed;
    // Time running on is part of the experiment too: save it now and then.
    this.timeTimer = setInterval(() => {
      if (this.isOurs() && this.actor.getSnapshot().context.sim.now !== this.lastSavedNow)
        void this.save();
    }, TIME_SAVE_EVERY_MS);
  }

  /** True when the actor shows this experiment (its starting cluster is the one we built). */
  private isOurs(): boolean {
    return this.actor.getSnapshot().context.initial === this.baseSim;
  }

  /** The experiment the actor holds now. */
  current(): Experiment {
    const { commandLog, speed, sim } = this.actor.getSnapshot().context;
    return {
      name: this.name,
      seed: this.base.seed,
      speed,
      initial: this.base.initial,
      log: commandLog,
      untilMs: sim.now,
    };
  }

  /** The experiment as an envelope (what is stored and shared). */
  envelopeText(): string {
    const e = this.current();
    return writeExperiment({ name: e.name, speed: e.speed, scenario: experimentToScenarioYaml(e) });
  }

  private save(): Promise<void> {
    if (!this.isOurs() || this.id === undefined) return this.saving;
    const id = this.id;
    const record: StoredExperiment = {
      id,
      name: this.name,
      updatedAt: Date.now(),
      text: this.envelopeText(),
    };
    this.lastSavedNow = this.actor.getSnapshot().context.sim.now;
    this.saving = this.saving
      .then(async () => {
        await this.store.put(record);
        await this.store.setCurrent(id);
        this.saves = [record, ...this.saves.filter((s) => s.id !== id)];
        this.changed();
      })
      .catch((error: unknown) =>
        this.say('error', `Could not save the experiment: ${String(error)}`),
      );
    return this.saving;
  }

  private noteAside(record: unknown): void {
    const name = (record as { name?: unknown } | null)?.name;
    if (typeof name === 'string') this.asideNames.add(name);
  }

  private nextName(): string {
    const taken = new Set([...this.saves.map((s) => s.name), ...this.asideNames]);
    let n = this.saves.length + 1;
    while (taken.has(`Experiment ${n}`)) n++;
    return `Experiment ${n}`;
  }

  /** Switches to the experiment `e` (new id unless `id` given) and loads it into the actor. */
  private async adopt(e: Experiment, id?: string): Promise<void> {
    await this.flush();
    const sim = experimentStart(e);
    this.base = { seed: e.seed, initial: e.initial };
    this.baseSim = sim;
    this.name = e.name;
    this.id = id ?? crypto.randomUUID();
    this.actor.send({ type: 'LOAD', sim, log: e.log, untilMs: e.untilMs, speed: e.speed });
    this.lastLog = this.actor.getSnapshot().context.commandLog;
    this.lastSpeed = this.actor.getSnapshot().context.speed;
    this.changed();
    await this.save();
  }

  /**
   * A new experiment. With `reload` false it adopts the cluster the actor shows now (page start);
   * otherwise it loads a fresh default cluster with the same seed.
   */
  async startNew(reload = true): Promise<void> {
    if (!reload) {
      this.baseSim = this.actor.getSnapshot().context.initial;
      this.base = { seed: this.baseSim.seed, initial: DEFAULT_INITIAL };
      this.name = this.nextName();
      this.id = crypto.randomUUID();
      await this.save();
      return;
    }
    await this.adopt({
      name: this.nextName(),
      seed: this.base.seed,
      speed: this.actor.getSnapshot().context.speed,
      initial: DEFAULT_INITIAL,
      log: [],
      untilMs: 0,
    });
  }

  /** Reopens a saved experiment; a record that does not read is quarantined and reported. */
  async open(id: string): Promise<boolean> {
    const record = await this.store.get(id);
    if (record === undefined) {
      this.say('error', 'That saved experiment no longer exists.');
      return false;
    }
    const read = readExperiment(record.text, `saved experiment “${record.name}”`);
    if (!read.ok) {
      const key = await this.store.quarantine(record, describeDiagnostics(read.errors));
      this.noteAside(record);
      this.saves = this.saves.filter((s) => s.id !== id);
      this.say(
        'error',
        `Saved experiment “${record.name}” could not be opened and was set aside (kept as “${key}” in the quarantine store, not deleted):\n${describeDiagnostics(read.errors)}`,
      );
      return false;
    }
    const { experiment } = read;
    await this.adopt(
      scenarioToExperiment(experiment.scenario, experiment.speed, record.name),
      record.id,
    );
    if (experiment.migratedFrom !== undefined)
      this.say(
        'info',
        `“${record.name}” was saved in format version ${experiment.migratedFrom}; it was updated to the current version.`,
      );
    return true;
  }

  async rename(id: string, name: string): Promise<void> {
    const clean = name.trim().slice(0, 200);
    if (clean === '') return;
    if (id === this.id) {
      this.name = clean;
      await this.flush();
      return;
    }
    const record = await this.store.get(id);
    if (record === undefined) return;
    // The name lives in the envelope too: rewrite it there when the save reads.
    const read = readExperiment(record.text, record.name);
    const text = read.ok
      ? writeExperiment({
          name: clean,
          speed: read.experiment.speed,
          scenario: read.experiment.scenarioText,
        })
      : record.text;
    const next = { ...record, name: clean, text };
    await this.store.put(next);
    this.saves = this.saves.map((s) => (s.id === id ? next : s));
    this.changed();
  }

  async remove(id: string): Promise<void> {
    await this.store.delete(id);
    this.saves = this.saves.filter((s) => s.id !== id);
    if (id === this.id) {
      this.id = undefined;
      await this.startNew(true);
    }
    this.changed();
  }

  /** The experiment as a scenario file: its name and YAML text. */
  exportScenario(): { fileName: string; text: string } {
    const e = this.current();
    return { fileName: `${scenarioIdFor(e.name)}.yaml`, text: experimentToScenarioYaml(e) };
  }

  /** Imports a scenario file as a new experiment; problems are reported with file:line:col. */
  async importScenario(text: string, fileName: string): Promise<boolean> {
    const loaded = loadScenario(text, fileName);
    if (!loaded.ok) {
      this.say(
        'error',
        `${fileName} could not be imported:\n${describeDiagnostics(loaded.errors)}`,
      );
      return false;
    }
    await this.adopt(scenarioToExperiment(loaded.scenario, this.actor.getSnapshot().context.speed));
    this.say('info', `Imported ${fileName} as “${this.name}”.`);
    return true;
  }

  /**
   * Opens a saved-experiment file (the envelope JSON, dropped on the page) as a new experiment.
   * Returns its problems (file, line, column, field) when it does not read; nothing changes then.
   */
  async importExperimentFile(
    text: string,
    fileName: string,
  ): Promise<readonly Diagnostic[] | undefined> {
    const read = readExperiment(text, fileName);
    if (!read.ok) return read.errors;
    const { experiment } = read;
    await this.adopt(scenarioToExperiment(experiment.scenario, experiment.speed, experiment.name));
    this.say('info', `Opened “${experiment.name}” from ${fileName}; it is saved in your browser.`);
    return undefined;
  }

  /** A link that carries this experiment (compressed) in its fragment. */
  async shareLink(pageUrl: string): Promise<string> {
    const value = await encodeShare(this.envelopeText());
    const url = new URL(pageUrl);
    url.hash = `${SHARE_PARAM}=${value}`;
    return url.toString();
  }

  /** Opens a share link's experiment as a new saved experiment. */
  async openShare(value: string): Promise<boolean> {
    const decoded = await decodeShare(value);
    if (!decoded.ok) {
      this.say('error', decoded.error);
      return false;
    }
    const read = readExperiment(decoded.text, 'share link');
    if (!read.ok) {
      this.say(
        'error',
        `The share link's experiment could not be opened:\n${describeDiagnostics(read.errors)}`,
      );
      return false;
    }
    const { experiment } = read;
    await this.adopt(scenarioToExperiment(experiment.scenario, experiment.speed, experiment.name));
    this.say('info', `Opened “${experiment.name}” from a share link; it is saved in your browser.`);
    return true;
  }
}
