/**
 * Scenario actions and expectations for the EKS cluster (src/sim/eks.ts): create the cluster,
 * apply inline manifests (parsed and validated here, like `kubectl apply -f`), run a kubectl line
 * that changes the cluster, make an image crash or fail to pull; expect pods and Deployments.
 */
import type { SimCommand } from '../sim/index.ts';
import type { K8sCommand, K8sManifest } from '../sim/k8s/index.ts';
import { parseManifests } from './manifest.ts';
import { arrayOf, bool, enumOf, int, objectSpec, str } from './scenario-spec.ts';
import type { ObjectSpec } from './scenario-spec.ts';
import { loadShape } from './scenario-traffic-actions.ts';
import type { LoadShape } from '../sim/traffic/load.ts';

const nodeGroup = objectSpec(
  {
    name: str(),
    instanceType: str(),
    desiredSize: int(0, 450),
    minSize: int(0, 450),
    maxSize: int(1, 450), // [EKS-UG service-quotas] 450 nodes per managed node group
  },
  ['name', 'instanceType', 'desiredSize'],
  'node group',
);

export const EKS_ACTION_SPECS: Readonly<Record<string, ObjectSpec>> = {
  CREATE_EKS_CLUSTER: objectSpec({
    clusterName: str(),
    nodeGroups: arrayOf(nodeGroup, 1, 30),
    fargateProfiles: arrayOf(
      objectSpec({ name: str(), namespaces: arrayOf(str(), 1, 5) }, ['name', 'namespaces']),
      0,
      10,
    ),
    // EKS Anywhere: the whole cluster at an on-premises site (src/sim/k8s/anywhere.ts).
    anywhere: objectSpec({ site: str() }, ['site']),
  }),
  APPLY_MANIFEST: objectSpec({ manifest: str(), namespace: str() }, ['manifest']),
  KUBECTL: objectSpec({ line: str() }, ['line']),
  SET_IMAGE_BEHAVIOUR: objectSpec(
    { image: str(), pullable: bool, crashAfterSeconds: int(1), exitCode: int(0, 255) },
    ['image'],
  ),
  /** The load generator aimed at a Service (src/sim/k8s/service-traffic.ts). */
  SET_SERVICE_LOAD: objectSpec({ service: str(), namespace: str(), load: loadShape }, [
    'service',
    'load',
  ]),
  /** Fault: the node's kubelet stops posting status (NotReady after the grace period). */
  EKS_NODE_NOT_READY: objectSpec({ node: str() }, ['node']),
  EKS_NODE_READY: objectSpec({ node: str() }, ['node']),
  /** A Karpenter NodePool (src/sim/k8s/karpenter.ts): provisions nodes for Unschedulable pods. */
  ADD_NODE_POOL: objectSpec(
    {
      name: str(),
      instanceTypes: arrayOf(str(), 1, 50),
      consolidationPolicy: enumOf(
        ['WhenEmpty', 'WhenEmptyOrUnderutilized'],
        'consolidation policy',
      ),
      consolidateAfterSeconds: int(0),
      limitsCpu: int(1),
    },
    ['name'],
  ),
};

export const EKS_CONDITION_SPECS: Readonly<Record<string, ObjectSpec>> = {
  pods: objectSpec(
    {
      pods: objectSpec({ namespace: str(), deployment: str(), status: str(), image: str() }, []),
      count: int(0),
      minRestarts: int(0),
    },
    ['pods'],
  ),
  deployment: objectSpec(
    {
      deployment: str(),
      namespace: str(),
      replicas: int(0),
      updatedReplicas: int(0),
      readyReplicas: int(0),
      availableReplicas: int(0),
    },
    ['deployment'],
  ),
};

/** What an EKS action becomes: a SimCommand, or the refusal kubectl/the API server would give. */
export type EksActionBuild =
  | { readonly ok: true; readonly command: SimCommand }
  | { readonly ok: false; readonly messages: readonly string[] };

const eks = (command: K8sCommand): EksActionBuild => ({
  ok: true,
  command: { type: 'EKS_COMMAND', command },
});

/**
 * Pure: a kubectl line that changes the cluster, as the K8sCommand kubectl would send:
 * `scale deploy/NAME --replicas=N`, `delete TYPE NAME`, `rollout undo deploy/NAME [--to-revision=N]`
 * (with `-n NS`). Read-only verbs change nothing, so a scenario uses expectations instead.
 */
