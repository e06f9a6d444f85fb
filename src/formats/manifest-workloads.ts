/**
 * Validation and conversion of Deployment, ReplicaSet, Service and HorizontalPodAutoscaler specs
 * with the API server's wording [K8S-SRC pkg/apis/apps/validation, core/validation,
 * autoscaling/validation].
 */
import type {
  DeploymentSpec,
  HpaMetric,
  HpaSpec,
  LabelSelector,
  LabelSelectorRequirement,
  PodTemplateSpec,
  ReplicaSetSpec,
  ServiceSpec,
} from '../sim/k8s/objects.ts';
import { selectorMatches } from '../sim/k8s/objects.ts';
import { parseCpuMillicores, parseMemoryBytes } from '../sim/k8s/quantity.ts';
import type { PathSegment } from './diagnostics.ts';
import type { ManifestContext } from './manifest-context.ts';
import { asArr, asObj, isObj } from './manifest-context.ts';
import { readPodSpec, readStringMap } from './manifest-pod.ts';

function readSelector(ctx: ManifestContext, raw: unknown): LabelSelector | undefined {
  if (!isObj(raw)) {
    ctx.required(['spec', 'selector']);
    return undefined;
  }
  const matchLabels = readStringMap(ctx, ['spec', 'selector', 'matchLabels'], raw.matchLabels);
  const matchExpressions = asArr(raw.matchExpressions).map((e, i): LabelSelectorRequirement => {
    const o = asObj(e);
    const op = String(o.operator ?? '');
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(op)) {
      ctx.error(
        ['spec', 'selector', 'matchExpressions', i, 'operator'],
        `Invalid value: "${op}": not a valid selector operator`,
      );
    }
    return {
      key: String(o.key ?? ''),
      operator: op as 'In',
      ...(Array.isArray(o.values) ? { values: o.values.map(String) } : {}),
    };
  });
  const sel = {
    ...(matchLabels ? { matchLabels } : {}),
    ...(matchExpressions.length ? { matchExpressions } : {}),
  };
  if (!matchLabels && matchExpressions.length === 0) {
    ctx.invalid(['spec', 'selector'], sel, 'empty selector is invalid for deployment');
  }
  return sel;
}

function readTemplate(
  ctx: ManifestContext,
  raw: unknown,
  selector: LabelSelector | undefined,
): PodTemplateSpec {
  const t = asObj(raw);
  if (!isObj(raw)) ctx.required(['spec', 'template']);
  const meta = asObj(t.metadata);
  const labels = readStringMap(ctx, ['spec', 'template', 'metadata', 'labels'], meta.labels) ?? {};
  const annotations = readStringMap(
    ctx,
    ['spec', 'template', 'metadata', 'annotations'],
    meta.annotations,
  );
  // The selector must select the template's own labels [K8S-SRC apps/validation ValidateDeploymentSpec].
  if (
    selector &&
    (selector.matchLabels || selector.matchExpressions) &&
    !selectorMatches(selector, labels)
  ) {
    ctx.invalid(
      ['spec', 'template', 'metadata', 'labels'],
      labels,
      '`selector` does not match template `labels`',
    );
  }
  const spec = readPodSpec(ctx, ['spec', 'template', 'spec'], t.spec, true);
  return { metadata: { labels, ...(annotations ? { annotations } : {}) }, spec };
}

function replicas(ctx: ManifestContext, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v))
    ctx.invalid(['spec', 'replicas'], v, 'must be an integer');
  else if (v < 0) ctx.invalid(['spec', 'replicas'], v, 'must be greater than or equal to 0');
  return typeof v === 'number' ? v : undefined;
}

function intOrPercent(
  ctx: ManifestContext,
  path: readonly PathSegment[],
  v: unknown,
): number | string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  if (typeof v === 'string' && /^\d+%$/.test(v)) return v;
  ctx.invalid(
    path,
    v,
    typeof v === 'number'
      ? 'must be greater than or equal to 0'
      : "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
  );
  return undefined;
}

