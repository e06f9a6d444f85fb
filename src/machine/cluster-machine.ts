/**
 * The cluster machine: owns the running simulation and turns every user action into an event.
 * Modes are `running` (TICKs advance simulated time) and `paused` (STEP advances one step). The rules
 * all live in src/sim — this machine only calls `advance` and `applyCommand` and keeps the results.
 * There is deliberately no actor per task: entity lifecycles are data in SimState (issue 2; stopping
 * a parent with 10k child actors takes ~30 s in xstate 5).
 */
import { assertEvent, assign, setup, type ActorRefFrom, type SnapshotFrom } from 'xstate';
import {
  STEP_MS,
  advance,
  applyCommand,
  type EntityRef,
  type SimCommand,
  type SimState,
} from '../sim/index.ts';
import { DEFAULT_SPEED, clampSpeed, planSteps, stepSpeed } from './sim-clock.ts';
import { redo, undo, type RedoEntry } from './history.ts';
import { replayCommands } from './replay.ts';
import { initialView, viewAfter } from './cluster-view.ts';
import {
  EMPTY_TERMINAL,
  type ClusterView,
  type EksRuntime,
  type TerminalContext,
} from './eks-types.ts';

const EKS_NOT_LOADED = 'The terminal is still loading; try again in a moment.';

/** One applied command, stamped with the simulated time it took effect (for undo and replay). */
export interface CommandLogEntry {
  readonly at: number;
  readonly command: SimCommand;
  /** Sent together with the entry before it (one drop = several API calls): undone together. */
  readonly joined?: true;
}

/** What the machine remembers besides its mode. */
export interface ClusterContext {
  /** The current simulation state (replaced, never mutated). */
  readonly sim: SimState;
  /** The state RESET returns to: the one the machine started with or last LOADed. */
  readonly initial: SimState;
  /** Simulated ms per wall ms; always one of SPEEDS. */
  readonly speed: number;
  /** Simulated ms owed but not yet simulated (less than STEP_MS). */
  readonly accumulatorMs: number;
  readonly selection?: EntityRef;
  /** The last AWS-style error a COMMAND got back (state unchanged then); cleared by DISMISS_ERROR. */
  readonly lastError?: string;
  /** Per-task placement failures of the last RunTask-like command, e.g. "RESOURCE:CPU". */
  readonly lastFailures?: readonly { readonly arn?: string; readonly reason: string }[];
  /** Every successfully applied command since `initial`, oldest first. */
  readonly commandLog: readonly CommandLogEntry[];
  /** Commands undone (newest last), for REDO; any new COMMAND, RESET or LOAD clears it. */
  readonly redoStack: readonly RedoEntry[];
  /** Which cluster(s) the canvas shows. */
  readonly view: ClusterView;
  /** The terminal panel's transcript and history (bounded). */
  readonly terminal: TerminalContext;
  /** The terminal code (lazy-loaded by the page); TERMINAL waits for it. */
  readonly eks?: EksRuntime;
}

/** Everything the machine understands. */
export type ClusterEvent =
  | { type: 'TICK'; wallMs: number }
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  | { type: 'TOGGLE_PLAY' }
  | { type: 'STEP' }
  | { type: 'SET_SPEED'; speed: number }
  | { type: 'SPEED_UP' }
  | { type: 'SPEED_DOWN' }
  | { type: 'RESET' }
  /**
   * Start over from `sim`. With `log`, the commands are replayed on it up to `untilMs` and become
   * the undo history (reopening a saved experiment); `speed` sets the speed too.
   */
  | {
      type: 'LOAD';
      sim: SimState;
      log?: readonly CommandLogEntry[];
      untilMs?: number;
      speed?: number;
    }
  | { type: 'UNDO' }
  | { type: 'REDO' }
  | { type: 'COMMAND'; command: SimCommand }
  /** Several commands as one user action (a palette drop): all applied, or none if one is refused. */
  | { type: 'COMMANDS'; commands: readonly SimCommand[] }
  | { type: 'SELECT'; ref?: EntityRef }
  | { type: 'DISMISS_ERROR' }
  /**
   * Creates the EKS cluster in `sim.eks` (default: a node group of 3 m5.large and a Fargate
   * profile) and shows it: COMMAND CREATE_EKS_CLUSTER plus SET_VIEW EKS.
   */
  | { type: 'CREATE_EKS'; command?: Extract<SimCommand, { type: 'CREATE_EKS_CLUSTER' }> }
  | { type: 'SET_VIEW'; view: ClusterView }
  /** A line typed in the terminal; `files` are pasted/dropped files by name (for `-f`). */
  | { type: 'TERMINAL'; line: string; files?: Readonly<Record<string, string>> }
  /** Hands the machine the EKS code once loaded (src/machine/eks.ts EKS_RUNTIME). */
  | { type: 'EKS_RUNTIME'; runtime: EksRuntime };

