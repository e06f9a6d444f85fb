/**
 * Kubernetes manifest files: multi-document YAML → typed objects for the kinds the simulator runs
 * (Namespace, Pod, ReplicaSet, Deployment, Service, HorizontalPodAutoscaler), validated the way the
 * API server would refuse them, each problem with file, line, column and field path. Other kinds
 * become a warning ("kind X is not simulated"); nothing throws. Pure: no I/O.
 */
import { LineCounter, parseAllDocuments } from 'yaml';
import type { K8sManifest } from '../sim/k8s/objects.ts';
import type { Diagnostic } from './diagnostics.ts';
import { sortDiagnostics } from './diagnostics.ts';
import { checkInputLimits } from './input-limits.ts';
import { ManifestContext, asObj, isObj } from './manifest-context.ts';
import type { NameRule } from './manifest-pod.ts';
import { readMeta, readPodSpec } from './manifest-pod.ts';
import {
  readDeploymentSpec,
  readHpaSpec,
  readReplicaSetSpec,
  readServiceSpec,
} from './manifest-workloads.ts';

export interface ManifestParseResult {
  /** Objects without errors, in file order. */
  readonly objects: readonly K8sManifest[];
  readonly diagnostics: readonly Diagnostic[];
}

/** apiVersion each simulated kind must use, and the name rule of its metadata.name. */
const KINDS: Readonly<Record<string, { apiVersion: string; rule: NameRule }>> = {
  Namespace: { apiVersion: 'v1', rule: 'label' },
  Pod: { apiVersion: 'v1', rule: 'subdomain' },
  ReplicaSet: { apiVersion: 'apps/v1', rule: 'subdomain' },
  Deployment: { apiVersion: 'apps/v1', rule: 'subdomain' },
  Service: { apiVersion: 'v1', rule: 'dns1035' },
  HorizontalPodAutoscaler: { apiVersion: 'autoscaling/v2', rule: 'subdomain' },
};

// Aliases can expand exponentially; manifests need few.
const MAX_ALIAS_COUNT = 100;

/** Pure: parses every document of `text`; never throws. */
export function parseManifests(text: string, fileName: string): ManifestParseResult {
  // Huge or deeply nested files are refused before parsing (issue 9: no frozen tab, no stack overflow).
  const tooBig = checkInputLimits(text, fileName, 'Manifest', 'yaml');
  if (tooBig) return { objects: [], diagnostics: [tooBig] };
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const diagnostics: Diagnostic[] = [];
  const objects: K8sManifest[] = [];
  // For empty input parseAllDocuments returns an EmptyStream: an empty array.
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const { line, col } = lineCounter.linePos(e.pos[0]);
        diagnostics.push({
          file: fileName,
          line,
          column: col,
          path: '',
          message: `error converting YAML to JSON: ${e.message.split('\n')[0]}`,
          severity: 'error',
        });
      }
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch {
      const { line, col } = lineCounter.linePos(doc.range[0]);
      diagnostics.push({
        file: fileName,
        line,
        column: col,
        path: '',
        message: 'error converting YAML to JSON: too many aliases',
        severity: 'error',
      });
      continue;
    }
    if (value === null || value === undefined) continue; // empty document between `---`
    const ctx = new ManifestContext(fileName, doc, lineCounter);
    const obj = readObject(ctx, value);
    diagnostics.push(...ctx.diagnostics);
    if (obj && !ctx.failed) objects.push(obj);
  }
  return { objects, diagnostics: sortDiagnostics(diagnostics) };
}

/**
 * The kinds each built-in group version serves (Kubernetes 1.31 API reference, `kubectl
 * api-resources`; `List` is kubectl's own v1 wrapper). Only these group versions are checked: any
 * other apiVersion may be a custom resource.
 */
