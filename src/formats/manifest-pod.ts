/**
 * Validation and conversion of object metadata and pod specs (used by Pod, ReplicaSet and
 * Deployment templates), with the API server's wording [K8S-SRC pkg/apis/core/validation,
 * apimachinery validation (DNS-1123 / DNS-1035 messages)].
 */
import type {
  ContainerSpec,
  Labels,
  ObjectMeta,
  PodSpec,
  Probe,
  ResourceList,
  Toleration,
} from '../sim/k8s/objects.ts';
import { QUANTITY_ERROR, parseCpuMillicores, parseMemoryBytes } from '../sim/k8s/quantity.ts';
import type { PathSegment } from './diagnostics.ts';
import type { ManifestContext, Obj } from './manifest-context.ts';
import { asArr, asObj, isObj } from './manifest-context.ts';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
export const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
export const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

export type NameRule = 'subdomain' | 'label' | 'dns1035';

/** Validates a name by the rule its kind uses; reports at `path`. Returns true when valid. */
export function checkName(
  ctx: ManifestContext,
  path: readonly PathSegment[],
  name: string,
  rule: NameRule,
): boolean {
  const max = rule === 'subdomain' ? 253 : 63;
  if (name.length > max) {
    ctx.invalid(path, name, `must be no more than ${max} characters`);
    return false;
  }
  const [re, msg] =
    rule === 'subdomain'
      ? [DNS1123_SUBDOMAIN, SUBDOMAIN_MSG]
      : rule === 'label'
        ? [DNS1123_LABEL, LABEL_MSG]
        : [DNS1035_LABEL, DNS1035_MSG];
  if (!re.test(name)) {
    ctx.invalid(path, name, msg);
    return false;
  }
  return true;
}

function stringMap(
  ctx: ManifestContext,
  path: readonly PathSegment[],
  v: unknown,
): Labels | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) {
    ctx.invalid(path, v, 'must be a map of string keys to string values');
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    if (typeof val !== 'string')
      ctx.invalid(
        [...path, k],
        val,
        'label and annotation values must be strings (quote numbers and booleans)',
      );
    else out[k] = val;
  }
  return out;
}

/** Validates `metadata` (name rule per kind) and returns it typed. */
export function readMeta(
  ctx: ManifestContext,
  raw: unknown,
  rule: NameRule,
  namespaced = true,
): ObjectMeta {
  const m = asObj(raw);
  const name = typeof m.name === 'string' ? m.name : '';
  if (!name) ctx.required(['metadata', 'name'], 'name or generateName is required');
  else checkName(ctx, ['metadata', 'name'], name, rule);
  const ns = typeof m.namespace === 'string' ? m.namespace : undefined;
  if (ns !== undefined && namespaced) checkName(ctx, ['metadata', 'namespace'], ns, 'label');
  const labels = stringMap(ctx, ['metadata', 'labels'], m.labels);
  const annotations = stringMap(ctx, ['metadata', 'annotations'], m.annotations);
  return {
    name,
    ...(ns !== undefined && namespaced ? { namespace: ns } : {}),
    ...(labels ? { labels } : {}),
    ...(annotations ? { annotations } : {}),
  };
}

export { stringMap as readStringMap };

function quantity(
  ctx: ManifestContext,
  path: readonly PathSegment[],
  v: unknown,
  kind: 'cpu' | 'memory',
): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' && typeof v !== 'number') {
    ctx.invalid(path, v, QUANTITY_ERROR);
    return undefined;
  }
  const parsed = kind === 'cpu' ? parseCpuMillicores(v) : parseMemoryBytes(v);
  if (parsed === undefined) ctx.invalid(path, String(v), QUANTITY_ERROR);
  else if (parsed < 0) ctx.invalid(path, String(v), 'must be greater than or equal to 0');
  return parsed;
}