/** How to start the machine: the cluster and optionally a speed. To start paused, send PAUSE first. */
export interface ClusterInput {
  readonly sim: SimState;
  readonly speed?: number;
  readonly view?: ClusterView;
  /** The EKS code, when the caller has it already (tests, headless runs). */
  readonly eks?: EksRuntime;
}

/**
 * The machine definition. Create with `createActor(clusterMachine, { input: { sim } })`; the actor
 * starts `running`. Deterministic: two actors fed the same events hold the same
 * `context.sim` (wall time enters only through TICK's `wallMs`).
 */
export const clusterMachine = setup({
  types: {
    context: {} as ClusterContext,
    events: {} as ClusterEvent,
    input: {} as ClusterInput,
  },
  actions: {
    'advance simulation': assign(({ context, event }) => {
      assertEvent(event, 'TICK');
      const plan = planSteps(context.accumulatorMs, event.wallMs, context.speed);
      const sim = plan.steps > 0 ? advance(context.sim, plan.steps * STEP_MS) : context.sim;
      return { sim, accumulatorMs: plan.accumulatorMs };
    }),
    'advance one step': assign(({ context }) => ({ sim: advance(context.sim, STEP_MS) })),
    'apply command': assign(({ context, event }) => {
      assertEvent(event, 'COMMAND');
      const result = applyCommand(context.sim, event.command);
      if (result.error !== undefined) {
        // The API refused it: keep the state exactly as it was, only report why.
        return { lastError: result.error, lastFailures: undefined };
      }
      return {
        sim: result.state,
        view: viewAfter(context.view, context.sim, result.state),
        lastError: undefined,
        lastFailures: result.failures?.length ? result.failures : undefined,
        commandLog: [...context.commandLog, { at: context.sim.now, command: event.command }],
        redoStack: [],
      };
    }),
    'apply commands': assign(({ context, event }) => {
      assertEvent(event, 'COMMANDS');
      let sim = context.sim;
      const entries: CommandLogEntry[] = [];
      let failures: NonNullable<ClusterContext['lastFailures']> = [];
      for (const command of event.commands) {
        const result = applyCommand(sim, command);
        if (result.error !== undefined) return { lastError: result.error, lastFailures: undefined };
        entries.push({
          at: sim.now,
          command,
          ...(entries.length > 0 ? { joined: true as const } : {}),
        });
        failures = [...failures, ...(result.failures ?? [])];
        sim = result.state;
      }
      if (entries.length === 0) return {};
      return {
        sim,
        view: viewAfter(context.view, context.sim, sim),
        lastError: undefined,
        lastFailures: failures.length > 0 ? failures : undefined,
        commandLog: [...context.commandLog, ...entries],
        redoStack: [],
      };
    }),
    'set speed': assign(({ event }) => {
      assertEvent(event, 'SET_SPEED');
      return { speed: clampSpeed(event.speed) };
    }),
    'speed up': assign(({ context }) => ({ speed: stepSpeed(context.speed, 1) })),
    'slow down': assign(({ context }) => ({ speed: stepSpeed(context.speed, -1) })),
    'reset to initial cluster': assign(({ context }) => ({
      sim: context.initial,
      accumulatorMs: 0,
      selection: undefined,
      lastError: undefined,
      lastFailures: undefined,
      commandLog: [],
      redoStack: [],
    })),
    'load cluster': assign(({ context, event }) => {
      assertEvent(event, 'LOAD');
      const log = event.log ?? [];
      const sim =
        log.length > 0 || (event.untilMs ?? 0) > event.sim.now
          ? replayCommands(event.sim, log, event.untilMs ?? 0)
          : event.sim;
      return {
        sim,
        view: viewAfter(context.view, context.sim, sim),
        initial: event.sim,
        ...(event.speed === undefined ? {} : { speed: clampSpeed(event.speed) }),
        accumulatorMs: 0,
        selection: undefined,
        lastError: undefined,
        lastFailures: undefined,
        commandLog: [...log],
        redoStack: [],
      };
    }),
    undo: assign(({ context }) => {
      const next = undo(context);
      return next === undefined
        ? {}
        : { ...next, accumulatorMs: 0, lastError: undefined, lastFailures: undefined };
    }),
    redo: assign(({ context }) => {
      const next = redo(context);
      return next === undefined
        ? {}
        : {
            ...next,
            view: viewAfter(context.view, context.sim, next.sim),
            accumulatorMs: 0,
            lastError: undefined,
            lastFailures: undefined,
          };
    }),
    select: assign(({ event }) => {
      assertEvent(event, 'SELECT');
      return { selection: event.ref };
    }),
    'dismiss error': assign({ lastError: undefined, lastFailures: undefined }),
    'create eks': assign(({ context, event }) => {
      assertEvent(event, 'CREATE_EKS');
      const command = event.command ?? { type: 'CREATE_EKS_CLUSTER' as const };
      const result = applyCommand(context.sim, command);
      if (result.error !== undefined) return { lastError: result.error };
      return {
        sim: result.state,
        lastError: undefined,
        commandLog: [...context.commandLog, { at: context.sim.now, command }],
        redoStack: [],
        view: viewAfter(context.view, context.sim, result.state),
      };
    }),
    'set view': assign(({ event }) => {
      assertEvent(event, 'SET_VIEW');
      return { view: event.view };
    }),
    'run terminal line': assign(({ context, event }) => {
      assertEvent(event, 'TERMINAL');
      if (!context.eks) return { lastError: EKS_NOT_LOADED };
      const r = context.eks.runTerminal(context.sim, context.terminal, event.line, event.files);
      if (!r.commands?.length) return { sim: r.sim, terminal: r.terminal };
      // A typed line that changed the cluster is one user action: logged (undo/redo, saves).
      const at = context.sim.now;
      const entries = r.commands.map((command, i) => ({
        at,
        command,
        ...(i > 0 ? { joined: true as const } : {}),
      }));
      return {
        sim: r.sim,
        terminal: r.terminal,
        commandLog: [...context.commandLog, ...entries],
        redoStack: [],
      };
    }),
    'take eks runtime': assign(({ event }) => {
      assertEvent(event, 'EKS_RUNTIME');
      return { eks: event.runtime };
    }),
    // Time stands still while paused: drop the fraction of a step owed so resuming starts clean.
    'forget owed time': assign({ accumulatorMs: 0 }),
  },
}).createMachine({
  id: 'cluster',
  context: ({ input }) => ({
    sim: input.sim,
    initial: input.sim,
    speed: clampSpeed(input.speed ?? DEFAULT_SPEED),
    accumulatorMs: 0,
    commandLog: [],
    redoStack: [],
    view: input.view ?? initialView(input.sim),
    terminal: EMPTY_TERMINAL,
    eks: input.eks,
  }),
  initial: 'running',
  on: {
    SET_SPEED: { actions: 'set speed' },
    SPEED_UP: { actions: 'speed up' },
    SPEED_DOWN: { actions: 'slow down' },
    RESET: { actions: 'reset to initial cluster' },
    LOAD: { actions: 'load cluster' },
    UNDO: { actions: 'undo' },
    REDO: { actions: 'redo' },
    COMMAND: { actions: 'apply command' },
    COMMANDS: { actions: 'apply commands' },
    SELECT: { actions: 'select' },
    DISMISS_ERROR: { actions: 'dismiss error' },
    CREATE_EKS: { actions: 'create eks' },
    SET_VIEW: { actions: 'set view' },
    TERMINAL: { actions: 'run terminal line' },
    EKS_RUNTIME: { actions: 'take eks runtime' },
  },
  states: {
    running: {
      on: {
        TICK: { actions: 'advance simulation' },
        PAUSE: { target: 'paused' },
        TOGGLE_PLAY: { target: 'paused' },
      },
    },
    paused: {
      entry: 'forget owed time',
      on: {
        PLAY: { target: 'running' },
        TOGGLE_PLAY: { target: 'running' },
        STEP: { actions: 'advance one step' },
      },
    },
  },
});

/** A running cluster machine. */
export type ClusterActor = ActorRefFrom<typeof clusterMachine>;
/** One snapshot of it (`snapshot.context`, `snapshot.matches('running')`). */
export type ClusterSnapshot = SnapshotFrom<typeof clusterMachine>;
