/**
 * Node lifecycle controller and taint-based eviction: a node whose kubelet stops posting status
 * becomes Ready=Unknown after the grace period and gets the `unreachable` taints; pods are evicted
 * when their toleration of the NoExecute taint runs out (300 s by default) [K8S-WEB
 * kube-controller-manager, taint-and-toleration; reference B7].
 */
import type { Draft } from './draft.ts';
import { recordEvent, ref } from './draft.ts';
import type { Node, Pod, Taint } from './model.ts';
import { deletePod } from './pods.ts';

/**
 * node-monitor-grace-period: 40 s in long-standing releases (the current reference says 50 s); we
 * use 40 s [K8S-WEB kube-controller-manager, B7].
 */
export const NODE_MONITOR_GRACE_MS = 40_000;
/** The kubelet posts node status every 10 s (node-status-update-frequency) [B7]. */
export const NODE_STATUS_UPDATE_MS = 10_000;

export const UNREACHABLE = 'node.kubernetes.io/unreachable';
export const NOT_READY = 'node.kubernetes.io/not-ready';

function setNode(d: Draft, node: Node): void {
  d.nodes[node.meta.name] = node;
  d.changed = true;
}

/** Runs the node lifecycle controller and the taint eviction manager for one step. */
export function runNodeLifecycle(d: Draft): void {
  for (const node of Object.values(d.nodes)) {
    const ready = node.conditions.find((c) => c.type === 'Ready');
    if (node.kubeletUp) {
      if (ready?.status !== 'True') {
        setNode(d, {
          ...node,
          lastHeartbeat: d.now,
          conditions: [
            {
              type: 'Ready',
              status: 'True',
              reason: 'KubeletReady',
              message: 'kubelet is posting ready status',
              lastTransitionTime: d.now,
            },
          ],
          taints: node.taints.filter((t) => t.key !== UNREACHABLE && t.key !== NOT_READY),
        });
        recordEvent(
          d,
          ref('Node', node.meta),
          'Normal',
          'NodeReady',
          `Node ${node.meta.name} status is now: NodeReady`,
          'kubelet',
        );
      } else if (d.now - node.lastHeartbeat >= NODE_STATUS_UPDATE_MS) {
        d.nodes[node.meta.name] = { ...node, lastHeartbeat: d.now };
      }
      continue;
    }
    if (ready?.status === 'Unknown' || d.now - node.lastHeartbeat <= NODE_MONITOR_GRACE_MS)
      continue;
    const taints: Taint[] = [
      ...node.taints.filter((t) => t.key !== UNREACHABLE && t.key !== NOT_READY),
      { key: UNREACHABLE, effect: 'NoSchedule', timeAdded: d.now },
      { key: UNREACHABLE, effect: 'NoExecute', timeAdded: d.now },
    ];
    setNode(d, {
      ...node,
      taints,
      conditions: [
        {
          type: 'Ready',
          status: 'Unknown',
          reason: 'NodeStatusUnknown',
          message: 'Kubelet stopped posting node status.',
          lastTransitionTime: d.now,
        },
      ],
    });
    recordEvent(
      d,
      ref('Node', node.meta),
      'Normal',
      'NodeNotReady',
      `Node ${node.meta.name} status is now: NodeNotReady`,
      'node-controller',
    );
    markPodsNotReady(d, node.meta.name);
  }
  evictByTaints(d);
}

function markPodsNotReady(d: Draft, nodeName: string): void {
  for (const [key, pod] of Object.entries(d.pods)) {
    if (pod.nodeName !== nodeName) continue;
    d.pods[key] = {
      ...pod,
      readySince: undefined,
      conditions: pod.conditions.map((c) =>
        c.type === 'Ready' || c.type === 'ContainersReady'
          ? { ...c, status: 'False', lastTransitionTime: d.now }
          : c,
      ),
      containerStatuses: pod.containerStatuses.map((c) => ({ ...c, ready: false })),
    };
    recordEvent(
      d,
      ref('Pod', pod.meta),
      'Warning',
      'NodeNotReady',
      'Node is not ready',
      'node-controller',
    );
  }
}

/** Pure: when the pod must be evicted for the node's NoExecute taints (undefined = never). */
export function evictionTime(pod: Pod, taints: readonly Taint[]): number | undefined {
  let at: number | undefined;
  for (const taint of taints) {
    if (taint.effect !== 'NoExecute') continue;
    const tol = (pod.spec.tolerations ?? []).find(
      (t) =>
        (t.effect === undefined || t.effect === 'NoExecute') &&
        (t.key === undefined
          ? t.operator === 'Exists'
          : t.key === taint.key &&
            (t.operator === 'Exists' || (t.value ?? '') === (taint.value ?? ''))),
    );
    if (!tol) return taint.timeAdded ?? 0;
    if (tol.tolerationSeconds === undefined) continue;
    const t = (taint.timeAdded ?? 0) + tol.tolerationSeconds * 1000;
    at = at === undefined ? t : Math.min(at, t);
  }
  return at;
}

function evictByTaints(d: Draft): void {
  const tainted = new Map<string, Node>();
  for (const n of Object.values(d.nodes))
    if (n.taints.some((t) => t.effect === 'NoExecute')) tainted.set(n.meta.name, n);
  if (tainted.size === 0) return;
  for (const [key, pod] of Object.entries(d.pods)) {
    const node = pod.nodeName ? tainted.get(pod.nodeName) : undefined;
    if (!node || pod.meta.deletionTimestamp !== undefined) continue;
    const at = evictionTime(pod, node.taints);
    if (at === undefined || at > d.now) continue;
    deletePod(d, key, {
      reason: 'TaintManagerEviction',
      message: `Marking for deletion Pod ${pod.meta.namespace}/${pod.meta.name}`,
      component: 'taint-eviction-controller',
    });
  }
}