function resources(
  ctx: ManifestContext,
  path: readonly PathSegment[],
  raw: unknown,
): ContainerSpec['resources'] {
  const r = asObj(raw);
  const read = (which: 'requests' | 'limits'): ResourceList | undefined => {
    const o = r[which];
    if (o === undefined) return undefined;
    const obj = asObj(o);
    const cpu = quantity(ctx, [...path, which, 'cpu'], obj.cpu, 'cpu');
    const memory = quantity(ctx, [...path, which, 'memory'], obj.memory, 'memory');
    return { ...(cpu !== undefined ? { cpu } : {}), ...(memory !== undefined ? { memory } : {}) };
  };
  const requests = read('requests');
  const limits = read('limits');
  for (const res of ['cpu', 'memory'] as const) {
    const req = requests?.[res];
    const lim = limits?.[res];
    if (req !== undefined && lim !== undefined && req > lim) {
      const rawReq = asObj(r.requests)[res];
      const rawLim = asObj(r.limits)[res];
      ctx.invalid(
        [...path, 'requests'],
        String(rawReq),
        `must be less than or equal to ${res} limit of ${String(rawLim)}`,
      );
    }
  }
  return { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) };
}

function intField(
  ctx: ManifestContext,
  path: readonly PathSegment[],
  v: unknown,
  min: number,
  fallback: number,
): number {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    ctx.invalid(path, v, 'must be an integer');
    return fallback;
  }
  if (v < min) ctx.invalid(path, v, `must be greater than or equal to ${min}`);
  return v;
}

function probe(
  ctx: ManifestContext,
  path: readonly PathSegment[],
  raw: unknown,
): Probe | undefined {
  if (raw === undefined) return undefined;
  const p = asObj(raw);
  return {
    initialDelaySeconds: intField(
      ctx,
      [...path, 'initialDelaySeconds'],
      p.initialDelaySeconds,
      0,
      0,
    ),
    periodSeconds: intField(ctx, [...path, 'periodSeconds'], p.periodSeconds, 1, 10),
    failureThreshold: intField(ctx, [...path, 'failureThreshold'], p.failureThreshold, 1, 3),
  };
}

function container(ctx: ManifestContext, path: readonly PathSegment[], raw: Obj): ContainerSpec {
  const name = typeof raw.name === 'string' ? raw.name : '';
  if (!name) ctx.required([...path, 'name']);
  else checkName(ctx, [...path, 'name'], name, 'label');
  const image = typeof raw.image === 'string' ? raw.image : '';
  if (!image) ctx.required([...path, 'image']);
  const ports = asArr(raw.ports).map((p, i) => {
    const port = asObj(p);
    const cp = port.containerPort;
    if (cp === undefined) ctx.required([...path, 'ports', i, 'containerPort']);
    else if (typeof cp !== 'number' || !Number.isInteger(cp) || cp < 1 || cp > 65535) {
      ctx.invalid(
        [...path, 'ports', i, 'containerPort'],
        cp,
        'must be between 1 and 65535, inclusive',
      );
    }
    const protocol = port.protocol ?? 'TCP';
    if (!['TCP', 'UDP', 'SCTP'].includes(String(protocol)))
      ctx.unsupported([...path, 'ports', i, 'protocol'], protocol, ['SCTP', 'TCP', 'UDP']);
    return {
      containerPort: Number(cp),
      protocol: protocol as 'TCP',
      ...(typeof port.name === 'string' ? { name: port.name } : {}),
    };
  });
  const strings = (v: unknown): string[] | undefined =>
    Array.isArray(v) ? v.map(String) : undefined;
  const command = strings(raw.command);
  const args = strings(raw.args);
  const readinessProbe = probe(ctx, [...path, 'readinessProbe'], raw.readinessProbe);
  const livenessProbe = probe(ctx, [...path, 'livenessProbe'], raw.livenessProbe);
  const pull = raw.imagePullPolicy;
  if (pull !== undefined && !['Always', 'IfNotPresent', 'Never'].includes(String(pull))) {
    ctx.unsupported([...path, 'imagePullPolicy'], pull, ['Always', 'IfNotPresent', 'Never']);
  }
  return {
    name,
    image,
    ...(ports.length ? { ports } : {}),
    ...(command ? { command } : {}),
    ...(args ? { args } : {}),
    ...(raw.resources !== undefined
      ? { resources: resources(ctx, [...path, 'resources'], raw.resources) }
      : {}),
    ...(raw.env !== undefined
      ? {
          env: asArr(raw.env).map((e) => ({
            name: String(asObj(e).name ?? ''),
            value: String(asObj(e).value ?? ''),
          })),
        }
      : {}),
    ...(readinessProbe ? { readinessProbe } : {}),
    ...(livenessProbe ? { livenessProbe } : {}),
    ...(pull !== undefined ? { imagePullPolicy: pull as 'Always' } : {}),
  };
}

