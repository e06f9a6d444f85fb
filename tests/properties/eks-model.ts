/**
 * Random EKS clusters and random sequences of kubectl-style actions and faults (fast-check), and the
 * invariant checks run after every step. Workloads go in as manifest YAML text through
 * `parseManifests`, so the property also covers the manifest path end to end.
 */
import fc from 'fast-check';
import { assertFiniteNumbers } from './ecs-model.ts';
import { parseManifests } from '../../src/formats/manifest.ts';
import {
  advanceK8s,
  applyK8sCommand,
  createK8sState,
  podRequests,
  type K8sCommand,
  type K8sState,
  type PodPhase,
} from '../../src/sim/k8s/index.ts';

export const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'] as const;
const NODE_TYPES = ['t3.medium', 'm5.large', 'c5.xlarge'] as const;
export const IMAGES = [
  'nginx:1.25',
  'nginx:1.27',
  'busybox:1.36',
  'crashy:1',
  'ghost:404',
] as const;
const DEPLOYMENTS = ['web', 'api', 'batch'] as const;

export type EksAction =
  | {
      kind: 'deploy';
      name: number;
      replicas: number;
      cpu: number;
      memMi: number;
      image: number;
      surge: number;
      unavailable: number;
      ns: boolean;
    }
  | { kind: 'hpa'; name: number; min: number; max: number; target: number }
  | { kind: 'pod'; id: number; cpu: number; image: number; restart: number }
  | { kind: 'scale'; name: number; replicas: number }
  | { kind: 'deleteDeployment'; name: number }
  | { kind: 'deletePod'; pick: number }
  | { kind: 'undo'; name: number }
  | { kind: 'scaleGroup'; delta: number }
  | { kind: 'crashPod'; pick: number; exitCode: number }
  | { kind: 'nodeNotReady'; pick: number }
  | { kind: 'nodeReady'; pick: number }
  | { kind: 'azOutage'; zone: number }
  | { kind: 'azRestore'; zone: number }
  | { kind: 'load'; name: number; millicores: number }
  /** A Service in front of a Deployment (LoadBalancer: behind an AWS load balancer). */
  | { kind: 'service'; name: number; lb: boolean }
  /** The load generator aimed at that Service (SET_SERVICE_LOAD): requests/s, steady or a spike. */
  | { kind: 'serviceLoad'; name: number; rps: number; spike: boolean }
  | { kind: 'imageBehaviour'; image: number; pullable: boolean; crashAfter: number }
  | { kind: 'wait'; seconds: number };

const pick = fc.nat({ max: 1000 });
const dep = fc.nat({ max: DEPLOYMENTS.length - 1 });

