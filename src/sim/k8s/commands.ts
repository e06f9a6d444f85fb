/**
 * Every change a user, scenario or test can make to the EKS cluster, as data: `K8sCommand`, applied
 * with `applyK8sCommand(state, command)`. Errors are worded like the API server's / kubectl's.
 */
import { anywhereRefusal } from './anywhere.ts';
import type { Draft } from './draft.ts';
import { beginDraft, commitDraft } from './draft.ts';
import type { FargateSelector, K8sState } from './model.ts';
import type { K8sManifest } from './objects.ts';
import { applyManifests } from './apply.ts';
import type { NodeGroupInput } from './create.ts';
import { nodeGroupFrom } from './create.ts';
import { deleteObject, undoRollout } from './delete.ts';
import { crash } from './kubelet.ts';
import { isApiAvailable } from './advance.ts';
import { setServiceLoad } from './service-traffic.ts';
import { DEFAULT_NODEPOOL_TYPES, type ConsolidationPolicy } from './karpenter.ts';
import { INSTANCE_TYPES } from '../instance-types.ts';
import type { LoadProfile, LoadShape } from '../traffic/load.ts';
import type { AppProfile } from '../traffic/utilization.ts';

export type K8sCommand =
  | { readonly type: 'APPLY'; readonly objects: readonly K8sManifest[] }
  | {
      readonly type: 'DELETE';
      readonly kind: K8sManifest['kind'];
      readonly name: string;
      readonly namespace?: string;
    }
  | {
      readonly type: 'SCALE';
      readonly name: string;
      readonly replicas: number;
      readonly namespace?: string;
      readonly kind?: 'Deployment' | 'ReplicaSet';
    }
  | {
      readonly type: 'ROLLOUT_UNDO';
      readonly name: string;
      readonly namespace?: string;
      readonly toRevision?: number;
    }
  | ({ readonly type: 'ADD_NODE_GROUP' } & NodeGroupInput)
  | {
      readonly type: 'SCALE_NODE_GROUP';
      readonly name: string;
      readonly desiredSize: number;
      readonly minSize?: number;
      readonly maxSize?: number;
    }
  | {
      readonly type: 'ADD_FARGATE_PROFILE';
      readonly name: string;
      readonly selectors: readonly FargateSelector[];
      readonly zones?: readonly string[];
    }
  /** Karpenter NodePool (karpenter.ts): instance types, consolidation policy and delay, CPU limit. */
  | {
      readonly type: 'ADD_NODE_POOL';
      readonly name: string;
      readonly instanceTypes?: readonly string[];
      readonly consolidationPolicy?: ConsolidationPolicy;
      readonly consolidateAfterSeconds?: number;
      readonly limitsCpu?: number;
    }
  /** Fault: a container exits (default: every container, exit code 1). */
  | {
      readonly type: 'CRASH_POD';
      readonly name: string;
      readonly namespace?: string;
      readonly container?: string;
      readonly exitCode?: number;
    }
  /** Fault: the node's kubelet stops posting status. */
  | { readonly type: 'NODE_NOT_READY'; readonly name: string }
  | { readonly type: 'NODE_READY'; readonly name: string }
  /** Fault: a whole Availability Zone fails (nodes and control-plane members in it). */
  | { readonly type: 'AZ_OUTAGE'; readonly zone: string }
  | { readonly type: 'AZ_RESTORE'; readonly zone: string }
  /** Load hook: per-pod CPU usage of a Deployment (drives HPA and `kubectl top`). */
  | {
      readonly type: 'SET_WORKLOAD_CPU';
      readonly namespace: string;
      readonly deployment: string;
      readonly millicoresPerPod: number;
    }
  /**
   * The load generator aimed at a Service (LoadBalancer: through its AWS load balancer; ClusterIP:
   * from inside the cluster): requests per second spread over the ready endpoints
   * (service-traffic.ts). Shape times count from when it is set.
   */
  | {
      readonly type: 'SET_SERVICE_LOAD';
      readonly namespace?: string;
      readonly service: string;
      readonly load: LoadShape | LoadProfile;
      /** How the application spends CPU per request (defaults: 10 ms CPU per request). */
      readonly app?: Partial<AppProfile>;
    }
  /** How an image behaves: unpullable (ErrImagePull) or crashing after N seconds (CrashLoopBackOff). */
  | {
      readonly type: 'SET_IMAGE_BEHAVIOUR';
      readonly image: string;
      readonly pullable?: boolean;
      readonly crashAfterSeconds?: number;
      readonly exitCode?: number;
    }
  | {
      readonly type: 'SET_SCORING_STRATEGY';
      readonly strategy: 'LeastAllocated' | 'MostAllocated';
    };

