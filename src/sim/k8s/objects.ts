/**
 * Kubernetes API objects as a manifest declares them (after parsing, with quantities converted to
 * millicores/bytes). src/formats/manifest.ts produces these; the APPLY command consumes them. Field
 * names follow the Kubernetes API (`spec.template.spec.containers[].resources.requests.cpu`).
 */

export type Labels = Readonly<Record<string, string>>;

export interface ObjectMeta {
  readonly name: string;
  /** Absent means "default" for namespaced kinds. */
  readonly namespace?: string;
  readonly labels?: Labels;
  readonly annotations?: Labels;
}

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values?: readonly string[];
}

export interface LabelSelector {
  readonly matchLabels?: Labels;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';

export interface Toleration {
  readonly key?: string;
  readonly operator?: 'Equal' | 'Exists';
  readonly value?: string;
  readonly effect?: TaintEffect;
  readonly tolerationSeconds?: number;
}

/** Requests/limits: cpu in millicores, memory in bytes. */
export interface ResourceList {
  readonly cpu?: number;
  readonly memory?: number;
}

export interface Probe {
  readonly initialDelaySeconds: number;
  readonly periodSeconds: number;
  readonly failureThreshold: number;
}

export interface ContainerSpec {
  readonly name: string;
  readonly image: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly ports?: readonly {
    readonly containerPort: number;
    readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
    readonly name?: string;
  }[];
  readonly resources?: { readonly requests?: ResourceList; readonly limits?: ResourceList };
  readonly env?: readonly { readonly name: string; readonly value?: string }[];
  readonly readinessProbe?: Probe;
  readonly livenessProbe?: Probe;
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
}

export interface PodSpec {
  readonly containers: readonly ContainerSpec[];
  readonly initContainers?: readonly ContainerSpec[];
  readonly nodeSelector?: Labels;
  readonly tolerations?: readonly Toleration[];
  readonly restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  readonly terminationGracePeriodSeconds?: number;
  readonly nodeName?: string;
  readonly schedulerName?: string;
}

export interface PodTemplateSpec {
  readonly metadata: { readonly labels?: Labels; readonly annotations?: Labels };
  readonly spec: PodSpec;
}

export interface DeploymentStrategy {
  readonly type: 'RollingUpdate' | 'Recreate';
  /** Integer or percentage string such as "25%". */
  readonly rollingUpdate?: {
    readonly maxSurge?: number | string;
    readonly maxUnavailable?: number | string;
  };
}

export interface DeploymentSpec {
  readonly replicas?: number;
  readonly selector: LabelSelector;
  readonly template: PodTemplateSpec;
  readonly strategy?: DeploymentStrategy;
  readonly minReadySeconds?: number;
  readonly revisionHistoryLimit?: number;
  readonly progressDeadlineSeconds?: number;
}

export interface ReplicaSetSpec {
  readonly replicas?: number;
  readonly selector: LabelSelector;
  readonly template: PodTemplateSpec;
  readonly minReadySeconds?: number;
}

export interface ServicePort {
  readonly name?: string;
  readonly port: number;
  readonly targetPort?: number | string;
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP';
  readonly nodePort?: number;
}

export interface ServiceSpec {
  readonly type?: 'ClusterIP' | 'LoadBalancer' | 'NodePort';
  readonly selector?: Labels;
  readonly ports: readonly ServicePort[];
}

export interface MetricTarget {
  readonly type: 'Utilization' | 'AverageValue';
  readonly averageUtilization?: number;
  /** Millicores for cpu, bytes for memory. */
  readonly averageValue?: number;
}

export interface HpaMetric {
  readonly type: 'Resource';
  readonly resource: { readonly name: 'cpu' | 'memory'; readonly target: MetricTarget };
}

export interface HpaScalingRules {
  readonly stabilizationWindowSeconds?: number;
  readonly selectPolicy?: 'Max' | 'Min' | 'Disabled';
  readonly policies?: readonly {
    readonly type: 'Pods' | 'Percent';
    readonly value: number;
    readonly periodSeconds: number;
  }[];
}

export interface HpaSpec {
  readonly scaleTargetRef: {
    readonly apiVersion?: string;
    readonly kind: string;
    readonly name: string;
  };
  readonly minReplicas?: number;
  readonly maxReplicas: number;
  readonly metrics?: readonly HpaMetric[];
  readonly behavior?: { readonly scaleUp?: HpaScalingRules; readonly scaleDown?: HpaScalingRules };
}

/** One object from a manifest file, of a kind the simulator runs. */
export type K8sManifest =
  | { readonly apiVersion: 'v1'; readonly kind: 'Namespace'; readonly metadata: ObjectMeta }
  | {
      readonly apiVersion: 'v1';
      readonly kind: 'Pod';
      readonly metadata: ObjectMeta;
      readonly spec: PodSpec;
    }
  | {
      readonly apiVersion: 'apps/v1';
      readonly kind: 'ReplicaSet';
      readonly metadata: ObjectMeta;
      readonly spec: ReplicaSetSpec;
    }
  | {
      readonly apiVersion: 'apps/v1';
      readonly kind: 'Deployment';
      readonly metadata: ObjectMeta;
      readonly spec: DeploymentSpec;
    }
  | {
      readonly apiVersion: 'v1';
      readonly kind: 'Service';
      readonly metadata: ObjectMeta;
      readonly spec: ServiceSpec;
    }
  | {
      readonly apiVersion: 'autoscaling/v2';
      readonly kind: 'HorizontalPodAutoscaler';
      readonly metadata: ObjectMeta;
      readonly spec: HpaSpec;
    };

export type K8sKind = K8sManifest['kind'];

/** Pure: true when every selector requirement holds for the labels [K8S-WEB labels selectors]. */
export function selectorMatches(selector: LabelSelector, labels: Labels | undefined): boolean {
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const req of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, req.key);
    const value = l[req.key];
    const inValues = value !== undefined && (req.values ?? []).includes(value);
    if (req.operator === 'In' && !inValues) return false;
    if (req.operator === 'NotIn' && inValues) return false;
    if (req.operator === 'Exists' && !has) return false;
    if (req.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** Pure: a selector written as kubectl prints it ("app=web,tier in (a,b)"). */
export function formatSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const r of selector.matchExpressions ?? []) {
    if (r.operator === 'Exists') parts.push(r.key);
    else if (r.operator === 'DoesNotExist') parts.push(`!${r.key}`);
    else
      parts.push(
        `${r.key} ${r.operator === 'In' ? 'in' : 'notin'} (${(r.values ?? []).join(',')})`,
      );
  }
  return parts.join(',');
}
