/**
 * One loaded scenario in the app: the scenario player actor (src/machine/scenario/player-machine)
 * plus a paused cluster actor that mirrors the player's simulation state, so the canvas and every
 * panel (inspector, event log) show the scenario's cluster through the usual cluster context.
 * The mirror never runs on its own: its time and command actions are switched off (a key or button
 * meant for the free playground cannot make it drift), and it only receives LOAD with the player's
 * state, so what is shown is exactly the player's (deterministic, replayed) state. The scenario's
 * `view:` sets the mirror's view when it opens and when a step asks for another one
 * (src/machine/scenario/scenario-view.ts); in between the learner's own choice stays.
 */
import { assign, createActor, type Subscription } from 'xstate';
import { clusterMachine, type ClusterActor } from '../machine/index.ts';
import {
  playerFocus,
  playerMachine,
  playerSimState,
  type PlayerActor,
  type PlayerSnapshot,
} from '../machine/scenario/player-machine.ts';
import type { Scenario } from '../formats/scenario-types.ts';
import { scenarioViewAt, viewRequestOnMove } from '../machine/scenario/scenario-view.ts';
import type { EntityRef } from '../sim/index.ts';
// Scenarios may create an EKS cluster: the session brings its simulation (registered on import;
// src/sim/eks.ts), so it is there before any scenario plays.
import '../sim/eks-simulation.ts';

/** Why the mirror refuses a change (palette, panels, terminal). */
const SCENARIO_PLAYING =
  'A scenario is playing: its cluster follows the scenario. Leave the scenario to change the cluster yourself.';

/**
 * The cluster machine with time and commands switched off: it shows what it is LOADed with.
 * One command (COMMAND), several as one action (COMMANDS: palette drops, the traffic panel) and
 * Create EKS are refused with SCENARIO_PLAYING; a terminal line runs only when it changes nothing
 * (`kubectl get`, `describe`…) — one that would change the cluster prints the refusal instead.
 */
export const mirrorMachine = clusterMachine.provide({
  actions: {
    'advance simulation': assign({}),
    'advance one step': assign({}),
    undo: assign({}),
    redo: assign({}),
    'apply command': assign({ lastError: SCENARIO_PLAYING }),
    'apply commands': assign({ lastError: SCENARIO_PLAYING }),
    'create eks': assign({ lastError: SCENARIO_PLAYING }),
    'run terminal line': assign(({ context, event }) => {
      if (event.type !== 'TERMINAL' || !context.eks) return {};
      const r = context.eks.runTerminal(context.sim, context.terminal, event.line, event.files);
      if (!r.commands?.length) return { terminal: r.terminal };
      // The line's own transcript entry (the last) says why it was refused instead.
      const transcript = r.terminal.transcript;
      const last = transcript.at(-1);
      if (!last) return { terminal: r.terminal };
      const refused = { ...last, output: [`error: ${SCENARIO_PLAYING}`], exitCode: 1 };
      return { terminal: { ...r.terminal, transcript: [...transcript.slice(0, -1), refused] } };
    }),
  },
});

export interface SessionOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  readonly speed?: number;
  /** 1-based step to open at (start of that step); clamped to the scenario. */
  readonly step?: number;
}

const focusKey = (ref: EntityRef | undefined): string =>
  ref === undefined ? '' : `${ref.kind}:${ref.id}`;

export class ScenarioSession {
  readonly player: PlayerActor;
  /** Paused cluster actor mirroring the player's state (give it to <cp-app>). */
  readonly view: ClusterActor;
  private readonly subscription: Subscription;
  private readonly focusListeners = new Set<(ref: EntityRef | undefined) => void>();
  private lastFocusKey = '';
  /** The step shown last (for the scenario's `view:` requests; scenario-view.ts). */
  private lastStep: number;

  constructor(
    readonly scenario: Scenario,
    options: SessionOptions = {},
  ) {
    this.player = createActor(playerMachine, {
      input: {
        scenario,
        ...(options.seed === undefined ? {} : { seed: options.seed }),
        ...(options.speed === undefined ? {} : { speed: options.speed }),
      },
    });
    this.player.start();
    if (options.step !== undefined && options.step > 1) {
      this.player.send({ type: 'JUMP', step: Math.floor(options.step) - 1 });
    }
    const start = this.player.getSnapshot().context;
    this.lastStep = start.position.stepIndex;
    // The view the scenario opens on (its `view:`), else the machine's own (cluster-view.ts).
    const view = scenarioViewAt(scenario, this.lastStep);
    this.view = createActor(mirrorMachine, {
      input: { sim: playerSimState(start), ...(view === undefined ? {} : { view }) },
    });
    this.view.start();
    this.view.send({ type: 'PAUSE' });
    this.lastFocusKey = focusKey(this.focus());
    this.subscription = this.player.subscribe((snapshot) => this.sync(snapshot));
  }

  /** The focused entity of the current step (resolved in the shown state). */
  focus(): EntityRef | undefined {
    return playerFocus(this.player.getSnapshot().context);
  }

  /** Calls `cb` now and whenever the focused entity changes. Returns an unsubscribe function. */
  onFocus(cb: (ref: EntityRef | undefined) => void): () => void {
    this.focusListeners.add(cb);
    cb(this.focus());
    return () => this.focusListeners.delete(cb);
  }

  private sync(snapshot: PlayerSnapshot): void {
    const sim = playerSimState(snapshot.context);
    const viewSnapshot = this.view.getSnapshot();
    const shown = viewSnapshot.context;
    if (shown.sim !== sim) {
      // LOAD clears the selection; keep what the learner clicked on while the scenario plays.
      const selection = shown.selection;
      if (viewSnapshot.matches('running')) this.view.send({ type: 'PAUSE' });
      this.view.send({ type: 'LOAD', sim });
      if (selection !== undefined) this.view.send({ type: 'SELECT', ref: selection });
    }
    const step = snapshot.context.position.stepIndex;
    if (step !== this.lastStep) {
      // A step whose `view:` asks for another view sets it; otherwise the learner's choice stays.
      const view = viewRequestOnMove(this.scenario, this.lastStep, step);
      this.lastStep = step;
      if (view !== undefined) this.view.send({ type: 'SET_VIEW', view });
    }
    const focus = playerFocus(snapshot.context);
    const key = focusKey(focus);
    if (key !== this.lastFocusKey) {
      this.lastFocusKey = key;
      for (const cb of this.focusListeners) cb(focus);
    }
  }

  dispose(): void {
    this.subscription.unsubscribe();
    this.focusListeners.clear();
    this.player.stop();
    this.view.stop();
  }
}
