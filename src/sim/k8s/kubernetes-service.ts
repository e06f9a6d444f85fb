/**
 * The `kubernetes` Service every cluster has in its `default` namespace: the API server's own
 * ClusterIP Service (port 443/TCP → the API server's 443), with the first address of the service
 * CIDR. The API server creates and maintains it itself (it has no selector; its endpoints are the
 * API server addresses, and it is recreated if deleted) [Kubernetes docs "Accessing the Kubernetes
 * API from a Pod"; EKS-UG: service CIDR 10.100.0.0/16, so `kubernetes` is 10.100.0.1].
 *
 * It is not stored in `K8sState.services` — nothing the simulation schedules, draws or routes
 * traffic to — so it is derived here for what kubectl reads (`get svc`, `get all`, `-o yaml`).
 * apply.ts hands out ClusterIPs from 10.100.0.2 upwards, so 10.100.0.1 never collides.
 */
import type { K8sState, Service } from './model.ts';

const KUBERNETES_SERVICE_IP = '10.100.0.1';

/** The read-only `default/kubernetes` Service, present while the `default` namespace exists. */
function kubernetesService(state: K8sState): Service | undefined {
  const ns = state.namespaces['default'];
  if (!ns || state.services['default/kubernetes']) return undefined;
  return {
    meta: {
      name: 'kubernetes',
      namespace: 'default',
      uid: 'svc-kubernetes',
      labels: { component: 'apiserver', provider: 'kubernetes' },
      annotations: {},
      creationTimestamp: ns.creationTimestamp,
      generation: 1,
    },
    spec: {
      type: 'ClusterIP',
      ports: [{ name: 'https', port: 443, targetPort: 443, protocol: 'TCP' }],
    },
    clusterIP: KUBERNETES_SERVICE_IP,
    endpoints: [],
    notReadyEndpoints: [],
  };
}

/** The Services kubectl lists: the stored ones plus `default/kubernetes`. */
export function kubectlServices(state: K8sState): Service[] {
  const k = kubernetesService(state);
  return [...(k ? [k] : []), ...Object.values(state.services)];
}
