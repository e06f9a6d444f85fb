/**
 * Undo and redo of user actions (issue 5), exact because the core is deterministic: the state
 * before the last command is `replayCommands(initial, log minus that command, its time)` — the
 * cluster exactly as it was the moment before (simulated time goes back to then too). Nothing but
 * the command log is kept; no snapshots. Pure functions; the cluster machine wires them to UNDO/REDO.
 */
import type { SimState } from '../sim/index.ts';
import type { CommandLogEntry } from './cluster-machine.ts';
import { replayCommands } from './replay.ts';

/** An undone user action (one or more joined commands) and the time reached when it was undone. */
export interface RedoEntry {
  readonly entries: readonly CommandLogEntry[];
  readonly untilMs: number;
}

/** The part of the machine's context that undo/redo reads and replaces. */
export interface HistoryContext {
  readonly sim: SimState;
  readonly initial: SimState;
  readonly commandLog: readonly CommandLogEntry[];
  readonly redoStack: readonly RedoEntry[];
}

/**
 * Renderers skip a snapshot whose `version` did not grow, and a replay counts versions differently
 * from the live run (see replayCommands): keep the counter increasing across the swap.
 */
function swapIn(current: SimState, next: SimState): SimState {
  return { ...next, version: Math.max(next.version, current.version + 1) };
}

/**
 * Undo the newest command: the state just before it was applied, at the time it was applied.
 * Returns undefined when there is nothing to undo.
 */
export function undo(ctx: HistoryContext): HistoryContext | undefined {
  let start = ctx.commandLog.length - 1;
  if (start < 0) return undefined;
  // Commands sent together (one drop) are one user action.
  while (start > 0 && ctx.commandLog[start]?.joined === true) start--;
  const first = ctx.commandLog[start] as CommandLogEntry;
  const log = ctx.commandLog.slice(0, start);
  return {
    sim: swapIn(ctx.sim, replayCommands(ctx.initial, log, first.at)),
    initial: ctx.initial,
    commandLog: log,
    redoStack: [...ctx.redoStack, { entries: ctx.commandLog.slice(start), untilMs: ctx.sim.now }],
  };
}

/**
 * Redo the newest undone command: replays it at its original time and runs on to where the
 * cluster was when it was undone (or to now, if time has run on since). Undo then redo with no
 * time in between gives back the exact state. Returns undefined when there is nothing to redo.
 */
export function redo(ctx: HistoryContext): HistoryContext | undefined {
  const top = ctx.redoStack[ctx.redoStack.length - 1];
  if (top === undefined) return undefined;
  const log = [...ctx.commandLog, ...top.entries];
  const until = Math.max(top.untilMs, ctx.sim.now);
  return {
    sim: swapIn(ctx.sim, replayCommands(ctx.initial, log, until)),
    initial: ctx.initial,
    commandLog: log,
    redoStack: ctx.redoStack.slice(0, -1),
  };
}
