/**
 * Services: ClusterIP allocation, EndpointSlice-like membership (ready pods serve, not-ready pods are
 * listed apart [K8S-WEB pod-lifecycle readiness, B4]) and LoadBalancer provisioning.
 */
import type { Draft } from './draft.ts';
import { recordEvent, ref } from './draft.ts';
import type { Service } from './model.ts';
import { isActivePod, isPodReady } from './pods.ts';

/** AWS load balancer provisioning time (simulator default, UNVERIFIED: a few minutes in reality). */
export const LOAD_BALANCER_PROVISION_MS = 60_000;

/** Recomputes endpoints of every Service and finishes load balancer provisioning. */
export function runEndpointsController(d: Draft): void {
  const byNs = new Map<
    string,
    { key: string; labels: Readonly<Record<string, string>>; ready: boolean }[]
  >();
  for (const [key, pod] of Object.entries(d.pods)) {
    if (!isActivePod(pod) || !pod.podIP) continue;
    const list = byNs.get(pod.meta.namespace) ?? [];
    list.push({ key, labels: pod.meta.labels, ready: isPodReady(pod) });
    byNs.set(pod.meta.namespace, list);
  }
  for (const [key, svc] of Object.entries(d.services)) {
    const selector = Object.entries(svc.spec.selector ?? {});
    const members =
      selector.length === 0
        ? []
        : (byNs.get(svc.meta.namespace) ?? []).filter((p) =>
            selector.every(([k, v]) => p.labels[k] === v),
          );
    const endpoints = members
      .filter((m) => m.ready)
      .map((m) => m.key)
      .sort();
    const notReady = members
      .filter((m) => !m.ready)
      .map((m) => m.key)
      .sort();
    let next: Service = svc;
    if (
      endpoints.join() !== svc.endpoints.join() ||
      notReady.join() !== svc.notReadyEndpoints.join()
    ) {
      next = { ...next, endpoints, notReadyEndpoints: notReady };
    }
    if (
      svc.spec.type === 'LoadBalancer' &&
      !svc.loadBalancerHostname &&
      (svc.loadBalancerReadyAt ?? 0) <= d.now
    ) {
      const hex = svc.meta.uid.replace(/-/g, '').slice(-32).padStart(32, 'a');
      const host = `a${hex.slice(1)}-${String(d.rng.int(100000000, 999999999))}.${d.base.region}.elb.amazonaws.com`;
      next = { ...next, loadBalancerHostname: host };
      recordEvent(
        d,
        ref('Service', svc.meta),
        'Normal',
        'EnsuredLoadBalancer',
        'Ensured load balancer',
        'service-controller',
      );
    }
    if (next !== svc) {
      d.services[key] = next;
      d.changed = true;
    }
  }
}
