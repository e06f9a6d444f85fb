/**
 * Exact replay of a command log, the basis for undo/redo and for scenario seeking (issues 4 and 5).
 * Because the core is deterministic, "the state after these commands at these times" is a pure
 * function of the initial state and the log: no snapshots have to be kept.
 */
import { advance, applyCommand, type SimState } from '../sim/index.ts';
import type { CommandLogEntry } from './cluster-machine.ts';

/**
 * Pure: starts from `initial`, advances to each entry's `at`, applies its command, and finally
 * advances to `untilMs` (if later than the last command). Entries must be in time order and
 * at or after `initial.now`, as the machine's commandLog is. A command the core refuses is skipped,
 * exactly as it changed nothing when it was first sent. The result equals the live run in every
 * field except `version`, which counts change batches (the live run advanced in many smaller chunks);
 * a caller that swaps it in must keep `version` increasing for the renderers.
 */
export function replayCommands(
  initial: SimState,
  log: readonly CommandLogEntry[],
  untilMs: number,
): SimState {
  let state = initial;
  for (const entry of log) {
    if (entry.at > state.now) state = advance(state, entry.at - state.now);
    const result = applyCommand(state, entry.command);
    if (result.error === undefined) state = result.state;
  }
  if (untilMs > state.now) state = advance(state, untilMs - state.now);
  return state;
}
