/**
 * Pure layout of the EKS cluster on the canvas (world pixels, relative to the EKS area's origin):
 * the managed control plane as a band of API server and etcd members across the AZs, one column per
 * AZ with its nodes as boxes (managed node group nodes, then Fargate nodes — each Fargate pod runs on
 * its own node [EKS-UG fargate]), pods as tiles inside their node grouped by Deployment, and a
 * "Pending" strip for pods with no node yet. No Pixi: node tests check it, the view copies it.
 */
import type { K8sState, Pod } from '../sim/k8s/model.ts';
import { podStatus } from '../sim/k8s/kubectl-format.ts';
import type { Rect } from './layout-types.ts';

/** What a pod tile shows: kubectl's STATUS column, folded into the colours the legend explains. */
export type PodTileState =
  | 'Pending'
  | 'ContainerCreating'
  | 'Running'
  | 'NotReady'
  | 'CrashLoopBackOff'
  | 'ImagePullBackOff'
  | 'Error'
  | 'Terminating'
  | 'Completed'
  | 'Unknown';

/** Okabe–Ito based, like the ECS palette: starting = blues, Running = bluish green, failing = warm. */
export const POD_COLORS: Readonly<Record<PodTileState, number>> = {
  Pending: 0xc9e2f5,
  ContainerCreating: 0x56b4e9,
  Running: 0x009e73,
  NotReady: 0x8fd3bd,
  CrashLoopBackOff: 0xd55e00,
  ImagePullBackOff: 0xcc79a7,
  Error: 0x9c3d00,
  Terminating: 0xe69f00,
  Completed: 0x9e9e9e,
  Unknown: 0x555555,
};

/** Pure: the tile state of a pod, from the same rule kubectl uses for STATUS. */
export function podTileState(pod: Pod): PodTileState {
  const s = podStatus(pod);
  switch (s) {
    case 'Pending':
    case 'ContainerCreating':
    case 'CrashLoopBackOff':
    case 'Terminating':
    case 'Completed':
    case 'Unknown':
      return s;
    case 'ImagePullBackOff':
    case 'ErrImagePull':
    case 'InvalidImageName':
      return 'ImagePullBackOff';
    case 'Running':
      return pod.conditions.some((c) => c.type === 'Ready' && c.status === 'True')
        ? 'Running'
        : 'NotReady';
    case 'NotReady':
      return 'NotReady';
    case 'Succeeded':
      return 'Completed';
    default:
      return 'Error';
  }
}

export interface ControlPlaneMember extends Rect {
  readonly role: 'api' | 'etcd';
  readonly zone: string;
  readonly healthy: boolean;
}

export interface K8sNodeBox extends Rect {
  readonly name: string;
  readonly zone: string;
  readonly fargate: boolean;
  readonly ready: boolean;
  /** "m5.large" or "Fargate 0.25vCPU 0.5GB". */
  readonly caption: string;
  /** Requested CPU / allocatable (0..1) — what the scheduler's resource fit sees. */
  readonly cpuRequested: number;
  readonly tileArea: Rect;
  /** Pods on the node, grouped by Deployment, then oldest first. */
  readonly podKeys: readonly string[];
}

export interface K8sPodTile extends Rect {
  readonly key: string;
  readonly state: PodTileState;
  /** Deployment (or ReplicaSet, or the pod's own name) the pod belongs to. */
  readonly group: string;
}

export interface K8sZoneColumn extends Rect {
  readonly zone: string;
  /** True when nothing in the zone answers (every node's kubelet down and no healthy member). */
  readonly down: boolean;
}

export interface K8sLayout {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  /** `runBy`: AWS (EKS in the Region) or you (EKS Anywhere, on your own machines at a site). */
  readonly controlPlane: Rect & { readonly available: boolean; readonly runBy: 'aws' | 'you' };
  readonly members: readonly ControlPlaneMember[];
  readonly columns: readonly K8sZoneColumn[];
  readonly nodes: ReadonlyMap<string, K8sNodeBox>;
  readonly pods: ReadonlyMap<string, K8sPodTile>;
  readonly pending: Rect & { readonly podKeys: readonly string[] };
  /** Row under the Pending strip where the pod-state legend goes. */
  readonly legend: Rect;
  /** Deployments (groups) with pods, sorted. */
  readonly groups: readonly string[];
}

export const K8S_GEOMETRY = {
  margin: 12,
  title: 22,
  controlPlaneH: 58,
  member: 20,
  columnGap: 10,
  columnPad: 8,
  columnHeader: 22,
  nodeW: 176,
  nodeGap: 8,
  nodeHeader: 30,
  nodePad: 6,
  fargateW: 84,
  tile: 10,
  tileGap: 2,
  pendingHeader: 20,
} as const;

