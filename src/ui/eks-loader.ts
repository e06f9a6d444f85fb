/**
 * Lazy-loads the EKS code (Kubernetes simulation, manifest parser, terminal engines: ~50 KB
 * gzipped) the first time the page needs it, and hands it to the machine with EKS_RUNTIME. The
 * initial bundle stays within its budget; ECS-only sessions never download it.
 */
import type { ClusterActor } from '../machine/index.ts';

let loading: Promise<typeof import('../machine/eks.ts')> | undefined;

/** Resolves once the actor has the EKS runtime. */
export async function ensureEksRuntime(actor: ClusterActor | undefined): Promise<void> {
  if (!actor || actor.getSnapshot().context.eks) return;
  loading ??= import('../machine/eks.ts');
  const m = await loading;
  if (!actor.getSnapshot().context.eks) actor.send({ type: 'EKS_RUNTIME', runtime: m.EKS_RUNTIME });
}
