/**
 * The EKS side of the cluster machine, as plain functions the machine's actions call: creating the
 * EKS cluster, the view mode (ECS, EKS, side by side), and the terminal's TERMINAL event (runs the
 * dispatcher, keeps a bounded transcript and history). No xstate here, so it is testable alone.
 */
import type { SimState } from '../sim/model.ts';
import {
  applyK8sCommand,
  createK8sState,
  type K8sCommand,
  type K8sOptions,
  type K8sState,
} from '../sim/k8s/index.ts';
import { runTerminalLine } from '../terminal/dispatch.ts';

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

/**
 * The EKS cluster the playground creates by default: one managed node group of three m5.large
 * nodes spread over the three AZs (EKS console default is 2 nodes; 3 shows one per AZ), managed by
 * the Cluster Autoscaler up to 6, and a Fargate profile for the "serverless" namespace.
 */
export function defaultEksOptions(seed: number): K8sOptions {
  return {
    seed,
    clusterName: 'playground-eks',
    nodeGroups: [
      { name: 'ng-default', instanceType: 'm5.large', desiredSize: 3, minSize: 1, maxSize: 6 },
    ],
  };
}

/** Pure: a new EKS cluster from options (the default one when none are given). */
export function createEks(seed: number, options?: K8sOptions): K8sState {
  if (options) return createK8sState(options);
  const k8s = createK8sState(defaultEksOptions(seed));
  const r = applyK8sCommand(k8s, {
    type: 'ADD_FARGATE_PROFILE',
    name: 'fp-serverless',
    selectors: [{ namespace: 'serverless' }],
  });
  return r.error ? k8s : r.state;
}

/** Pure: applies a K8sCommand; the error (API-server wording) comes back instead of a state. */
export function commandEks(
  k8s: K8sState | undefined,
  command: K8sCommand,
): { k8s?: K8sState; error?: string } {
  if (!k8s) return { error: 'No EKS cluster: create one first.' };
  const r = applyK8sCommand(k8s, command);
  return r.error ? { error: r.error } : { k8s: r.state };
}

function bound(output: readonly string[]): readonly string[] {
  if (output.length <= MAX_OUTPUT_LINES) return output;
  return [
    ...output.slice(0, MAX_OUTPUT_LINES),
    `… ${output.length - MAX_OUTPUT_LINES} more lines not kept by the playground`,
  ];
}

/** Pure: runs one terminal line against the clusters; returns the new clusters and terminal. */
export function runTerminal(
  ecs: SimState,
  k8s: K8sState | undefined,
  terminal: TerminalContext,
  line: string,
  files: Readonly<Record<string, string>> = {},
): { ecs: SimState; k8s: K8sState | undefined; terminal: TerminalContext } {
  const r = runTerminalLine(k8s ? { ecs, k8s } : { ecs }, line, files);
  const typed = line.trim();
  const history =
    typed === '' || terminal.history[terminal.history.length - 1] === line
      ? terminal.history
      : [...terminal.history, line].slice(-MAX_HISTORY);
  const entry: TranscriptEntry = {
    seq: terminal.nextSeq,
    line,
    output: bound(r.lines),
    exitCode: r.exitCode,
  };
  const transcript = r.clear ? [] : [...terminal.transcript, entry].slice(-MAX_TRANSCRIPT_ENTRIES);
  return {
    ecs: r.world.ecs,
    k8s: r.world.k8s,
    terminal: { transcript, history, nextSeq: terminal.nextSeq + 1 },
  };
}
