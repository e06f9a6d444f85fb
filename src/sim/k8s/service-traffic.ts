/**
 * Load on Kubernetes Services: the load generator's requests reach a Service (type LoadBalancer
 * through the AWS load balancer, or ClusterIP from inside the cluster) and are spread over its
 * endpoints — the ready pods only [K8S-WEB services, EndpointSlices; B4]. Each pod turns its share
 * into CPU with the SAME utilisation model as the ECS tasks behind an ALB (src/sim/traffic:
 * `sampleRps` for the load shape, `taskUtilization` for load → CPU, latency, errors): one model for
 * load → utilisation. The pod's CPU then feeds metrics-server (metrics-server.ts), `kubectl top`
 * and the HPA.
 *
 * Rules followed (and simulator assumptions):
 * - kube-proxy (iptables mode) picks a backend at random with equal probability [K8S-WEB
 *   services-networking/virtual-ips]; we give each endpoint the expected, equal share.
 * - A LoadBalancer Service serves only once its load balancer is provisioned (hostname set); until
 *   then, and whenever the Service has no ready endpoint, every request fails (the ELB answers 503,
 *   a ClusterIP connection is refused).
 * - A pod's CPU capacity is its CPU limit when every container has one (CFS quota); without limits
 *   a pod may burst into the node's spare CPU, so its capacity is the node's allocatable CPU
 *   (contention between pods is not modelled) — which is why utilisation of the request can exceed
 *   100 % (`kubectl get hpa` shows e.g. 250%/50% [B8]).
 * - CPU units: the utilisation model counts 1024 units per vCPU, Kubernetes 1000 millicores.
 */
import type { Draft } from './draft.ts';
import type { K8sState, Pod } from './model.ts';
import { sampleRps, type LoadProfile, type LoadShape } from '../traffic/load.ts';
import { DEFAULT_APP_PROFILE, taskUtilization, type AppProfile } from '../traffic/utilization.ts';

/** The load offered to one Service (shape times count from `since`). */
export interface K8sServiceLoad {
  readonly profile: LoadProfile;
  readonly since: number;
  /** How the application spends CPU per request (defaults: DEFAULT_APP_PROFILE). */
  readonly app: AppProfile;
}

/** What one Service's traffic did in the last step (for panels, canvas and tests). */
export interface K8sServiceTraffic {
  readonly offeredRps: number;
  readonly servedRps: number;
  readonly errorRps: number;
  /** Mean response time of served requests (ms; 0 when nothing was served). */
  readonly latencyMs: number;
  /** Ready endpoints that received requests. */
  readonly endpoints: number;
  /** CPU used by the traffic ÷ CPU requested, over the endpoints (%), as the HPA would see it. */
  readonly cpuPercentOfRequest: number;
}

/** One pod's share of Service traffic in the last step. */
export interface K8sPodTraffic {
  readonly rps: number;
  /** CPU the requests use, millicores. */
  readonly cpu: number;
  readonly latencyMs: number;
}

/** Millicores → the utilisation model's CPU units (1024 per vCPU). */
const UNITS_PER_MILLICORE = 1024 / 1000;

/** Pure: the CPU a pod may use (millicores): its limits, or the node's allocatable CPU. */
export function podCpuCapacity(state: Pick<K8sState, 'nodes'>, pod: Pod): number {
  const limits = pod.spec.containers.map((c) => c.resources?.limits?.cpu);
  if (limits.length > 0 && limits.every((l) => l !== undefined))
    return limits.reduce((a: number, b) => a + (b as number), 0);
  const node = pod.nodeName !== undefined ? state.nodes[pod.nodeName] : undefined;
  return node?.allocatable.cpu ?? 1000;
}

/** Pure: a pod's CPU request (millicores; 0 without requests). */
export function podCpuRequest(pod: Pod): number {
  return pod.spec.containers.reduce((s, c) => s + (c.resources?.requests?.cpu ?? 0), 0);
}

