/**
 * The EKS cluster inside SimState (`state.eks`): created by CREATE_EKS_CLUSTER, changed by
 * EKS_COMMAND (any K8sCommand: manifests parsed by src/formats arrive as APPLY; the terminal's
 * kubectl changes `eks` directly), and advanced by `advance` on the same clock as the ECS cluster. One state, one clock: undo, replay, saves and scenarios cover both clusters.
 *
 * This module is light: the Kubernetes simulation itself (src/sim/k8s, ~100 KB) is registered by
 * importing src/sim/eks-simulation.ts, so the page's first download leaves it out (issue 8). Node
 * entry points import that module eagerly (src/cli/main.ts, the vitest setup); the page imports it
 * in the lazily loaded modules through which an EKS cluster can arrive: src/machine/eks.ts (the EKS
 * runtime that Create EKS and the terminal wait for), src/ui/scenario-session.ts (scenarios) and
 * src/ui/experiment-session.ts (saves, share links, imported experiments). Stepping a state that
 * has `eks`, or applying an EKS command, before it is registered throws: EKS is never skipped.
 */
import type { CommandResult, SimCommand } from './commands.ts';
import type { SimState } from './model.ts';
import type { K8sCommand } from './k8s/commands.ts';
import type { NodeGroupInput } from './k8s/create.ts';
import type { FargateSelector, K8sState } from './k8s/model.ts';

export type EksSimCommand =
  /**
   * CreateCluster + CreateNodegroup + CreateFargateProfile in one: without node groups, one managed
   * node group of three m5.large (one per AZ, Cluster Autoscaler up to 6) and a Fargate profile for
   * the namespace "serverless".
   */
  | {
      readonly type: 'CREATE_EKS_CLUSTER';
      readonly clusterName?: string;
      readonly nodeGroups?: readonly NodeGroupInput[];
      readonly fargateProfiles?: readonly {
        readonly name: string;
        readonly selectors: readonly FargateSelector[];
      }[];
      /** EKS Anywhere: the whole cluster at this on-premises site (src/sim/k8s/anywhere.ts). */
      readonly anywhere?: { readonly site: string };
    }
  | { readonly type: 'EKS_COMMAND'; readonly command: K8sCommand };

const EKS_TYPES = new Set(['CREATE_EKS_CLUSTER', 'EKS_COMMAND']);

export function isEksCommand(c: { readonly type: string }): c is EksSimCommand {
  return EKS_TYPES.has(c.type);
}

/** Pure: `state` with `eks` replaced; `version` moves when the EKS cluster changed. */
export function withEks(state: SimState, eks: K8sState | undefined): SimState {
  if (eks === state.eks) return state;
  return { ...state, eks, version: state.version + 1 };
}

/** What `advance` and `applyCommand` call for the EKS cluster (src/sim/eks-simulation.ts). */
export interface EksSimulation {
  /** Advances `state.eks` (present) by `ms`. */
  advance(state: SimState, ms: number): SimState;
  apply(state: SimState, c: EksSimCommand): CommandResult<SimState>;
  /** An AZ_OUTAGE / AZ_RESTORE of the shared region reaching `state.eks` (present). */
  followAzFault(state: SimState, c: SimCommand): SimState;
}

let registered: EksSimulation | undefined;

/**
 * Registers the EKS simulation (src/sim/eks-simulation.ts does on import); `undefined` removes it
 * (tests of the not-loaded path). Returns what was registered before. Functions only: the
 * simulation stays a pure function of its inputs.
 */
export function registerEksSimulation(sim: EksSimulation | undefined): EksSimulation | undefined {
  const before = registered;
  registered = sim;
  return before;
}

/** True once the EKS simulation is registered. */
export function eksSimulationLoaded(): boolean {
  return registered !== undefined;
}

function eksSimulation(): EksSimulation {
  if (!registered)
    throw new Error(
      'The EKS simulation is not loaded: import src/sim/eks-simulation.ts before stepping a state with an EKS cluster or applying an EKS command.',
    );
  return registered;
}

/** Pure: advances the EKS cluster (if any) by `ms` (called by `advance`). */
export function advanceEks(state: SimState, ms: number): SimState {
  return state.eks ? eksSimulation().advance(state, ms) : state;
}

/** Pure: applies an EKS command to the SimState. */
export function applyEksCommand(state: SimState, c: EksSimCommand): CommandResult<SimState> {
  return eksSimulation().apply(state, c);
}

/**
 * Pure: an Availability Zone fault of the shared region reaches the EKS cluster too (called by
 * applyCommand after the ECS side of AZ_OUTAGE / AZ_RESTORE; eks-simulation.ts).
 */
export function followAzFault(state: SimState, c: SimCommand): SimState {
  if ((c.type !== 'AZ_OUTAGE' && c.type !== 'AZ_RESTORE') || !state.eks) return state;
  return eksSimulation().followAzFault(state, c);
}