/** Deployment spec (apps/v1). */
export function readDeploymentSpec(ctx: ManifestContext, raw: unknown): DeploymentSpec {
  const s = asObj(raw);
  const selector = readSelector(ctx, s.selector);
  const template = readTemplate(ctx, s.template, selector);
  const strategy = asObj(s.strategy);
  const type = strategy.type ?? 'RollingUpdate';
  if (type !== 'RollingUpdate' && type !== 'Recreate')
    ctx.unsupported(['spec', 'strategy', 'type'], type, ['Recreate', 'RollingUpdate']);
  const ru = asObj(strategy.rollingUpdate);
  const base = ['spec', 'strategy', 'rollingUpdate'];
  const maxSurge = intOrPercent(ctx, [...base, 'maxSurge'], ru.maxSurge);
  const maxUnavailable = intOrPercent(ctx, [...base, 'maxUnavailable'], ru.maxUnavailable);
  if (typeof maxUnavailable === 'string' && Number(maxUnavailable.slice(0, -1)) > 100) {
    ctx.invalid([...base, 'maxUnavailable'], maxUnavailable, 'must not be greater than 100%');
  }
  const zero = (v: number | string | undefined): boolean => v === 0 || v === '0%';
  if (zero(maxSurge) && zero(maxUnavailable))
    ctx.invalid([...base, 'maxUnavailable'], maxUnavailable, 'may not be 0 when `maxSurge` is 0');
  if (type === 'Recreate' && strategy.rollingUpdate !== undefined) {
    ctx.error(base, "Forbidden: may not be specified when strategy `type` is 'Recreate'");
  }
  const r = replicas(ctx, s.replicas);
  const num = (k: string): number | undefined =>
    typeof s[k] === 'number' ? (s[k] as number) : undefined;
  return {
    selector: selector ?? {},
    template,
    ...(r !== undefined ? { replicas: r } : {}),
    strategy: {
      type: type as 'RollingUpdate',
      ...(type === 'RollingUpdate' && (maxSurge !== undefined || maxUnavailable !== undefined)
        ? {
            rollingUpdate: {
              ...(maxSurge !== undefined ? { maxSurge } : {}),
              ...(maxUnavailable !== undefined ? { maxUnavailable } : {}),
            },
          }
        : {}),
    },
    ...(num('minReadySeconds') !== undefined ? { minReadySeconds: num('minReadySeconds') } : {}),
    ...(num('revisionHistoryLimit') !== undefined
      ? { revisionHistoryLimit: num('revisionHistoryLimit') }
      : {}),
    ...(num('progressDeadlineSeconds') !== undefined
      ? { progressDeadlineSeconds: num('progressDeadlineSeconds') }
      : {}),
  };
}

/** ReplicaSet spec (apps/v1). */
export function readReplicaSetSpec(ctx: ManifestContext, raw: unknown): ReplicaSetSpec {
  const s = asObj(raw);
  const selector = readSelector(ctx, s.selector);
  const template = readTemplate(ctx, s.template, selector);
  const r = replicas(ctx, s.replicas);
  return { selector: selector ?? {}, template, ...(r !== undefined ? { replicas: r } : {}) };
}

/** Service spec (v1). ExternalName and headless services are reported as not simulated. */
export function readServiceSpec(ctx: ManifestContext, raw: unknown): ServiceSpec {
  const s = asObj(raw);
  const type = s.type ?? 'ClusterIP';
  const supported = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
  if (!supported.includes(String(type))) ctx.unsupported(['spec', 'type'], type, supported);
  if (type === 'ExternalName')
    ctx.warn(['spec', 'type'], 'type ExternalName is not simulated; treated as ClusterIP');
  const ports = asArr(s.ports);
  if (ports.length === 0 && type !== 'ExternalName') ctx.required(['spec', 'ports']);
  const names = new Set<string>();
  const out = ports.map((p, i) => {
    const o = asObj(p);
    const port = o.port;
    if (port === undefined) ctx.required(['spec', 'ports', i, 'port']);
    else if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
      ctx.invalid(['spec', 'ports', i, 'port'], port, 'must be between 1 and 65535, inclusive');
    }
    if (ports.length > 1 && typeof o.name !== 'string') ctx.required(['spec', 'ports', i, 'name']);
    if (typeof o.name === 'string') {
      if (names.has(o.name))
        ctx.error(['spec', 'ports', i, 'name'], `Duplicate value: "${o.name}"`);
      names.add(o.name);
    }
    const tp = o.targetPort;
    return {
      port: Number(port),
      ...(typeof o.name === 'string' ? { name: o.name } : {}),
      ...(typeof tp === 'number' || typeof tp === 'string' ? { targetPort: tp } : {}),
      ...(o.protocol !== undefined ? { protocol: o.protocol as 'TCP' } : {}),
      ...(typeof o.nodePort === 'number' ? { nodePort: o.nodePort } : {}),
    };
  });
  const selector = readStringMap(ctx, ['spec', 'selector'], s.selector);
  return {
    type: (type === 'ExternalName' ? 'ClusterIP' : type) as 'ClusterIP',
    ports: out,
    ...(selector ? { selector } : {}),
  };
}

