/**
 * `kubectl describe pod|deployment|node|service NAME`: the same sections and labels kubectl prints, with
 * the object's events (Age "(xN over M)" aggregation) at the end [K8S-SRC kubectl describe.go].
 */
import type { K8sEvent, K8sState, Node, Pod, Service } from './model.ts';
import { formatSelector } from './objects.ts';
import { formatCpu, formatMemory } from './quantity.ts';
import { REVISION, ownedReplicaSets, revisionOf } from './deployment-controller.ts';
import { nodeUsage, podRequests } from './scheduler.ts';
import { age, formatTable as table3, formatTimestamp } from './kubectl-format.ts';

// kubectl describe's tabwriter pads columns with 2 spaces.
const formatTable = (h: readonly string[], rows: readonly (readonly string[])[]): string =>
  table3(h, rows, 2);
import { KUBELET_VERSION } from './nodes.ts';

function field(label: string, value: string, width = 18): string {
  return `${`${label}:`.padEnd(width)}${value}`;
}

function multi(
  label: string,
  map: Readonly<Record<string, string>>,
  width = 18,
  sep = '=',
): string[] {
  const entries = Object.entries(map).map(([k, v]) => `${k}${sep}${v}`);
  if (entries.length === 0) return [field(label, '<none>', width)];
  return entries.map((e, i) => (i === 0 ? field(label, e, width) : ' '.repeat(width) + e));
}

/** Pure: the Events section for an object. */
export function eventsSection(
  state: K8sState,
  kind: string,
  namespace: string,
  name: string,
): string[] {
  const evs = state.events.filter(
    (e) =>
      e.involvedObject.kind === kind &&
      e.involvedObject.name === name &&
      e.involvedObject.namespace === namespace,
  );
  if (evs.length === 0) return ['Events:                <none>'];
  const ageCell = (e: K8sEvent): string =>
    e.count > 1
      ? `${age(state, e.lastTimestamp)} (x${e.count} over ${age(state, e.firstTimestamp)})`
      : age(state, e.lastTimestamp);
  const t = formatTable(
    ['Type', 'Reason', 'Age', 'From', 'Message'],
    [
      ['----', '------', '----', '----', '-------'],
      ...evs.map((e) => [e.type, e.reason, ageCell(e), e.source, e.message]),
    ],
  );
  return ['Events:', ...t.split('\n').map((l) => `  ${l}`)];
}

