/**
 * Light types and constants of the machine's EKS side. The heavy part (the Kubernetes simulation,
 * the manifest parser and the terminal engines, ~50 KB gzipped) is src/machine/eks.ts, which the
 * machine never imports: it receives it as an `EksRuntime` (in its input, or with the EKS_RUNTIME
 * event once the page has lazy-loaded it), so the initial bundle stays small.
 */
import type { SimState } from '../sim/model.ts';
import type { EntityRef } from '../sim/model.ts';
import type { K8sCommand, K8sOptions, K8sState } from '../sim/k8s/index.ts';

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

/** The EKS functions the machine calls (implemented in eks.ts, handed over lazily). */
export interface EksRuntime {
  advance(k8s: K8sState, ms: number): K8sState;
  create(seed: number, options?: K8sOptions): K8sState;
  command(k8s: K8sState | undefined, command: K8sCommand): { k8s?: K8sState; error?: string };
  runTerminal(
    ecs: SimState,
    k8s: K8sState | undefined,
    terminal: TerminalContext,
    line: string,
    files?: Readonly<Record<string, string>>,
  ): { ecs: SimState; k8s: K8sState | undefined; terminal: TerminalContext };
  /** `kubectl describe pod|node` text for the inspector. */
  describe(k8s: K8sState, ref: EntityRef): string | undefined;
}
