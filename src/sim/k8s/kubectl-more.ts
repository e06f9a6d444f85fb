/**
 * kubectl rollout status|history|undo, top pods|nodes and logs (simulated lines).
 */
import type { K8sState } from './model.ts';
import { applyK8sCommand, type K8sCommand } from './commands.ts';
import { ownedReplicaSets, revisionOf } from './deployment-controller.ts';
import type { KubectlResult } from './kubectl.ts';
import { changed, resolveResource } from './kubectl.ts';
import { formatTable, formatTimestamp } from './kubectl-format.ts';
import { formatMemoryMi } from './quantity.ts';
import { podMetricsOf, type PodMetrics } from './metrics-server.ts';

const ok = (state: K8sState, output: string): KubectlResult => ({ state, output, exitCode: 0 });
const fail = (state: K8sState, output: string): KubectlResult => ({ state, output, exitCode: 1 });

function deploymentTarget(args: readonly string[]): string | undefined {
  const t = args[0];
  if (!t) return undefined;
  const [word, name] = t.includes('/') ? (t.split('/', 2) as [string, string]) : [t, args[1]];
  return resolveResource(word) === 'deployments' ? name : undefined;
}

/**
 * Pure: the line `kubectl rollout status` prints for the deployment's current state (kubectl's
 * wording; it would keep watching — we print the current line and return).
 */
export function rolloutStatusLine(state: K8sState, key: string): string {
  const dep = state.deployments[key];
  if (!dep) return '';
  const s = dep.status;
  const name = dep.meta.name;
  const prog = s.conditions.find((c) => c.type === 'Progressing');
  if (prog?.reason === 'ProgressDeadlineExceeded')
    return `error: deployment "${name}" exceeded its progress deadline`;
  if (s.updatedReplicas < dep.spec.replicas)
    return `Waiting for deployment "${name}" rollout to finish: ${s.updatedReplicas} out of ${dep.spec.replicas} new replicas have been updated...`;
  if (s.replicas > s.updatedReplicas)
    return `Waiting for deployment "${name}" rollout to finish: ${s.replicas - s.updatedReplicas} old replicas are pending termination...`;
  if (s.availableReplicas < s.updatedReplicas)
    return `Waiting for deployment "${name}" rollout to finish: ${s.availableReplicas} of ${s.updatedReplicas} updated replicas are available...`;
  return `deployment "${name}" successfully rolled out`;
}

/** kubectl rollout status|history|undo deployment/NAME. */
export function rolloutCommand(
  state: K8sState,
  args: string[],
  flags: Map<string, string>,
  ns: string,
): KubectlResult {
  const sub = args.shift();
  const name = deploymentTarget(args);
  if (!sub || !['status', 'history', 'undo'].includes(sub))
    return fail(state, `error: unknown command "${sub ?? ''}" for "kubectl rollout"`);
  if (!name)
    return fail(
      state,
      'error: required resource not specified (rollout works on deployment/NAME here)',
    );
  const key = `${ns}/${name}`;
  const dep = state.deployments[key];
  if (!dep)
    return fail(state, `Error from server (NotFound): deployments.apps "${name}" not found`);
  if (sub === 'status') {
    const line = rolloutStatusLine(state, key);
    return { state, output: line, exitCode: line.startsWith('error') ? 1 : 0 };
  }
  if (sub === 'history') {
    const rows = ownedReplicaSets(state, dep).map((rs) => [
      String(revisionOf(rs)),
      rs.meta.annotations['kubernetes.io/change-cause'] ?? '<none>',
    ]);
    return ok(
      state,
      `deployment.apps/${name} \n${formatTable(['REVISION', 'CHANGE-CAUSE'], rows)}\n`,
    );
  }
  const to = flags.has('to-revision') ? Number(flags.get('to-revision')) : undefined;
  const cmd: K8sCommand = {
    type: 'ROLLOUT_UNDO',
    name,
    namespace: ns,
    ...(to ? { toRevision: to } : {}),
  };
  const r = applyK8sCommand(state, cmd);
  return r.error ? fail(state, r.error) : changed(r.state, (r.output ?? []).join('\n'), cmd);
}

