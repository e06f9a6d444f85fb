/** Shared builders for the Kubernetes simulation tests. */
import { applyK8sCommand, createK8sState } from '../../../src/sim/k8s/index.ts';
import type {
  K8sCommand,
  K8sManifest,
  K8sState,
  NodeGroupInput,
  Pod,
} from '../../../src/sim/k8s/index.ts';

export const MI = 2 ** 20;

export function cluster(
  groups: readonly NodeGroupInput[] = [{ name: 'ng-1', instanceType: 'm5.large', desiredSize: 3 }],
  seed = 1,
): K8sState {
  return createK8sState({ seed, nodeGroups: groups });
}

export function run(state: K8sState, cmd: K8sCommand): K8sState {
  const r = applyK8sCommand(state, cmd);
  if (r.error) throw new Error(r.error);
  return r.state;
}

export interface DeployOptions {
  readonly replicas?: number;
  readonly cpu?: number;
  readonly memory?: number;
  readonly cpuLimit?: number;
  readonly image?: string;
  readonly namespace?: string;
  readonly nodeSelector?: Record<string, string>;
  readonly maxSurge?: number | string;
  readonly maxUnavailable?: number | string;
}

export function deployment(name: string, o: DeployOptions = {}): K8sManifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, ...(o.namespace ? { namespace: o.namespace } : {}) },
    spec: {
      replicas: o.replicas ?? 1,
      selector: { matchLabels: { app: name } },
      ...(o.maxSurge !== undefined || o.maxUnavailable !== undefined
        ? {
            strategy: {
              type: 'RollingUpdate',
              rollingUpdate: {
                maxSurge: o.maxSurge ?? '25%',
                maxUnavailable: o.maxUnavailable ?? '25%',
              },
            },
          }
        : {}),
      template: {
        metadata: { labels: { app: name } },
        spec: {
          ...(o.nodeSelector ? { nodeSelector: o.nodeSelector } : {}),
          containers: [
            {
              name: 'app',
              image: o.image ?? 'nginx:1.25',
              resources: {
                requests: { cpu: o.cpu ?? 100, memory: o.memory ?? 128 * MI },
                ...(o.cpuLimit !== undefined ? { limits: { cpu: o.cpuLimit } } : {}),
              },
            },
          ],
        },
      },
    },
  };
}

export function pod(
  name: string,
  cpu: number,
  extra: Partial<Extract<K8sManifest, { kind: 'Pod' }>['spec']> = {},
): K8sManifest {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { app: name } },
    spec: {
      containers: [{ name: 'c', image: 'busybox:1.36', resources: { requests: { cpu } } }],
      ...extra,
    },
  };
}

export function pods(state: K8sState, prefix = ''): Pod[] {
  return Object.values(state.pods).filter((p) => p.meta.name.startsWith(prefix));
}

export function eventsFor(state: K8sState, name: string, reason?: string) {
  return state.events.filter(
    (e) => e.involvedObject.name === name && (reason === undefined || e.reason === reason),
  );
}