/** Pure: `kubectl describe pod`. */
export function describePod(state: K8sState, pod: Pod): string {
  const node = pod.nodeName ? state.nodes[pod.nodeName] : undefined;
  const out = [
    field('Name', pod.meta.name),
    field('Namespace', pod.meta.namespace),
    field('Priority', '0'),
    field('Service Account', 'default'),
    field('Node', node ? `${node.meta.name}/${node.internalIP}` : '<none>'),
    ...(pod.startTime !== undefined ? [field('Start Time', formatTimestamp(pod.startTime))] : []),
    ...multi('Labels', pod.meta.labels),
    ...multi('Annotations', pod.meta.annotations, 18, ': '),
    field('Status', pod.meta.deletionTimestamp !== undefined ? 'Terminating' : pod.phase),
    field('IP', pod.podIP ?? ''),
    ...(pod.meta.ownerReferences?.[0]
      ? [
          field(
            'Controlled By',
            `${pod.meta.ownerReferences[0].kind}/${pod.meta.ownerReferences[0].name}`,
          ),
        ]
      : []),
    'Containers:',
  ];
  pod.spec.containers.forEach((c, i) => {
    const cs = pod.containerStatuses[i];
    out.push(`  ${c.name}:`, `    ${field('Image', c.image, 16)}`);
    const port = c.ports?.[0];
    out.push(
      `    ${field('Port', port ? `${port.containerPort}/${port.protocol ?? 'TCP'}` : '<none>', 16)}`,
    );
    const st = cs?.state;
    if (st?.kind === 'running')
      out.push(
        `    ${field('State', 'Running', 16)}`,
        `      ${field('Started', formatTimestamp(st.startedAt), 14)}`,
      );
    else if (st?.kind === 'waiting')
      out.push(`    ${field('State', 'Waiting', 16)}`, `      ${field('Reason', st.reason, 14)}`);
    else if (st?.kind === 'terminated')
      out.push(
        `    ${field('State', 'Terminated', 16)}`,
        `      ${field('Reason', st.reason, 14)}`,
        `      ${field('Exit Code', String(st.exitCode), 14)}`,
      );
    const last = cs?.lastState;
    if (last?.kind === 'terminated') {
      out.push(
        `    ${field('Last State', 'Terminated', 16)}`,
        `      ${field('Reason', last.reason, 14)}`,
        `      ${field('Exit Code', String(last.exitCode), 14)}`,
      );
    }
    out.push(
      `    ${field('Ready', cs?.ready ? 'True' : 'False', 16)}`,
      `    ${field('Restart Count', String(cs?.restartCount ?? 0), 16)}`,
    );
    for (const which of ['limits', 'requests'] as const) {
      const r = c.resources?.[which];
      if (!r || (r.cpu === undefined && r.memory === undefined)) continue;
      out.push(`    ${which === 'limits' ? 'Limits' : 'Requests'}:`);
      if (r.cpu !== undefined) out.push(`      ${field('cpu', formatCpu(r.cpu), 12)}`);
      if (r.memory !== undefined) out.push(`      ${field('memory', formatMemory(r.memory), 12)}`);
    }
  });
  const order = [
    'PodReadyToStartContainers',
    'Initialized',
    'Ready',
    'ContainersReady',
    'PodScheduled',
  ];
  const conds = pod.conditions
    .slice()
    .sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
  out.push(
    'Conditions:',
    ...formatTable(
      ['Type', 'Status'],
      conds.map((c) => [c.type, c.status]),
    )
      .split('\n')
      .map((l) => `  ${l}`),
  );
  const tol = (pod.spec.tolerations ?? []).map(
    (t) =>
      `${t.key ?? ''}${t.operator === 'Exists' ? '' : `=${t.value ?? ''}`}:${t.effect ?? ''}${t.operator === 'Exists' ? ' op=Exists' : ''}${t.tolerationSeconds !== undefined ? ` for ${t.tolerationSeconds}s` : ''}`,
  );
  out.push(
    field('QoS Class', qosClass(pod)),
    ...multi('Node-Selectors', pod.spec.nodeSelector ?? {}),
  );
  out.push(
    ...(tol.length
      ? tol.map((t, i) => (i === 0 ? field('Tolerations', t) : ' '.repeat(18) + t))
      : [field('Tolerations', '<none>')]),
  );
  out.push(...eventsSection(state, 'Pod', pod.meta.namespace, pod.meta.name));
  return out.join('\n');
}

