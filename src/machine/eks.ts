/**
 * The terminal side of the cluster machine, as plain functions: TERMINAL runs the dispatcher
 * against the SimState (the EKS cluster is `sim.eks`) and keeps a bounded transcript and history;
 * the inspector's `kubectl describe`. No xstate here, so it is testable alone. The machine gets
 * these as EKS_RUNTIME (lazy-loaded by the page: the manifest parser and kubectl printers are big).
 */
import type { EntityRef, SimState } from '../sim/model.ts';
import type { SimCommand } from '../sim/commands.ts';
import type { K8sState } from '../sim/k8s/model.ts';
import { withEks } from '../sim/eks.ts';
// The runtime brings the EKS simulation with it (registered on import): Create EKS and the
// terminal wait for the runtime (ui/eks-loader.ts), so the cluster they make can step.
import '../sim/eks-simulation.ts';
import { describeNode, describePod } from '../sim/k8s/kubectl-describe.ts';
import { runTerminalLine } from '../terminal/dispatch.ts';
import {
  MAX_HISTORY,
  MAX_OUTPUT_LINES,
  MAX_TRANSCRIPT_ENTRIES,
  type EksRuntime,
  type TerminalContext,
  type TranscriptEntry,
} from './eks-types.ts';

function bound(output: readonly string[]): readonly string[] {
  if (output.length <= MAX_OUTPUT_LINES) return output;
  return [
    ...output.slice(0, MAX_OUTPUT_LINES),
    `… ${output.length - MAX_OUTPUT_LINES} more lines not kept by the playground`,
  ];
}

/** Pure: runs one terminal line against the clusters; returns the new state and terminal. */
export function runTerminal(
  sim: SimState,
  terminal: TerminalContext,
  line: string,
  files: Readonly<Record<string, string>> = {},
): { sim: SimState; terminal: TerminalContext; commands?: readonly SimCommand[] } {
  const r = runTerminalLine(sim.eks ? { ecs: sim, k8s: sim.eks } : { ecs: sim }, line, files);
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
    sim: withEks(r.world.ecs, r.world.k8s),
    terminal: { transcript, history, nextSeq: terminal.nextSeq + 1 },
    ...(r.commands?.length ? { commands: r.commands } : {}),
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

/** Everything the machine needs for the terminal, to hand over with EKS_RUNTIME or in the input. */
export const EKS_RUNTIME: EksRuntime = { runTerminal, describe: describeK8s };
