/**
 * The public face of the Kubernetes/EKS simulation core. Pure and deterministic: same seed and
 * same commands at the same simulated times → same states.
 */
export * from './model.ts';
export * from './objects.ts';
export * from './quantity.ts';
export * from './create.ts';
export * from './commands.ts';
export * from './advance.ts';
export { fargatePodSize, formatCapacityProvisioned, FARGATE_ROWS } from './fargate.ts';
export { resolveFenceposts, podTemplateHash } from './rollout.ts';
export { nextBackoff, BACKOFF_INITIAL_MS, BACKOFF_MAX_MS, BACKOFF_RESET_MS } from './kubelet.ts';
export { proposeReplicas, stabilise, scaleUpLimit, HPA_SYNC_MS, HPA_TOLERANCE } from './hpa.ts';
export { failedSchedulingMessage, filterNode, scoreNode, podRequests } from './scheduler.ts';
export { evictionTime, NODE_MONITOR_GRACE_MS } from './node-lifecycle.ts';
export { runKubectl, parseLine, parseArgs, resolveResource } from './kubectl.ts';
export type { KubectlResult, ManifestParser } from './kubectl.ts';
export { humanDuration, formatTable, podStatus } from './kubectl-format.ts';