/** Validates a pod spec at `path`; `onlyAlways` for workload templates (restartPolicy must be Always). */
export function readPodSpec(
  ctx: ManifestContext,
  path: readonly PathSegment[],
  raw: unknown,
  onlyAlways: boolean,
): PodSpec {
  const s = asObj(raw);
  const list = (key: 'containers' | 'initContainers'): ContainerSpec[] => {
    const items = asArr(s[key]);
    const seen = new Set<string>();
    return items.map((c, i) => {
      const spec = container(ctx, [...path, key, i], asObj(c));
      if (spec.name && seen.has(spec.name))
        ctx.error([...path, key, i, 'name'], `Duplicate value: "${spec.name}"`);
      seen.add(spec.name);
      return spec;
    });
  };
  if (asArr(s.containers).length === 0) ctx.required([...path, 'containers']);
  const containers = list('containers');
  const initContainers = s.initContainers !== undefined ? list('initContainers') : undefined;
  const restartPolicy = s.restartPolicy;
  if (restartPolicy !== undefined) {
    const allowed = onlyAlways ? ['Always'] : ['Always', 'OnFailure', 'Never'];
    if (!allowed.includes(String(restartPolicy)))
      ctx.unsupported([...path, 'restartPolicy'], restartPolicy, allowed);
  }
  const nodeSelector = stringMap(ctx, [...path, 'nodeSelector'], s.nodeSelector);
  const tolerations = asArr(s.tolerations).map((t, i): Toleration => {
    const o = asObj(t);
    const op = o.operator ?? 'Equal';
    if (op !== 'Equal' && op !== 'Exists')
      ctx.unsupported([...path, 'tolerations', i, 'operator'], op, ['Equal', 'Exists']);
    const effect = o.effect;
    if (
      effect !== undefined &&
      effect !== '' &&
      !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(String(effect))
    ) {
      ctx.unsupported([...path, 'tolerations', i, 'effect'], effect, [
        'NoExecute',
        'NoSchedule',
        'PreferNoSchedule',
      ]);
    }
    return {
      ...(typeof o.key === 'string' ? { key: o.key } : {}),
      operator: op as 'Equal',
      ...(typeof o.value === 'string' ? { value: o.value } : {}),
      ...(typeof effect === 'string' && effect !== '' ? { effect: effect as 'NoSchedule' } : {}),
      ...(typeof o.tolerationSeconds === 'number'
        ? { tolerationSeconds: o.tolerationSeconds }
        : {}),
    };
  });
  return {
    containers,
    ...(initContainers ? { initContainers } : {}),
    ...(nodeSelector ? { nodeSelector } : {}),
    ...(tolerations.length ? { tolerations } : {}),
    ...(restartPolicy !== undefined ? { restartPolicy: restartPolicy as 'Always' } : {}),
    ...(typeof s.terminationGracePeriodSeconds === 'number'
      ? { terminationGracePeriodSeconds: s.terminationGracePeriodSeconds }
      : {}),
    ...(typeof s.nodeName === 'string' ? { nodeName: s.nodeName } : {}),
    ...(typeof s.schedulerName === 'string' ? { schedulerName: s.schedulerName } : {}),
  };
}