export function kubectlToCommand(line: string): EksActionBuild {
  const words = line.trim().split(/\s+/);
  if (words[0] === 'kubectl') words.shift();
  const flags = new Map<string, string>();
  const args: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    if (w.startsWith('--')) {
      const [k, v] = w.slice(2).split('=', 2) as [string, string | undefined];
      flags.set(k, v ?? words[++i] ?? '');
    } else if (w === '-n') flags.set('namespace', words[++i] ?? '');
    else args.push(w);
  }
  const namespace = flags.get('namespace') || 'default';
  const [verb, ...rest] = args;
  const target = (): { kind: string; name: string } | undefined => {
    const [a, b] = rest[0]?.includes('/')
      ? (rest[0].split('/', 2) as [string, string])
      : [rest[0], rest[1]];
    return a && b ? { kind: a.toLowerCase(), name: b } : undefined;
  };
  const KINDS: Record<string, K8sManifest['kind']> = {
    deploy: 'Deployment',
    deployment: 'Deployment',
    deployments: 'Deployment',
    rs: 'ReplicaSet',
    replicaset: 'ReplicaSet',
    replicasets: 'ReplicaSet',
    po: 'Pod',
    pod: 'Pod',
    pods: 'Pod',
    svc: 'Service',
    service: 'Service',
    services: 'Service',
    hpa: 'HorizontalPodAutoscaler',
    horizontalpodautoscaler: 'HorizontalPodAutoscaler',
    ns: 'Namespace',
    namespace: 'Namespace',
  };
  const t = target();
  const kind = t ? KINDS[t.kind] : undefined;
  switch (verb) {
    case 'scale': {
      const replicas = Number(flags.get('replicas'));
      if (
        !t ||
        (kind !== 'Deployment' && kind !== 'ReplicaSet') ||
        !Number.isInteger(replicas) ||
        replicas < 0
      )
        return {
          ok: false,
          messages: ['kubectl scale needs deploy/NAME (or rs/NAME) and --replicas=COUNT'],
        };
      return eks({ type: 'SCALE', name: t.name, namespace, replicas, kind });
    }
    case 'delete':
      if (!t || !kind)
        return { ok: false, messages: ['kubectl delete needs TYPE NAME or TYPE/NAME'] };
      return eks({ type: 'DELETE', kind, name: t.name, namespace });
    case 'rollout':
      if (rest[0] !== 'undo') break;
      rest.shift();
      {
        const u = target();
        if (!u || KINDS[u.kind] !== 'Deployment')
          return { ok: false, messages: ['kubectl rollout undo needs deployment/NAME'] };
        const to = flags.get('to-revision');
        return eks({
          type: 'ROLLOUT_UNDO',
          name: u.name,
          namespace,
          ...(to === undefined ? {} : { toRevision: Number(to) }),
        });
      }
  }
  return {
    ok: false,
    messages: [
      `KUBECTL runs kubectl lines that change the cluster (scale, delete, rollout undo); "${line}" is not one — use an expectation to check state`,
    ],
  };
}

/**
 * Pure: builds an EKS action from its shape-valid fields. `manifestLine` is the file line where the
 * manifest's text begins, so manifest errors point into the scenario file.
 */
export function buildEksAction(
  type: string,
  raw: Readonly<Record<string, unknown>>,
  file: string,
  manifestLine: number,
): EksActionBuild {
  switch (type) {
    case 'CREATE_EKS_CLUSTER': {
      const profiles = raw.fargateProfiles as { name: string; namespaces: string[] }[] | undefined;
      return {
        ok: true,
        command: {
          type: 'CREATE_EKS_CLUSTER',
          ...(typeof raw.clusterName === 'string' ? { clusterName: raw.clusterName } : {}),
          ...(raw.nodeGroups ? { nodeGroups: raw.nodeGroups as never } : {}),
          ...(raw.anywhere ? { anywhere: raw.anywhere as { site: string } } : {}),
          ...(profiles
            ? {
                fargateProfiles: profiles.map((p) => ({
                  name: p.name,
                  selectors: p.namespaces.map((namespace) => ({ namespace })),
                })),
              }
            : {}),
        },
      };
    }
    case 'APPLY_MANIFEST': {
      const r = parseManifests(raw.manifest as string, file);
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length)
        return {
          ok: false,
          messages: errors.map(
            (d) =>
              `error: error validating "${file}" (line ${manifestLine + d.line - 1}, column ${d.column}): ${d.message}`,
          ),
        };
      const ns = typeof raw.namespace === 'string' ? raw.namespace : 'default';
      // kubectl apply puts namespaced objects without metadata.namespace in the current namespace.
      const objects = r.objects.map((o) =>
        o.kind === 'Namespace' || o.metadata.namespace
          ? o
          : { ...o, metadata: { ...o.metadata, namespace: ns } },
      ) as K8sManifest[];
      return eks({ type: 'APPLY', objects });
    }
    case 'KUBECTL':
      return kubectlToCommand(raw.line as string);
    case 'SET_IMAGE_BEHAVIOUR':
      return eks({
        type: 'SET_IMAGE_BEHAVIOUR',
        image: raw.image as string,
        ...(typeof raw.pullable === 'boolean' ? { pullable: raw.pullable } : {}),
        ...(typeof raw.crashAfterSeconds === 'number'
          ? { crashAfterSeconds: raw.crashAfterSeconds }
          : {}),
        ...(typeof raw.exitCode === 'number' ? { exitCode: raw.exitCode } : {}),
      });
    case 'SET_SERVICE_LOAD':
      return eks({
        type: 'SET_SERVICE_LOAD',
        service: raw.service as string,
        ...(typeof raw.namespace === 'string' ? { namespace: raw.namespace } : {}),
        load: raw.load as LoadShape,
      });
    case 'ADD_NODE_POOL':
      return eks({
        type: 'ADD_NODE_POOL',
        name: raw.name as string,
        ...(raw.instanceTypes ? { instanceTypes: raw.instanceTypes as string[] } : {}),
        ...(raw.consolidationPolicy
          ? {
              consolidationPolicy: raw.consolidationPolicy as
                'WhenEmpty' | 'WhenEmptyOrUnderutilized',
            }
          : {}),
        ...(typeof raw.consolidateAfterSeconds === 'number'
          ? { consolidateAfterSeconds: raw.consolidateAfterSeconds }
          : {}),
        ...(typeof raw.limitsCpu === 'number' ? { limitsCpu: raw.limitsCpu } : {}),
      });
    case 'EKS_NODE_NOT_READY':
    case 'EKS_NODE_READY':
      return eks({
        type: type === 'EKS_NODE_READY' ? 'NODE_READY' : 'NODE_NOT_READY',
        name: raw.node as string,
      });
    default:
      return { ok: false, messages: [`${type} is not an EKS action`] };
  }
}

export const EKS_ACTION_TYPES: ReadonlySet<string> = new Set(Object.keys(EKS_ACTION_SPECS));
