/**
 * The EKS simulation behind src/sim/eks.ts: creating, changing and advancing `state.eks` with the
 * Kubernetes simulation (src/sim/k8s). Importing this module registers it
 * (registerEksSimulation); it is kept out of the page's first download (issue 8) and loaded with
 * the code paths that can bring an EKS cluster (see src/sim/eks.ts).
 */
import type { CommandResult, SimCommand } from './commands.ts';
import type { SimState } from './model.ts';
import { registerEksSimulation, withEks, type EksSimCommand } from './eks.ts';
import { advanceK8s } from './k8s/advance.ts';
import { applyK8sCommand } from './k8s/commands.ts';
import { createK8sState } from './k8s/create.ts';

/** Pure: advances the EKS cluster (if any) by `ms`. */
function advanceEks(state: SimState, ms: number): SimState {
  if (!state.eks) return state;
  // The kubelets pull through the same registry as ECS tasks (src/sim/k8s/image-pull.ts).
  const ecr = state.registry?.ecr;
  const eks = state.eks.ecr === ecr ? state.eks : { ...state.eks, ecr };
  return withEks(state, advanceK8s(eks, ms));
}

const NO_CLUSTER = 'ResourceNotFoundException: No cluster found. Create an EKS cluster first.';

/** Pure: applies an EKS command to the SimState. */
function applyEksCommand(state: SimState, c: EksSimCommand): CommandResult<SimState> {
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
function followAzFault(state: SimState, c: SimCommand): SimState {
  if ((c.type !== 'AZ_OUTAGE' && c.type !== 'AZ_RESTORE') || !state.eks) return state;
  if (!state.eks.zones.includes(c.availabilityZone)) return state;
  const r = applyK8sCommand(state.eks, { type: c.type, zone: c.availabilityZone });
  return r.error ? state : withEks(state, r.state);
}

registerEksSimulation({ advance: advanceEks, apply: applyEksCommand, followAzFault });
