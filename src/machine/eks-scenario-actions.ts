/**
 * The scenario action (YAML-ready object) for an EKS command in the command log, so an experiment
 * holding typed kubectl lines or EKS load changes saves and exports as a valid scenario
 * (src/formats/scenario-eks-actions.ts reads them back to the same commands). Manifests are written
 * back as YAML with Kubernetes quantities ("250m" CPU, memory in bytes), which the manifest parser
 * reads to the same objects. Commands without a scenario action return undefined (left out).
 */
import { stringify } from 'yaml';
import type { K8sCommand, K8sManifest } from '../sim/k8s/index.ts';

const KIND_WORD: Readonly<Record<K8sManifest['kind'], string>> = {
  Namespace: 'namespace',
  Pod: 'pod',
  ReplicaSet: 'replicaset',
  Deployment: 'deployment',
  Service: 'service',
  HorizontalPodAutoscaler: 'hpa',
};

/** Quantities as the API writes them: CPU in millicores ("250m"), memory as a byte count. */
function withQuantities(value: unknown, key = '', metric = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => withQuantities(v, '', metric));
  if (value !== null && typeof value === 'object') {
    const rec = value as Record<string, unknown>;
    const name = typeof rec.name === 'string' ? rec.name : metric;
    return Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, withQuantities(v, k, name)]));
  }
  if (typeof value === 'number') {
    if (key === 'cpu' || (key === 'averageValue' && metric === 'cpu')) return `${value}m`;
    if (key === 'memory' || (key === 'averageValue' && metric === 'memory')) return String(value);
  }
  return value;
}

/** Pure: the manifests as one multi-document YAML text. */
export function manifestsYaml(objects: readonly K8sManifest[]): string {
  return objects.map((o) => stringify(withQuantities(o), { lineWidth: 0 })).join('---\n');
}

/** Pure: the scenario action for one EKS command, or undefined when there is none. */
export function eksScenarioAction(c: K8sCommand): Record<string, unknown> | undefined {
  const ns = (n: string | undefined) => ` -n ${n ?? 'default'}`;
  switch (c.type) {
    case 'APPLY':
      return { type: 'APPLY_MANIFEST', manifest: manifestsYaml(c.objects) };
    case 'SCALE':
      return {
        type: 'KUBECTL',
        line: `kubectl scale ${c.kind === 'ReplicaSet' ? 'replicaset' : 'deployment'}/${c.name} --replicas=${c.replicas}${ns(c.namespace)}`,
      };
    case 'DELETE':
      return {
        type: 'KUBECTL',
        line: `kubectl delete ${KIND_WORD[c.kind]} ${c.name}${c.kind === 'Namespace' ? '' : ns(c.namespace)}`,
      };
    case 'ROLLOUT_UNDO':
      return {
        type: 'KUBECTL',
        line: `kubectl rollout undo deployment/${c.name}${c.toRevision !== undefined ? ` --to-revision=${c.toRevision}` : ''}${ns(c.namespace)}`,
      };
    case 'SET_SERVICE_LOAD': {
      // The scenario format takes a bare shape; a noisy profile has no exact equivalent.
      if ('shape' in c.load && (c.load.noise ?? 0) > 0) return undefined;
      if (c.app !== undefined) return undefined;
      return {
        type: 'SET_SERVICE_LOAD',
        service: c.service,
        namespace: c.namespace ?? 'default',
        load: 'shape' in c.load ? c.load.shape : c.load,
      };
    }
    case 'SET_IMAGE_BEHAVIOUR':
      return { ...c };
    case 'ADD_NODE_POOL':
      return { ...c };
    case 'NODE_NOT_READY':
      return { type: 'EKS_NODE_NOT_READY', node: c.name };
    case 'NODE_READY':
      return { type: 'EKS_NODE_READY', node: c.name };
    default:
      return undefined;
  }
}