export interface K8sCommandResult {
  readonly state: K8sState;
  readonly error?: string;
  /** kubectl-style output lines (APPLY: "deployment.apps/web created"). */
  readonly output?: readonly string[];
}

/** Pure: applies one command; on error the returned state is the input state. */
export function applyK8sCommand(state: K8sState, cmd: K8sCommand): K8sCommandResult {
  const needsApi = ['APPLY', 'DELETE', 'SCALE', 'ROLLOUT_UNDO'].includes(cmd.type);
  if (needsApi && !isApiAvailable(state)) {
    return {
      state,
      error: 'The connection to the server was refused - did you specify the right host or port?',
    };
  }
  const d = beginDraft(state);
  d.changed = true;
  const r = run(d, cmd);
  if (r.error !== undefined && !(r.output && r.output.length > 0)) return { state, error: r.error };
  return { state: commitDraft(d), ...r };
}

function run(d: Draft, cmd: K8sCommand): { error?: string; output?: readonly string[] } {
  switch (cmd.type) {
    case 'APPLY': {
      const out = applyManifests(d, cmd.objects);
      return { output: out.lines, ...(out.errors.length ? { error: out.errors.join('\n') } : {}) };
    }
    case 'DELETE':
      return deleteObject(d, cmd.kind, cmd.namespace ?? 'default', cmd.name);
    case 'SCALE': {
      const ns = cmd.namespace ?? 'default';
      const key = `${ns}/${cmd.name}`;
      if (cmd.kind === 'ReplicaSet') {
        const rs = d.replicaSets[key];
        if (!rs)
          return {
            error: `Error from server (NotFound): replicasets.apps "${cmd.name}" not found`,
          };
        d.replicaSets[key] = { ...rs, spec: { ...rs.spec, replicas: cmd.replicas } };
        return { output: [`replicaset.apps/${cmd.name} scaled`] };
      }
      const dep = d.deployments[key];
      if (!dep)
        return { error: `Error from server (NotFound): deployments.apps "${cmd.name}" not found` };
      d.deployments[key] = { ...dep, spec: { ...dep.spec, replicas: cmd.replicas } };
      return { output: [`deployment.apps/${cmd.name} scaled`] };
    }
    case 'ROLLOUT_UNDO':
      return undoRollout(d, cmd.namespace ?? 'default', cmd.name, cmd.toRevision);
    case 'ADD_NODE_GROUP': {
      if (d.nodeGroups[cmd.name])
        return {
          error: `NodeGroup already exists with name ${cmd.name} and cluster name ${d.base.clusterName}`,
        };
      d.nodeGroups[cmd.name] = nodeGroupFrom(cmd, d.base.zones);
      return {};
    }
    case 'SCALE_NODE_GROUP': {
      const g = d.nodeGroups[cmd.name];
      if (!g) return { error: `No node group found for name: ${cmd.name}.` };
      const minSize = cmd.minSize ?? g.minSize;
      const maxSize = cmd.maxSize ?? g.maxSize;
      if (cmd.desiredSize < minSize || cmd.desiredSize > maxSize) {
        return {
          error: `desired capacity ${cmd.desiredSize} can't be lower than minSize ${minSize} or greater than maxSize ${maxSize}`,
        };
      }
      d.nodeGroups[cmd.name] = {
        ...g,
        desiredSize: cmd.desiredSize,
        minSize,
        maxSize,
        status: 'UPDATING',
      };
      return {};
    }
    case 'ADD_NODE_POOL': {
      if (d.base.anywhere) return { error: anywhereRefusal('karpenter', d.base) };
      const existing = d.extra.nodePools ?? d.base.nodePools ?? {};
      if (existing[cmd.name])
        return {
          error: `Error from server (AlreadyExists): nodepools.karpenter.sh "${cmd.name}" already exists`,
        };
      const types = cmd.instanceTypes ?? DEFAULT_NODEPOOL_TYPES;
      const unknown = types.find((t) => !INSTANCE_TYPES[t]);
      if (unknown !== undefined || types.length === 0)
        return { error: `NodePool ${cmd.name}: unknown instance type ${unknown ?? '(none)'}` };
      d.extra.nodePools = {
        ...existing,
        [cmd.name]: {
          name: cmd.name,
          instanceTypes: types,
          consolidationPolicy: cmd.consolidationPolicy ?? 'WhenEmptyOrUnderutilized',
          consolidateAfterSeconds: Math.max(0, cmd.consolidateAfterSeconds ?? 0),
          ...(cmd.limitsCpu !== undefined ? { limitsCpu: cmd.limitsCpu } : {}),
        },
      };
      return { output: [`nodepool.karpenter.sh/${cmd.name} created`] };
    }
    case 'ADD_FARGATE_PROFILE': {
      if (d.base.anywhere) return { error: anywhereRefusal('fargate', d.base) };
      if (d.fargateProfiles[cmd.name])
        return { error: `A Fargate Profile already exists with this name in this cluster.` };
      if (cmd.selectors.length === 0 || cmd.selectors.length > 5)
        return { error: 'Fargate profiles take between 1 and 5 selectors.' };
      d.fargateProfiles[cmd.name] = {
        name: cmd.name,
        selectors: cmd.selectors,
        zones: cmd.zones ?? d.base.zones,
        status: 'ACTIVE',
      };
      return {};
    }
    case 'CRASH_POD': {
      const key = `${cmd.namespace ?? 'default'}/${cmd.name}`;
      const pod = d.pods[key];
      if (!pod) return { error: `Error from server (NotFound): pods "${cmd.name}" not found` };
      const statuses = pod.containerStatuses.map((cs, i) => {
        const spec = pod.spec.containers[i];
        if (!spec || cs.state.kind !== 'running' || (cmd.container && cmd.container !== cs.name))
          return cs;
        return crash(d, pod, spec, cs, cmd.exitCode ?? 1);
      });
      d.pods[key] = {
        ...pod,
        containerStatuses: statuses,
        readySince: undefined,
        conditions: pod.conditions.map((c) =>
          c.type === 'Ready' || c.type === 'ContainersReady'
            ? { ...c, status: 'False' as const, lastTransitionTime: d.now }
            : c,
        ),
      };
      return {};
    }
    case 'NODE_NOT_READY':
    case 'NODE_READY': {
      const node = d.nodes[cmd.name];
      if (!node) return { error: `Error from server (NotFound): nodes "${cmd.name}" not found` };
      d.nodes[cmd.name] = {
        ...node,
        kubeletUp: cmd.type === 'NODE_READY',
        lastHeartbeat: cmd.type === 'NODE_READY' ? d.now : node.lastHeartbeat,
      };
      return {};
    }
    case 'AZ_OUTAGE':
    case 'AZ_RESTORE': {
      if (!d.base.zones.includes(cmd.zone))
        return { error: `unknown Availability Zone ${cmd.zone}` };
      const up = cmd.type === 'AZ_RESTORE';
      for (const n of Object.values(d.nodes)) {
        if (n.zone === cmd.zone && n.kubeletUp !== up)
          d.nodes[n.meta.name] = {
            ...n,
            kubeletUp: up,
            lastHeartbeat: up ? d.now : n.lastHeartbeat,
          };
      }
      const cp = d.base.controlPlane;
      const mark = <T extends { zone: string; healthy: boolean }>(xs: readonly T[]): T[] =>
        xs.map((x) => (x.zone === cmd.zone ? { ...x, healthy: up } : x));
      d.extra.controlPlane = { ...cp, apiServers: mark(cp.apiServers), etcd: mark(cp.etcd) };
      return {};
    }
    case 'SET_WORKLOAD_CPU':
      d.extra.workloadCpu = {
        ...d.base.workloadCpu,
        [`${cmd.namespace}/${cmd.deployment}`]: Math.max(0, cmd.millicoresPerPod),
      };
      return {};
    case 'SET_SERVICE_LOAD':
      return setServiceLoad(d, cmd.namespace ?? 'default', cmd.service, cmd.load, cmd.app);
    case 'SET_IMAGE_BEHAVIOUR':
      d.extra.images = {
        ...d.base.images,
        [cmd.image]: {
          pullable: cmd.pullable ?? true,
          ...(cmd.crashAfterSeconds !== undefined
            ? { crashAfterMs: cmd.crashAfterSeconds * 1000 }
            : {}),
          ...(cmd.exitCode !== undefined ? { exitCode: cmd.exitCode } : {}),
        },
      };
      return {};
    case 'SET_SCORING_STRATEGY':
      d.extra.scoringStrategy = cmd.strategy;
      return {};
  }
}