/** Pure: QoS class: Guaranteed (requests = limits everywhere), BestEffort (none), else Burstable. */
export function qosClass(pod: Pod): string {
  const cs = pod.spec.containers;
  if (cs.every((c) => !c.resources?.requests && !c.resources?.limits)) return 'BestEffort';
  const guaranteed = cs.every((c) => {
    const r = c.resources;
    return (
      r?.limits?.cpu !== undefined &&
      r.limits.memory !== undefined &&
      r.requests?.cpu === r.limits.cpu &&
      r.requests?.memory === r.limits.memory
    );
  });
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** Pure: `kubectl describe deployment`. */
export function describeDeployment(state: K8sState, key: string): string | undefined {
  const dep = state.deployments[key];
  if (!dep) return undefined;
  const rss = ownedReplicaSets(state, dep);
  const newRs = rss[rss.length - 1];
  const olds = rss.slice(0, -1).filter((r) => r.spec.replicas > 0 || r.status.replicas > 0);
  const s = dep.status;
  const ru = dep.spec.strategy?.rollingUpdate;
  const w = 24;
  const out = [
    field('Name', dep.meta.name, w),
    field('Namespace', dep.meta.namespace, w),
    field('CreationTimestamp', formatTimestamp(dep.meta.creationTimestamp), w),
    ...multi('Labels', dep.meta.labels, w),
    ...multi(
      'Annotations',
      { ...(newRs ? { [REVISION]: String(revisionOf(newRs)) } : {}), ...dep.meta.annotations },
      w,
      ': ',
    ),
    field('Selector', formatSelector(dep.spec.selector), w),
    field(
      'Replicas',
      `${dep.spec.replicas} desired | ${s.updatedReplicas} updated | ${s.replicas} total | ${s.availableReplicas} available | ${s.unavailableReplicas} unavailable`,
      w,
    ),
    field('StrategyType', dep.spec.strategy?.type ?? 'RollingUpdate', w),
    field('MinReadySeconds', String(dep.spec.minReadySeconds ?? 0), w),
    ...(dep.spec.strategy?.type === 'Recreate'
      ? []
      : [
          field(
            'RollingUpdateStrategy',
            `${ru?.maxUnavailable ?? '25%'} max unavailable, ${ru?.maxSurge ?? '25%'} max surge`,
            w,
          ),
        ]),
    'Pod Template:',
    ...multi('  Labels', dep.spec.template.metadata.labels ?? {}, 11),
    '  Containers:',
    ...dep.spec.template.spec.containers.flatMap((c) => [
      `   ${c.name}:`,
      `    ${field('Image', c.image, 8)}`,
    ]),
    'Conditions:',
    ...formatTable(
      ['Type', 'Status', 'Reason'],
      [
        ['----', '------', '------'],
        ...s.conditions.map((c) => [c.type, c.status, c.reason ?? '']),
      ],
    )
      .split('\n')
      .map((l) => `  ${l}`),
    field(
      'OldReplicaSets',
      olds.length
        ? olds
            .map((r) => `${r.meta.name} (${r.status.replicas}/${r.spec.replicas} replicas created)`)
            .join(', ')
        : '<none>',
      17,
    ),
    field(
      'NewReplicaSet',
      newRs
        ? `${newRs.meta.name} (${newRs.status.replicas}/${newRs.spec.replicas} replicas created)`
        : '<none>',
      17,
    ),
    ...eventsSection(state, 'Deployment', dep.meta.namespace, dep.meta.name),
  ];
  return out.join('\n');
}

/** Pure: `kubectl describe node`. */
export function describeNode(state: K8sState, node: Node): string {
  const pods = Object.values(state.pods).filter(
    (p) => p.nodeName === node.meta.name && p.phase !== 'Succeeded' && p.phase !== 'Failed',
  );
  const used = nodeUsage(state.pods).get(node.meta.name);
  const pct = (a: number, b: number): string => `${b ? Math.floor((a / b) * 100) : 0}%`;
  const taints = node.taints.map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`);
  const out = [
    field('Name', node.meta.name),
    field('Roles', '<none>'),
    ...multi('Labels', node.meta.labels),
    ...multi(
      'Annotations',
      node.capacityProvisioned ? { CapacityProvisioned: node.capacityProvisioned } : {},
      18,
      ': ',
    ),
    field('CreationTimestamp', formatTimestamp(node.meta.creationTimestamp)),
    ...(taints.length
      ? taints.map((t, i) => (i === 0 ? field('Taints', t) : ' '.repeat(18) + t))
      : [field('Taints', '<none>')]),
    field('Unschedulable', String(node.unschedulable)),
    'Conditions:',
    ...formatTable(
      ['Type', 'Status', 'Reason', 'Message'],
      [
        ['----', '------', '------', '-------'],
        ...node.conditions.map((c) => [c.type, c.status, c.reason ?? '', c.message ?? '']),
      ],
    )
      .split('\n')
      .map((l) => `  ${l}`),
    'Addresses:',
    `  InternalIP:  ${node.internalIP}`,
    `  Hostname:    ${node.meta.name}`,
    'Capacity:',
    `  cpu:     ${formatCpu(node.capacity.cpu)}`,
    `  memory:  ${Math.floor(node.capacity.memory / 1024)}Ki`,
    `  pods:    ${node.capacity.pods}`,
    'Allocatable:',
    `  cpu:     ${formatCpu(node.allocatable.cpu)}`,
    `  memory:  ${Math.floor(node.allocatable.memory / 1024)}Ki`,
    `  pods:    ${node.allocatable.pods}`,
    'System Info:',
    `  Kubelet Version:            ${KUBELET_VERSION}`,
    `  Container Runtime Version:  containerd://1.7.23`,
    `Non-terminated Pods:          (${pods.length} in total)`,
    ...formatTable(
      ['Namespace', 'Name', 'CPU Requests', 'Memory Requests', 'Age'],
      [
        ['---------', '----', '------------', '---------------', '---'],
        ...pods.map((p) => {
          const r = podRequests(p.spec);
          return [
            p.meta.namespace,
            p.meta.name,
            `${formatCpu(r.cpu)} (${pct(r.cpu, node.allocatable.cpu)})`,
            `${formatMemory(r.memory)} (${pct(r.memory, node.allocatable.memory)})`,
            age(state, p.meta.creationTimestamp),
          ];
        }),
      ],
    )
      .split('\n')
      .map((l) => `  ${l}`),
    'Allocated resources:',
    `  cpu     ${formatCpu(used?.cpu ?? 0)} (${pct(used?.cpu ?? 0, node.allocatable.cpu)})`,
    `  memory  ${formatMemory(used?.memory ?? 0)} (${pct(used?.memory ?? 0, node.allocatable.memory)})`,
    ...eventsSection(state, 'Node', '', node.meta.name),
  ];
  return out.join('\n');
}