const PITCH = K8S_GEOMETRY.tile + K8S_GEOMETRY.tileGap;
/** Pod tiles per row in a node-group node box. */
export const POD_TILES_PER_ROW = Math.floor(
  (K8S_GEOMETRY.nodeW - 2 * K8S_GEOMETRY.nodePad + K8S_GEOMETRY.tileGap) / PITCH,
);

/** Pure: the Deployment a pod belongs to (through its ReplicaSet), else its owner, else itself. */
export function podGroup(state: K8sState, pod: Pod): string {
  const owner = pod.meta.ownerReferences?.[0];
  if (!owner) return pod.meta.name;
  if (owner.kind === 'ReplicaSet') {
    const rs = state.replicaSets[`${pod.meta.namespace}/${owner.name}`];
    const dep = rs?.meta.ownerReferences?.find((o) => o.kind === 'Deployment');
    if (dep) return dep.name;
  }
  return owner.name;
}

function comparePods(state: K8sState) {
  return (a: Pod, b: Pod): number => {
    const ga = podGroup(state, a);
    const gb = podGroup(state, b);
    if (ga !== gb) return ga < gb ? -1 : 1;
    if (a.meta.creationTimestamp !== b.meta.creationTimestamp)
      return a.meta.creationTimestamp - b.meta.creationTimestamp;
    return a.meta.name < b.meta.name ? -1 : 1;
  };
}

function tileRows(n: number, perRow: number): number {
  return Math.max(1, Math.ceil(n / perRow));
}