/** kubectl top pods|nodes (needs the Metrics Server [B1]). */
export function topCommand(
  state: K8sState,
  args: string[],
  namespace: string | undefined,
): KubectlResult {
  if (!state.metricsServer) return fail(state, 'error: Metrics API not available');
  const what = resolveResource(args[0] ?? '');
  if (what === 'pods') {
    // Served from the Resource Metrics API: metrics-server's last scrape (metrics-server.ts).
    const pods = Object.values(state.pods)
      .filter((p) => namespace === undefined || p.meta.namespace === namespace)
      .map((p) => ({ p, m: podMetricsOf(state, `${p.meta.namespace}/${p.meta.name}`) }))
      .filter((x): x is { p: (typeof x)['p']; m: PodMetrics } => x.m !== undefined)
      .sort((a, b) =>
        a.p.meta.namespace === b.p.meta.namespace
          ? a.p.meta.name < b.p.meta.name
            ? -1
            : 1
          : a.p.meta.namespace < b.p.meta.namespace
            ? -1
            : 1,
      );
    if (pods.length === 0)
      return Object.values(state.pods).some(
        (p) => p.phase === 'Running' && (namespace === undefined || p.meta.namespace === namespace),
      )
        ? fail(state, 'error: metrics not available yet')
        : ok(state, `No resources found in ${namespace ?? 'any'} namespace.`);
    const rows = pods.map(({ p, m }) => [
      ...(namespace === undefined ? [p.meta.namespace] : []),
      p.meta.name,
      `${m.cpu}m`,
      formatMemoryMi(m.memory),
    ]);
    return ok(
      state,
      formatTable(
        [...(namespace === undefined ? ['NAMESPACE'] : []), 'NAME', 'CPU(cores)', 'MEMORY(bytes)'],
        rows,
      ),
    );
  }
  if (what === 'nodes') {
    const cpu = new Map<string, number>();
    const mem = new Map<string, number>();
    for (const p of Object.values(state.pods)) {
      const m = podMetricsOf(state, `${p.meta.namespace}/${p.meta.name}`);
      if (!p.nodeName || !m) continue;
      cpu.set(p.nodeName, (cpu.get(p.nodeName) ?? 0) + m.cpu);
      mem.set(p.nodeName, (mem.get(p.nodeName) ?? 0) + m.memory);
    }
    const rows = Object.values(state.nodes)
      .sort((a, b) => (a.meta.name < b.meta.name ? -1 : 1))
      .map((n) => {
        // System daemons (kubelet, containerd, aws-node, kube-proxy) use some too (assumption: 40m, 400Mi).
        const c = (cpu.get(n.meta.name) ?? 0) + 40;
        const m = (mem.get(n.meta.name) ?? 0) + 400 * 2 ** 20;
        return [
          n.meta.name,
          `${c}m`,
          `${Math.floor((c / n.allocatable.cpu) * 100)}%`,
          formatMemoryMi(m),
          `${Math.floor((m / n.allocatable.memory) * 100)}%`,
        ];
      });
    return ok(state, formatTable(['NAME', 'CPU(cores)', 'CPU%', 'MEMORY(bytes)', 'MEMORY%'], rows));
  }
  return fail(state, `error: unknown command "${args[0] ?? ''}" for "kubectl top"`);
}

/** kubectl logs POD [-c CONTAINER]: simulated, deterministic lines. */
export function logsCommand(
  state: K8sState,
  args: string[],
  flags: Map<string, string>,
  ns: string,
): KubectlResult {
  const name = (args[0] ?? '').replace(/^(pod|pods|po)\//, '');
  if (!name)
    return fail(state, "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.");
  const pod = state.pods[`${ns}/${name}`];
  if (!pod) return fail(state, `Error from server (NotFound): pods "${name}" not found`);
  const cname = flags.get('container') ?? pod.spec.containers[0]?.name ?? '';
  const idx = pod.spec.containers.findIndex((c) => c.name === cname);
  const cs = pod.containerStatuses[idx];
  const spec = pod.spec.containers[idx];
  if (!cs || !spec) return fail(state, `error: container ${cname} is not valid for pod ${name}`);
  if (cs.state.kind === 'waiting' && cs.restartCount === 0 && !cs.lastState) {
    return fail(
      state,
      `Error from server (BadRequest): container "${cname}" in pod "${name}" is waiting to start: ${cs.state.reason}`,
    );
  }
  const started =
    cs.state.kind === 'running'
      ? cs.state.startedAt
      : cs.lastState?.kind === 'terminated'
        ? cs.lastState.startedAt
        : (pod.startTime ?? 0);
  const lines = [
    `${formatTimestamp(started)} ${spec.image}: starting (pid 1)`,
    `${formatTimestamp(started)} listening on ${spec.ports?.[0]?.containerPort ?? 8080}`,
  ];
  const last =
    cs.state.kind === 'terminated'
      ? cs.state
      : cs.lastState?.kind === 'terminated'
        ? cs.lastState
        : undefined;
  if (last && last.exitCode !== 0)
    lines.push(
      `${formatTimestamp(last.finishedAt)} fatal: process exited with code ${last.exitCode}`,
    );
  else if (cs.state.kind === 'running') {
    const requests = Math.floor((state.now - started) / 5000);
    for (let i = Math.max(0, requests - 5); i < requests; i++) {
      lines.push(
        `192.168.0.${(i % 200) + 10} - - [${formatTimestamp(started + i * 5000)}] "GET / HTTP/1.1" 200 615 "-" "ELB-HealthChecker/2.0"`,
      );
    }
  }
  return ok(state, lines.join('\n'));
}
