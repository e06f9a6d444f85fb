/**
 * vitest setup: registers the EKS simulation for every node test, as the node entry points do
 * (src/cli/main.ts). The page loads it lazily (src/sim/eks.ts); tests/sim/eks-registration.test.ts
 * covers the not-registered path.
 */
import '../src/sim/eks-simulation.ts';