/** Pure: lays out the EKS cluster. Same state → equal layout. */
export function layoutK8s(state: K8sState): K8sLayout {
  const g = K8S_GEOMETRY;
  const byNode = new Map<string, Pod[]>();
  const pendingPods: Pod[] = [];
  const groups = new Set<string>();
  for (const key in state.pods) {
    const pod = state.pods[key] as Pod;
    groups.add(podGroup(state, pod));
    if (pod.nodeName && state.nodes[pod.nodeName]) {
      const list = byNode.get(pod.nodeName);
      if (list) list.push(pod);
      else byNode.set(pod.nodeName, [pod]);
    } else pendingPods.push(pod);
  }
  const cmp = comparePods(state);
  for (const list of byNode.values()) list.sort(cmp);
  pendingPods.sort(cmp);

  const zones = [...state.zones];
  for (const n of Object.values(state.nodes)) if (!zones.includes(n.zone)) zones.push(n.zone);
  const colW = g.nodeW + 2 * g.columnPad;
  const top = g.margin + g.title + g.controlPlaneH + g.columnGap;
  const nodes = new Map<string, K8sNodeBox>();
  const pods = new Map<string, K8sPodTile>();
  const place = (list: readonly Pod[], area: Rect, perRow: number): string[] => {
    const keys: string[] = [];
    list.forEach((pod, i) => {
      const key = `${pod.meta.namespace}/${pod.meta.name}`;
      keys.push(key);
      pods.set(key, {
        key,
        state: podTileState(pod),
        group: podGroup(state, pod),
        x: area.x + (i % perRow) * PITCH,
        y: area.y + Math.floor(i / perRow) * PITCH,
        w: g.tile,
        h: g.tile,
      });
    });
    return keys;
  };
  let bottom = top;
  const columnsDraft: { zone: string; x: number; h: number }[] = [];
  zones.forEach((zone, zi) => {
    const x = g.margin + zi * (colW + g.columnGap);
    let y = top + g.columnHeader;
    const inZone = Object.values(state.nodes)
      .filter((n) => n.zone === zone)
      .sort((a, b) =>
        a.origin.kind !== b.origin.kind
          ? a.origin.kind === 'nodegroup'
            ? -1
            : 1
          : a.meta.creationTimestamp - b.meta.creationTimestamp ||
            (a.meta.name < b.meta.name ? -1 : 1),
      );
    let fargateCol = 0;
    for (const node of inZone) {
      const fargate = node.origin.kind === 'fargate';
      const list = byNode.get(node.meta.name) ?? [];
      const w = fargate ? g.fargateW : g.nodeW;
      const perRow = fargate ? 6 : POD_TILES_PER_ROW;
      const h = g.nodeHeader + tileRows(list.length, perRow) * PITCH - g.tileGap + g.nodePad;
      let nx = x + g.columnPad;
      if (fargate) {
        // Fargate nodes are small: two per row.
        nx += fargateCol * (g.fargateW + g.nodeGap);
        if (fargateCol === 1) y -= h + g.nodeGap;
        fargateCol = (fargateCol + 1) % 2;
      }
      const tileArea = {
        x: nx + g.nodePad,
        y: y + g.nodeHeader,
        w: w - 2 * g.nodePad,
        h: h - g.nodeHeader - g.nodePad,
      };
      let requested = 0;
      // Sum of container CPU requests (init containers ignored here; the scheduler counts them).
      for (const p of list)
        for (const c of p.spec.containers) requested += c.resources?.requests?.cpu ?? 0;
      nodes.set(node.meta.name, {
        name: node.meta.name,
        zone,
        fargate,
        ready: node.conditions.some((c) => c.type === 'Ready' && c.status === 'True'),
        caption: fargate ? `Fargate ${node.capacityProvisioned ?? ''}`.trim() : node.instanceType,
        cpuRequested: node.allocatable.cpu > 0 ? Math.min(1, requested / node.allocatable.cpu) : 0,
        x: nx,
        y,
        w,
        h,
        tileArea,
        podKeys: place(list, tileArea, perRow),
      });
      y += h + g.nodeGap;
    }
    columnsDraft.push({ zone, x, h: y - top + g.columnPad });
    bottom = Math.max(bottom, y + g.columnPad);
  });
  const colH = Math.max(80, bottom - top);
  const width = Math.max(
    g.margin * 2 + zones.length * colW + (zones.length - 1) * g.columnGap,
    g.margin * 2 + 3 * colW + 2 * g.columnGap,
  );
  const columns: K8sZoneColumn[] = columnsDraft.map((c) => {
    const zoneNodes = Object.values(state.nodes).filter((n) => n.zone === c.zone);
    const members = [...state.controlPlane.apiServers, ...state.controlPlane.etcd].filter(
      (m) => m.zone === c.zone,
    );
    const down =
      (zoneNodes.length > 0 || members.length > 0) &&
      zoneNodes.every((n) => !n.kubeletUp) &&
      members.every((m) => !m.healthy);
    return { zone: c.zone, x: c.x, y: top, w: colW, h: colH, down };
  });
  // Control plane: one slot per AZ column; API server(s) and etcd member side by side.
  const cpY = g.margin + g.title;
  const members: ControlPlaneMember[] = [];
  zones.forEach((zone, zi) => {
    const x = g.margin + zi * (colW + g.columnGap) + g.columnPad;
    const api = state.controlPlane.apiServers.find((a) => a.zone === zone);
    const etcd = state.controlPlane.etcd.find((e) => e.zone === zone);
    const mw = (g.nodeW - g.nodeGap) / 2;
    if (api)
      members.push({ role: 'api', zone, healthy: api.healthy, x, y: cpY + 28, w: mw, h: g.member });
    if (etcd)
      members.push({
        role: 'etcd',
        zone,
        healthy: etcd.healthy,
        x: x + mw + g.nodeGap,
        y: cpY + 28,
        w: mw,
        h: g.member,
      });
  });
  const etcdUp = state.controlPlane.etcd.filter((e) => e.healthy).length;
  const available =
    state.controlPlane.apiServers.some((a) => a.healthy) &&
    etcdUp * 2 > state.controlPlane.etcd.length;
  const pendingY = top + colH + g.columnGap;
  const pendingW = width - 2 * g.margin;
  const pendingPerRow = Math.max(1, Math.floor((pendingW - 2 * g.nodePad + g.tileGap) / PITCH));
  const pendingArea = {
    x: g.margin + g.nodePad,
    y: pendingY + g.pendingHeader,
    w: pendingW - 2 * g.nodePad,
    h: 0,
  };
  const pendingKeys = place(pendingPods, pendingArea, pendingPerRow);
  const pendingH =
    g.pendingHeader + tileRows(pendingPods.length, pendingPerRow) * PITCH + g.nodePad;
  const legendY = pendingY + pendingH + 6;
  return {
    width,
    height: legendY + 30 + g.margin,
    legend: { x: g.margin, y: legendY, w: pendingW, h: 30 },
    title: state.anywhere
      ? `EKS Anywhere cluster ${state.clusterName} at on-premises site ${state.anywhere.site} (Kubernetes ${state.controlPlane.version}, EKS Distro build)`
      : `EKS cluster ${state.clusterName} (Kubernetes ${state.controlPlane.version}, EKS Distro build)`,
    controlPlane: {
      x: g.margin,
      y: cpY,
      w: width - 2 * g.margin,
      h: g.controlPlaneH,
      available,
      runBy: state.anywhere ? 'you' : 'aws',
    },
    members,
    columns,
    nodes,
    pods,
    pending: { x: g.margin, y: pendingY, w: pendingW, h: pendingH, podKeys: pendingKeys },
    groups: [...groups].sort(),
  };
}

/** Pure: the pod or node at a point of the EKS area (local coordinates), if any. */
export function hitTestK8s(
  layout: K8sLayout,
  x: number,
  y: number,
): { kind: 'pod' | 'node'; id: string } | undefined {
  const inside = (r: Rect) => x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h;
  for (const tile of layout.pods.values()) if (inside(tile)) return { kind: 'pod', id: tile.key };
  for (const node of layout.nodes.values())
    if (inside(node)) return { kind: 'node', id: node.name };
  return undefined;
}