export const eksActionArb: fc.Arbitrary<EksAction> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('deploy' as const),
      name: dep,
      replicas: fc.nat({ max: 8 }),
      cpu: fc.constantFrom(0, 50, 100, 250, 500, 1500),
      memMi: fc.constantFrom(0, 64, 256, 1024),
      image: fc.nat({ max: IMAGES.length - 1 }),
      surge: fc.nat({ max: 2 }),
      unavailable: fc.nat({ max: 2 }),
      ns: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('hpa' as const),
      name: dep,
      min: fc.integer({ min: 1, max: 3 }),
      max: fc.integer({ min: 3, max: 10 }),
      target: fc.constantFrom(20, 50, 80),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('pod' as const),
      id: fc.nat({ max: 5 }),
      cpu: fc.constantFrom(100, 500, 2500),
      image: fc.nat({ max: IMAGES.length - 1 }),
      restart: fc.nat({ max: 2 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('scale' as const),
      name: dep,
      replicas: fc.nat({ max: 10 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('deleteDeployment' as const), name: dep }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deletePod' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('undo' as const), name: dep }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('scaleGroup' as const),
      delta: fc.integer({ min: -2, max: 2 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('crashPod' as const),
      pick,
      exitCode: fc.constantFrom(0, 1, 137),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('nodeNotReady' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('nodeReady' as const), pick }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('azOutage' as const), zone: fc.nat({ max: 2 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('azRestore' as const), zone: fc.nat({ max: 2 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('service' as const),
      name: dep,
      lb: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('serviceLoad' as const),
      name: dep,
      rps: fc.constantFrom(0, 20, 200, 1000, 5000),
      spike: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('load' as const),
      name: dep,
      millicores: fc.constantFrom(0, 20, 80, 200, 900),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('imageBehaviour' as const),
      image: fc.nat({ max: IMAGES.length - 1 }),
      pullable: fc.boolean(),
      crashAfter: fc.constantFrom(0, 5, 30),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('wait' as const),
      seconds: fc.integer({ min: 1, max: 600 }),
    }),
  },
);

export interface EksSpec {
  seed: number;
  groups: { type: number; size: number; autoscaled: boolean }[];
  fargate: boolean;
}

export const eksClusterArb: fc.Arbitrary<EksSpec> = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  groups: fc.array(
    fc.record({
      type: fc.nat({ max: NODE_TYPES.length - 1 }),
      size: fc.nat({ max: 4 }),
      autoscaled: fc.boolean(),
    }),
    { minLength: 1, maxLength: 2 },
  ),
  fargate: fc.boolean(),
});

export function buildEksCluster(spec: EksSpec): K8sState {
  let s = createK8sState({
    seed: spec.seed,
    nodeGroups: spec.groups.map((g, i) => ({
      name: `ng-${i}`,
      instanceType: NODE_TYPES[g.type] as string,
      desiredSize: g.size,
      minSize: 0,
      maxSize: 6,
      autoscaled: g.autoscaled,
    })),
  });
  if (spec.fargate) {
    s = applyK8sCommand(s, {
      type: 'ADD_FARGATE_PROFILE',
      name: 'fp',
      selectors: [{ namespace: 'serverless' }],
    }).state;
  }
  return s;
}

function nth<T>(xs: readonly T[], i: number): T | undefined {
  return xs.length === 0 ? undefined : xs[i % xs.length];
}

/** Manifest YAML for an action (parsed with parseManifests like a user's file). */
export function manifestFor(a: EksAction): string | undefined {
  if (a.kind === 'service') {
    const name = DEPLOYMENTS[a.name] as string;
    return [
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      `  name: ${name}`,
      '  namespace: default',
      'spec:',
      `  type: ${a.lb ? 'LoadBalancer' : 'ClusterIP'}`,
      '  selector:',
      `    app: ${name}`,
      '  ports:',
      '    - port: 80',
      '      targetPort: 80',
    ].join('\n');
  }
  if (a.kind === 'deploy') {
    const name = DEPLOYMENTS[a.name] as string;
    const ns = a.ns ? 'serverless' : 'default';
    const requests = [
      ...(a.cpu ? [`              cpu: ${a.cpu}m`] : []),
      ...(a.memMi ? [`              memory: ${a.memMi}Mi`] : []),
    ];
    return [
      ...(a.ns
        ? ['apiVersion: v1', 'kind: Namespace', 'metadata:', '  name: serverless', '---']
        : []),
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      `  name: ${name}`,
      `  namespace: ${ns}`,
      'spec:',
      `  replicas: ${a.replicas}`,
      '  strategy:',
      '    type: RollingUpdate',
      '    rollingUpdate:',
      `      maxSurge: ${a.surge === 0 && a.unavailable === 0 ? 1 : a.surge}`,
      `      maxUnavailable: ${a.unavailable}`,
      '  selector:',
      '    matchLabels:',
      `      app: ${name}`,
      '  template:',
      '    metadata:',
      '      labels:',
      `        app: ${name}`,
      '    spec:',
      '      containers:',
      '        - name: app',
      `          image: ${IMAGES[a.image]}`,
      ...(requests.length ? ['          resources:', '            requests:', ...requests] : []),
    ].join('\n');
  }
  if (a.kind === 'hpa') {
    const name = DEPLOYMENTS[a.name] as string;
    return [
      'apiVersion: autoscaling/v2',
      'kind: HorizontalPodAutoscaler',
      'metadata:',
      `  name: ${name}`,
      'spec:',
      '  scaleTargetRef:',
      '    apiVersion: apps/v1',
      '    kind: Deployment',
      `    name: ${name}`,
      `  minReplicas: ${a.min}`,
      `  maxReplicas: ${a.max}`,
      '  metrics:',
      '    - type: Resource',
      '      resource:',
      '        name: cpu',
      '        target:',
      '          type: Utilization',
      `          averageUtilization: ${a.target}`,
    ].join('\n');
  }
  if (a.kind === 'pod') {
    return [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      `  name: bare-${a.id}`,
      'spec:',
      `  restartPolicy: ${['Always', 'OnFailure', 'Never'][a.restart]}`,
      '  containers:',
      '    - name: c',
      `      image: ${IMAGES[a.image]}`,
      '      resources:',
      '        requests:',
      `          cpu: ${a.cpu}m`,
    ].join('\n');
  }
  return undefined;
}

export function eksCommandFor(s: K8sState, a: EksAction): K8sCommand | undefined {
  const podKeys = Object.keys(s.pods).sort();
  const nodeNames = Object.keys(s.nodes).sort();
  switch (a.kind) {
    case 'deploy':
    case 'hpa':
    case 'service':
    case 'pod': {
      const parsed = parseManifests(manifestFor(a) as string, 'random.yaml');
      if (parsed.diagnostics.some((d) => d.severity === 'error'))
        throw new Error(`generated manifest rejected: ${JSON.stringify(parsed.diagnostics)}`);
      return { type: 'APPLY', objects: parsed.objects };
    }
    case 'scale':
      return { type: 'SCALE', name: DEPLOYMENTS[a.name] as string, replicas: a.replicas };
    case 'deleteDeployment':
      return { type: 'DELETE', kind: 'Deployment', name: DEPLOYMENTS[a.name] as string };
    case 'deletePod': {
      const key = nth(podKeys, a.pick);
      const pod = key ? s.pods[key] : undefined;
      return pod
        ? { type: 'DELETE', kind: 'Pod', name: pod.meta.name, namespace: pod.meta.namespace }
        : undefined;
    }
    case 'undo':
      return { type: 'ROLLOUT_UNDO', name: DEPLOYMENTS[a.name] as string };
    case 'scaleGroup': {
      const g = s.nodeGroups['ng-0'];
      if (!g) return undefined;
      return {
        type: 'SCALE_NODE_GROUP',
        name: g.name,
        desiredSize: Math.min(g.maxSize, Math.max(g.minSize, g.desiredSize + a.delta)),
      };
    }
    case 'crashPod': {
      const key = nth(podKeys, a.pick);
      const pod = key ? s.pods[key] : undefined;
      return pod
        ? {
            type: 'CRASH_POD',
            name: pod.meta.name,
            namespace: pod.meta.namespace,
            exitCode: a.exitCode,
          }
        : undefined;
    }
    case 'nodeNotReady':
    case 'nodeReady': {
      const name = nth(nodeNames, a.pick);
      return name
        ? { type: a.kind === 'nodeReady' ? 'NODE_READY' : 'NODE_NOT_READY', name }
        : undefined;
    }
    case 'azOutage':
      return { type: 'AZ_OUTAGE', zone: ZONES[a.zone] as string };
    case 'azRestore':
      return { type: 'AZ_RESTORE', zone: ZONES[a.zone] as string };
    case 'serviceLoad':
      return {
        type: 'SET_SERVICE_LOAD',
        namespace: 'default',
        service: DEPLOYMENTS[a.name] as string,
        load: a.spike
          ? { kind: 'spike', base: a.rps / 10, peak: a.rps, startSeconds: 30, durationSeconds: 300 }
          : { kind: 'constant', rps: a.rps },
      };
    case 'load':
      return {
        type: 'SET_WORKLOAD_CPU',
        namespace: 'default',
        deployment: DEPLOYMENTS[a.name] as string,
        millicoresPerPod: a.millicores,
      };
    case 'imageBehaviour':
      return {
        type: 'SET_IMAGE_BEHAVIOUR',
        image: IMAGES[a.image] as string,
        pullable: a.pullable,
        ...(a.crashAfter ? { crashAfterSeconds: a.crashAfter } : {}),
      };
    case 'wait':
      return undefined;
  }
}

export function eksStep(s: K8sState, a: EksAction): K8sState {
  if (a.kind === 'wait') return advanceK8s(s, a.seconds * 1000);
  // Load goes to a Service: apply one in front of the Deployment first (kubectl apply is idempotent).
  if (a.kind === 'serviceLoad')
    s = applyK8sCommand(
      s,
      eksCommandFor(s, { kind: 'service', name: a.name, lb: a.rps % 2 === 0 })!,
    ).state;
  const cmd = eksCommandFor(s, a);
  if (!cmd) return s;
  const r = applyK8sCommand(s, cmd);
  if (r.error !== undefined && r.state !== s && !(r.output && r.output.length > 0))
    throw new Error(`${cmd.type}: error "${r.error}" with a changed state`);
  return advanceK8s(r.state, 1000);
}

/** Pod phase moves allowed by the Kubernetes pod lifecycle [K8S pod-lifecycle]: never back to Pending, terminal stays. */
const PHASE_NEXT: Record<PodPhase, readonly PodPhase[]> = {
  Pending: ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'],
  Running: ['Running', 'Succeeded', 'Failed', 'Unknown'],
  Unknown: ['Unknown', 'Running', 'Succeeded', 'Failed'],
  Succeeded: ['Succeeded'],
  Failed: ['Failed'],
};

export interface EksObserver {
  pods: Map<string, { phase: PodPhase; uid: string }>;
  hpas: Map<string, { min: number; max: number; nextSyncAt: number }>;
  lastNow: number;
  lastVersion: number;
}

export function newEksObserver(): EksObserver {
  return { pods: new Map(), hpas: new Map(), lastNow: -1, lastVersion: -1 };
}

function fail(msg: string): never {
  throw new Error(msg);
}

export function checkEksInvariants(s: K8sState, obs: EksObserver): void {
  if (s.now < obs.lastNow) fail('time went backwards');
  if (s.version < obs.lastVersion) fail('version went backwards');
  obs.lastNow = s.now;
  obs.lastVersion = s.version;

  // Capacity: requests of pods bound to a node (non-terminal) never exceed its allocatable.
  const use = new Map<string, { cpu: number; memory: number; pods: number }>();
  for (const p of Object.values(s.pods)) {
    if (p.nodeName && !s.nodes[p.nodeName] && p.phase !== 'Succeeded' && p.phase !== 'Failed') {
      // Pod GC removes these on the next kubelet pass; they may exist only transiently.
    }
    if (!p.nodeName || p.phase === 'Succeeded' || p.phase === 'Failed') continue;
    const u = use.get(p.nodeName) ?? { cpu: 0, memory: 0, pods: 0 };
    const r = podRequests(p.spec);
    u.cpu += r.cpu;
    u.memory += r.memory;
    u.pods += 1;
    use.set(p.nodeName, u);
  }
  for (const [name, u] of use) {
    const n = s.nodes[name];
    if (!n) continue;
    if (u.cpu > n.allocatable.cpu || u.memory > n.allocatable.memory || u.pods > n.allocatable.pods)
      fail(`node ${name} over-committed: ${JSON.stringify(u)} > ${JSON.stringify(n.allocatable)}`);
  }
  for (const n of Object.values(s.nodes)) {
    for (const v of [n.allocatable.cpu, n.allocatable.memory, n.allocatable.pods])
      if (!Number.isFinite(v) || v < 0) fail(`node ${n.meta.name} allocatable ${v}`);
  }

  // Traffic and metrics (Services under load, metrics-server): finite and never negative.
  const measured = {
    serviceLoads: s.serviceLoads,
    serviceTraffic: s.serviceTraffic,
    podTraffic: s.podTraffic,
    podMetrics: s.podMetrics,
  };
  assertFiniteNumbers(measured, 'eks');
  const negative = (v: unknown, path: string): void => {
    if (typeof v === 'number') {
      if (v < 0) fail(`${path} is negative (${v})`);
    } else if (v !== null && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) negative(x, `${path}.${k}`);
  };
  negative(
    { serviceTraffic: s.serviceTraffic, podTraffic: s.podTraffic, podMetrics: s.podMetrics },
    'eks',
  );

  // Lifecycle: one known phase per pod; phases move only forward; container counts sane.
  for (const [key, p] of Object.entries(s.pods)) {
    if (!(p.phase in PHASE_NEXT)) fail(`pod ${key} has unknown phase ${p.phase}`);
    const before = obs.pods.get(key);
    if (before && before.uid === p.meta.uid && !PHASE_NEXT[before.phase].includes(p.phase))
      fail(`pod ${key} went ${before.phase} → ${p.phase}`);
    for (const cs of p.containerStatuses) {
      if (cs.restartCount < 0 || !Number.isFinite(cs.restartCount))
        fail(`pod ${key} restartCount ${cs.restartCount}`);
      if (cs.backoffMs < 0 || cs.backoffMs > 300_000)
        fail(`pod ${key} back-off ${cs.backoffMs} outside [0, 5 min]`);
    }
    if (p.nodeName === undefined && p.phase === 'Running')
      fail(`pod ${key} Running without a node`);
  }
  obs.pods = new Map(
    Object.entries(s.pods).map(([k, p]) => [k, { phase: p.phase, uid: p.meta.uid }]),
  );

  // Workloads: counts are never negative, HPA and node groups stay within min/max.
  for (const d of Object.values(s.deployments)) {
    const st = d.status;
    for (const v of [
      d.spec.replicas,
      st.replicas,
      st.readyReplicas,
      st.availableReplicas,
      st.updatedReplicas,
      st.unavailableReplicas,
    ])
      if (!Number.isFinite(v) || v < 0) fail(`deployment ${d.meta.name} has count ${v}`);
  }
  for (const rs of Object.values(s.replicaSets))
    if (rs.spec.replicas < 0 || rs.status.replicas < 0)
      fail(`replicaset ${rs.meta.name} negative replicas`);
  // HPA: its status is what the last sync computed, so the bounds apply once it has synced under
  // the current spec (a re-applied HPA with a new minReplicas shows the old figure for ≤ 15 s, as in
  // Kubernetes). desiredReplicas 0 means the target is scaled to zero (autoscaling disabled).
  const hpas = new Map<string, { min: number; max: number; nextSyncAt: number }>();
  for (const [key, h] of Object.entries(s.hpas)) {
    const { minReplicas, maxReplicas } = h.spec;
    const before = obs.hpas.get(key);
    const syncedUnderSpec =
      before &&
      before.min === minReplicas &&
      before.max === maxReplicas &&
      before.nextSyncAt !== h.nextSyncAt;
    const want = h.status.desiredReplicas;
    if (syncedUnderSpec && want !== 0 && (want > maxReplicas || want < minReplicas))
      fail(`HPA ${h.meta.name} desired ${want} outside [${minReplicas}, ${maxReplicas}]`);
    for (const m of h.status.currentMetrics)
      if (m !== undefined && (!Number.isFinite(m) || m < 0)) fail(`HPA ${h.meta.name} metric ${m}`);
    hpas.set(key, { min: minReplicas, max: maxReplicas, nextSyncAt: h.nextSyncAt });
  }
  obs.hpas = hpas;
  for (const g of Object.values(s.nodeGroups)) {
    if (g.desiredSize < g.minSize || g.desiredSize > g.maxSize)
      fail(`node group ${g.name} desired ${g.desiredSize} outside [${g.minSize}, ${g.maxSize}]`);
    const nodes = Object.values(s.nodes).filter(
      (n) => n.origin.kind === 'nodegroup' && n.origin.name === g.name,
    ).length;
    if (nodes + g.launching.length > g.maxSize)
      fail(
        `node group ${g.name} has ${nodes} nodes + ${g.launching.length} launching > max ${g.maxSize}`,
      );
  }
  for (let i = 1; i < s.events.length; i++)
    if (s.events[i]!.id <= s.events[i - 1]!.id) fail('event ids not increasing');
  if (s.events.length > 2000) fail(`event log unbounded: ${s.events.length}`);
}
