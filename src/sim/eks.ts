/**
 * The EKS cluster inside SimState (`state.eks`): created by CREATE_EKS_CLUSTER, changed by
 * EKS_COMMAND (any K8sCommand: manifests parsed by src/formats arrive as APPLY; the terminal's
 * kubectl changes `eks` directly), and advanced by `advance` on the same clock as the ECS cluster. One state, one clock: undo, replay, saves and scenarios cover both clusters.
 */
import type { CommandResult, SimCommand } from './commands.ts';
import type { SimState } from './model.ts';
import { advanceK8s } from './k8s/advance.ts';
import { applyK8sCommand, type K8sCommand } from './k8s/commands.ts';
import { createK8sState, type NodeGroupInput } from './k8s/create.ts';
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

/** Pure: advances the EKS cluster (if any) by `ms` (called by `advance`). */
export function advanceEks(state: SimState, ms: number): SimState {
  if (!state.eks) return state;
  // The kubelets pull through the same registry as ECS tasks (src/sim/k8s/image-pull.ts).
  const ecr = state.registry?.ecr;
  const eks = state.eks.ecr === ecr ? state.eks : { ...state.eks, ecr };
  return withEks(state, advanceK8s(eks, ms));
}

const NO_CLUSTER = 'ResourceNotFoundException: No cluster found. Create an EKS cluster first.';

/** Pure: applies an EKS command to the SimState. */
export function applyEksCommand(state: SimState, c: EksSimCommand): CommandResult<SimState> {
  switch (c.type) {
    case 'CREATE_EKS_CLUSTER': {
      const name = c.clusterName ?? 'playground-eks';
      // [EKS-API CreateCluster] a second cluster with the same name is refused.
      if (state.eks)
        return {
          state,
          error: `ResourceInUseException: Cluster already exists with name: ${name}`,
        };
      let eks = createK8sState({
        seed: state.seed,
        clusterName: name,
        nodeGroups:
          c.nodeGroups ??
          (c.anywhere
            ? // EKS Anywhere: one worker node group of your own machines, not autoscaled.
              [{ name: 'md-0', instanceType: 'm5.xlarge', desiredSize: 3, autoscaled: false }]
            : [
                {
                  name: 'ng-default',
                  instanceType: 'm5.large',
                  desiredSize: 3,
                  minSize: 1,
                  maxSize: 6,
                },
              ]),
        ...(c.anywhere ? { anywhere: c.anywhere } : {}),
      });
      const profiles =
        c.fargateProfiles ??
        (c.nodeGroups || c.anywhere
          ? []
          : [{ name: 'fp-serverless', selectors: [{ namespace: 'serverless' }] }]);
      for (const p of profiles) {
        const r = applyK8sCommand(eks, { type: 'ADD_FARGATE_PROFILE', ...p });
        if (r.error) return { state, error: r.error };
        eks = r.state;
      }
      return { state: withEks(state, eks) };
    }
    case 'EKS_COMMAND': {
      if (!state.eks) return { state, error: NO_CLUSTER };
      const r = applyK8sCommand(state.eks, c.command);
      return r.error ? { state, error: r.error } : { state: withEks(state, r.state) };
    }
  }
}

/**
 * Pure: an Availability Zone fault of the shared region reaches the EKS cluster too — its nodes in
 * that zone stop posting status, and its control-plane members there fail (the API stays up with
 * one AZ lost: an API server and an etcd quorum remain [EKS-UG eks-architecture, B1]). Called by
 * applyCommand after the ECS side of AZ_OUTAGE / AZ_RESTORE.
 */
export function followAzFault(state: SimState, c: SimCommand): SimState {
  if ((c.type !== 'AZ_OUTAGE' && c.type !== 'AZ_RESTORE') || !state.eks) return state;
  if (!state.eks.zones.includes(c.availabilityZone)) return state;
  const r = applyK8sCommand(state.eks, { type: c.type, zone: c.availabilityZone });
  return r.error ? state : withEks(state, r.state);
}