/** kubectl lists at most this many endpoints per port, then "+ N more..." [K8S-SRC describe.go]. */
const MAX_ENDPOINTS = 3;

/**
 * Pure: `kubectl describe service` — the sections kubectl 1.31 prints for a Service
 * [K8S-SRC kubectl describe.go describeService]: one Port / TargetPort / NodePort / Endpoints
 * block per port (endpoints as podIP:port of the ready pods, at most three then "+ N more..."),
 * then session affinity and traffic policies (IPv4 single-stack, as EKS clusters are by default).
 * A named targetPort is shown as named; its endpoints use the Service port (the simulation keeps
 * no container port names).
 */
export function describeService(state: K8sState, svc: Service): string {
  const w = 26;
  const type = svc.spec.type;
  const external = type === 'LoadBalancer' || type === 'NodePort';
  const ports = svc.spec.ports.flatMap((p) => {
    const proto = p.protocol ?? 'TCP';
    const name = p.name ?? '<unset>';
    const target = p.targetPort ?? p.port;
    const epPort = typeof target === 'number' ? target : p.port;
    const ips = svc.endpoints
      .map((key) => state.pods[key]?.podIP)
      .filter((ip): ip is string => ip !== undefined)
      .map((ip) => `${ip}:${epPort}`);
    const shown =
      ips.length === 0
        ? '<none>'
        : ips.slice(0, MAX_ENDPOINTS).join(',') +
          (ips.length > MAX_ENDPOINTS ? ` + ${ips.length - MAX_ENDPOINTS} more...` : '');
    return [
      field('Port', `${name}  ${p.port}/${proto}`, w),
      field('TargetPort', `${target}/${proto}`, w),
      ...(external && p.nodePort !== undefined
        ? [field('NodePort', `${name}  ${p.nodePort}/${proto}`, w)]
        : []),
      field('Endpoints', shown, w),
    ];
  });
  return [
    field('Name', svc.meta.name, w),
    field('Namespace', svc.meta.namespace, w),
    ...multi('Labels', svc.meta.labels, w),
    ...multi('Annotations', svc.meta.annotations, w, ': '),
    field(
      'Selector',
      svc.spec.selector ? formatSelector({ matchLabels: svc.spec.selector }) : '<none>',
      w,
    ),
    field('Type', type, w),
    field('IP Family Policy', 'SingleStack', w),
    field('IP Families', 'IPv4', w),
    field('IP', svc.clusterIP, w),
    field('IPs', svc.clusterIP, w),
    ...(type === 'LoadBalancer' && svc.loadBalancerHostname
      ? [field('LoadBalancer Ingress', svc.loadBalancerHostname, w)]
      : []),
    ...ports,
    field('Session Affinity', 'None', w),
    ...(external ? [field('External Traffic Policy', 'Cluster', w)] : []),
    field('Internal Traffic Policy', 'Cluster', w),
    ...eventsSection(state, 'Service', svc.meta.namespace, svc.meta.name),
  ].join('\n');
}