const BUILT_IN_KINDS: Readonly<Record<string, readonly string[]>> = {
  v1: [
    'Binding',
    'ComponentStatus',
    'ConfigMap',
    'Endpoints',
    'Event',
    'LimitRange',
    'List',
    'Namespace',
    'Node',
    'PersistentVolume',
    'PersistentVolumeClaim',
    'Pod',
    'PodTemplate',
    'ReplicationController',
    'ResourceQuota',
    'Secret',
    'Service',
    'ServiceAccount',
  ],
  'apps/v1': ['ControllerRevision', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
  'batch/v1': ['CronJob', 'Job'],
  'autoscaling/v1': ['HorizontalPodAutoscaler'],
  'autoscaling/v2': ['HorizontalPodAutoscaler'],
  'networking.k8s.io/v1': ['Ingress', 'IngressClass', 'NetworkPolicy'],
  'policy/v1': ['PodDisruptionBudget'],
  'rbac.authorization.k8s.io/v1': ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
  'storage.k8s.io/v1': [
    'CSIDriver',
    'CSINode',
    'CSIStorageCapacity',
    'StorageClass',
    'VolumeAttachment',
  ],
};

function readObject(ctx: ManifestContext, value: unknown): K8sManifest | undefined {
  if (!isObj(value)) {
    ctx.error(
      [],
      'error validating data: the document is not a mapping (expected an object with apiVersion and kind)',
    );
    return undefined;
  }
  const kind = value.kind;
  const apiVersion = value.apiVersion;
  if (typeof kind !== 'string' || !kind || typeof apiVersion !== 'string' || !apiVersion) {
    const missing = [
      ...(typeof apiVersion !== 'string' || !apiVersion ? ['apiVersion not set'] : []),
      ...(typeof kind !== 'string' || !kind ? ['kind not set'] : []),
    ];
    ctx.error([], `error validating data: [${missing.join(', ')}]`);
    return undefined;
  }
  const spec = KINDS[kind];
  if (!spec) {
    // A group version Kubernetes serves itself, and a kind it does not have there: a typo
    // ("Servise"). kubectl apply refuses it: "no matches for kind … in version …". A real kind
    // that is not simulated (ConfigMap, Ingress) or a custom resource is only ignored.
    const builtIn = BUILT_IN_KINDS[apiVersion];
    if (builtIn !== undefined && !builtIn.includes(kind)) {
      ctx.report(
        ['kind'],
        `no matches for kind "${kind}" in version "${apiVersion}"`,
        'error',
        false,
      );
      return undefined;
    }
    ctx.report(['kind'], `kind ${kind} is not simulated; the object is ignored`, 'warning', false);
    return undefined;
  }
  if (apiVersion !== spec.apiVersion) {
    if (kind === 'HorizontalPodAutoscaler' && apiVersion === 'autoscaling/v1') {
      ctx.report(
        ['apiVersion'],
        'autoscaling/v1 HorizontalPodAutoscaler is not simulated; use autoscaling/v2',
        'warning',
        false,
      );
    } else {
      ctx.report(
        ['apiVersion'],
        `no matches for kind "${kind}" in version "${apiVersion}"`,
        'error',
        false,
      );
    }
    return undefined;
  }
  const metadata = readMeta(ctx, value.metadata, spec.rule, kind !== 'Namespace');
  if (kind === 'Namespace') return { apiVersion: 'v1', kind, metadata };
  if (value.spec === undefined) {
    ctx.required(['spec']);
    return undefined;
  }
  switch (kind) {
    case 'Pod':
      return {
        apiVersion: 'v1',
        kind,
        metadata,
        spec: readPodSpec(ctx, ['spec'], value.spec, false),
      };
    case 'ReplicaSet':
      return { apiVersion: 'apps/v1', kind, metadata, spec: readReplicaSetSpec(ctx, value.spec) };
    case 'Deployment':
      return { apiVersion: 'apps/v1', kind, metadata, spec: readDeploymentSpec(ctx, value.spec) };
    case 'Service':
      return { apiVersion: 'v1', kind, metadata, spec: readServiceSpec(ctx, value.spec) };
    default:
      return {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata,
        spec: readHpaSpec(ctx, asObj(value.spec)),
      };
  }
}