/** Normalises a bare shape or a profile to a profile. */
export function toLoadProfile(load: LoadShape | LoadProfile): LoadProfile {
  return 'shape' in load ? load : { shape: load };
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * One step of Service traffic on the draft (after the endpoints controller): per-Service stats and
 * per-pod traffic. Writes only when something changed, so a steady load does not bump `version`.
 */
export function runServiceTraffic(d: Draft): void {
  const loads = d.extra.serviceLoads ?? d.base.serviceLoads;
  if (!loads) return;
  const services: Record<string, K8sServiceTraffic> = {};
  const podTraffic: Record<string, K8sPodTraffic> = {};
  for (const key of Object.keys(loads).sort()) {
    const load = loads[key] as K8sServiceLoad;
    const svc = d.services[key];
    const [rps, rng] = sampleRps(load.profile, d.now - load.since, d.rng.state);
    d.rng.state = rng;
    const lbReady = svc?.spec.type !== 'LoadBalancer' || svc.loadBalancerHostname !== undefined;
    const endpoints = (svc && lbReady ? svc.endpoints : []).filter((k) => {
      const p = d.pods[k];
      return p !== undefined && p.phase === 'Running';
    });
    if (endpoints.length === 0) {
      services[key] = {
        offeredRps: rps,
        servedRps: 0,
        errorRps: rps,
        latencyMs: 0,
        endpoints: 0,
        cpuPercentOfRequest: 0,
      };
      continue;
    }
    const share = rps / endpoints.length;
    let served = 0;
    let errors = 0;
    let latW = 0;
    let cpuUsed = 0;
    let cpuReq = 0;
    for (const podKey of endpoints) {
      const pod = d.pods[podKey] as Pod;
      const capacity = podCpuCapacity(d, pod);
      const u = taskUtilization(
        {
          taskId: podKey,
          serviceName: key,
          cpu: capacity * UNITS_PER_MILLICORE,
          memory: 0,
          rps: share,
        },
        load.app,
      );
      const cpu = Math.round(u.cpuUnitsUsed / UNITS_PER_MILLICORE);
      // A pod behind two loaded Services carries both shares (their CPU adds up, capped).
      const before = podTraffic[podKey];
      podTraffic[podKey] = before
        ? {
            rps: before.rps + share,
            cpu: Math.min(capacity, before.cpu + cpu),
            latencyMs: Math.max(before.latencyMs, u.latencyMs),
          }
        : { rps: share, cpu, latencyMs: u.latencyMs };
      served += u.servedRps;
      errors += u.errorRps;
      latW += u.latencyMs * u.servedRps;
      cpuUsed += cpu;
      cpuReq += podCpuRequest(pod);
    }
    services[key] = {
      offeredRps: rps,
      servedRps: served,
      errorRps: errors,
      latencyMs: served > 0 ? latW / served : 0,
      endpoints: endpoints.length,
      cpuPercentOfRequest: cpuReq > 0 ? (cpuUsed * 100) / cpuReq : 0,
    };
  }
  const oldServices = d.extra.serviceTraffic ?? d.base.serviceTraffic;
  const oldPods = d.extra.podTraffic ?? d.base.podTraffic;
  if (!same(oldServices ?? {}, services)) {
    d.extra.serviceTraffic = services;
    d.changed = true;
  }
  if (!same(oldPods ?? {}, podTraffic)) {
    d.extra.podTraffic = podTraffic;
    d.changed = true;
  }
}

/** SET_SERVICE_LOAD on the draft: starts, changes or (rps 0 constant stays) the Service's load. */
export function setServiceLoad(
  d: Draft,
  namespace: string,
  service: string,
  load: LoadShape | LoadProfile,
  app: Partial<AppProfile> | undefined,
): { error?: string; output?: readonly string[] } {
  const key = `${namespace}/${service}`;
  if (!d.services[key])
    return { error: `Error from server (NotFound): services "${service}" not found` };
  const loads = d.extra.serviceLoads ?? d.base.serviceLoads ?? {};
  const previous = loads[key];
  d.extra.serviceLoads = {
    ...loads,
    [key]: {
      profile: toLoadProfile(load),
      since: d.now,
      app: { ...(previous?.app ?? DEFAULT_APP_PROFILE), ...app },
    },
  };
  return {};
}

/** Pure: the Deployment (name) whose pod template a Service's selector matches, if any. */
export function serviceDeployment(
  state: Pick<K8sState, 'deployments'>,
  svc: {
    readonly meta: { readonly namespace: string };
    readonly spec: { readonly selector?: Readonly<Record<string, string>> };
  },
): string | undefined {
  const sel = Object.entries(svc.spec.selector ?? {});
  if (sel.length === 0) return undefined;
  const names = Object.values(state.deployments)
    .filter(
      (d) =>
        d.meta.namespace === svc.meta.namespace &&
        sel.every(([k, v]) => d.spec.template.metadata?.labels?.[k] === v),
    )
    .map((d) => d.meta.name)
    .sort();
  return names[0];
}

/** Pure: the HPA ("namespace/name" key) scaling a Deployment, if any. */
export function deploymentHpa(
  state: Pick<K8sState, 'hpas'>,
  namespace: string,
  deployment: string,
): string | undefined {
  return Object.keys(state.hpas)
    .sort()
    .find((k) => {
      const h = state.hpas[k]!;
      return (
        h.meta.namespace === namespace &&
        h.spec.scaleTargetRef.kind === 'Deployment' &&
        h.spec.scaleTargetRef.name === deployment
      );
    });
}
