/**
 * The EKS side of the cluster machine, as plain functions the machine's actions call: creating the
 * EKS cluster, applying K8sCommands, and the terminal's TERMINAL event (runs the dispatcher, keeps
 * a bounded transcript and history). No xstate here, so it is testable alone. The machine gets
 * these as EKS_RUNTIME (lazy-loaded by the page; see eks-types.ts).
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
import { advanceK8s } from '../sim/k8s/advance.ts';
import { describeNode, describePod } from '../sim/k8s/kubectl-describe.ts';
import type { EntityRef } from '../sim/model.ts';
import {
  MAX_HISTORY,
  MAX_OUTPUT_LINES,
  MAX_TRANSCRIPT_ENTRIES,
  type EksRuntime,
  type TerminalContext,
  type TranscriptEntry,
} from './eks-types.ts';

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

/** kubectl describe for a pod ("namespace/name") or node selection. */
export function describeK8s(k8s: K8sState, ref: EntityRef): string | undefined {
  if (ref.kind === 'pod') {
    const pod = k8s.pods[ref.id];
    return pod && describePod(k8s, pod);
  }
  if (ref.kind === 'node') {
    const node = k8s.nodes[ref.id];
    return node && describeNode(k8s, node);
  }
  return undefined;
}

/** Everything the machine needs for EKS, to hand over with EKS_RUNTIME or in the input. */
export const EKS_RUNTIME: EksRuntime = {
  advance: advanceK8s,
  create: createEks,
  command: commandEks,
  runTerminal,
  describe: describeK8s,
};