/** HorizontalPodAutoscaler spec (autoscaling/v2); only Resource metrics are simulated. */
export function readHpaSpec(ctx: ManifestContext, raw: unknown): HpaSpec {
  const s = asObj(raw);
  const ref = asObj(s.scaleTargetRef);
  if (!isObj(s.scaleTargetRef)) ctx.required(['spec', 'scaleTargetRef']);
  else {
    if (typeof ref.kind !== 'string' || !ref.kind) ctx.required(['spec', 'scaleTargetRef', 'kind']);
    if (typeof ref.name !== 'string' || !ref.name) ctx.required(['spec', 'scaleTargetRef', 'name']);
    if (typeof ref.kind === 'string' && ref.kind !== 'Deployment')
      ctx.warn(
        ['spec', 'scaleTargetRef', 'kind'],
        `scaling a ${ref.kind} is not simulated (only Deployment)`,
      );
  }
  // A wrong type is reported like the other integer fields here (`Invalid value: "one": must be
  // an integer`), not as a range error: a string is not "less than 1" (HPA v2 fields are int32).
  const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
  const max = s.maxReplicas;
  if (max === undefined) ctx.required(['spec', 'maxReplicas']);
  else if (!isInt(max)) ctx.invalid(['spec', 'maxReplicas'], max, 'must be an integer');
  else if (max < 1) ctx.invalid(['spec', 'maxReplicas'], max, 'must be greater than or equal to 1');
  const min = s.minReplicas;
  if (min !== undefined) {
    if (!isInt(min)) ctx.invalid(['spec', 'minReplicas'], min, 'must be an integer');
    else if (min < 1)
      ctx.invalid(['spec', 'minReplicas'], min, 'must be greater than or equal to 1');
    else if (isInt(max) && min > max)
      ctx.invalid(['spec', 'minReplicas'], min, 'must be less than or equal to maxReplicas');
  }
  const metrics: HpaMetric[] = [];
  asArr(s.metrics).forEach((m, i) => {
    const o = asObj(m);
    const path: PathSegment[] = ['spec', 'metrics', i];
    if (o.type !== 'Resource') {
      ctx.warn(
        [...path, 'type'],
        `metric type ${String(o.type)} is not simulated (only Resource cpu/memory)`,
      );
      return;
    }
    const res = asObj(o.resource);
    const name = res.name;
    if (name !== 'cpu' && name !== 'memory') {
      ctx.warn(
        [...path, 'resource', 'name'],
        `resource ${String(name)} is not simulated (only cpu and memory)`,
      );
      return;
    }
    const t = asObj(res.target);
    if (t.type === 'Utilization') {
      const u = t.averageUtilization;
      if (typeof u !== 'number' || u <= 0)
        ctx.invalid(
          [...path, 'resource', 'target', 'averageUtilization'],
          u ?? 0,
          'must be greater than 0',
        );
      metrics.push({
        type: 'Resource',
        resource: { name, target: { type: 'Utilization', averageUtilization: Number(u) } },
      });
    } else if (t.type === 'AverageValue') {
      const v = t.averageValue;
      const parsed =
        typeof v === 'string' || typeof v === 'number'
          ? name === 'cpu'
            ? parseCpuMillicores(v)
            : parseMemoryBytes(v)
          : undefined;
      if (parsed === undefined || parsed <= 0)
        ctx.invalid([...path, 'resource', 'target', 'averageValue'], v ?? 0, 'must be positive');
      metrics.push({
        type: 'Resource',
        resource: { name, target: { type: 'AverageValue', averageValue: parsed ?? 0 } },
      });
    } else
      ctx.unsupported([...path, 'resource', 'target', 'type'], t.type ?? '', [
        'AverageValue',
        'Utilization',
        'Value',
      ]);
  });
  return {
    scaleTargetRef: {
      kind: String(ref.kind ?? ''),
      name: String(ref.name ?? ''),
      ...(typeof ref.apiVersion === 'string' ? { apiVersion: ref.apiVersion } : {}),
    },
    maxReplicas: Number(max ?? 1),
    ...(typeof min === 'number' ? { minReplicas: min } : {}),
    ...(metrics.length ? { metrics } : {}),
    ...(isObj(s.behavior) ? { behavior: s.behavior as HpaSpec['behavior'] } : {}),
  };
}
