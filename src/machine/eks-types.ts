/**
 * Light types and constants of the machine's EKS side. The heavy part (the manifest parser, the
 * kubectl printers and the terminal engines) is src/machine/eks.ts, which the machine never
 * imports: it receives it as an `EksRuntime` (in its input, or with the EKS_RUNTIME event once the
 * page has lazy-loaded it), so the initial bundle stays small. The EKS cluster itself lives in
 * SimState (`sim.eks`, src/sim/eks.ts).
 */
import type { SimState } from '../sim/model.ts';
import type { SimCommand } from '../sim/commands.ts';
import type { EntityRef } from '../sim/model.ts';
import type { K8sState } from '../sim/k8s/model.ts';

/** Which cluster(s) the canvas shows. */
export type ClusterView = 'ECS' | 'EKS' | 'SIDE_BY_SIDE';
export const CLUSTER_VIEWS: readonly ClusterView[] = ['ECS', 'EKS', 'SIDE_BY_SIDE'];

/** One command typed in the terminal and what it printed. */
export interface TranscriptEntry {
  /** Sequence number (stable key for the panel's list). */
  readonly seq: number;
  readonly line: string;
  readonly output: readonly string[];
  readonly exitCode: number;
}

export interface TerminalContext {
  readonly transcript: readonly TranscriptEntry[];
  /** Lines typed, oldest first (for ↑/↓), without empty lines or immediate repeats. */
  readonly history: readonly string[];
  readonly nextSeq: number;
}

/** Newest commands kept in the transcript. */
export const MAX_TRANSCRIPT_ENTRIES = 200;
/** Output lines kept per command (a long `-o yaml` is cut, with a note). */
export const MAX_OUTPUT_LINES = 1000;
/** bash's default HISTSIZE. */
export const MAX_HISTORY = 500;

export const EMPTY_TERMINAL: TerminalContext = { transcript: [], history: [], nextSeq: 0 };

/** The terminal functions the machine calls (implemented in eks.ts, handed over lazily). */
export interface EksRuntime {
  /**
   * Runs one line against `sim` (and `sim.eks`); returns the new state and terminal, and the
   * commands that changed the state (for the command log: undo, redo, replay, saves).
   */
  runTerminal(
    sim: SimState,
    terminal: TerminalContext,
    line: string,
    files?: Readonly<Record<string, string>>,
  ): { sim: SimState; terminal: TerminalContext; commands?: readonly SimCommand[] };
  /** `kubectl describe pod|node` text for the inspector. */
  describe(k8s: K8sState, ref: EntityRef): string | undefined;
}
